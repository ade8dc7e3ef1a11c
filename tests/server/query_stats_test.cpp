/// @file The search analytics' recorder, with the time given by the test: normalisation,
/// ordering, zero-result lists, the hourly window and the caps. Pure: no server.
#include "query_stats.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {
using namespace article_search::server;
using std::chrono::hours;
using std::chrono::minutes;

/// A moment some days after the clock's epoch, as a server that has run a while.
const QueryStats::Clock::time_point start = QueryStats::Clock::time_point{} + hours(24 * 7);

std::vector<QueryCount> counts(std::initializer_list<std::pair<const char*, unsigned long long>> rows) {
  std::vector<QueryCount> out;
  for (const auto& [query, count] : rows) out.push_back({query, count});
  return out;
}

}  // namespace

TEST_SUITE("query stats") {
  TEST_CASE("queries are counted trimmed, with whitespace collapsed, in lower case, cut short") {
    struct Row {
      std::string q, counted;
    };
    const std::vector<Row> rows = {
        // whitespace
        {"  rust   lang ", "rust lang"},
        {"rust\tlang\r\n", "rust lang"},
        {" \t ", ""},
        // case, beyond ASCII
        {"Rust LANG", "rust lang"},
        {"ÉCOLE Straße", "école straße"},
        // invalid UTF-8 is counted as U+FFFD, so that the report stays valid JSON
        {"a\xff" "b", "a\xEF\xBF\xBD" "b"},
        // cut at the cap on a character boundary (é is two bytes), no space left at the end
        {std::string(199, 'a') + "é", std::string(199, 'a')},
        {std::string(199, 'a') + " b", std::string(199, 'a')},
        {std::string(5000, 'x'), std::string(max_recorded_query_bytes, 'x')},
    };
    for (const Row& row : rows) {
      CAPTURE(row.q);
      CHECK(normalised_query(row.q) == row.counted);
    }
  }

  TEST_CASE("the top queries come most frequent first, ties by text, at most `limit`") {
    QueryStats stats;
    for (const char* q : {"b", "a", "Rust", "rust ", "c", "RUST", "b", "a"}) stats.record(q, false, start);
    const QueryReport report = stats.report(3, 24, start);
    CHECK(report.top == counts({{"rust", 3}, {"a", 2}, {"b", 2}}));
    CHECK(report.searches == 8);
    CHECK(report.zero_result_searches == 0);
    CHECK(report.zero_results.empty());
    CHECK(stats.report(100, 24, start).top.size() == 4);
  }

  TEST_CASE("queries that found nothing are listed on their own, by how often they found nothing") {
    QueryStats stats;
    stats.record("zzz", true, start);
    stats.record("zzz", true, start);
    stats.record("qqq", true, start);
    stats.record("news", false, start);
    stats.record("news", true, start);  // found nothing once (the index changed, or filters)
    const QueryReport report = stats.report(10, 24, start);
    CHECK(report.zero_results == counts({{"zzz", 2}, {"news", 1}, {"qqq", 1}}));
    CHECK(report.top == counts({{"news", 2}, {"zzz", 2}, {"qqq", 1}}));
    CHECK(report.zero_result_searches == 4);
  }

  TEST_CASE("an empty query is counted in the totals, never in the lists") {
    QueryStats stats;
    stats.record("", true, start);
    stats.record("   ", false, start);
    stats.record("x", false, start);
    const QueryReport report = stats.report(10, 24, start);
    CHECK(report.searches == 3);
    CHECK(report.empty_query_searches == 2);
    CHECK(report.zero_result_searches == 1);
    CHECK(report.top == counts({{"x", 1}}));
    CHECK(report.zero_results.empty());
  }

  TEST_CASE("the window covers this hour and the ones before it, and older hours age out") {
    QueryStats stats;
    stats.record("old", false, start);
    stats.record("recent", false, start + hours(20));
    stats.record("now", true, start + hours(23) + minutes(59));
    const auto now = start + hours(23) + minutes(59);
    CHECK(stats.report(10, 24, now).top == counts({{"now", 1}, {"old", 1}, {"recent", 1}}));
    CHECK(stats.report(10, 4, now).top == counts({{"now", 1}, {"recent", 1}}));
    CHECK(stats.report(10, 1, now).top == counts({{"now", 1}}));
    CHECK(stats.report(10, 1, now).searches == 1);
    // An hour later the first hour has left the 24-hour window.
    CHECK(stats.report(10, 24, now + hours(1)).top == counts({{"now", 1}, {"recent", 1}}));
    // A week later nothing is left, and nothing from the future is counted.
    CHECK(stats.report(10, 24, now + hours(24 * 7)).searches == 0);
    CHECK(stats.report(10, 24, start - hours(1)).searches == 0);
  }

  TEST_CASE("an hour's bucket is emptied when it is reused a day later") {
    QueryStats stats;
    stats.record("monday", false, start);
    stats.record("tuesday", false, start + hours(24));  // the same bucket, the next day
    const QueryReport report = stats.report(10, 24, start + hours(24));
    CHECK(report.top == counts({{"tuesday", 1}}));
    CHECK(report.searches == 1);
    // A search recorded late by a slow thread, for an hour its bucket no longer holds.
    stats.record("monday", false, start);
    CHECK(stats.report(10, 24, start + hours(24)).searches == 1);
  }

  TEST_CASE("beyond the cap of distinct queries an hour, searches are counted as dropped") {
    QueryStats stats(3);
    for (const char* q : {"a", "b", "c", "d", "e", "a"}) stats.record(q, q[0] == 'e', start);
    QueryReport report = stats.report(10, 24, start);
    CHECK(report.top == counts({{"a", 2}, {"b", 1}, {"c", 1}}));
    CHECK(report.dropped == 2);
    CHECK(report.searches == 6);
    CHECK(report.zero_result_searches == 1);
    // The next hour has room again.
    stats.record("d", false, start + hours(1));
    report = stats.report(10, 24, start + hours(1));
    CHECK(report.top.size() == 4);
    CHECK(report.dropped == 2);
  }

  TEST_CASE("the hours asked for are held to 1 to 24") {
    QueryStats stats;
    stats.record("x", false, start);
    CHECK(stats.report(10, 0, start).hours == 1);
    CHECK(stats.report(10, 1000, start).hours == QueryStats::max_hours);
  }

  TEST_CASE("the report as JSON names every total and lists query and count") {
    QueryStats stats;
    stats.record("Rust", true, start);
    const nlohmann::json expected = {{"hours", 24},
                                     {"searches", 1},
                                     {"zero_result_searches", 1},
                                     {"empty_query_searches", 0},
                                     {"dropped", 0},
                                     {"top", {{{"query", "rust"}, {"count", 1}}}},
                                     {"zero_results", {{{"query", "rust"}, {"count", 1}}}}};
    CHECK(to_json(stats.report(10, 24, start)) == expected);
    CHECK(to_json(QueryStats{}.report(10, 24, start))["top"] == nlohmann::json::array());
  }
}
