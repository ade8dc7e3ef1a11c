/// @file ISO dates, as the indexer reads them and the search filters name them.
#include "dates.h"

#include <algorithm>
#include <array>

namespace article_search::dates {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool valid_calendar_date(int year, int month, int day) {
  static constexpr std::array<int, 12> days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  if (day > days[static_cast<std::size_t>(month - 1)]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

int digits_value(std::string_view s, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) value = value * 10 + (s[i] - '0');
  return value;
}

bool all_digits(std::string_view s, std::size_t at, std::size_t count) {
  if (at + count > s.size()) return false;
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(at),
                     s.begin() + static_cast<std::ptrdiff_t>(at + count), is_digit);
}

}  // namespace

std::optional<std::string> parse_iso_date(std::string_view s) {
  if (!all_digits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !all_digits(s, 5, 2) ||
      s[7] != '-' || !all_digits(s, 8, 2)) {
    return std::nullopt;
  }
  if (s.size() > 10 && is_digit(s[10])) return std::nullopt;
  if (!valid_calendar_date(digits_value(s, 0, 4), digits_value(s, 5, 2), digits_value(s, 8, 2))) {
    return std::nullopt;
  }
  std::string date(s.substr(0, 10));
  // An optional time: [T ]HH:MM[:SS]
  if (s.size() >= 16 && (s[10] == 'T' || s[10] == ' ') && all_digits(s, 11, 2) && s[13] == ':' &&
      all_digits(s, 14, 2) && digits_value(s, 11, 2) < 24 && digits_value(s, 14, 2) < 60) {
    std::string seconds = "00";
    if (s.size() >= 19 && s[16] == ':' && all_digits(s, 17, 2) && digits_value(s, 17, 2) < 61) {
      seconds = s.substr(17, 2);
    }
    date += 'T';
    date += s.substr(11, 5);
    date += ':';
    date += seconds;
  }
  return date;
}

std::optional<std::string> parse_day(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  const auto iso = parse_iso_date(text);
  if (!iso || iso->size() != 10) return std::nullopt;
  return date_keys(*iso)->day;
}

std::optional<DateKeys> date_keys(std::string_view date) {
  if (date.size() < 10) return std::nullopt;
  DateKeys keys;
  keys.year = date.substr(0, 4);
  keys.month = keys.year + std::string(date.substr(5, 2));
  keys.day = keys.month + std::string(date.substr(8, 2));
  return keys;
}

}  // namespace article_search::dates
