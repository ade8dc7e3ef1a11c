/// @file JSON for every API answer, never built by concatenation: the answers with hits
/// (the hot path) written by JsonWriter, the rest built as nlohmann::json.
#pragma once

#include "documents.h"
#include "errors.h"
#include "search.h"
#include "stories.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

nlohmann::json to_json(const ApiError& error);
nlohmann::json to_json(const DocumentView& view);
/// The answer of GET /api/stories/{id}: the story and its articles, `first` the oldest.
nlohmann::json to_json(const StoryView& view);
/// The answer of GET /api/search, with `warnings` when there are any.
std::string search_json(const SearchResult& result);
/// The answer of GET /api/similar/{id}.
std::string similar_json(const std::string& id, const std::vector<Hit>& hits);
/// The answer of GET /api/suggest, with `warnings` when there are any.
nlohmann::json suggest_to_json(const std::string& q, const Suggestions& suggestions);

/// Serialises for the wire: invalid UTF-8 is replaced, never thrown on.
std::string dump(const nlohmann::json& json);

}  // namespace article_search::search
