/// @file Dates as the web writes them, turned into the article's date form.
#pragma once

#include <string>
#include <string_view>

namespace article_search::ingest {

/// `text` as "YYYY-MM-DDTHH:MM:SS" in UTC (or "YYYY-MM-DD" when it states only a day):
/// ISO 8601 / RFC 3339 ("2024-07-16T21:08:57+02:00", "2024-07-16") and RFC 822 / 2822
/// as RSS writes them ("Tue, 16 Jul 2024 21:08:57 GMT", "+0200", "EST"). Empty when it is
/// neither, or not a real date. Pure.
std::string web_date(std::string_view text);

}  // namespace article_search::ingest
