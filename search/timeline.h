/// @file The timeline of a search: how many matching articles fall in each day, week,
/// month or year, from per-day counts of the date slot taken in the facets' pass.
#pragma once

#include "facets.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

enum class Interval { day, week, month, year };  ///< finest first

/// What `timeline=` asks for: one interval, or `auto` (the finest that fits).
enum class TimelineAsk { automatic, day, week, month, year };

/// Most buckets `auto` gives, and most an explicit interval may give before it is widened.
inline constexpr long auto_max_buckets = 60;
inline constexpr long explicit_max_buckets = 1000;

/// "auto", "day", "week", "month" or "year"; nothing for anything else. Pure.
std::optional<TimelineAsk> parse_timeline_ask(std::string_view text);
std::string_view name(Interval interval);
std::string_view name(TimelineAsk ask);

/// Days since 1970-01-01 of a "YYYYMMDD" date slot value; nothing when it is not one
/// (wrong length, not digits, or not a calendar day). Pure.
std::optional<long> day_number(std::string_view yyyymmdd);
/// The "YYYY-MM-DD" of a day number. Pure.
std::string iso_day(long day);

/// The first day of the bucket holding `day`: itself, the Monday of its ISO week, the 1st
/// of its month or the 1st of January. Pure.
long bucket_start(long day, Interval interval);
/// The first day of the bucket after the one starting on `start`. Pure.
long next_bucket_start(long start, Interval interval);
/// The buckets from `first`'s to `last`'s (first <= last), both included. Pure.
long bucket_count(long first, long last, Interval interval);

struct IntervalChoice {
  Interval interval = Interval::day;
  bool widened = false;  ///< an explicit interval gave too many buckets
};

/// `auto`: the finest interval giving at most auto_max_buckets over first..last (year
/// when none does). An explicit interval: itself, or the next coarser one giving at most
/// explicit_max_buckets (year at the most). Pure.
IntervalChoice choose_interval(TimelineAsk ask, long first, long last);

struct TimelineBucket {
  std::string start;  ///< "YYYY-MM-DD"
  Xapian::doccount count = 0;
};

struct Timeline {
  Interval interval = Interval::day;
  /// What was asked, when the interval had to be widened from it.
  std::optional<TimelineAsk> requested;
  /// From the first dated match's bucket to the last one's, empty buckets included.
  std::vector<TimelineBucket> buckets;
  Xapian::doccount undated = 0;
  bool exact = true;
};

/// The timeline of `looked_at` documents whose dated ones are counted per "YYYYMMDD" in
/// `per_day`; the rest (and any value that is not a day) are undated. Pure.
Timeline make_timeline(TimelineAsk ask, const SlotCounts& per_day, Xapian::doccount looked_at);

/// Counts the date slot per day over the documents the matcher looks at: a ValueCounter
/// where the databases run custom match spies, Xapian's ValueCountMatchSpy elsewhere.
class DayCounter {
 public:
  DayCounter(const Xapian::Database& db, bool custom_spies);

  /// The spy to add to the Enquire that counts the facets.
  Xapian::MatchSpy& spy();
  Timeline timeline(TimelineAsk ask) const;

 private:
  bool remote_;
  ValueCounter local_;
  Xapian::ValueCountMatchSpy xapian_;
};

}  // namespace article_search::search
