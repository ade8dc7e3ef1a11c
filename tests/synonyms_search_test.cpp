/// @file Synonyms end to end in the search core: a fixture indexed by the indexer, searched
/// with the sample rules of docs/synonyms-news.txt as the server loads them.
#include "indexer.h"
#include "search.h"
#include "synonyms.h"
#include "temp_dir.h"

#include <doctest/doctest.h>
#include <xapian.h>

using namespace article_search;
using article_search::testing::TempDir;
using article_search::testing::source_dir;

namespace {

struct QuietReporter : indexer::Reporter {
  void warning(const std::string&) override {}
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

/// The sample rules, loaded as the server loads them.
search::Synonyms sample_synonyms() {
  auto loaded = search::load_synonyms((source_dir() / "docs" / "synonyms-news.txt").string());
  if (auto* synonyms = std::get_if<search::Synonyms>(&loaded)) return std::move(*synonyms);
  FAIL(std::get<std::string>(loaded));
  return {};
}

struct Fixture {
  TempDir tmp;
  search::Synonyms synonyms = sample_synonyms();
  Fixture() {
    indexer::Options options;
    options.db = tmp / "db";
    options.inputs.push_back(source_dir() / "tests" / "data" / "synonyms");
    QuietReporter reporter;
    REQUIRE(indexer::run(options, reporter).added == 3);
  }
  search::SearchResult search(const std::string& q, bool with_synonyms = true) {
    Xapian::Database db((tmp / "db").string());
    search::RankingConfig config = search::default_ranking;
    if (with_synonyms) config.synonyms = &synonyms;
    Xapian::QueryParser parser = search::make_parser(db, config);
    search::SearchRequest request;
    request.q = q;
    return search::run_search(db, parser, request, config);
  }
};

std::vector<std::string> titles(const search::SearchResult& result) {
  std::vector<std::string> found;
  for (const auto& hit : result.hits) found.push_back(hit.title_text);
  return found;
}

}  // namespace

TEST_SUITE("synonyms in search") {
  TEST_CASE("a Kiev article is found by kyiv, and the snippet marks Kiev") {
    Fixture f;
    CHECK(f.search("kyiv", false).hits.empty());
    const search::SearchResult result = f.search("kyiv talks");
    REQUIRE(titles(result) == std::vector<std::string>{"Talks in Kiev end without an agreement"});
    CHECK(result.hits[0].title_html == "<mark>Talks</mark> in <mark>Kiev</mark> end without an agreement");
    CHECK(result.searched == "kyiv talks");
    CHECK(result.understood.find("kiev") != std::string::npos);
    REQUIRE(result.synonyms.size() == 1);
    CHECK(result.synonyms[0].words == "kyiv");
  }

  TEST_CASE("nyc finds New York City, the phrase marked word by word") {
    Fixture f;
    CHECK(f.search("nyc", false).hits.empty());
    const search::SearchResult result = f.search("NYC");
    REQUIRE(titles(result) == std::vector<std::string>{"New York City council passes its budget"});
    CHECK(result.hits[0].title_html.starts_with("<mark>New</mark> <mark>York</mark> <mark>City</mark> council"));
  }

  TEST_CASE("quoted words are not expanded") {
    Fixture f;
    CHECK(f.search("\"kyiv\"").hits.empty());
    CHECK(f.search("\"kyiv\"").synonyms.empty());
  }
}
