/// @file openapi.json (as the server embeds it) held to the route table, both ways: every
/// route and its method are documented, every documented path is a route, every error
/// code of errors.h is in the Error schema, and each route documents exactly the statuses
/// it and the connection layer can answer. Live answers are validated against the same
/// document by openapi_live_test.py.
#include "errors.h"
#include "openapi_json.h"
#include "route_table.h"
#include "schema.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace {
using namespace article_search;
using nlohmann::json;

const json& openapi() {
  static const json document = json::parse(server::openapi_json);
  return document;
}

/// `value`, or what its `$ref` (a local JSON pointer such as #/components/...) points to.
const json& resolved(const json& value) {
  if (!value.contains("$ref")) return value;
  const std::string ref = value["$ref"];
  REQUIRE(ref.rfind("#/", 0) == 0);
  return resolved(openapi().at(json::json_pointer(ref.substr(1))));
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

const json& operation_of(const server::Route& route) {
  return openapi().at("paths").at(std::string(route.path)).at(lower(route.method));
}

/// The error codes a route can answer: its handler's, its keys' and the connection layer's.
std::vector<search::ErrorInfo> errors_of(const server::Route& route) {
  std::vector<search::ErrorInfo> errors;
  for (const search::ErrorInfo& info : search::error_table) {
    if (route.errors.contains(info.code) || server::connection_errors.contains(info.code) ||
        server::access_errors(route.access).contains(info.code)) {
      errors.push_back(info);
    }
  }
  return errors;
}

std::set<std::string> statuses_of(const server::Route& route) {
  std::set<std::string> statuses = {"200"};
  if (route.method == "PUT") statuses.insert("201");  // a new article
  for (const search::ErrorInfo& info : errors_of(route)) statuses.insert(std::to_string(info.status));
  return statuses;
}

std::set<std::string> parameters_in_template(std::string_view path_template) {
  std::set<std::string> names;
  for (std::size_t open = path_template.find('{'); open != std::string_view::npos;
       open = path_template.find('{', open + 1)) {
    names.emplace(path_template.substr(open + 1, path_template.find('}', open) - open - 1));
  }
  return names;
}

/// Whether `schema` is the Error schema, or offers it among oneOf's choices.
bool admits_error(const json& schema) {
  if (schema.value("$ref", "") == "#/components/schemas/Error") return true;
  if (!schema.contains("oneOf")) return false;
  return std::any_of(schema["oneOf"].begin(), schema["oneOf"].end(), admits_error);
}

}  // namespace

