/// @file bench-queries: prints the fixed query mix (TSV) drawn from a corpus.
#include "query_mix.h"

#include <cstdio>

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::fputs("Usage: bench-queries INPUT... > queries.tsv  (300 queries, fixed seed)\n", stderr);
    return 2;
  }
  const std::vector<std::string> inputs(argv + 1, argv + argc);
  for (const auto& q : article_search::bench::draw_query_mix(inputs, 300, 20260101)) {
    std::printf("%s\n", article_search::bench::to_tsv(q).c_str());
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-queries: %s\n", e.what());
  return 1;
}
