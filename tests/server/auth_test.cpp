/// @file Keys (auth.h): who may call which route, decided from the request head. Pure.
#include "auth.h"

#include <doctest/doctest.h>

#include <string>

namespace {
using namespace article_search::server;
using article_search::search::ErrorCode;

const std::string admin_key = "admin-0123456789abcdef";
const std::string search_key = "search-0123456789abcdef";

/// The error code a request gets, or "ok".
std::string verdict(const AccessKeys& keys, Access access, const std::string& authorization,
                    const std::string& target = "/api/search?q=x") {
  const auto denial = check_access(keys, access, authorization, target);
  if (!denial) return "ok";
  return std::string(article_search::search::error_info(denial->refusal.code).name);
}

}  // namespace

TEST_SUITE("access keys") {
  TEST_CASE("without keys, reads are open and writes are forbidden") {
    const AccessKeys none;
    CHECK(verdict(none, Access::read, "") == "ok");
    CHECK(verdict(none, Access::open, "") == "ok");
    CHECK(verdict(none, Access::admin, "") == "forbidden");
    CHECK(verdict(none, Access::admin, "Bearer " + admin_key) == "forbidden");
  }

  TEST_CASE("writes need the admin key, sent as a bearer token") {
    const AccessKeys keys{admin_key, ""};
    CHECK(verdict(keys, Access::admin, "Bearer " + admin_key) == "ok");
    CHECK(verdict(keys, Access::admin, "bearer " + admin_key) == "ok");  // the scheme is case-insensitive
    CHECK(verdict(keys, Access::admin, "") == "unauthorized");
    CHECK(verdict(keys, Access::admin, "Bearer ") == "unauthorized");
    CHECK(verdict(keys, Access::admin, "Bearer " + admin_key + "x") == "unauthorized");
    CHECK(verdict(keys, Access::admin, "Bearer " + admin_key.substr(1)) == "unauthorized");
    CHECK(verdict(keys, Access::admin, "Basic " + admin_key) == "unauthorized");
    CHECK(verdict(keys, Access::admin, admin_key) == "unauthorized");
    CHECK(verdict(keys, Access::read, "") == "ok");  // no search key: reads stay open
  }

  TEST_CASE("a 401 names the Bearer scheme; no answer repeats the key") {
    const AccessKeys keys{admin_key, search_key};
    const auto denial = check_access(keys, Access::admin, "Bearer wrong-key-123456789", "/api/documents");
    REQUIRE(denial);
    CHECK(denial->refusal.status() == 401);
    CHECK(denial->headers.find("WWW-Authenticate: Bearer") == 0);
    CHECK(denial->refusal.message.find("wrong-key") == std::string::npos);
    const auto reader = check_access(keys, Access::admin, "Bearer " + search_key, "/api/documents");
    REQUIRE(reader);
    CHECK(reader->refusal.message.find(search_key) == std::string::npos);
  }

  TEST_CASE("with a search key, reads need it or the admin key; open routes need nothing") {
    const AccessKeys keys{admin_key, search_key};
    CHECK(verdict(keys, Access::read, "") == "unauthorized");
    CHECK(verdict(keys, Access::read, "Bearer " + search_key) == "ok");
    CHECK(verdict(keys, Access::read, "Bearer " + admin_key) == "ok");
    CHECK(verdict(keys, Access::read, "Bearer nope-nope-nope-nope") == "unauthorized");
    CHECK(verdict(keys, Access::open, "") == "ok");
    CHECK(verdict(keys, Access::admin, "Bearer " + search_key) == "unauthorized");
  }

  TEST_CASE("a key in the URL is refused, whatever the route and keys") {
    const AccessKeys keys{admin_key, search_key};
    CHECK(verdict(keys, Access::read, "Bearer " + search_key, "/api/search?q=x&api_key=abc") == "invalid_request");
    CHECK(verdict(keys, Access::open, "", "/health?token=abc") == "invalid_request");
    CHECK(verdict({}, Access::read, "", "/api/search?KEY=abc") == "invalid_request");
    CHECK(key_in_url("/a?access_token=1"));
    CHECK(key_in_url("/a?q=1&key"));
    CHECK_FALSE(key_in_url("/a?q=key&monkey=1"));
    CHECK_FALSE(key_in_url("/api/documents/key?q=token"));
  }

  TEST_CASE("keys compare equal only when equal, whatever their lengths") {
    CHECK(constant_time_equal("abc", "abc"));
    CHECK_FALSE(constant_time_equal("abc", "abd"));
    CHECK_FALSE(constant_time_equal("ab", "abc"));
    CHECK_FALSE(constant_time_equal("abcd", "abc"));
    CHECK_FALSE(constant_time_equal("", "abc"));
    CHECK(constant_time_equal("", ""));
  }

  TEST_CASE("a key file's key: trimmed, long enough, no spaces inside; errors never show it") {
    CHECK(trimmed_key("  0123456789abcdef\n") == "0123456789abcdef");
    CHECK(key_problem("0123456789abcdef", "FILE").empty());
    const std::string short_problem = key_problem("short-key", "FILE");
    CHECK(short_problem.find("FILE") == 0);
    CHECK(short_problem.find("short-key") == std::string::npos);
    CHECK_FALSE(key_problem("0123456789 abcdef", "FILE").empty());
    CHECK_FALSE(key_problem(std::string("0123456789abcdef\x01", 17), "FILE").empty());
  }
}
