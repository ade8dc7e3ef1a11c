/// @file Latency samples and their percentiles.
#include "latency.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace article_search::bench {

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(samples.size()));
  const std::size_t index = rank < 1 ? 0 : static_cast<std::size_t>(rank) - 1;
  return samples[std::min(index, samples.size() - 1)];
}

void Latencies::add(std::chrono::steady_clock::duration elapsed) {
  ms_.push_back(std::chrono::duration<double, std::milli>(elapsed).count());
}

std::string Latencies::summary() const {
  const double mean =
      ms_.empty() ? 0 : std::accumulate(ms_.begin(), ms_.end(), 0.0) / static_cast<double>(ms_.size());
  char line[160];
  std::snprintf(line, sizeof line, "n %zu p50_ms %.3f p95_ms %.3f p99_ms %.3f mean_ms %.3f",
                ms_.size(), percentile(ms_, 50), percentile(ms_, 95), percentile(ms_, 99), mean);
  return line;
}

}  // namespace article_search::bench
