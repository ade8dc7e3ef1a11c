/// @file The route table: httplib's patterns come from its path templates, find_route
/// routes as httplib does, and metrics labels come from it. Pure: no server (whether
/// httplib itself agrees is in http_api_test.cpp).
#include "metrics.h"
#include "route_table.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace {
using namespace article_search::server;

/// A request path for `path_template`, with `value` for each parameter.
std::string filled(std::string_view path_template, std::string_view value) {
  std::string path;
  for (std::size_t i = 0; i < path_template.size(); ++i) {
    if (path_template[i] != '{') {
      path += path_template[i];
      continue;
    }
    path += value;
    i = path_template.find('}', i);
  }
  return path;
}

/// The path template of the route `path` goes to, or "" when none.
std::string_view routed(std::string_view path) {
  const Route* route = find_route(path);
  return route ? route->path : "";
}

}  // namespace

TEST_SUITE("route table") {
  TEST_CASE("httplib's pattern is the template escaped, each parameter a capture of the rest") {
    CHECK(httplib_pattern("/api/search") == "/api/search");
    CHECK(httplib_pattern("/api/documents/{id}") == "/api/documents/(.+)");
    CHECK(httplib_pattern("/openapi.json") == R"(/openapi\.json)");
    CHECK(httplib_pattern("/a+b/{x}/c/{y}") == R"(/a\+b/(.+)/c/(.+))");
  }

  TEST_CASE("every route has a handler, and a method and path template of its own") {
    std::set<std::pair<std::string_view, std::string_view>> routes;
    for (const Route& route : route_table()) {
      CAPTURE(route.path);
      CHECK(static_cast<bool>(route.handler));
      CHECK(routes.insert({route.method, route.path}).second);
    }
    CHECK(routes.size() == 14);
  }

  TEST_CASE("a path's rule lets through the methods of its routes, and the largest body they take") {
    const MethodRule documents = method_rule("/api/documents/a/b");
    CHECK(documents.allow == "GET, HEAD, PUT, DELETE, OPTIONS");
    CHECK(documents.max_body > 0);
    const MethodRule bulk = method_rule("/api/documents");
    CHECK(bulk.allow == "POST, OPTIONS");
    CHECK(bulk.max_body > documents.max_body);
    CHECK(method_rule("/api/search").allow == "GET, HEAD, OPTIONS");
    CHECK(method_rule("/api/search").max_body == 0);
    CHECK(method_rule("/app.js").allow == "GET, HEAD, OPTIONS");  // web/'s files
    CHECK(method_rule("/app.js").max_body == 0);
  }

  TEST_CASE("find_route by method: HEAD goes to GET, and each method to its own route") {
    REQUIRE(find_route("HEAD", "/api/documents/x") != nullptr);
    CHECK(find_route("HEAD", "/api/documents/x")->method == "GET");
    CHECK(find_route("PUT", "/api/documents/x")->access == Access::admin);
    CHECK(find_route("DELETE", "/api/documents/x")->access == Access::admin);
    CHECK(find_route("POST", "/api/documents")->access == Access::admin);
    CHECK(find_route("GET", "/api/documents/x")->access == Access::read);
    CHECK(find_route("GET", "/health")->access == Access::open);
    CHECK(find_route("POST", "/api/search") == nullptr);
    CHECK(find_route("GET", "/api/documents") == nullptr);
  }

  TEST_CASE("the search analytics are the operator's: /api/admin/queries is an admin route") {
    const Route* route = find_route("/api/admin/queries");
    REQUIRE(route != nullptr);
    CHECK(route->access == Access::admin);
    CHECK(find_route("/api/search")->access == Access::read);
  }

  TEST_CASE("find_route matches whole paths, a parameter taking one character or more") {
    CHECK(routed("/api/search") == "/api/search");
    CHECK(routed("/api/searchx") == "");
    CHECK(routed("/api/search.atom") == "/api/search.atom");
    CHECK(routed("/api/searchXatom") == "");
    CHECK(routed("/api/search/") == "");
    CHECK(routed("/api/documents/a") == "/api/documents/{id}");
    CHECK(routed("/api/documents/") == "");
    CHECK(routed("/api/similar/") == "");
    CHECK(routed("/health") == "/health");
    CHECK(routed("/healthz") == "");
    CHECK(routed("/openapi.json") == "/openapi.json");
    CHECK(routed("/openapiXjson") == "");  // a dot is a dot
    CHECK(routed("/") == "");
    CHECK(routed("/app.js") == "");
    CHECK(routed("/api/nothing") == "");
  }

  TEST_CASE("a parameter holds no line break, as `.` of httplib's regex matches none") {
    CHECK(routed("/api/documents/a\nb") == "");
    CHECK(routed("/api/similar/a\rb") == "");
    CHECK(routed("/api/documents/a\tb") == "/api/documents/{id}");
  }

  TEST_CASE("an id may contain / and end in /similar: documents and similar never clash") {
    CHECK(routed("/api/documents/x/similar") == "/api/documents/{id}");
    CHECK(routed("/api/documents/business/001") == "/api/documents/{id}");
    CHECK(routed("/api/similar/x/similar") == "/api/similar/{id}");
    CHECK(routed("/api/similar/business/001") == "/api/similar/{id}");
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
    CHECK(route_label("GET", "/api/documents/a\nb") == "other");
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
