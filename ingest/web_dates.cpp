/// @file Web dates (see web_dates.h): ISO 8601 / RFC 3339 and RFC 822 / 2822, to UTC.
///
/// A stated zone is applied; a time without one is kept as written (there is nothing to
/// convert it with, and guessing a zone would move it). An unknown zone name makes the
/// whole date unknown rather than hours off.
#include "web_dates.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <optional>

namespace article_search::ingest {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// A cursor over the text: each method consumes what it recognises, or nothing.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  std::size_t position() const { return pos_; }
  void rewind(std::size_t pos) { pos_ = pos; }

  bool take(char c) {
    if (done() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool take_any_of(std::string_view chars) {
    if (done() || chars.find(text_[pos_]) == std::string_view::npos) return false;
    ++pos_;
    return true;
  }
  void skip_spaces() {
    while (!done() && is_space(text_[pos_])) ++pos_;
  }
  /// Between `min` and `max` digits as a number; nothing (and no move) otherwise.
  std::optional<int> number(std::size_t min, std::size_t max) {
    std::size_t end = pos_;
    while (end < text_.size() && end - pos_ < max && is_digit(text_[end])) ++end;
    if (end - pos_ < min || (end < text_.size() && is_digit(text_[end]))) return std::nullopt;
    int value = 0;
    for (; pos_ < end; ++pos_) value = value * 10 + (text_[pos_] - '0');
    return value;
  }
  /// Exactly `count` digits, whatever follows ("0200" is hours then minutes).
  std::optional<int> fixed(std::size_t count) {
    if (text_.size() - pos_ < count) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos_; i < pos_ + count; ++i) {
      if (!is_digit(text_[i])) return std::nullopt;
      value = value * 10 + (text_[i] - '0');
    }
    pos_ += count;
    return value;
  }
  void skip_digits() {
    while (!done() && is_digit(text_[pos_])) ++pos_;
  }
  std::string_view word() {
    const std::size_t start = pos_;
    while (!done() && is_letter(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

/// A date as written, before its zone is applied.
struct Stamp {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  ///< east of UTC
};

/// The zone names RFC 822 defines, and a few that news feeds write unambiguously.
std::optional<int> named_zone_minutes(std::string_view name) {
  struct Zone {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Zone, 15> zones{{{"GMT", 0},
                                               {"UT", 0},
                                               {"UTC", 0},
                                               {"Z", 0},
                                               {"EST", -5},
                                               {"EDT", -4},
                                               {"CST", -6},
                                               {"CDT", -5},
                                               {"MST", -7},
                                               {"MDT", -6},
                                               {"PST", -8},
                                               {"PDT", -7},
                                               {"CET", 1},
                                               {"CEST", 2},
                                               {"BST", 1}}};
  for (const Zone& zone : zones) {
    if (iequals(zone.name, name)) return zone.hours * 60;
  }
  return std::nullopt;
}

/// "+02:00", "+0200", "+02" (after the sign): minutes east of UTC.
std::optional<int> numeric_zone_minutes(Scanner& in) {
  const bool west = in.peek() == '-';
  if (!in.take_any_of("+-")) return std::nullopt;
  const auto hours = in.fixed(2);
  if (!hours) return std::nullopt;
  int minutes = 0;
  const bool colon = in.take(':');
  if (const auto mm = in.number(2, 2)) {
    minutes = *mm;
  } else if (colon) {
    return std::nullopt;
  }
  if (*hours > 23 || minutes > 59) return std::nullopt;
  const int total = *hours * 60 + minutes;
  return west ? -total : total;
}

/// The zone after a time, up to the end of the text: nothing written means as written (0).
std::optional<int> zone_minutes(Scanner& in) {
  in.skip_spaces();
  if (in.done()) return 0;
  if (in.peek() == '+' || in.peek() == '-') return numeric_zone_minutes(in);
  const std::string_view name = in.word();
  if (name.empty()) return std::nullopt;
  // "GMT+02:00", as some servers write it.
  if ((iequals(name, "GMT") || iequals(name, "UTC")) && (in.peek() == '+' || in.peek() == '-')) {
    return numeric_zone_minutes(in);
  }
  return named_zone_minutes(name);
}

/// "HH:MM[:SS[.fraction]]"; the fraction is dropped (the date form keeps seconds).
bool read_time(Scanner& in, Stamp& stamp) {
  const auto hour = in.number(1, 2);
  if (!hour || !in.take(':')) return false;
  const auto minute = in.number(2, 2);
  if (!minute) return false;
  int second = 0;
  if (in.take(':')) {
    const auto ss = in.number(2, 2);
    if (!ss) return false;
    second = *ss;
    if (in.take_any_of(".,")) in.skip_digits();
  }
  // A leap second (":60") is the last second of its minute here.
  if (*hour > 23 || *minute > 59 || second > 60) return false;
  stamp.has_time = true;
  stamp.hour = *hour;
  stamp.minute = *minute;
  stamp.second = second == 60 ? 59 : second;
  return true;
}

bool at_end(Scanner& in) {
  in.skip_spaces();
  return in.done();
}

/// "2024-07-16", "2024-07-16T21:08:57.123Z", "2024-07-16 21:08+0200".
std::optional<Stamp> read_iso(std::string_view text) {
  Scanner in(text);
  Stamp stamp;
  const auto year = in.number(4, 4);
  if (!year || !in.take('-')) return std::nullopt;
  const auto month = in.number(2, 2);
  if (!month || !in.take('-')) return std::nullopt;
  const auto day = in.number(2, 2);
  if (!day) return std::nullopt;
  stamp.year = *year;
  stamp.month = *month;
  stamp.day = *day;
  if (at_end(in)) return stamp;
  in.take_any_of("Tt");
  in.skip_spaces();
  if (!read_time(in, stamp)) return std::nullopt;
  if (in.take_any_of("Zz")) {
    stamp.offset_minutes = 0;
  } else {
    const auto zone = zone_minutes(in);
    if (!zone) return std::nullopt;
    stamp.offset_minutes = *zone;
  }
  if (!at_end(in)) return std::nullopt;
  return stamp;
}

/// 1..12 for an English month name or its three-letter abbreviation.
std::optional<int> month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> months{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (name.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < months.size(); ++i) {
    const std::string_view full = months[i];
    // "Jul", "July", and "Sept" (which newsrooms write too).
    const bool abbreviation = name.size() <= full.size() && iequals(name, full.substr(0, name.size()));
    if (abbreviation && (name.size() == 3 || name.size() == full.size() || iequals(name, "sept"))) {
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

bool is_weekday(std::string_view name) {
  static constexpr std::array<std::string_view, 7> days{"monday", "tuesday", "wednesday",
                                                        "thursday", "friday", "saturday", "sunday"};
  if (name.size() < 3) return false;
  for (const std::string_view day : days) {
    if (name.size() <= day.size() && iequals(name, day.substr(0, name.size()))) return true;
  }
  return false;
}

/// RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx; three-digit ones +1900.
int full_year(int year, std::size_t digits) {
  if (digits == 2) return year < 50 ? 2000 + year : 1900 + year;
  if (digits == 3) return 1900 + year;
  return year;
}

std::optional<int> read_year(Scanner& in) {
  const std::size_t start = in.position();
  const auto year = in.number(2, 4);
  if (!year) return std::nullopt;
  return full_year(*year, in.position() - start);
}

/// "[Tue,] 16 Jul 2024 [21:08[:57] [zone]]", and "Jul 16, 2024 ..." (the US order).
std::optional<Stamp> read_rfc822(std::string_view text) {
  Scanner in(text);
  Stamp stamp;
  std::string_view word = in.word();
  if (is_weekday(word)) {
    in.take(',');
    in.skip_spaces();
    word = in.word();
  }
  if (word.empty()) {
    const auto day = in.number(1, 2);
    if (!day) return std::nullopt;
    in.skip_spaces();
    const auto month = month_number(in.word());
    if (!month) return std::nullopt;
    stamp.day = *day;
    stamp.month = *month;
  } else {
    const auto month = month_number(word);
    in.skip_spaces();
    const auto day = in.number(1, 2);
    if (!month || !day) return std::nullopt;
    in.take(',');
    stamp.day = *day;
    stamp.month = *month;
  }
  in.skip_spaces();
  const auto year = read_year(in);
  if (!year) return std::nullopt;
  stamp.year = *year;
  if (at_end(in)) return stamp;
  if (!read_time(in, stamp)) return std::nullopt;
  const auto zone = zone_minutes(in);
  if (!zone || !at_end(in)) return std::nullopt;
  stamp.offset_minutes = *zone;
  return stamp;
}

/// The stamp moved to UTC and written in the date form; empty when it is not a real date.
std::string to_utc_text(const Stamp& stamp) {
  using namespace std::chrono;
  const year_month_day written{year{stamp.year}, month{static_cast<unsigned>(stamp.month)},
                               day{static_cast<unsigned>(stamp.day)}};
  if (!written.ok() || stamp.year < 1) return {};
  char out[32];
  if (!stamp.has_time) {
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", stamp.year, stamp.month, stamp.day);
    return out;
  }
  const sys_seconds local = sys_days{written} + hours{stamp.hour} + minutes{stamp.minute} +
                            seconds{stamp.second};
  const sys_seconds utc = local - minutes{stamp.offset_minutes};
  const sys_days utc_day = floor<days>(utc);
  const year_month_day ymd{utc_day};
  const hh_mm_ss<seconds> time{utc - utc_day};
  const int y = static_cast<int>(ymd.year());
  if (y < 1 || y > 9999) return {};
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d", y,
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return out;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string web_date(std::string_view text) {
  text = trimmed(text);
  // Nothing longer than a date and a spelled-out zone is a date.
  if (text.empty() || text.size() > 64) return {};
  std::optional<Stamp> stamp = read_iso(text);
  if (!stamp) stamp = read_rfc822(text);
  return stamp ? to_utc_text(*stamp) : std::string{};
}

}  // namespace article_search::ingest
