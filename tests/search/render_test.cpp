/// @file JSON rendering: the error shape, hits, totals.
#include "render.h"

#include <doctest/doctest.h>

namespace {
using namespace article_search::search;
using nlohmann::json;
}  // namespace

TEST_SUITE("render") {
  TEST_CASE("errors have one shape, with the parameter when one is to blame") {
    CHECK(to_json(ApiError{ErrorCode::invalid_parameter, "bad", "page"}) ==
          json::parse(R"({"error":{"code":"invalid_parameter","message":"bad","parameter":"page"}})"));
    CHECK(to_json(ApiError{ErrorCode::not_found, "gone", ""}) ==
          json::parse(R"({"error":{"code":"not_found","message":"gone"}})"));
  }

  TEST_CASE("the error table maps each code to its status") {
    CHECK(ApiError{ErrorCode::invalid_query, "", ""}.status() == 400);
    CHECK(ApiError{ErrorCode::method_not_allowed, "", ""}.status() == 405);
    CHECK(ApiError{ErrorCode::uri_too_long, "", ""}.status() == 414);
    CHECK(ApiError{ErrorCode::index_unavailable, "", ""}.status() == 503);
    CHECK(ApiError{ErrorCode::internal, "", ""}.name() == "internal");
  }

  TEST_CASE("a hit carries marked and plain texts and offsets") {
    Hit hit;
    hit.id = "a/b";
    hit.title_text = "A <b> ban";
    hit.title_html = "A &lt;b&gt; <mark>ban</mark>";
    hit.title_matches = {{6, 9, "ban"}};
    hit.snippet = {"ban", "<mark>ban</mark>", {{0, 3, "ban"}}};
    hit.score = 1.5;
    hit.percent = 100;
    hit.rank = 1;
    hit.source = "corpus";
    hit.story = {"00112233445566ff", 3, {"bbc", "reuters"}};
    hit.copy_of = "a/original";
    const auto rendered = [&] { return json::parse(similar_json("x", {hit}))["hits"][0]; };
    // What the article does not state is null, or an empty list: every hit has every member.
    const json expected = json::parse(R"({"id":"a/b","title":"A &lt;b&gt; <mark>ban</mark>",
        "title_text":"A <b> ban","title_derived":false,"date":null,"source":"corpus",
        "url":null,"authors":[],"section":null,"tags":[],"language":null,
        "score":1.5,"percent":100,"rank":1,
        "story":{"id":"00112233445566ff","size":3,"sources":["bbc","reuters"]},
        "copy_of":"a/original","snippet":"<mark>ban</mark>","snippet_text":"ban",
        "matches":{"title":[[6,9]],"snippet":[[0,3]]}})");
    CHECK(rendered() == expected);
    hit.date = "2024-07-16";
    CHECK(rendered()["date"] == "2024-07-16");
  }

  TEST_CASE("a hit carries the news fields the article states") {
    Hit hit;
    hit.id = "n/1";
    hit.url = "https://news.example/storm?a=1&b=2";
    hit.authors = {"Jane Doe", "Ann \"Lee\""};
    hit.section = "World";
    hit.tags = {"weather", "<floods>"};
    hit.language = "pt-BR";
    const json rendered = json::parse(similar_json("x", {hit}))["hits"][0];
    CHECK(rendered["url"] == "https://news.example/storm?a=1&b=2");
    CHECK(rendered["authors"] == json::parse(R"(["Jane Doe","Ann \"Lee\""])"));
    CHECK(rendered["section"] == "World");
    CHECK(rendered["tags"] == json::parse(R"(["weather","<floods>"])"));
    CHECK(rendered["language"] == "pt-BR");
  }

  TEST_CASE("a document has every stored field but the feed, null or [] when unstated") {
    DocumentView view;
    view.article.id = "n/1";
    view.article.title = "Storm";
    view.article.body = "Rain.";
    view.article.source = "wire";
    view.article.feed = "feeds/wire.xml";
    view.story = {"0123456789abcdef", 1, {"wire"}};
    const json bare = to_json(view);
    CHECK(bare == json::parse(R"({"id":"n/1","title":"Storm","title_derived":false,"date":null,
        "modified":null,"source":"wire","url":null,"authors":[],"section":null,"tags":[],
        "language":null,"description":null,"body":"Rain.",
        "story":{"id":"0123456789abcdef","size":1,"sources":["wire"]},"copy_of":null})"));
    view.article.date = "2024-07-16T08:00:00";
    view.article.modified = "2024-07-17";
    view.article.url = "https://news.example/storm";
    view.article.authors = {"Jane Doe", "John Roe"};
    view.article.section = "World";
    view.article.tags = {"weather"};
    view.article.language = "en";
    view.article.description = "A storm, summed up.";
    view.article.path = "wire/storm.html";
    view.body_html = "Rain.";
    const json full = to_json(view);
    CHECK(full["date"] == "2024-07-16T08:00:00");
    CHECK(full["modified"] == "2024-07-17");
    CHECK(full["url"] == "https://news.example/storm");
    CHECK(full["authors"] == json::parse(R"(["Jane Doe","John Roe"])"));
    CHECK(full["section"] == "World");
    CHECK(full["tags"] == json::parse(R"(["weather"])"));
    CHECK(full["language"] == "en");
    CHECK(full["description"] == "A storm, summed up.");
    CHECK(full["path"] == "wire/storm.html");
    CHECK(full["body_html"] == "Rain.");
    CHECK_FALSE(full.contains("feed"));
  }

  TEST_CASE("a search answer has every member, with its hits, facets and warnings") {
    SearchResult result;
    result.q = result.searched = "ban";
    result.understood = "Query(ban@1)";
    result.total = result.total_lower = result.total_upper = 1;
    result.offset = 20;
    result.limit = 10;
    result.hits.resize(1);
    result.hits[0].id = "a/b";
    result.facets[0] = {{"news", 1}};
    result.facets[2] = {{"Jane Doe", 1}};
    result.did_you_mean = DidYouMean{"bans", "<mark>bans</mark>"};
    result.took_ms = 2;
    result.warnings = {"first", "second"};
    const json rendered = json::parse(search_json(result));
    const json query = {
        {"q", "ban"}, {"understood", "Query(ban@1)"}, {"relaxed", false}, {"searched", "ban"}};
    CHECK(rendered["query"] == query);
    CHECK(rendered["page"] == 3);
    CHECK(rendered["per_page"] == 10);
    CHECK(rendered["offset"] == 20);
    CHECK(rendered["hits"].size() == 1);
    CHECK(rendered["hits"][0]["id"] == "a/b");
    // Every filter field has its facet, under its parameter name, even when empty.
    const json facets = json::parse(R"({"source":[{"value":"news","count":1}],"year":[],
        "author":[{"value":"Jane Doe","count":1}],"tag":[],"section":[],"language":[]})");
    CHECK(rendered["facets"] == facets);
    CHECK(rendered["facets_exact"] == true);
    CHECK(rendered["did_you_mean"] == json::parse(R"({"q":"bans","html":"<mark>bans</mark>"})"));
    CHECK(rendered["took_ms"].is_number_float());
    CHECK(rendered["warnings"] == json::parse(R"(["first","second"])"));
    result.warnings.clear();
    CHECK_FALSE(json::parse(search_json(result)).contains("warnings"));
    CHECK(json::parse(similar_json("a/b", {})) == json::parse(R"({"id":"a/b","hits":[]})"));
  }

  TEST_CASE("totals say whether they are exact") {
    SearchResult result;
    result.total = 5;
    result.total_lower = result.total_upper = 5;
    const auto total = [&] { return json::parse(search_json(result))["total"]; };
    CHECK(total() == json::parse(R"({"value":5,"relation":"eq"})"));
    result.total_exact = false;
    result.total = 12000;
    result.total_lower = 10000;
    result.total_upper = 15000;
    const json estimate =
        json::parse(R"({"value":12000,"relation":"estimate","lower":10000,"upper":15000})");
    CHECK(total() == estimate);
    CHECK(json::parse(search_json(result))["did_you_mean"].is_null());
  }

  TEST_CASE("invalid UTF-8 is replaced, never thrown on") {
    CHECK(dump(json{{"q", std::string("a\xff")}}) == "{\"q\":\"a\xEF\xBF\xBD\"}");
  }
}
