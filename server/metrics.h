/// @file Request counters and latency histograms, rendered in Prometheus text format 0.0.4.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace article_search::server {

/// The route label of a request path: the path template of the route it goes to
/// (route_table.h), so the label set stays bounded whatever paths clients send ("static"
/// for files, "other" for the rest). Pure.
std::string route_label(std::string_view method, std::string_view path);

class Metrics {
 public:
  static constexpr std::array<double, 11> buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,   0.25,   0.5,   1.0,  2.5};

  void record(const std::string& route, int status, double seconds);
  /// Counts an answered search (/api/search, /api/search.atom); never its text, which
  /// would make the label set unbounded (the texts are at /api/admin/queries).
  void record_search(bool found_nothing);

  /// Gauges read at the moment of rendering.
  struct Gauges {
    unsigned long long revision = 0;   ///< of the open index
    unsigned long long documents = 0;  ///< in the open index
    std::size_t search_slots = 0;      ///< searches run at once (0: no limit)
    std::size_t searches_waiting = 0;  ///< queued for a slot now
    bool writes_on = false;            ///< the document API takes writes (an admin key)
    unsigned long long write_commits = 0, write_changes = 0;  ///< since the start
  };

  /// The whole exposition, with the gauges.
  std::string render(const Gauges& gauges) const;

 private:
  struct Histogram {
    std::array<unsigned long long, buckets.size()> counts{};
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, unsigned long long> requests_;
  std::map<std::string, Histogram> latency_;
  unsigned long long searches_ = 0;
  unsigned long long zero_result_searches_ = 0;
};

}  // namespace article_search::server
