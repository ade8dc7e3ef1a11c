/// @file The route table: its patterns and path templates agree, find_route routes as
/// httplib does, and metrics labels come from it. Pure: no server.
#include "metrics.h"
#include "route_table.h"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>

namespace {
using namespace article_search::server;

/// The pattern a path template stands for: each `{parameter}` is one capture of the rest.
std::string pattern_of(std::string_view path_template) {
  return std::regex_replace(std::string(path_template), std::regex(R"(\{[a-z_]+\})"), "(.+)");
}

/// The first route whose pattern matches all of `path`, as httplib looks for it.
const Route* first_regex_match(std::string_view path) {
  for (const Route& route : route_table()) {
    if (std::regex_match(std::string(path), std::regex(std::string(route.pattern)))) return &route;
  }
  return nullptr;
}

/// A request path for `path_template`, with `value` for each parameter.
std::string filled(std::string_view path_template, const std::string& value) {
  return std::regex_replace(std::string(path_template), std::regex(R"(\{[a-z_]+\})"), value);
}

}  // namespace

TEST_SUITE("route table") {
  TEST_CASE("each pattern is its path template with a capture per parameter, and both are unique") {
    std::set<std::string_view> patterns, paths;
    for (const Route& route : route_table()) {
      CAPTURE(route.path);
      CHECK(route.pattern == pattern_of(route.path));
      CHECK(static_cast<bool>(route.handler));
      CHECK(patterns.insert(route.pattern).second);
      CHECK(paths.insert(route.path).second);
    }
    CHECK(paths.size() >= 7);
  }

  TEST_CASE("find_route picks the route httplib would dispatch to") {
    for (const char* path :
         {"/api/search", "/api/searchx", "/api/search/", "/api/documents/", "/api/documents/a",
          "/api/documents/business/001", "/api/documents/x/similar", "/api/similar/x/similar",
          "/api/similar/", "/api/suggest", "/health", "/healthz", "/metrics", "/openapi.json",
          "/openapiXjson", "/", "/app.js", "/api/nothing", "/api/documents/a\nb"}) {
      CAPTURE(path);
      CHECK(find_route(path) == first_regex_match(path));
    }
  }

  TEST_CASE("an id may contain / and end in /similar: documents and similar never clash") {
    CHECK(find_route("/api/documents/x/similar")->path == "/api/documents/{id}");
    CHECK(find_route("/api/documents/business/001")->path == "/api/documents/{id}");
    CHECK(find_route("/api/similar/x/similar")->path == "/api/similar/{id}");
    CHECK(find_route("/api/similar/business/001")->path == "/api/similar/{id}");
  }
}

TEST_SUITE("metrics route labels") {
  TEST_CASE("a request to a route is labelled with the route's path template") {
    for (const Route& route : route_table()) {
      CAPTURE(route.path);
      CHECK(route_label("GET", filled(route.path, "a/b")) == route.path);
      CHECK(route_label("POST", filled(route.path, "a/b")) == route.path);  // a 405 on that route
    }
  }

  TEST_CASE("files of the page are static, everything else other") {
    CHECK(route_label("GET", "/") == "static");
    CHECK(route_label("HEAD", "/app.js") == "static");
    CHECK(route_label("POST", "/app.js") == "other");
    CHECK(route_label("GET", "/api/nothing") == "other");
    CHECK(route_label("GET", "/api/documents/") == "other");  // no id: no route
    CHECK(route_label("-", "-") == "other");                  // refused before a request line
  }

  TEST_CASE("the label set stays bounded whatever the paths") {
    std::set<std::string> allowed = {"static", "other"};
    for (const Route& route : route_table()) allowed.emplace(route.path);
    std::set<std::string> seen;
    for (const std::string method : {"GET", "HEAD", "POST", "BREW"}) {
      for (int i = 0; i < 200; ++i) {
        const std::string id = std::to_string(i * 7919);
        for (const std::string& path : {"/api/documents/" + id, "/api/similar/" + id + "/similar",
                                        "/api/" + id, "/" + id + ".js", "/health/" + id}) {
          seen.insert(route_label(method, path));
        }
      }
    }
    for (const std::string& label : seen) CHECK(allowed.count(label) == 1);
    CHECK(seen.size() == 4);  // documents, similar, static, other
  }
}
