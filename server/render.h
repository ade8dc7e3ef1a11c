/// @file JSON for every API answer, built with nlohmann::json (never by concatenation).
#pragma once

#include "documents.h"
#include "errors.h"
#include "search.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace article_search::search {

nlohmann::json to_json(const ApiError& error);
nlohmann::json to_json(const Hit& hit);
nlohmann::json to_json(const SearchResult& result);
nlohmann::json to_json(const DocumentView& view);
nlohmann::json similar_to_json(const std::string& id, const std::vector<Hit>& hits);
nlohmann::json suggest_to_json(const std::string& q, const std::vector<std::string>& suggestions);

/// Serialises for the wire: invalid UTF-8 is replaced, never thrown on.
std::string dump(const nlohmann::json& json);

}  // namespace article_search::search