TEST_SUITE("openapi.json and the route table") {
  TEST_CASE("every route is documented with its method, and nothing else is") {
    std::map<std::string, std::set<std::string>> methods;  // of each path
    for (const server::Route& route : server::route_table()) {
      CAPTURE(route.path);
      methods[std::string(route.path)].insert(lower(route.method));
      REQUIRE(openapi()["paths"].contains(std::string(route.path)));
    }
    for (const auto& [path, item] : openapi()["paths"].items()) {
      CAPTURE(path);
      REQUIRE(methods.count(path) == 1);
      std::set<std::string> documented;  // the routes' methods only: HEAD and OPTIONS are in info
      for (const auto& [method, operation] : item.items()) documented.insert(method);
      CHECK(documented == methods[path]);
    }
  }

  TEST_CASE("a path template's parameters are the required path parameters, and only they") {
    for (const server::Route& route : server::route_table()) {
      CAPTURE(route.path);
      std::set<std::string> documented;
      for (const json& parameter : operation_of(route).value("parameters", json::array())) {
        if (parameter["in"] != "path") continue;
        CHECK(parameter["required"] == true);
        documented.insert(parameter["name"]);
      }
      CHECK(documented == parameters_in_template(route.path));
    }
  }

  TEST_CASE("the Error schema lists every error code of errors.h, and no other") {
    const json& codes = openapi().at(json::json_pointer("/components/schemas/Error/properties/error/properties/code/enum"));
    std::set<std::string> documented(codes.begin(), codes.end());
    std::set<std::string> table;
    for (const search::ErrorInfo& info : search::error_table) table.emplace(info.name);
    CHECK(documented == table);
    CHECK(documented.count("headers_too_large") == 1);
  }

  TEST_CASE("every error code is answered by some route or by the connection layer") {
    for (const search::ErrorInfo& info : search::error_table) {
      CAPTURE(info.name);
      const bool answered = server::connection_errors.contains(info.code) ||
                            std::any_of(server::route_table().begin(), server::route_table().end(),
                                        [&](const server::Route& route) {
                                          return route.errors.contains(info.code) ||
                                                 server::access_errors(route.access).contains(info.code);
                                        });
      CHECK(answered);
    }
  }

  TEST_CASE("each route documents exactly the statuses it can answer") {
    for (const server::Route& route : server::route_table()) {
      CAPTURE(route.path);
      std::set<std::string> documented;
      for (const auto& [status, response] : operation_of(route).at("responses").items()) documented.insert(status);
      CHECK(documented == statuses_of(route));
    }
  }

  TEST_CASE("each error answer is an Error, and its description names the codes it carries") {
    for (const server::Route& route : server::route_table()) {
      for (const search::ErrorInfo& info : errors_of(route)) {
        CAPTURE(route.path);
        CAPTURE(info.name);
        const json& response = resolved(operation_of(route)["responses"][std::to_string(info.status)]);
        CHECK(admits_error(response.at("content").at("application/json").at("schema")));
        CHECK(std::string(response["description"]).find(info.name) != std::string::npos);
      }
    }
  }

  TEST_CASE("a route that needs a key says which, in the security scheme of its keys") {
    const json& schemes = openapi().at("components").at("securitySchemes");
    CHECK(schemes.at("adminKey").at("scheme") == "bearer");
    CHECK(schemes.at("searchKey").at("scheme") == "bearer");
    for (const server::Route& route : server::route_table()) {
      CAPTURE(route.path);
      CAPTURE(route.method);
      const json security = operation_of(route).value("security", openapi().value("security", json::array()));
      std::set<std::string> keys;
      for (const json& requirement : security) {
        for (const auto& [name, scopes] : requirement.items()) keys.insert(name);
      }
      const bool optional = std::any_of(security.begin(), security.end(), [](const json& r) { return r.empty(); });
      switch (route.access) {
        case server::Access::open: CHECK(security.empty()); break;
        case server::Access::read:
          // Open unless the server has a search key: either key, or none.
          CHECK(keys == std::set<std::string>{"adminKey", "searchKey"});
          CHECK(optional);
          break;
        case server::Access::admin:
          CHECK(keys == std::set<std::string>{"adminKey"});
          CHECK_FALSE(optional);
          break;
      }
    }
  }

  TEST_CASE("405 documents its Allow header") {
    for (const server::Route& route : server::route_table()) {
      CAPTURE(route.path);
      const json& response = resolved(operation_of(route)["responses"]["405"]);
      CHECK(resolved(response.at("headers").at("Allow"))["required"] == true);
    }
  }

  TEST_CASE("every object schema of the components says which of its properties are required") {
    for (const auto& [name, schema] : openapi()["components"]["schemas"].items()) {
      CAPTURE(name);
      // (or, where one of several will do, which: anyOf its choices)
      if (schema.value("type", "") == "object") CHECK((schema.contains("required") || schema.contains("anyOf")));
    }
  }

  TEST_CASE("every filter field is a repeatable search parameter and a required facet") {
    const json& search = openapi().at("paths").at("/api/search").at("get");
    const json& facets = resolved(openapi().at(json::json_pointer("/components/schemas/SearchResult/properties/facets")));
    const json& required = facets.at("required");
    for (const schema::FilterField& field : schema::filter_fields) {
      const std::string name(field.name);
      CAPTURE(name);
      const auto parameter = std::find_if(search["parameters"].begin(), search["parameters"].end(),
                                          [&](const json& p) { return p["name"] == name; });
      REQUIRE(parameter != search["parameters"].end());
      CHECK((*parameter)["in"] == "query");
      CHECK((*parameter)["schema"]["type"] == "array");
      CHECK((*parameter)["explode"] == true);
      CHECK(std::find(required.begin(), required.end(), name) != required.end());
      CHECK(facets.at("properties").contains(name));
    }
    CHECK(facets.at("properties").size() == schema::filter_fields.size());
  }

  TEST_CASE("hits and documents require every news field, so clients can rely on the shape") {
    const json& hit = openapi().at(json::json_pointer("/components/schemas/Hit/required"));
    for (const char* key : {"url", "authors", "section", "tags", "language"}) {
      CAPTURE(key);
      CHECK(std::find(hit.begin(), hit.end(), key) != hit.end());
    }
    const json& document = openapi().at(json::json_pointer("/components/schemas/Document/required"));
    for (const char* key : {"url", "authors", "section", "tags", "language", "modified", "description"}) {
      CAPTURE(key);
      CHECK(std::find(document.begin(), document.end(), key) != document.end());
    }
  }
}
