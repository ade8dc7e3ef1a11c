/// @file The query mix and the latency percentiles.
#include "query_mix.h"

#include "latency.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>

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

  TEST_CASE("a distinct mix repeats no query, and stops short when the corpus runs out") {
    TempDir tmp;
    for (int i = 0; i < 60; ++i) {
      tmp.write((i % 2 ? "news/" : "sport/") + std::to_string(i) + ".txt",
                "Headline " + std::to_string(i) + " about rivers\n\nThe quiet river " +
                    std::to_string(i * 7) + " runs past the old mill number " + std::to_string(i) +
                    ". Farmers gather grain near the water.");
    }
    const std::vector<std::string> inputs{(tmp / "").string()};
    const auto plain = bench::draw_query_mix(inputs, 200, 5);
    std::set<std::string> plain_seen;
    for (const auto& q : plain) plain_seen.insert(bench::to_tsv(q));
    REQUIRE(plain_seen.size() < plain.size());  // the plain mix repeats itself here

    const auto queries = bench::draw_distinct_query_mix(inputs, 200, 5);
    std::set<std::string> seen;
    for (const auto& q : queries) seen.insert(bench::to_tsv(q));
    CHECK(seen.size() == queries.size());
    CHECK(queries.size() > plain_seen.size() / 2);
    const auto too_many = bench::draw_distinct_query_mix(inputs, 20'000, 5);
    CHECK(too_many.size() < 20'000);
  }

  TEST_CASE("a malformed query line is an error naming it") {
    TempDir tmp;
    tmp.write("q.tsv", "sideways\tword\t\t\n");
    CHECK_THROWS_WITH(bench::read_query_mix((tmp / "q.tsv").string()), doctest::Contains("sideways"));
  }
}
