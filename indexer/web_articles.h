/// @file Articles from what the web publishes: a saved HTML page is one article (its main
/// text and what its metadata states), a feed is one article per item. Pure: bytes in,
/// corpus entries out; the ingest library does the parsing.
#pragma once

#include "corpus.h"

#include <string>
#include <string_view>
#include <vector>

namespace article_search::corpus {

/// Pages larger than this are skipped: a libxml2 tree takes several times the page's
/// bytes, and real article pages are well under 5 MB.
inline constexpr std::size_t max_page_bytes = 16u << 20;

/// The article of a saved page. Its id and path come from `relative` as for text files;
/// its source is the publisher the page names, else the host of its url, else
/// `folder_source`. Skipped when the page has no article text.
Entry page_entry(std::string_view bytes, const std::string& relative,
                 const std::string& folder_source, const std::string& where);

/// The articles of a feed, one per item: id `<feed id>/<16 hex digits>` from a hash of
/// the item's guid or id (else its link, else its title and date), so it is stable
/// across versions of the feed. Source: the feed's title, else the host of its link,
/// else `folder_source`. A file that is not a feed is one Skipped entry.
std::vector<Entry> feed_entries(std::string_view bytes, const std::string& relative,
                                const std::string& folder_source, const std::string& where);

}  // namespace article_search::corpus
