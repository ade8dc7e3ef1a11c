/// @file Cross-origin access (server/cors.h): off by default; with --cors-origin, the listed
/// origins' pages may read the API's answers and have their preflights granted, and no
/// other origin does. The policy alone, then the real server over raw loopback sockets.
#include "cors.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace {
using article_search::server::CorsPolicy;
using article_search::server::valid_cors_origin;
using article_search::testing::raw_request;
using article_search::testing::RawResponse;

const std::string page = "https://news.example";

std::string preflight(std::string_view origin, std::string_view method, std::string_view headers = {}) {
  std::string request = "OPTIONS /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!origin.empty()) request += "Origin: " + std::string(origin) + "\r\n";
  if (!method.empty()) request += "Access-Control-Request-Method: " + std::string(method) + "\r\n";
  if (!headers.empty()) request += "Access-Control-Request-Headers: " + std::string(headers) + "\r\n";
  return request + "\r\n";
}

std::string get_from(std::string_view origin) {
  return "GET /api/search?q=kaspersky HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nOrigin: " +
         std::string(origin) + "\r\n\r\n";
}

/// A server over the bundled corpus with `origins` allowed.
class CorsServer {
 public:
  explicit CorsServer(std::vector<std::string> origins) {
    article_search::testing::index_into(dir_ / "db", {article_search::testing::source_dir() / "corpus"});
    auto options = article_search::testing::test_server_options(dir_ / "db");
    options.cors_origins = std::move(origins);
    server_.emplace(std::move(options));
  }
  RawResponse send(const std::string& request) const { return raw_request(server_->port(), request); }

 private:
  article_search::testing::TempDir dir_;
  std::optional<article_search::testing::InProcessServer> server_;
};

}  // namespace

TEST_SUITE("cross-origin access") {
  TEST_CASE("the policy grants listed origins exactly, * any, and nothing when empty") {
    const CorsPolicy listed({page});
    CHECK(listed.allowed_origin(page) == page);
    CHECK(listed.allowed_origin("https://news.example.evil") == "");
    CHECK(listed.allowed_origin("http://news.example") == "");
    CHECK(listed.allowed_origin("") == "");
    CHECK(CorsPolicy({"*"}).allowed_origin("https://any.example") == "*");
    CHECK(!CorsPolicy().enabled());
    CHECK(CorsPolicy().allowed_origin(page) == "");
  }

  TEST_CASE("a preflight is granted for the path's methods and the headers the API reads") {
    const CorsPolicy policy({page});
    const std::string allow = "GET, HEAD, OPTIONS";
    const std::string granted = policy.preflight_grant(page, "GET", "", allow);
    CHECK(granted.find("Access-Control-Allow-Origin: https://news.example\r\n") != std::string::npos);
    CHECK(granted.find("Access-Control-Allow-Methods: GET, HEAD, OPTIONS\r\n") != std::string::npos);
    CHECK(granted.find("Access-Control-Max-Age: 600\r\n") != std::string::npos);
    CHECK(policy.preflight_grant(page, "GET", "Content-Type", allow).find("Access-Control-Allow-Headers: Content-Type") !=
          std::string::npos);
    CHECK(policy.preflight_grant(page, "DELETE", "", allow) == "");
    CHECK(policy.preflight_grant(page, "get", "", allow) == "");  // methods are case-sensitive
    CHECK(policy.preflight_grant(page, "GET", "X-Secret", allow) == "");
    CHECK(policy.preflight_grant(page, "GET", "content-type, Authorization", allow) == "");
    CHECK(policy.preflight_grant("https://other.example", "GET", "", allow) == "");
    CHECK(policy.preflight_grant(page, "", "", allow) == "");  // a plain OPTIONS, not a preflight
  }

  TEST_CASE("where keys are on, a preflight may ask to send Authorization, for a write too") {
    const CorsPolicy policy({page}, /*authorization=*/true);
    const std::string allow = "GET, HEAD, PUT, DELETE, OPTIONS";
    const std::string granted = policy.preflight_grant(page, "PUT", "authorization, content-type", allow);
    CHECK(granted.find("Access-Control-Allow-Methods: GET, HEAD, PUT, DELETE, OPTIONS\r\n") != std::string::npos);
    CHECK(granted.find("Access-Control-Allow-Headers: Content-Type, Authorization\r\n") != std::string::npos);
    CHECK(policy.preflight_grant(page, "POST", "Authorization", allow) == "");
    CHECK(policy.preflight_grant(page, "PUT", "Authorization, X-Secret", allow) == "");
    CHECK(policy.preflight_grant("https://other.example", "PUT", "Authorization", allow) == "");
  }

  TEST_CASE("--cors-origin takes * or a scheme, host and port, nothing more") {
    CHECK(valid_cors_origin("*"));
    CHECK(valid_cors_origin("https://news.example"));
    CHECK(valid_cors_origin("http://127.0.0.1:8080"));
    CHECK(valid_cors_origin("http://[::1]:8080"));
    CHECK(!valid_cors_origin("news.example"));
    CHECK(!valid_cors_origin("https://news.example/"));
    CHECK(!valid_cors_origin("https://"));
    CHECK(!valid_cors_origin("https://a.example\r\nX-Injected: 1"));
    CHECK(!valid_cors_origin(""));
  }

  TEST_CASE("off by default: no grant for any origin, in a preflight or an answer") {
    const CorsServer server({});
    const RawResponse preflighted = server.send(preflight(page, "GET"));
    CHECK(preflighted.status == 204);
    CHECK(preflighted.has_header("Allow: GET, HEAD, OPTIONS"));
    CHECK(!preflighted.has_header("Access-Control-Allow-Origin"));
    const RawResponse answered = server.send(get_from(page));
    CHECK(answered.status == 200);
    CHECK(!answered.has_header("Access-Control-Allow-Origin"));
  }

  TEST_CASE("on: the listed origin reads answers and has its preflight granted; others do not") {
    const CorsServer server({page});
    const RawResponse granted = server.send(preflight(page, "GET"));
    CHECK(granted.status == 204);
    CHECK(granted.has_header("Access-Control-Allow-Origin: https://news.example"));
    CHECK(granted.has_header("Access-Control-Allow-Methods: GET, HEAD, OPTIONS"));
    CHECK(granted.has_header("Vary: Origin"));
    const RawResponse other = server.send(preflight("https://other.example", "GET"));
    CHECK(other.status == 204);
    CHECK(!other.has_header("Access-Control-Allow-Origin"));
    CHECK(!server.send(preflight(page, "PUT")).has_header("Access-Control-Allow-Origin"));
    CHECK(!server.send(preflight(page, "GET", "Authorization")).has_header("Access-Control-Allow-Origin"));

    const RawResponse answered = server.send(get_from(page));
    CHECK(answered.status == 200);
    CHECK(answered.has_header("Access-Control-Allow-Origin: https://news.example"));
    CHECK(answered.has_header("Access-Control-Expose-Headers: X-Next-Cursor, Link, Retry-After"));
    CHECK(answered.has_header("Vary: Origin"));
    const RawResponse refused = server.send(get_from("https://other.example"));
    CHECK(refused.status == 200);  // answered, but the browser keeps it from the page
    CHECK(!refused.has_header("Access-Control-Allow-Origin"));
    CHECK(refused.has_header("Vary: Origin"));
  }
}
