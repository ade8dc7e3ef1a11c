/// @file Search analytics: hourly buckets of query counts, and the report over a window.
#include "query_stats.h"

#include "utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace article_search::server {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string collapsed_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (const char c : text) {
    if (is_ascii_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

/// The first `max_bytes` of `text` or fewer, never ending inside a (valid) character.
std::string_view cut_on_character(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // A character has at most three continuation bytes (invalid text may have more).
  while (end > 0 && max_bytes - end < 3 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

long long hour_number(QueryStats::Clock::time_point at) {
  return std::chrono::floor<std::chrono::hours>(at.time_since_epoch()).count();
}

/// The `limit` entries of `counts` with the highest `count_of` (above zero), ties by text.
template <class Map, class CountOf>
std::vector<QueryCount> leading(const Map& counts, std::size_t limit, CountOf count_of) {
  std::vector<QueryCount> entries;
  for (const auto& [query, entry] : counts) {
    if (const unsigned long long count = count_of(entry); count > 0) {
      entries.push_back({std::string(query), count});
    }
  }
  const auto before = [](const QueryCount& a, const QueryCount& b) {
    return a.count != b.count ? a.count > b.count : a.query < b.query;
  };
  const auto kept = entries.begin() + static_cast<std::ptrdiff_t>(std::min(limit, entries.size()));
  std::partial_sort(entries.begin(), kept, entries.end(), before);
  entries.erase(kept, entries.end());
  return entries;
}

nlohmann::json to_json(const std::vector<QueryCount>& counts) {
  nlohmann::json list = nlohmann::json::array();
  for (const QueryCount& entry : counts) list.push_back({{"query", entry.query}, {"count", entry.count}});
  return list;
}

}  // namespace

std::string normalised_query(std::string_view q) {
  // Cut first (with room for the whitespace to collapse), so a long query costs little.
  const std::string_view head = cut_on_character(q, 4 * max_recorded_query_bytes);
  const std::string valid = text::is_valid_utf8(head) ? std::string(head) : text::repair_utf8(head).text;
  const std::string folded = text::fold_case(collapsed_whitespace(valid));
  std::string text(cut_on_character(folded, max_recorded_query_bytes));
  while (!text.empty() && text.back() == ' ') text.pop_back();  // a cut before a space
  return text;
}

nlohmann::json to_json(const QueryReport& report) {
  return {{"hours", report.hours},
          {"searches", report.searches},
          {"zero_result_searches", report.zero_result_searches},
          {"empty_query_searches", report.empty_query_searches},
          {"dropped", report.dropped},
          {"top", to_json(report.top)},
          {"zero_results", to_json(report.zero_results)}};
}

QueryStats::Hour& QueryStats::hour_at(long long number) {
  Hour& hour = hours_[static_cast<std::size_t>(number % max_hours)];
  if (hour.number < number) hour = Hour{number, {}, 0, 0, 0, 0};  // its hour has left the window
  return hour;
}

void QueryStats::record(std::string_view q, bool found_nothing, Clock::time_point at) {
  std::string query = normalised_query(q);
  const long long number = hour_number(at);
  if (number < 0) return;
  const std::lock_guard<std::mutex> lock(mutex_);
  Hour& hour = hour_at(number);
  if (hour.number != number) return;  // older than its bucket (a late thread): too old to count
  ++hour.searches;
  if (found_nothing) ++hour.zero_result_searches;
  if (query.empty()) {
    ++hour.empty_query_searches;
    return;
  }
  auto it = hour.queries.find(query);
  if (it == hour.queries.end()) {
    if (hour.queries.size() >= max_queries_per_hour_) {
      ++hour.dropped;
      return;
    }
    it = hour.queries.emplace(std::move(query), Counts{}).first;
  }
  ++it->second.searches;
  if (found_nothing) ++it->second.zero_results;
}

QueryReport QueryStats::report(std::size_t limit, int hours, Clock::time_point now) const {
  QueryReport report;
  report.hours = std::clamp(hours, 1, max_hours);
  const long long newest = hour_number(now);
  std::unordered_map<std::string_view, Counts> merged;
  const std::lock_guard<std::mutex> lock(mutex_);
  for (const Hour& hour : hours_) {
    if (hour.number < 0 || hour.number > newest || newest - hour.number >= report.hours) continue;
    report.searches += hour.searches;
    report.zero_result_searches += hour.zero_result_searches;
    report.empty_query_searches += hour.empty_query_searches;
    report.dropped += hour.dropped;
    for (const auto& [query, counts] : hour.queries) {
      Counts& sum = merged[query];
      sum.searches += counts.searches;
      sum.zero_results += counts.zero_results;
    }
  }
  report.top = leading(merged, limit, [](const Counts& counts) { return counts.searches; });
  report.zero_results = leading(merged, limit, [](const Counts& counts) { return counts.zero_results; });
  return report;
}

}  // namespace article_search::server
