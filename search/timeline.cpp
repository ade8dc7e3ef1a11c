/// @file Timeline buckets from per-day counts: calendar arithmetic on day numbers, the
/// interval choice, and the spy that counts the date slot.
#include "timeline.h"

#include "schema.h"

#include <array>
#include <cstdio>

namespace article_search::search {
namespace {

struct Civil {
  long year;
  int month, day;
};

// Howard Hinnant's days_from_civil / civil_from_days: exact for every proleptic
// Gregorian date, with no table and no time zone.
long days_from_civil(Civil date) {
  const long y = date.year - (date.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long year_of_era = y - era * 400;
  const long day_of_year = (153L * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Civil civil_from_days(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long day_of_era = days - era * 146097;
  const long year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long shifted_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

long months_since_epoch(long day) {
  const Civil date = civil_from_days(day);
  return date.year * 12 + (date.month - 1);
}

constexpr std::array<std::string_view, 5> ask_names = {"auto", "day", "week", "month", "year"};

/// The interval `ask` names; day (the finest) for `auto`.
Interval asked_interval(TimelineAsk ask) {
  return ask == TimelineAsk::automatic ? Interval::day
                                       : static_cast<Interval>(static_cast<int>(ask) - 1);
}

}  // namespace

std::optional<TimelineAsk> parse_timeline_ask(std::string_view text) {
  for (std::size_t i = 0; i < ask_names.size(); ++i) {
    if (text == ask_names[i]) return static_cast<TimelineAsk>(i);
  }
  return std::nullopt;
}

std::string_view name(TimelineAsk ask) { return ask_names[static_cast<std::size_t>(ask)]; }

std::string_view name(Interval interval) {
  return ask_names[static_cast<std::size_t>(interval) + 1];
}

std::optional<long> day_number(std::string_view yyyymmdd) {
  if (yyyymmdd.size() != 8) return std::nullopt;
  long digits = 0;
  for (char c : yyyymmdd) {
    if (c < '0' || c > '9') return std::nullopt;
    digits = digits * 10 + (c - '0');
  }
  const Civil date{digits / 10000, static_cast<int>(digits / 100 % 100), static_cast<int>(digits % 100)};
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) return std::nullopt;
  const long day = days_from_civil(date);
  // 31 February comes back as 3 March: not a calendar day.
  if (civil_from_days(day).day != date.day) return std::nullopt;
  return day;
}

std::string iso_day(long day) {
  const Civil date = civil_from_days(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04ld-%02d-%02d", date.year, date.month, date.day);
  return text;
}

long bucket_start(long day, Interval interval) {
  switch (interval) {
    case Interval::day:
      return day;
    case Interval::week: {
      // Day 0 (1970-01-01) was a Thursday: 3 days after a Monday.
      const long since_monday = ((day + 3) % 7 + 7) % 7;
      return day - since_monday;
    }
    case Interval::month: {
      const Civil date = civil_from_days(day);
      return days_from_civil({date.year, date.month, 1});
    }
    case Interval::year:
      return days_from_civil({civil_from_days(day).year, 1, 1});
  }
  return day;
}

long next_bucket_start(long start, Interval interval) {
  switch (interval) {
    case Interval::day:
      return start + 1;
    case Interval::week:
      return start + 7;
    case Interval::month:
      return bucket_start(bucket_start(start, Interval::month) + 31, Interval::month);
    case Interval::year:
      return bucket_start(bucket_start(start, Interval::year) + 366, Interval::year);
  }
  return start + 1;
}

long bucket_count(long first, long last, Interval interval) {
  switch (interval) {
    case Interval::day:
      return last - first + 1;
    case Interval::week:
      return (bucket_start(last, interval) - bucket_start(first, interval)) / 7 + 1;
    case Interval::month:
      return months_since_epoch(last) - months_since_epoch(first) + 1;
    case Interval::year:
      return civil_from_days(last).year - civil_from_days(first).year + 1;
  }
  return 0;
}

IntervalChoice choose_interval(TimelineAsk ask, long first, long last) {
  const bool automatic = ask == TimelineAsk::automatic;
  const long most = automatic ? auto_max_buckets : explicit_max_buckets;
  const Interval asked = asked_interval(ask);
  Interval interval = asked;
  while (interval != Interval::year && bucket_count(first, last, interval) > most) {
    interval = static_cast<Interval>(static_cast<int>(interval) + 1);
  }
  return {interval, !automatic && interval != asked};
}

Timeline make_timeline(TimelineAsk ask, const SlotCounts& per_day, Xapian::doccount looked_at) {
  std::vector<std::pair<long, Xapian::doccount>> days;  // in day order, as the map's keys
  Xapian::doccount dated = 0;
  for (const auto& [value, count] : per_day) {
    const auto day = day_number(value);
    if (!day) continue;
    days.emplace_back(*day, count);
    dated += count;
  }
  Timeline timeline;
  timeline.undated = looked_at - dated;
  if (days.empty()) {
    timeline.interval = asked_interval(ask);
    return timeline;
  }
  const IntervalChoice choice = choose_interval(ask, days.front().first, days.back().first);
  timeline.interval = choice.interval;
  if (choice.widened) timeline.requested = ask;
  auto next = days.begin();
  const long last = bucket_start(days.back().first, choice.interval);
  for (long start = bucket_start(days.front().first, choice.interval); start <= last;
       start = next_bucket_start(start, choice.interval)) {
    const long end = next_bucket_start(start, choice.interval);
    TimelineBucket bucket{iso_day(start), 0};
    for (; next != days.end() && next->first < end; ++next) bucket.count += next->second;
    timeline.buckets.push_back(std::move(bucket));
  }
  return timeline;
}

DayCounter::DayCounter(const Xapian::Database& db, bool custom_spies)
    : remote_(!custom_spies),
      local_(db, schema::slot(schema::Slot::date), custom_spies),
      xapian_(schema::slot(schema::Slot::date)) {}

Xapian::MatchSpy& DayCounter::spy() {
  if (remote_) return xapian_;
  return local_;
}

Timeline DayCounter::timeline(TimelineAsk ask) const {
  if (!remote_) return make_timeline(ask, local_.counts(), local_.total());
  SlotCounts per_day;
  for (auto it = xapian_.values_begin(); it != xapian_.values_end(); ++it) {
    if (!(*it).empty()) per_day[*it] = it.get_termfreq();
  }
  return make_timeline(ask, per_day, xapian_.get_total());
}

}  // namespace article_search::search
