/// @file `boost=recent` over HTTP against the real server: the same text dated a day, two
/// months and two years before today ranks newest first with the boost and in relevance
/// (docid) order without; the answer says the boost; the feed takes it, export refuses it.
#include "document.h"
#include "server_fixture.h"
#include "timeline.h"

#include <chrono>

namespace {
using article_search::Article;
using article_search::testing::ExistingDatabase;
using article_search::testing::hit_ids;
using article_search::testing::RunningServer;
using article_search::testing::TempDir;
using nlohmann::json;

std::string days_ago(long days) {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const long today = std::chrono::duration_cast<std::chrono::hours>(since_epoch).count() / 24;
  return article_search::search::iso_day(today - days);
}

std::filesystem::path build_dated_database(const TempDir& dir) {
  const std::filesystem::path path = dir / "dated-db";
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  Xapian::TermGenerator generator = article_search::make_term_generator(nullptr);
  const std::pair<const char*, long> dated[] = {{"ferry-2y", 730}, {"ferry-60d", 60}, {"ferry-1d", 1}};
  for (const auto& [id, days] : dated) {
    Article article;
    article.id = id;
    article.title = "Ferry service resumes";
    article.body = "The ferry service resumes after the strike.";
    article.date = days_ago(days);
    article.source = "wire";
    db.add_document(article_search::make_document(article, generator));
  }
  db.commit();
  return path;
}

RunningServer& dated_server() {
  static const TempDir dir;
  static RunningServer server(ExistingDatabase{build_dated_database(dir)});
  return server;
}

json error_body(const std::string& message, const std::string& parameter) {
  return {{"error", {{"code", "invalid_parameter"}, {"message", message}, {"parameter", parameter}}}};
}

}  // namespace

TEST_SUITE("recency over HTTP") {
  TEST_CASE("boost=recent puts the newest of equally relevant articles first and says so") {
    const json plain = dated_server().get_json("/api/search?q=ferry");
    CHECK(hit_ids(plain) == std::vector<std::string>{"ferry-2y", "ferry-60d", "ferry-1d"});
    CHECK_FALSE(plain["query"].contains("boost"));
    const json boosted = dated_server().get_json("/api/search?q=ferry&boost=recent&half_life=30d");
    CHECK(hit_ids(boosted) == std::vector<std::string>{"ferry-1d", "ferry-60d", "ferry-2y"});
    const json& boost = boosted["query"]["boost"];
    CHECK(boost["kind"] == "recent");
    CHECK(boost["half_life_days"] == 30.0);
    CHECK(std::string(boost["now"]).size() == std::string("2026-01-01T00:00:00Z").size());
    CHECK(boosted["hits"][0]["score"].get<double>() > plain["hits"][0]["score"].get<double>());
    CHECK(dated_server().get_json("/api/search?q=ferry&boost=recent")["query"]["boost"]["half_life_days"] == 30.0);
    CHECK(dated_server().get_json("/api/search?q=ferry&boost=recent&half_life=12h")["query"]["boost"]["half_life_days"] == 0.5);
  }

  TEST_CASE("boost=recent works with group=story and facets") {
    const json answer = dated_server().get_json("/api/search?q=ferry&boost=recent&group=story&per_page=1");
    CHECK(answer["group"] == "story");
    CHECK(answer["facets"]["source"][0]["value"] == "wire");
  }

  TEST_CASE("bad boost parameters are 400 invalid_parameter naming them") {
    CHECK(dated_server().get_json("/api/search?q=ferry&boost=newest", 400) ==
          error_body("Parameter `boost` must be `recent`, got `newest`.", "boost"));
    CHECK(dated_server().get_json("/api/search?q=ferry&boost=recent&sort=newest", 400) ==
          error_body("Parameter `boost` adds freshness to relevance: it cannot be combined with "
                     "`sort=newest`.", "boost"));
    CHECK(dated_server().get_json("/api/search?q=ferry&half_life=30d", 400) ==
          error_body("Parameter `half_life` applies only with `boost=recent`.", "half_life"));
    CHECK(dated_server().get_json("/api/search?q=ferry&boost=recent&half_life=30", 400) ==
          error_body("Parameter `half_life` must be a whole number of hours, days, weeks or years "
                     "(`12h`, `30d`, `2w`, `1y`) from 1h to 100y, got `30`.", "half_life"));
    CHECK(dated_server().get_json("/api/export?q=ferry&boost=recent", 400)["error"]["parameter"] == "boost");
  }

  TEST_CASE("the feed with boost=recent is ranked by relevance with freshness") {
    auto client = dated_server().client();
    const auto plain = client.Get("/api/search.atom?q=ferry&sort=relevance");
    const auto boosted = client.Get("/api/search.atom?q=ferry&boost=recent");
    REQUIRE(plain);
    REQUIRE(boosted);
    CHECK(boosted->status == 200);
    const auto first_entry = [](const std::string& feed) {
      const std::size_t at = feed.find("urn:article-search:article:");
      return at == std::string::npos ? std::string() : feed.substr(at, 36);
    };
    CHECK(first_entry(plain->body).find("ferry-2y") != std::string::npos);
    CHECK(first_entry(boosted->body).find("ferry-1d") != std::string::npos);
  }
}
