/// @file --synonyms over HTTP: the real server with the sample rules of
/// docs/synonyms-news.txt, over the synonym fixture (tests/data/synonyms).
#include "server_fixture.h"

namespace {
using namespace article_search;
using article_search::testing::source_dir;

/// A server over the fixture with the sample rules, loaded as article-server loads them.
struct SynonymServer {
  testing::TempDir dir;
  std::filesystem::path db = dir / "db";
  std::optional<testing::InProcessServer> server;
  SynonymServer() {
    testing::index_into(db, {source_dir() / "tests" / "data" / "synonyms"});
    server::ServerOptions options = testing::test_server_options(db);
    auto loaded = search::load_synonyms((source_dir() / "docs" / "synonyms-news.txt").string());
    auto* synonyms = std::get_if<search::Synonyms>(&loaded);
    REQUIRE(synonyms != nullptr);
    options.synonyms = std::make_shared<const search::Synonyms>(std::move(*synonyms));
    server.emplace(options);
  }
};

}  // namespace

TEST_SUITE("GET /api/search with --synonyms") {
  TEST_CASE("kyiv finds the Kiev article; the answer says which words were expanded") {
    SynonymServer s;
    const auto answer = s.server->get_json("/api/search?q=kyiv");
    REQUIRE(answer.at("hits").size() == 1);
    CHECK(answer["hits"][0]["title"] == "Talks in <mark>Kiev</mark> end without an agreement");
    const auto& query = answer.at("query");
    CHECK(query.at("searched") == "kyiv");
    CHECK(query.at("understood") == "Query((kyiv@1 OR kiev@2))");
    CHECK(query.at("synonyms") ==
          nlohmann::json::parse(R"([{"words": "kyiv", "searched": ["kyiv", "kiev"], "lines": [16]}])"));
  }

  TEST_CASE("an abbreviation finds the words in full; a query without a synonym has no `synonyms`") {
    SynonymServer s;
    CHECK(s.server->get_json("/api/search?q=nyc+council").at("hits").size() == 1);
    CHECK_FALSE(s.server->get_json("/api/search?q=harbour").at("query").contains("synonyms"));
  }
}
