/// @file bench-targets: the query mix as GET /api/search targets, one a line (for wrk and
/// bench-http); with `timeline`, each asks for timeline=auto too.
#include "query_mix.h"
#include "server_query.h"

#include <cstdio>
#include <string_view>

int main(int argc, char** argv) try {
  const bool timeline = argc == 3 && std::string_view(argv[2]) == "timeline";
  if (argc != 2 && !timeline) {
    std::fputs("Usage: bench-targets QUERIES.tsv [timeline] > targets.txt\n", stderr);
    return 2;
  }
  for (const auto& q : article_search::bench::read_query_mix(argv[1])) {
    std::printf("%s%s\n", article_search::bench::server_target(q).c_str(),
                timeline ? "&timeline=auto" : "");
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-targets: %s\n", e.what());
  return 1;
}
