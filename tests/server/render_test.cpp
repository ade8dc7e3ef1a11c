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
    const json rendered = to_json(hit);
    CHECK(rendered["date"].is_null());
    CHECK(rendered["title"] == "A &lt;b&gt; <mark>ban</mark>");
    CHECK(rendered["title_text"] == "A <b> ban");
    CHECK(rendered["matches"] == json::parse(R"({"title":[[6,9]],"snippet":[[0,3]]})"));
    hit.date = "2024-07-16";
    CHECK(to_json(hit)["date"] == "2024-07-16");
  }

  TEST_CASE("totals say whether they are exact") {
    SearchResult result;
    result.total = 5;
    result.total_lower = result.total_upper = 5;
    CHECK(to_json(result)["total"] == json::parse(R"({"value":5,"relation":"eq"})"));
    result.total_exact = false;
    result.total = 12000;
    result.total_lower = 10000;
    result.total_upper = 15000;
    CHECK(to_json(result)["total"] ==
          json::parse(R"({"value":12000,"relation":"estimate","lower":10000,"upper":15000})"));
    CHECK(to_json(result)["did_you_mean"].is_null());
  }

  TEST_CASE("invalid UTF-8 is replaced, never thrown on") {
    CHECK(dump(json{{"q", std::string("a\xff")}}) == "{\"q\":\"a\xEF\xBF\xBD\"}");
  }
}
