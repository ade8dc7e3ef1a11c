/// @file Search analytics for the operator: the most frequent queries, and those that found
/// nothing, over the last hours (GET /api/admin/queries).
///
/// In memory only: never written to disk, gone when the server stops, and bounded. Each
/// hour of the last `max_hours` has a bucket of at most `max_queries_per_hour` distinct
/// queries (beyond that a search is counted in the totals and as `dropped`, not under its
/// text); a bucket is reused, emptied, once its hour has left the window. Queries are
/// counted under normalised_query(). An empty query (browse everything, with or without
/// filters) is counted in the totals and as `empty_query_searches`, never in the lists.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace article_search::server {

/// Most bytes of a query's text kept: a longer one is counted as its first characters.
inline constexpr std::size_t max_recorded_query_bytes = 200;

/// The text a query is counted under: valid UTF-8 (invalid bytes as U+FFFD), runs of
/// ASCII whitespace as one space, no space at either end, in lower case (Unicode's simple
/// case mapping), cut to max_recorded_query_bytes on a character boundary. Pure.
std::string normalised_query(std::string_view q);

struct QueryCount {
  std::string query;
  unsigned long long count = 0;

  bool operator==(const QueryCount&) const = default;
};

/// What the operator is shown: totals over the window, and the leading queries.
struct QueryReport {
  int hours = 0;  ///< the window: this hour and the hours before it
  unsigned long long searches = 0;              ///< every search recorded, empty ones included
  unsigned long long zero_result_searches = 0;  ///< of which found nothing
  unsigned long long empty_query_searches = 0;  ///< of which had no query text
  unsigned long long dropped = 0;  ///< searches not counted under their text (a full hour)
  std::vector<QueryCount> top;           ///< most frequent first, then by text
  std::vector<QueryCount> zero_results;  ///< queries that found nothing, most frequent first
};

/// The report as JSON (the QueryReport schema of openapi.json).
nlohmann::json to_json(const QueryReport& report);

/// The recorder: thread-safe, memory-bounded. The caller gives the time of each call, so
/// tests can move it (the server passes Clock::now(), a monotonic clock: hours are counted
/// from when the machine started, and a change of the wall clock cannot age them).
class QueryStats {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int max_hours = 24;
  static constexpr std::size_t default_max_queries_per_hour = 10000;

  QueryStats() = default;
  explicit QueryStats(std::size_t max_queries_per_hour) : max_queries_per_hour_(max_queries_per_hour) {}

  /// Counts one answered search of `q` (as the client sent it) at `at`.
  void record(std::string_view q, bool found_nothing, Clock::time_point at);

  /// The window of the last `hours` (1 to max_hours, this hour included) at `now`, with
  /// at most `limit` queries in each list.
  QueryReport report(std::size_t limit, int hours, Clock::time_point now) const;

 private:
  struct Counts {
    unsigned long long searches = 0;
    unsigned long long zero_results = 0;
  };
  struct Hour {
    long long number = -1;  ///< hours since the clock's epoch; -1: never used
    std::unordered_map<std::string, Counts> queries;
    unsigned long long searches = 0, zero_result_searches = 0, empty_query_searches = 0, dropped = 0;
  };

  Hour& hour_at(long long number);

  std::size_t max_queries_per_hour_ = default_max_queries_per_hour;
  mutable std::mutex mutex_;
  std::array<Hour, max_hours> hours_;
};

}  // namespace article_search::server
