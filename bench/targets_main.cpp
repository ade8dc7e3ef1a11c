/// @file bench-targets: the query mix as GET /api/search targets, one a line (for wrk).
#include "query_mix.h"
#include "server_query.h"

#include <cstdio>

int main(int argc, char** argv) try {
  if (argc != 2) {
    std::fputs("Usage: bench-targets QUERIES.tsv > targets.txt\n", stderr);
    return 2;
  }
  for (const auto& q : article_search::bench::read_query_mix(argv[1])) {
    std::printf("%s\n", article_search::bench::server_target(q).c_str());
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-targets: %s\n", e.what());
  return 1;
}
