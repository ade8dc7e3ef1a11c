/// @file Articles as the document API takes them (corpus.h parse_api_record,
/// parse_api_page): the indexer's record, read strictly. Pure.
#include "corpus.h"

#include <doctest/doctest.h>

#include <string>

namespace {
using namespace article_search;

corpus::ApiRecord record(const std::string& json, const std::string& path_id = "") {
  return corpus::parse_api_record(json, path_id);
}

}  // namespace

TEST_SUITE("API records") {
  TEST_CASE("a record becomes the article the indexer would make, marked as the API's") {
    const auto got = record(R"({"title": "Storm hits coast", "body": "Winds of 100 km/h.",
        "date": "2026-12-03T09:30:00Z", "source": "Wire", "url": "https://news.example/storm",
        "authors": ["Ann Lee", "Bo Chan"], "tags": "weather, coast", "section": "World",
        "language": "en", "description": "A storm."})", "world/storm-1");
    REQUIRE(got.article);
    const Article& article = *got.article;
    CHECK(article.id == "world/storm-1");
    CHECK(article.title == "Storm hits coast");
    CHECK(article.body == "Winds of 100 km/h.");
    CHECK(article.date == "2026-12-03T09:30:00");
    CHECK(article.source == "Wire");
    CHECK(article.url == "https://news.example/storm");
    CHECK(article.authors == std::vector<std::string>{"Ann Lee", "Bo Chan"});
    CHECK(article.tags == std::vector<std::string>{"weather", "coast"});
    CHECK(article.section == "World");
    CHECK(article.language == "en");
    CHECK(article.origin == origin_api);
    CHECK(article.path.empty());
  }

  TEST_CASE("the id comes from the path, or from _id/id in a bulk line, and they must agree") {
    CHECK(record(R"({"_id": "a1", "text": "x"})").article->id == "a1");
    CHECK(record(R"({"id": "a2", "text": "x"})").article->id == "a2");
    CHECK(record(R"({"_id": "same", "text": "x"})", "same").article);
    const auto differ = record(R"({"_id": "other", "text": "x"})", "mine");
    CHECK_FALSE(differ.article);
    CHECK(differ.field == "_id");
    const auto missing = record(R"({"text": "x"})");
    CHECK_FALSE(missing.article);
    CHECK(missing.field == "_id");
  }

  TEST_CASE("ids are safe in a URL, bounded, and have no dot parts") {
    CHECK(corpus::api_id_problem("business/001").empty());
    CHECK(corpus::api_id_problem("a-b_c.d").empty());
    for (const std::string bad : {"", "a b", "../etc", "a/../b", "a//b", "/a", "a/", ".", "é", "a?b"}) {
      CAPTURE(bad);
      CHECK_FALSE(corpus::api_id_problem(bad).empty());
    }
    CHECK_FALSE(corpus::api_id_problem(std::string(corpus::max_api_id_bytes + 1, 'a')).empty());
    CHECK(corpus::api_id_problem(std::string(corpus::max_api_id_bytes, 'a')).empty());
  }

  TEST_CASE("every problem is an error naming the field, where the indexer would only warn") {
    const auto check = [](const std::string& json, const std::string& field) {
      CAPTURE(json);
      const auto got = record(json, "x");
      CHECK_FALSE(got.article);
      CHECK(got.field == field);
      CHECK_FALSE(got.error.empty());
    };
    check(R"({"text": "x", "url": "ftp://a/b"})", "url");
    check(R"({"text": "x", "date": "yesterday-ish"})", "date");
    check(R"({"text": "x", "language": "not a language"})", "language");
    check(R"({"text": "x", "authors": [1, 2]})", "authors");
    check(R"({"text": "x", "title": {"a": 1}})", "title");
    check(R"({"text": "x", "tittle": "typo"})", "tittle");
    check(R"({"text": "x", "body": "both"})", "body");
    check(R"({"title": " ", "text": ""})", "text");
  }

  TEST_CASE("what is not a JSON object is an error of the whole record") {
    for (const std::string bad : {"", "[1]", "\"text\"", "{\"text\": ", "{\"text\": \"\xff\"}", "1e99999"}) {
      CAPTURE(bad);
      const auto got = record(bad, "x");
      CHECK_FALSE(got.article);
      CHECK(got.field.empty());
    }
  }

  TEST_CASE("an export line's stored fields are taken back (and the server's own are set)") {
    const auto got = record(R"({"id": "x", "title": "T", "body": "B", "path": "old/x.txt",
        "feed": "feeds/a.rss", "origin": "api", "title_derived": false})");
    REQUIRE(got.article);
    CHECK(got.article->path.empty());
    CHECK(got.article->origin == origin_api);
  }

  TEST_CASE("a saved page is extracted as the indexer extracts it, under the path's id") {
    const std::string page = R"(<!doctype html><html lang="en"><head><title>Flood warning | Paper</title>
        <meta property="og:title" content="Flood warning"><meta property="article:published_time" content="2026-12-01T08:00:00Z">
        </head><body><article><h1>Flood warning</h1><p>The river rose by two metres overnight, and the town prepared.</p>
        <p>Officials said the water would peak on Friday.</p></article></body></html>)";
    const auto got = corpus::parse_api_page(page, "pages/flood");
    REQUIRE(got.article);
    CHECK(got.article->id == "pages/flood");
    CHECK(got.article->title == "Flood warning");
    CHECK(got.article->body.find("river rose") != std::string::npos);
    CHECK(got.article->origin == origin_api);
    CHECK_FALSE(corpus::parse_api_page("<html><body></body></html>", "pages/empty").article);
    CHECK_FALSE(corpus::parse_api_page(page, "bad id").article);
  }
}
