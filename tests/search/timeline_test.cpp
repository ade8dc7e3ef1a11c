/// @file Timeline buckets: calendar arithmetic, the interval choice, widening, and the
/// `timeline` parameter. No database.
#include "render.h"
#include "search.h"
#include "timeline.h"

#include <doctest/doctest.h>

namespace {
using namespace article_search::search;

long day(std::string_view yyyymmdd) {
  const auto number = day_number(yyyymmdd);
  REQUIRE(number.has_value());
  return *number;
}

std::string start_of(std::string_view yyyymmdd, Interval interval) {
  return iso_day(bucket_start(day(yyyymmdd), interval));
}

std::vector<std::pair<std::string, Xapian::doccount>> buckets_of(const Timeline& timeline) {
  std::vector<std::pair<std::string, Xapian::doccount>> buckets;
  for (const TimelineBucket& bucket : timeline.buckets) buckets.emplace_back(bucket.start, bucket.count);
  return buckets;
}

}  // namespace

TEST_SUITE("timeline calendar") {
  TEST_CASE("day numbers: the epoch, leap days, and values that are not days") {
    CHECK(day_number("19700101") == 0);
    CHECK(day_number("19691231") == -1);
    CHECK(day_number("20000301").value() - day_number("20000228").value() == 2);  // 2000 leaps
    CHECK(day_number("19000301").value() - day_number("19000228").value() == 1);  // 1900 does not
    for (const char* bad : {"20230229", "20240230", "20241301", "20240100", "2024011", "2024-1-1",
                            "", "2024010a"}) {
      INFO(bad);
      CHECK_FALSE(day_number(bad).has_value());
    }
    CHECK(iso_day(day("20240229")) == "2024-02-29");
    CHECK(iso_day(0) == "1970-01-01");
  }

  TEST_CASE("ISO weeks start on Monday, also across a year boundary") {
    struct Row {
      const char* day;
      const char* monday;
    };
    const Row rows[] = {
        {"20210101", "2020-12-28"},  // a Friday: its week began the year before
        {"20250101", "2024-12-30"},  // a Wednesday
        {"20241229", "2024-12-23"},  // a Sunday ends its week
        {"20241230", "2024-12-30"},  // a Monday starts its own
        {"19700101", "1969-12-29"},  // the epoch, a Thursday
    };
    for (const Row& row : rows) {
      INFO(row.day);
      CHECK(start_of(row.day, Interval::week) == row.monday);
    }
    CHECK(iso_day(next_bucket_start(day("20241230"), Interval::week)) == "2025-01-06");
  }

  TEST_CASE("months start on the 1st, years on the 1st of January — the next follows") {
    CHECK(start_of("20240229", Interval::month) == "2024-02-01");
    CHECK(start_of("20241231", Interval::month) == "2024-12-01");
    CHECK(start_of("20240229", Interval::year) == "2024-01-01");
    CHECK(start_of("20240229", Interval::day) == "2024-02-29");
    CHECK(iso_day(next_bucket_start(day("20240101"), Interval::month)) == "2024-02-01");
    CHECK(iso_day(next_bucket_start(day("20240201"), Interval::month)) == "2024-03-01");
    CHECK(iso_day(next_bucket_start(day("20241201"), Interval::month)) == "2025-01-01");
    CHECK(iso_day(next_bucket_start(day("20230101"), Interval::year)) == "2024-01-01");
    CHECK(iso_day(next_bucket_start(day("20240101"), Interval::year)) == "2025-01-01");
  }

  TEST_CASE("bucket counts include both ends") {
    CHECK(bucket_count(day("20240101"), day("20240101"), Interval::day) == 1);
    CHECK(bucket_count(day("20241229"), day("20241230"), Interval::week) == 2);  // Sunday, Monday
    CHECK(bucket_count(day("20241231"), day("20250101"), Interval::month) == 2);
    CHECK(bucket_count(day("20240131"), day("20240201"), Interval::year) == 1);
    CHECK(bucket_count(day("19840101"), day("20231231"), Interval::year) == 40);
  }
}

