/// @file Main text extraction (see main_text.h).
#include "main_text.h"

namespace article_search::ingest {

std::string main_text(const HtmlPage&) { return {}; }

std::string fragment_text(std::string_view) { return {}; }

}  // namespace article_search::ingest
