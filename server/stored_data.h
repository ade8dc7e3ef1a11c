/// @file The stored fields of a document, read from its JSON data (schema::stored keys).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace article_search::search {

/// The stored fields of a document (its JSON data).
struct StoredArticle {
  std::string id, title, date, source, body, path;
  bool title_derived = false;
};

/// The fields of the JSON object `data`: a key missing or not a string (not a boolean for
/// title_derived) reads as empty (false); of a repeated key the last counts. Read in one
/// pass without building a JSON tree. Nothing when `data` is not a JSON object. Pure.
std::optional<StoredArticle> parse_stored(std::string_view data);

}  // namespace article_search::search
