/// @file The query mix and the latency percentiles.
#include "query_mix.h"

#include "latency.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <fstream>
#include <map>

using namespace article_search;
using article_search::testing::TempDir;

TEST_SUITE("query mix") {
  TEST_CASE("percentiles use the nearest rank") {
    std::vector<double> samples;
    for (int i = 1; i <= 100; ++i) samples.push_back(i);
    CHECK(bench::percentile(samples, 50) == 50);
    CHECK(bench::percentile(samples, 99) == 99);
    CHECK(bench::percentile(samples, 100) == 100);
    CHECK(bench::percentile({}, 50) == 0);
    CHECK(bench::percentile({7}, 99) == 7);
  }

  TEST_CASE("the mix holds every kind, drawn from the corpus, and round-trips through TSV") {
    TempDir tmp;
    for (int i = 0; i < 30; ++i) {
      tmp.write((i % 2 ? "news/" : "sport/") + std::to_string(i) + ".txt",
                "Headline about rivers " + std::to_string(i) + "\n\nThe quiet river runs past the old mill. "
                "Farmers gather grain near the water.");
    }
    const auto queries = bench::draw_query_mix({(tmp / "").string()}, 40, 5);
    REQUIRE(queries.size() == 40);
    std::map<bench::QueryKind, int> kinds;
    std::string tsv;
    for (const auto& q : queries) {
      ++kinds[q.kind];
      tsv += bench::to_tsv(q) + "\n";
      if (q.kind == bench::QueryKind::filter) CHECK((q.filter_source == "news" || q.filter_source == "sport"));
      if (q.kind == bench::QueryKind::field) CHECK(q.field == "title");
      if (q.kind == bench::QueryKind::phrase) CHECK(q.words.size() >= 2);
    }
    CHECK(kinds.size() == 5);
    CHECK(kinds[bench::QueryKind::word] == 14);
    tmp.write("q.tsv", tsv);
    const auto read = bench::read_query_mix((tmp / "q.tsv").string());
    REQUIRE(read.size() == queries.size());
    CHECK(read[3].words == queries[3].words);
    CHECK(read[9].filter_source == queries[9].filter_source);
  }

  TEST_CASE("a malformed query line is an error naming it") {
    TempDir tmp;
    tmp.write("q.tsv", "sideways\tword\t\t\n");
    CHECK_THROWS_WITH(bench::read_query_mix((tmp / "q.tsv").string()), doctest::Contains("sideways"));
  }
}