TEST_SUITE("timeline interval choice") {
  TEST_CASE("auto: the finest interval giving at most 60 buckets") {
    struct Row {
      const char* first;
      const char* last;
      Interval expected;
    };
    const Row rows[] = {
        {"20240101", "20240103", Interval::day},    // 3 days
        {"20240101", "20240229", Interval::day},    // 60 days exactly
        {"20240101", "20240301", Interval::week},   // 61 days
        {"20220101", "20231231", Interval::month},  // 2 years: 105 weeks, 24 months
        {"19840101", "20231231", Interval::year},   // 40 years: 480 months
        {"18000101", "20231231", Interval::year},   // 224 years: year is the coarsest there is
    };
    for (const Row& row : rows) {
      INFO(row.first, " to ", row.last);
      const IntervalChoice choice = choose_interval(TimelineAsk::automatic, day(row.first), day(row.last));
      CHECK(choice.interval == row.expected);
      CHECK_FALSE(choice.widened);
    }
  }

  TEST_CASE("an explicit interval stays up to 1000 buckets, then widens to the next that fits") {
    const long first = day("20200101");
    CHECK(choose_interval(TimelineAsk::day, first, first + 999).interval == Interval::day);
    CHECK_FALSE(choose_interval(TimelineAsk::day, first, first + 999).widened);
    const IntervalChoice days = choose_interval(TimelineAsk::day, first, first + 1000);
    CHECK(days.interval == Interval::week);
    CHECK(days.widened);
    // 40 years: 2087 weeks are too many, 480 months fit.
    const IntervalChoice weeks = choose_interval(TimelineAsk::week, day("19840101"), day("20231231"));
    CHECK(weeks.interval == Interval::month);
    CHECK(weeks.widened);
    // An explicit month over two years is kept even though auto would not choose it.
    CHECK(choose_interval(TimelineAsk::year, day("20220101"), day("20231231")).interval == Interval::year);
  }
}

TEST_SUITE("make_timeline") {
  TEST_CASE("contiguous buckets, zero-count ones kept — the undated are counted apart") {
    const SlotCounts per_day = {{"20240101", 2}, {"20240104", 1}};
    const Timeline timeline = make_timeline(TimelineAsk::automatic, per_day, 5);
    CHECK(timeline.interval == Interval::day);
    CHECK_FALSE(timeline.requested.has_value());
    using Buckets = decltype(buckets_of(timeline));
    CHECK(buckets_of(timeline) ==
          Buckets{{"2024-01-01", 2}, {"2024-01-02", 0}, {"2024-01-03", 0}, {"2024-01-04", 1}});
    CHECK(timeline.undated == 2);
  }

  TEST_CASE("week buckets gather the days of an ISO week across the new year") {
    const SlotCounts per_day = {{"20241229", 1}, {"20241230", 2}, {"20250105", 3}, {"20250106", 4}};
    const Timeline timeline = make_timeline(TimelineAsk::week, per_day, 10);
    using Buckets = decltype(buckets_of(timeline));
    CHECK(buckets_of(timeline) == Buckets{{"2024-12-23", 1}, {"2024-12-30", 5}, {"2025-01-06", 4}});
    CHECK(timeline.undated == 0);
  }

  TEST_CASE("a widened interval says what was requested") {
    const SlotCounts per_day = {{"19840615", 1}, {"20231231", 1}};
    const Timeline timeline = make_timeline(TimelineAsk::day, per_day, 2);
    CHECK(timeline.interval == Interval::month);
    REQUIRE(timeline.requested.has_value());
    CHECK(*timeline.requested == TimelineAsk::day);
    CHECK(timeline.buckets.size() == 475);  // June 1984 to December 2023
    CHECK(timeline.buckets.front().start == "1984-06-01");
    CHECK(timeline.buckets.back().start == "2023-12-01");
  }

  TEST_CASE("no dated match: no buckets — a value that is not a day counts as undated") {
    const Timeline none = make_timeline(TimelineAsk::month, {}, 0);
    CHECK(none.buckets.empty());
    CHECK(none.undated == 0);
    CHECK(none.interval == Interval::month);
    const Timeline odd = make_timeline(TimelineAsk::automatic, {{"2024", 1}, {"20240101", 1}}, 3);
    CHECK(odd.buckets.size() == 1);
    CHECK(odd.undated == 2);
  }
}

TEST_SUITE("timeline parameter") {
  TEST_CASE("each interval and auto are taken — without the parameter there is no timeline") {
    CHECK_FALSE(std::get<SearchRequest>(parse_search_params({})).timeline.has_value());
    for (TimelineAsk ask : {TimelineAsk::automatic, TimelineAsk::day, TimelineAsk::week,
                            TimelineAsk::month, TimelineAsk::year}) {
      const auto parsed = parse_search_params({{"timeline", std::string(name(ask))}});
      REQUIRE(std::holds_alternative<SearchRequest>(parsed));
      CHECK(std::get<SearchRequest>(parsed).timeline == ask);
    }
  }

  TEST_CASE("anything else is a 400 naming `timeline`") {
    for (const char* bad : {"hourly", "", "Day", "auto "}) {
      INFO(bad);
      const auto parsed = parse_search_params({{"timeline", bad}});
      REQUIRE(std::holds_alternative<ApiError>(parsed));
      const ApiError& error = std::get<ApiError>(parsed);
      CHECK(error.status() == 400);
      CHECK(to_json(error) ==
            nlohmann::json{{"error",
                            {{"code", "invalid_parameter"},
                             {"message", "Parameter `timeline` must be one of `auto`, `day`, `week`, "
                                         "`month`, `year`, got `" + std::string(bad) + "`."},
                             {"parameter", "timeline"}}}});
    }
  }
}
