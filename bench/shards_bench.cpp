/// @file bench-shards: the server's search (search_core) over one database or several
/// shards, local or remote, opened exactly as article-server opens --db (DatabaseSource:
/// stub files, remote timeouts, the remote-shard adjustments). Prints one line:
///
///   bench-shards QUERIES RUNS(1-1000) THREADS(1-16) DB...
///   -> "n N p50_ms X p95_ms Y p99_ms Z mean_ms M qps Q hits H"
///
/// Each thread opens its own database and runs every query of the mix RUNS times (top 10
/// with snippets, facets, spelling as the server does); qps is all queries over wall time.
#include "latency.h"
#include "query.h"
#include "query_mix.h"
#include "search.h"
#include "server_query.h"
#include "numbers.h"
#include "topology.h"

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

using namespace article_search;

int main(int argc, char** argv) try {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto runs = args.size() >= 4 ? numbers::parse_bounded<int>(args[1], 1, 1000) : std::nullopt;
  const auto threads = args.size() >= 4 ? numbers::parse_bounded<int>(args[2], 1, 16) : std::nullopt;
  if (!runs || !threads) {
    std::fputs("Usage: bench-shards QUERIES RUNS(1-1000) THREADS(1-16) DB...\n", stderr);
    return 2;
  }
  const topology::DatabaseSource source({args.begin() + 3, args.end()}, topology::RemoteTimeouts{});
  const auto queries = bench::read_query_mix(args[0]);
  const search::RankingConfig config = search::default_ranking;

  bench::Latencies latencies;
  std::mutex mutex;
  std::atomic<std::size_t> hits{0};
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < *threads; ++t) {
    workers.emplace_back([&] {
      topology::OpenDatabase open = source.open();
      Xapian::QueryParser parser = search::make_parser(open.db, config);
      std::vector<std::chrono::steady_clock::duration> mine;
      for (int run = 0; run < *runs; ++run) {
        for (const auto& q : queries) {
          const auto begun = std::chrono::steady_clock::now();
          search::SearchRequest request;
          request.q = bench::server_q(q);
          request.limit = 10;
          if (!q.filter_source.empty()) search::filter_values(request, "source") = {q.filter_source};
          hits += search::run_search(open.db, parser, request, config, open.can).hits.size();
          mine.push_back(std::chrono::steady_clock::now() - begun);
        }
      }
      const std::lock_guard<std::mutex> lock(mutex);
      for (const auto elapsed : mine) latencies.add(elapsed);
    });
  }
  for (auto& worker : workers) worker.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double total = static_cast<double>(queries.size()) * *runs * *threads;
  std::printf("%s qps %.1f hits %zu\n", latencies.summary().c_str(), total / seconds, hits.load());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-shards: %s\n", e.what());
  return 1;
} catch (const Xapian::Error& e) {
  std::fprintf(stderr, "bench-shards: %s\n", e.get_description().c_str());
  return 1;
}
