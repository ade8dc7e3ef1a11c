/// @file Web dates (see web_dates.h).
#include "web_dates.h"

namespace article_search::ingest {

std::string web_date(std::string_view) { return {}; }

}  // namespace article_search::ingest
