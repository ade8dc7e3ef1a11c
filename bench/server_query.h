/// @file One query of the mix as the project's search API takes it (q and source).
#pragma once

#include "query_mix.h"

#include <string>

namespace article_search::bench {

/// The `q` text: words, a quoted phrase, or `title:word`.
std::string server_q(const Query& query);

/// The URL path and query string for GET /api/search (limit 10, snippets on).
std::string server_target(const Query& query);

}  // namespace article_search::bench
