/// @file RSS 2.0 (and 0.9x/1.0 RDF) and Atom feeds, read with libxml2's streaming reader:
/// one item in memory at a time, no DTD, no entity expansion, no network.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::ingest {

struct FeedEntry {
  std::string key;        ///< guid (RSS) / id (Atom), else the link; empty when neither
  std::string title;      ///< plain text (markup in a title is reduced to its text)
  std::string url;        ///< the item's link, http(s) only
  std::string published;  ///< web_date() of pubDate / published / dc:date; empty if none
  std::string updated;    ///< web_date() of atom:updated; empty if none
  std::vector<std::string> authors;     ///< author / dc:creator / atom:author/name
  std::vector<std::string> categories;  ///< category (RSS text, Atom @term or @label)
  std::string content;    ///< content:encoded / atom:content, as given
  bool content_is_html = false;
  std::string summary;    ///< description / atom:summary, as given
  bool summary_is_html = false;
  std::string where;      ///< "item 3" / "entry 3" (1-based), for warnings
};

struct Feed {
  std::string title;     ///< the channel's / feed's title
  std::string url;       ///< the channel's link / the feed's alternate link
  std::string language;  ///< channel language / xml:lang, BCP 47
  std::vector<FeedEntry> entries;
  std::vector<std::string> warnings;  ///< items passed over or repaired, with their `where`
};

/// Whether `bytes` start like a feed: an XML document whose root element is rss, rdf:RDF
/// or Atom's feed (for `.xml` files, which are often something else). Pure.
bool looks_like_feed(std::string_view bytes);

/// The feed in `bytes`, or nothing with `error` set ("not XML", "not an RSS or Atom
/// feed", "truncated at line 12: ..."). A feed cut off after some complete items gives
/// those items, with a warning. Pure; never throws on content; memory stays bounded by the
/// largest item, not the feed.
std::optional<Feed> read_feed(std::string_view bytes, std::string& error);

}  // namespace article_search::ingest
