/// @file bench-queries: prints the fixed query mix (TSV) drawn from a corpus.
#include "query_mix.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) try {
  int first = 1;
  std::size_t distinct = 0;
  if (argc > 2 && std::strcmp(argv[1], "--distinct") == 0) {
    distinct = std::strtoul(argv[2], nullptr, 10);
    first = 3;
  }
  if (argc <= first || (first == 3 && (distinct == 0 || distinct > 100'000))) {
    std::fputs("Usage: bench-queries [--distinct N] INPUT... > queries.tsv\n"
               "  300 queries with a fixed seed, or N (1-100000) queries that all differ\n",
               stderr);
    return 2;
  }
  const std::vector<std::string> inputs(argv + first, argv + argc);
  constexpr std::uint64_t seed = 20260101;
  const auto queries = distinct ? article_search::bench::draw_distinct_query_mix(inputs, distinct, seed)
                                : article_search::bench::draw_query_mix(inputs, 300, seed);
  for (const auto& q : queries) std::printf("%s\n", article_search::bench::to_tsv(q).c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-queries: %s\n", e.what());
  return 1;
}
