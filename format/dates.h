/// @file Dates as the index keeps them: ISO 8601 in the stored data, YYYYMMDD in the
/// date slot and terms. Both programs parse dates here, so a date the indexer accepts is
/// one the search filters can name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace article_search::dates {

/// Parses an ISO 8601 date, optionally with a time ("2024-07-16", "2024-07-16 21:08:57",
/// "2024-07-16T21:08"), at the start of `text`. Returns "YYYY-MM-DD" or
/// "YYYY-MM-DDTHH:MM:SS", or nothing when it is not a valid calendar date. Pure.
std::optional<std::string> parse_iso_date(std::string_view text);

/// Exactly "YYYY-MM-DD" (a real calendar date) as the date slot's "YYYYMMDD". Pure.
std::optional<std::string> parse_day(std::string_view text);

/// The parts of a stored date ("YYYY-MM-DD..."), as the terms and slots hold them.
struct DateKeys {
  std::string year, month, day;  ///< "YYYY", "YYYYMM", "YYYYMMDD"
};
/// Nothing for a date shorter than "YYYY-MM-DD" (an article without a date). Pure.
std::optional<DateKeys> date_keys(std::string_view date);

}  // namespace article_search::dates
