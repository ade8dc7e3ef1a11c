/// @file bench-http: GET each target of a file in turn over one keep-alive connection to
/// 127.0.0.1, RUNS times, and print the latency of each request (where wrk is missing, or
/// to compare two target files request by request rather than by throughput).
///
///   bench-http PORT TARGETS RUNS(1-1000)  ->  "n N p50_ms X p95_ms Y p99_ms Z mean_ms M"
#include "latency.h"
#include "numbers.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) try {
  using namespace article_search;
  const auto port = argc == 4 ? numbers::parse_bounded<int>(argv[1], 1, 65535) : std::nullopt;
  const auto runs = argc == 4 ? numbers::parse_bounded<int>(argv[3], 1, 1000) : std::nullopt;
  if (!port || !runs) {
    std::fputs("Usage: bench-http PORT TARGETS RUNS(1-1000)\n", stderr);
    return 2;
  }
  std::ifstream in(argv[2]);
  std::vector<std::string> targets;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) targets.push_back(line);
  }
  httplib::Client client("127.0.0.1", *port);
  client.set_keep_alive(true);
  bench::Latencies latencies;
  for (int run = 0; run < *runs; ++run) {
    for (const std::string& target : targets) {
      const auto started = std::chrono::steady_clock::now();
      const auto answer = client.Get(target);
      if (!answer || answer->status != 200) {
        std::fprintf(stderr, "bench-http: %s failed\n", target.c_str());
        return 1;
      }
      latencies.add(std::chrono::steady_clock::now() - started);
    }
  }
  std::printf("%s\n", latencies.summary().c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-http: %s\n", e.what());
  return 1;
}
