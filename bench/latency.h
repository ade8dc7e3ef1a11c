/// @file Latency samples and their percentiles.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace article_search::bench {

/// The value at percentile `p` (0-100) of `samples` by nearest rank; 0 when empty.
double percentile(std::vector<double> samples, double p);

class Latencies {
 public:
  void add(std::chrono::steady_clock::duration elapsed);
  /// "n N p50_ms X p95_ms Y p99_ms Z mean_ms M"
  std::string summary() const;

 private:
  std::vector<double> ms_;
};

}  // namespace article_search::bench
