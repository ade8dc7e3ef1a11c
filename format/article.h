/// @file The one article record: what the indexer writes for an article and what the
/// search reads back, field for field. A new field is added here, to the stored-data
/// codec (stored.h) and, when it is searched or filtered, to the schema (schema.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace article_search {

/// One article, as indexed, stored and rendered.
struct Article {
  std::string id;      ///< stable, unique within the corpus, safe in a URL (safe_id)
  std::string title;
  bool title_derived = false;  ///< true when the title was cut from the opening sentence
  std::string date;    ///< "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"; empty when not stated
  std::string body;    ///< the text without title, date and markup
  std::string source;  ///< the publisher or site, else the folder or collection it came from
  std::string path;    ///< where it was read from, relative to the corpus folder
  // What pages, feeds and records state about the article (empty when they do not):
  std::string url;       ///< the original, an absolute http(s) URL
  std::vector<std::string> authors;  ///< in byline order
  std::string modified;  ///< last modified, in the form of `date`
  std::string section;   ///< "Business", "World"
  std::vector<std::string> tags;     ///< keywords and categories
  std::string language;  ///< BCP 47 ("en", "pt-BR")
  std::string description;  ///< the summary the publisher gives
  /// For an item of a feed: the feed's path (as `path`). An item that leaves a later
  /// version of its feed stays in the index, as feeds are windows onto the archive.
  std::string feed;
  /// Who wrote the article when not the indexer: origin_api for one written over HTTP.
  /// Indexer runs keep such articles (no corpus input lists them) and --rebuild carries them.
  std::string origin;

  bool operator==(const Article&) const = default;
};

/// The `origin` of an article written through the server's document API.
inline constexpr const char* origin_api = "api";

/// `value` as a field value: whitespace runs (and control characters) collapsed to one
/// space, trimmed, cut to at most `max_bytes` at a character boundary. Pure.
std::string field_value(std::string_view value, std::size_t max_bytes = 1000);

/// `values` as a list field: each a field_value, empty ones and repeats (compared
/// case-insensitively, the first spelling kept) dropped, at most `max_values` kept. Pure.
std::vector<std::string> field_values(const std::vector<std::string>& values,
                                      std::size_t max_values = 50);

/// An id safe in a URL: ASCII letters, digits and `-_./` are kept, anything else becomes
/// '_' (the indexer reports the rare collisions this can cause as duplicate ids). Pure.
std::string safe_id(std::string_view raw);

/// The id for a file: its path relative to the corpus folder, without extension, with
/// '/' separators, made safe by safe_id. Pure.
std::string id_from_relative_path(std::string_view relative_path);

}  // namespace article_search
