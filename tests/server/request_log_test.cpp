/// @file The request log's lines: the query is shown, quoted, and cannot forge a line.
/// Pure: no server (that the server writes them is in http_analytics_test.cpp).
#include "request_log.h"

#include <doctest/doctest.h>

#include <string>

namespace {
using namespace article_search::server;
}  // namespace

TEST_SUITE("request log") {
  TEST_CASE("a line names the method, path, status and time, and the query when given") {
    CHECK(request_log_line({"GET", "/api/search", 200, 0.00125, "rust lang"}) ==
          "GET /api/search 200 1.25ms q=\"rust lang\"\n");
    CHECK(request_log_line({"GET", "/health", 200, 0.0005, std::nullopt}) == "GET /health 200 0.50ms\n");
    CHECK(request_log_line({"GET", "/api/search", 431, std::nullopt, "x"}) ==
          "GET /api/search 431 (refused) q=\"x\"\n");
    CHECK(request_log_line({"GET", "/api/search", 200, 0.001, ""}) == "GET /api/search 200 1.00ms q=\"\"\n");
  }

  TEST_CASE("a query cannot forge a line nor end its quotes") {
    CHECK(request_log_line({"GET", "/api/search", 200, 0.001, "a\nGET /admin 200"}) ==
          "GET /api/search 200 1.00ms q=\"a\\x0aGET /admin 200\"\n");
    CHECK(request_log_line({"GET", "/api/search", 200, 0.001, "say \"hi\" \\"}) ==
          "GET /api/search 200 1.00ms q=\"say \\\"hi\\\" \\\\\"\n");
    const std::string line = request_log_line({"GET", "/api/search", 200, 0.001, std::string(1024, 'q')});
    CHECK(line.size() < 400);
    CHECK(line.find("...") != std::string::npos);
  }

  TEST_CASE("the query of a refused request's target is decoded from the form encoding") {
    CHECK(query_of_target("/api/search?q=rust+lang%21&page=2") == "rust lang!");
    CHECK(query_of_target("/api/search?page=2&q=%E2%82%AC") == "\xE2\x82\xAC");
    CHECK(query_of_target("/api/search?q") == "");
    CHECK(query_of_target("/api/search?q=100%") == "100%");  // a bad escape is kept
    CHECK(query_of_target("/api/search?qq=x&sq=y") == std::nullopt);
    CHECK(query_of_target("/api/search") == std::nullopt);
  }
}
