/// @file The news fields over HTTP against the real server: authors, tags, section and
/// language in hits and documents, filtered by parameter and by query (whatever the
/// case), and counted in the facets. The database is built with the indexer's own
/// document builder, so the test does not depend on which inputs fill the fields.
#include "document.h"
#include "server_fixture.h"

#include <algorithm>
#include <set>

namespace {
using article_search::Article;
using article_search::testing::ExistingDatabase;
using article_search::testing::hit_ids;
using article_search::testing::RunningServer;
using article_search::testing::TempDir;
using nlohmann::json;

Article news(std::string id, std::string title, std::vector<std::string> authors,
             std::vector<std::string> tags, std::string section, std::string language) {
  Article article;
  article.id = std::move(id);
  article.title = std::move(title);
  article.body = article.title + ". Reported from the coast.";
  article.date = "2024-07-16";
  article.source = "wire";
  article.authors = std::move(authors);
  article.tags = std::move(tags);
  article.section = std::move(section);
  article.language = std::move(language);
  return article;
}

/// Four news articles in several spellings of the same names, and one that states nothing.
std::vector<Article> news_articles() {
  std::vector<Article> articles = {
      news("storm-coast", "Storm hits the coast", {"Jane Doe", "John Roe"}, {"weather", "Floods"},
           "World", "en"),
      news("storm-rail", "Storm stops the trains", {"jane doe"}, {"rail", "weather"}, "world", "en"),
      news("tempete", "Tempête sur la côte", {"Ann Lee"}, {"météo"}, "Monde", "fr"),
      news("markets", "Markets calm after the storm", {"Jane Doe", "Ann Lee"}, {"markets"},
           "Business", "EN"),
  };
  Article bare;
  bare.id = "bare";
  bare.title = "A storm of no particular origin";
  bare.body = "Nothing is known about this storm.";
  bare.source = "notes";
  articles.push_back(bare);
  articles[0].url = "https://news.example/world/storm-coast";
  articles[0].modified = "2024-07-17T09:30:00";
  articles[0].description = "The storm, summed up.";
  return articles;
}

std::filesystem::path build_news_database(const TempDir& dir) {
  const std::filesystem::path path = dir / "news-db";
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  Xapian::TermGenerator generator = article_search::make_term_generator(nullptr);
  for (const Article& article : news_articles()) {
    db.add_document(article_search::make_document(article, generator));
  }
  db.commit();
  return path;
}

/// One server over the news database for the tests of this file.
RunningServer& news_server() {
  static const TempDir dir;
  static RunningServer server(ExistingDatabase{build_news_database(dir)});
  return server;
}

std::set<std::string> ids_of(const json& answer) {
  const auto ids = hit_ids(answer);
  return {ids.begin(), ids.end()};
}

std::set<std::string> ids_for(const std::string& target) {
  return ids_of(news_server().get_json(target));
}

using Ids = std::set<std::string>;

}  // namespace

