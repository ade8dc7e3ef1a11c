/// @file The stored data of a document: the Article written by the indexer and read back
/// by the search, encoder and decoder side by side.
///
/// Layout: a JSON object of the short fields (`fields` below: every text field but the
/// body, and `title_derived`), then `body_separator`, then the body's bytes as they are.
/// The body is nearly all of the data and every search hit reads it for its snippet; kept
/// out of the JSON it needs no escaping when written and no parsing when read (parsing it
/// was 15% of a search's CPU time). A raw NUL never occurs in JSON text, so the first one
/// ends the object. Data without the separator is all JSON, with the body under its key
/// (databases written before the separator; they still read). Every stored string is
/// UTF-8: the encoder repairs any that is not (utf8.h's policy).
///
/// Format 2 writes all of that as one zstd frame (level `zstd_level`). Xapian would
/// deflate the data itself, and every search hit inflated it for its snippet (16% of the
/// server's CPU); a zstd frame is read in about 60% of the time at the same size, and
/// Xapian, finding it does not shrink, stores it as it is. Data starting with anything but
/// zstd's magic number is read as it is (databases written before).
#pragma once

#include "article.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::stored {

inline constexpr char body_separator = '\0';
/// Chosen on bbc-news (docs/index-size.md): levels 3/6/9/19 give 2.72/2.68/2.67/2.65 MB at
/// 70/46/28/7 MB/s; 9 is within 1% of 19 at four times its speed, 4% of indexing's CPU.
inline constexpr int zstd_level = 9;
/// The largest data decode inflates (a document written over HTTP is at most 16 MiB).
inline constexpr std::size_t max_data_bytes = std::size_t{256} << 20;

/// A text field of the JSON part: its key, and where it lives in the Article.
struct TextField {
  const char* key;
  std::string Article::*member;
};

/// The text fields of the JSON part. A new stored text field is one row here. Empty
/// fields past `path` are left out of the data (they read back as empty).
inline constexpr TextField fields[] = {
    {"id", &Article::id},         {"title", &Article::title}, {"date", &Article::date},
    {"source", &Article::source}, {"path", &Article::path},   {"url", &Article::url},
    {"modified", &Article::modified}, {"section", &Article::section},
    {"language", &Article::language}, {"description", &Article::description},
    {"feed", &Article::feed},         {"origin", &Article::origin},
};
inline constexpr std::size_t always_stored_fields = 5;

/// A list field of the JSON part: an array of strings (left out when empty).
struct ListField {
  const char* key;
  std::vector<std::string> Article::*member;
};
inline constexpr ListField list_fields[] = {
    {"authors", &Article::authors},
    {"tags", &Article::tags},
};
inline constexpr const char* title_derived_key = "title_derived";
inline constexpr const char* body_key = "body";  ///< in data written before the separator

/// The document data for `article`: encode_plain's bytes as one zstd frame. Pure.
std::string encode(const Article& article);
/// The layout above before compression (what databases of format 1 hold). Pure.
std::string encode_plain(const Article& article);

/// The article in a document's `data` (decompressed first when it is a zstd frame; nothing
/// when the frame is damaged or would exceed max_data_bytes): the JSON object's fields, where a key missing or
/// not a string (not a boolean for title_derived) reads as empty (false) and of a
/// repeated key the last counts; then the body after the separator, which wins over a
/// body key. Read in one pass without building a JSON tree. Nothing when the part before
/// the separator is not a JSON object. A list field takes the strings of its array (a
/// value of another type reads as an empty list; other elements are skipped). The path is passed through public_path. Pure.
std::optional<Article> decode(std::string_view data);

/// The stored path as the API may show it: relative to the corpus folder. Databases
/// written before stored the path as given to the indexer, often absolute
/// ("/home/me/corpus/business/001.txt"): of those, only the components that the id names
/// are kept ("business/001.txt"), and a path that does not end in them is dropped (empty).
std::string public_path(std::string_view path, std::string_view id);

}  // namespace article_search::stored
