/// @file bench-search: the project's search in-process (search_core, no HTTP), one thread,
/// top 10 with snippets, facets and spelling as the server computes them.
///
///   bench-search DB QUERIES RUNS [all-words]
///
/// `all-words` combines plain words with AND, as FTS5 does, instead of the server's
/// default (OR with a boost for documents holding every word).
#include "latency.h"
#include "query_mix.h"
#include "search.h"
#include "server_query.h"
#include "query.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>

int main(int argc, char** argv) try {
  using namespace article_search;
  const std::vector<std::string> args(argv + 1, argv + argc);
  int runs = 0;
  if (args.size() < 3 || args.size() > 4 ||
      std::from_chars(args[2].data(), args[2].data() + args[2].size(), runs).ec != std::errc() ||
      runs < 1 || runs > 1000 || (args.size() == 4 && args[3] != "all-words")) {
    std::fputs("Usage: bench-search DB QUERIES RUNS(1-1000) [all-words]\n", stderr);
    return 2;
  }
  search::RankingConfig config = search::default_ranking;
  if (args.size() == 4) config.default_operator = search::DefaultOperator::all_words;
  Xapian::Database db(args[0]);
  Xapian::QueryParser parser = search::make_parser(db, config);
  const auto queries = bench::read_query_mix(args[1]);
  bench::Latencies latencies;
  std::size_t hits = 0;
  for (int run = 0; run < runs; ++run) {
    for (const auto& q : queries) {
      const auto started = std::chrono::steady_clock::now();
      search::SearchRequest request;
      request.q = bench::server_q(q);
      request.limit = 10;
      if (!q.filter_source.empty()) search::filter_values(request, "source") = {q.filter_source};
      hits += search::run_search(db, parser, request, config).hits.size();
      latencies.add(std::chrono::steady_clock::now() - started);
    }
  }
  std::printf("%s hits %zu\n", latencies.summary().c_str(), hits);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-search: %s\n", e.what());
  return 1;
} catch (const Xapian::Error& e) {
  std::fprintf(stderr, "bench-search: %s\n", e.get_description().c_str());
  return 1;
}