TEST_SUITE("news fields over HTTP") {
  TEST_CASE("hits carry url, authors, section, tags and language; null or [] when unstated") {
    const json answer = news_server().get_json("/api/search?q=coast&per_page=50");
    const auto hit = std::find_if(answer["hits"].begin(), answer["hits"].end(),
                                  [](const json& h) { return h["id"] == "storm-coast"; });
    REQUIRE(hit != answer["hits"].end());
    CHECK((*hit)["url"] == "https://news.example/world/storm-coast");
    CHECK((*hit)["authors"] == json::parse(R"(["Jane Doe","John Roe"])"));
    CHECK((*hit)["source"] == "wire");
    CHECK((*hit)["section"] == "World");
    CHECK((*hit)["tags"] == json::parse(R"(["weather","Floods"])"));
    CHECK((*hit)["language"] == "en");

    const json bare = news_server().get_json("/api/search?q=particular")["hits"].at(0);
    CHECK(bare["id"] == "bare");
    CHECK(bare["url"].is_null());
    CHECK(bare["authors"] == json::array());
    CHECK(bare["section"].is_null());
    CHECK(bare["tags"] == json::array());
    CHECK(bare["language"].is_null());
  }

  TEST_CASE("author= matches whole names whatever the case, and repeats OR") {
    const Ids jane = {"storm-coast", "storm-rail", "markets"};
    CHECK(ids_for("/api/search?author=jane%20doe") == jane);
    CHECK(ids_for("/api/search?author=JANE%20DOE") == jane);
    CHECK(ids_for("/api/search?author=Jane%20Doe&author=ann%20lee") ==
          Ids{"storm-coast", "storm-rail", "markets", "tempete"});
    CHECK(ids_for("/api/search?author=jane").empty());  // a whole name, not a word of it
    CHECK(ids_for("/api/search?q=trains&author=jane%20doe") == Ids{"storm-rail"});
  }

  TEST_CASE("tag= repeated is any of them; filters of different fields must all match") {
    CHECK(ids_for("/api/search?tag=weather") == Ids{"storm-coast", "storm-rail"});
    CHECK(ids_for("/api/search?tag=floods&tag=rail") == Ids{"storm-coast", "storm-rail"});
    CHECK(ids_for("/api/search?tag=M%C3%89T%C3%89O") == Ids{"tempete"});  // MÉTÉO
    CHECK(ids_for("/api/search?tag=weather&section=WORLD") == Ids{"storm-coast", "storm-rail"});
    CHECK(ids_for("/api/search?tag=markets&section=world").empty());
    CHECK(ids_for("/api/search?section=business") == Ids{"markets"});
    CHECK(ids_for("/api/search?language=EN") == Ids{"storm-coast", "storm-rail", "markets"});
    CHECK(ids_for("/api/search?language=fr&language=de") == Ids{"tempete"});
  }

  TEST_CASE("the query language filters by author:, tag:, section: and lang:") {
    CHECK(ids_for("/api/search?q=storm%20author:%22JANE%20DOE%22") ==
          Ids{"storm-coast", "storm-rail", "markets"});
    CHECK(ids_for("/api/search?q=trains%20author:%22jane%20doe%22") == Ids{"storm-rail"});
    CHECK(ids_for("/api/search?q=lang:fr") == Ids{"tempete"});
    CHECK(ids_for("/api/search?q=storm%20lang:FR").empty());  // the French one says tempête
    CHECK(ids_for("/api/search?q=tag:Floods") == Ids{"storm-coast"});
    CHECK(ids_for("/api/search?q=section:monde") == Ids{"tempete"});
    // One field twice: either value; two fields: both.
    CHECK(ids_for("/api/search?q=tag:floods%20tag:rail") == Ids{"storm-coast", "storm-rail"});
    CHECK(ids_for("/api/search?q=tag:weather%20section:World%20lang:en") ==
          Ids{"storm-coast", "storm-rail"});
    CHECK(ids_for("/api/search?q=tag:markets%20section:world").empty());
  }

  TEST_CASE("facets count each author and tag, case variants together") {
    const json facets = news_server().get_json("/api/search?q=&per_page=1")["facets"];
    // Jane Doe twice and once "jane doe": one author, in her most frequent spelling.
    CHECK(facets["author"] == json::parse(R"([{"value":"Jane Doe","count":3},
        {"value":"Ann Lee","count":2},{"value":"John Roe","count":1}])"));
    CHECK(facets["tag"] == json::parse(R"([{"value":"weather","count":2},
        {"value":"Floods","count":1},{"value":"markets","count":1},{"value":"météo","count":1},
        {"value":"rail","count":1}])"));
    // "World" and "world" once each: of equal spellings the first in byte order.
    CHECK(facets["section"] == json::parse(R"([{"value":"World","count":2},
        {"value":"Business","count":1},{"value":"Monde","count":1}])"));
    CHECK(facets["language"] == json::parse(R"([{"value":"en","count":3},{"value":"fr","count":1}])"));
    CHECK(facets["source"] == json::parse(R"([{"value":"wire","count":4},{"value":"notes","count":1}])"));
    // Facets follow the filters: Jane Doe's articles only.
    const json filtered = news_server().get_json("/api/search?author=jane%20doe")["facets"];
    CHECK(filtered["author"] == json::parse(R"([{"value":"Jane Doe","count":3},
        {"value":"Ann Lee","count":1},{"value":"John Roe","count":1}])"));
  }

  TEST_CASE("a bad news filter is a 400 invalid_parameter naming it") {
    const json bad = news_server().get_json("/api/search?language=en_US", 400);
    CHECK(bad["error"]["code"] == "invalid_parameter");
    CHECK(bad["error"]["parameter"] == "language");
    CHECK(std::string(bad["error"]["message"]).find("`en_US`") != std::string::npos);
    CHECK(news_server().get_json("/api/search?language=e", 400)["error"]["parameter"] == "language");
    CHECK(news_server().get_json("/api/search?author=", 400)["error"]["parameter"] == "author");
    CHECK(news_server().get_json("/api/search?tag=", 400)["error"]["parameter"] == "tag");
    CHECK(news_server().get_json("/api/search?section=", 400)["error"]["parameter"] == "section");
  }

  TEST_CASE("a document has every field, null or [] for what the article does not state") {
    const json doc = news_server().get_json("/api/documents/storm-coast");
    CHECK(doc["id"] == "storm-coast");
    CHECK(doc["title"] == "Storm hits the coast");
    CHECK(doc["date"] == "2024-07-16");
    CHECK(doc["modified"] == "2024-07-17T09:30:00");
    CHECK(doc["source"] == "wire");
    CHECK(doc["url"] == "https://news.example/world/storm-coast");
    CHECK(doc["authors"] == json::parse(R"(["Jane Doe","John Roe"])"));
    CHECK(doc["section"] == "World");
    CHECK(doc["tags"] == json::parse(R"(["weather","Floods"])"));
    CHECK(doc["language"] == "en");
    CHECK(doc["description"] == "The storm, summed up.");
    CHECK(doc["body"] == "Storm hits the coast. Reported from the coast.");
    CHECK_FALSE(doc.contains("feed"));

    const json bare = news_server().get_json("/api/documents/bare");
    for (const char* key : {"date", "modified", "url", "section", "language", "description"}) {
      CAPTURE(key);
      CHECK(bare.at(key).is_null());
    }
    CHECK(bare["authors"] == json::array());
    CHECK(bare["tags"] == json::array());
  }
}
