/// @file The stored fields of a document, read from its data (laid out as schema::stored says).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace article_search::search {

/// The stored fields of a document.
struct StoredArticle {
  std::string id, title, date, source, body, path;
  bool title_derived = false;
};

/// The fields of a document's `data` (schema::stored): the JSON object's, where a key
/// missing or not a string (not a boolean for title_derived) reads as empty (false) and of
/// a repeated key the last counts; then the body after the separator, which wins over a
/// body key. Read in one pass without building a JSON tree. Nothing when the part before
/// the separator is not a JSON object. The path is passed through public_path. Pure.
std::optional<StoredArticle> parse_stored(std::string_view data);

/// The stored path as the API may show it: relative to the corpus folder. Databases
/// written before stored the path as given to the indexer, often absolute
/// ("/home/me/corpus/business/001.txt"): of those, only the components that the id names
/// are kept ("business/001.txt"), and a path that does not end in them is dropped (empty).
std::string public_path(std::string_view path, std::string_view id);

}  // namespace article_search::search
