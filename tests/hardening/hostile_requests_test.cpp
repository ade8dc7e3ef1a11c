/// @file Hostile requests, as a table: each raw request → the status expected, no file
/// outside web/ ever served, no internals in error messages, and the server still healthy
/// afterwards. Raw sockets, so nothing is normalised on the way.
#include "raw_http.h"
#include "server_fixture.h"

#include <cstring>
#include <filesystem>

namespace {
using namespace article_search::testing;
using std::chrono::milliseconds;

constexpr const char* secret = "SECRET-OUTSIDE-WEB-7f3a";

/// A web folder with a page, a subfolder, and a symlink pointing out of it at a secret.
struct WebWithSecret {
  TempDir dir;
  std::filesystem::path web = dir / "web";
  WebWithSecret() {
    dir.write("web/index.html", "<!doctype html><title>search</title><p>page</p>\n");
    dir.write("web/sub/app.js", "export const ok = 1;\n");
    dir.write("secret.txt", secret);
    std::filesystem::create_symlink(dir / "secret.txt", web / "leak.txt");
    std::filesystem::create_directory_symlink(dir.path(), web / "up");
  }
};

struct Server {
  WebWithSecret web;
  RunningServer server{standard_inputs(), web.web};
};

Server& server() {
  static Server instance;
  return instance;
}

struct Case {
  const char* name;
  std::string request;
  int status;
};

std::string repeat(std::string_view unit, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += unit;
  return text;
}

std::vector<Case> traversal_cases() {
  const std::string abs = (server().web.dir / "secret.txt").string();
  return {
      {"the page", raw_get("/"), 200},
      {"a file in a subfolder", raw_get("/sub/app.js"), 200},
      {"dot-dot", raw_get("/../secret.txt"), 404},
      {"dot-dot below a folder", raw_get("/sub/../../secret.txt"), 404},
      {"encoded dots", raw_get("/%2e%2e/secret.txt"), 404},
      {"encoded dots, upper case", raw_get("/%2E%2E/%2E%2E/secret.txt"), 404},
      {"encoded slash", raw_get("/..%2fsecret.txt"), 404},
      {"encoded slash inside", raw_get("/sub%2f..%2f..%2fsecret.txt"), 404},
      {"double encoding", raw_get("/%252e%252e/secret.txt"), 404},
      {"double-encoded slash", raw_get("/..%252fsecret.txt"), 404},
      {"backslash", raw_get("/..\\secret.txt"), 404},
      {"encoded backslash", raw_get("/..%5csecret.txt"), 404},
      {"NUL byte", raw_get("/index.html%00.js"), 404},
      {"NUL byte before dots", raw_get("/%00/../secret.txt"), 404},
      {"absolute path", raw_get(abs), 404},
      {"double slash absolute", raw_get("/" + abs), 404},
      {"etc passwd", raw_get("/etc/passwd"), 404},
      {"absolute-form target", raw_get("http://127.0.0.1/../secret.txt"), 404},
      {"symlink out of web/", raw_get("/leak.txt"), 404},
      {"symlinked folder out of web/", raw_get("/up/secret.txt"), 404},
      {"dot file", raw_get("/.secret"), 404},
      {"document id with dot-dots", raw_get("/api/documents/..%2f..%2fsecret.txt"), 404},
      {"document id, absolute", raw_get("/api/documents/%2fetc%2fpasswd"), 404},
  };
}

std::vector<Case> size_cases() {
  const std::string long_target = "/api/search?q=" + repeat("a", 9000);
  const std::string huge_header = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + repeat("b", 9000) +
                                  "\r\nConnection: close\r\n\r\n";
  std::string many_headers = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 1000; ++i) many_headers += "X-H" + std::to_string(i) + ": v\r\n";
  many_headers += "Connection: close\r\n\r\n";
  std::string thousands = "/api/search?q=storm";
  for (int i = 0; i < 1000; ++i) thousands += "&p" + std::to_string(i) + "=1";
  std::string many_years = "/api/search?q=storm";
  for (int i = 0; i < 700; ++i) many_years += "&year=2024";
  return {
      {"request line over 8 KiB", raw_get(long_target), 414},
      {"one header over 8 KiB", huge_header, 431},
      {"a thousand headers", many_headers, 431},
      // No read route takes a body: the method is refused (405, with Allow) as soon as the head
      // is in, before any of the body is read (it was 413 after reading it).
      {"body over 64 KiB", "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
                           "Connection: close\r\n\r\n" + repeat("x", 100000), 405},
      {"body over 64 KiB, chunked", "POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                    "Connection: close\r\n\r\n186a0\r\n" + repeat("x", 100000) + "\r\n0\r\n\r\n", 405},
      {"Content-Length beyond 64 bits", "POST /api/search HTTP/1.1\r\nHost: x\r\n"
                                        "Content-Length: 99999999999999999999999\r\nConnection: close\r\n\r\n", 413},
      {"a header line with a bare LF, then a thousand", "GET /health HTTP/1.1\r\nHost: x\nX-A: b\r\n" +
                                                            many_headers.substr(many_headers.find("X-H0")), 400},
      {"head over 16 KiB in lines under 8 KiB", "GET /health HTTP/1.1\r\nHost: x\r\n" +
                                                    repeat("X-Pad: " + repeat("p", 4000) + "\r\n", 5) + "\r\n", 431},
      {"thousands of parameters", raw_get(thousands), 200},
      {"a thousand repeated filters", raw_get(many_years), 200},
      // q may fill the request line (8 KiB): a pasted paragraph is searched, never refused.
      {"q near the limit", raw_get("/api/search?q=" + repeat("ab+", 2600)), 200},
      {"q over the request line", raw_get("/api/search?q=" + repeat("a", 8200)), 414},
  };
}

std::vector<Case> parameter_cases() {
  return {
      {"per_page 1000000", raw_get("/api/search?q=storm&per_page=1000000"), 400},
      {"negative offset", raw_get("/api/search?q=storm&offset=-1"), 400},
      {"enormous offset", raw_get("/api/search?q=storm&offset=99999999999999999999999"), 400},
      {"offset beyond the window", raw_get("/api/search?q=storm&offset=9999&limit=10"), 400},
      {"page zero", raw_get("/api/search?q=storm&page=0"), 400},
      {"page huge", raw_get("/api/search?q=storm&page=18446744073709551617"), 400},
      {"limit zero", raw_get("/api/search?offset=0&limit=0"), 400},
      {"repeated per_page", raw_get("/api/search?q=storm&per_page=5&per_page=500"), 200},
      {"repeated q", raw_get("/api/search?q=storm&q=kaspersky"), 200},
      {"invalid UTF-8 in q", raw_get("/api/search?q=%ff%fe%c3%28kaspersky"), 200},
      {"overlong UTF-8 in q", raw_get("/api/search?q=%c0%af%e0%80%af"), 200},
      {"control characters in q", raw_get("/api/search?q=%01%02%1b%5b31m%7f%0d%0aX:y"), 200},
      {"NUL in q", raw_get("/api/search?q=kas%00persky"), 200},
      {"bad percent escape", raw_get("/api/search?q=%zz%4"), 200},
      {"invalid UTF-8 in suggest", raw_get("/api/suggest?q=%ff%fe"), 200},
      {"invalid UTF-8 in a document id", raw_get("/api/documents/%ff%fe"), 404},
      {"similar, limit huge", raw_get("/api/similar/x?limit=100000"), 400},
      {"sort unknown", raw_get("/api/search?q=storm&sort=%3Cscript%3E"), 400},
      {"date malformed", raw_get("/api/search?q=storm&from=2024-02-30"), 400},
      {"POST", "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 405},
      {"DELETE", "DELETE /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405},
      // A write route on a server without an admin key: refused from the head, body unread.
      {"DELETE without keys", "DELETE /api/documents/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 403},
      {"PUT without keys", "PUT /api/documents/x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
                           "Connection: close\r\n\r\n" + repeat("x", 100000), 403},
      {"garbage request line", "HELLO\r\n\r\n", 400},
      {"HTTP/1.0 without Host", "GET /health HTTP/1.0\r\n\r\n", 200},
      {"HTTP/1.1 without Host", "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n", 400},
      {"two Hosts", "GET /health HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n", 400},
      {"HTTP/2.0", "GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 505},
      {"HTTP/0.9 style", "GET /health\r\n\r\n", 400},
      {"TRACE", "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405},
      {"OPTIONS", "OPTIONS /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 204},
      {"unknown method", "BREW /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 501},
      {"POST without a length", "POST /api/search HTTP/1.1\r\nHost: x\r\n\r\n", 405},
      {"GET with a body", "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody", 400},
      {"GET with a chunked body", "GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"two Content-Lengths", "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400},
      {"Content-Length and chunked", "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                                     "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"Transfer-Encoding: %63hunked", "POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: %63hunked\r\n\r\n", 400},
      {"gzip request body", "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\n\x1f\x8b\x08", 405},
      {"Expect other than 100-continue", "GET /health HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 417},
      {"an obs-folded header", "GET /health HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n", 400},
      {"a control character in a header", "GET /health HTTP/1.1\r\nHost: x\r\nX-A: b\x01" "c\r\n\r\n", 400},
      {"Range on the API", "GET /api/search?q=storm HTTP/1.1\r\nHost: x\r\nRange: bytes=0-0,1-1\r\nConnection: close\r\n\r\n", 200},
  };
}

std::vector<Case> query_cases() {
  return {
      {"deeply nested", raw_get("/api/search?q=" + repeat("(", 300) + "storm" + repeat(")", 300)), 200},
      {"unbalanced nesting", raw_get("/api/search?q=" + repeat("(", 500) + "storm"), 200},
      {"operator heavy", raw_get("/api/search?q=" + repeat("a+AND+b+OR+c+NEAR+d+XOR+-e+", 36)), 200},
      {"only operators", raw_get("/api/search?q=" + repeat("AND+OR+NOT+", 90)), 200},
      {"phrase of many words", raw_get("/api/search?q=%22" + repeat("the+", 250) + "%22"), 200},
      {"huge wildcard", raw_get("/api/search?q=a*"), 200},
      {"many wildcards", raw_get("/api/search?q=" + repeat("a*+b*+c*+s*+t*+", 60)), 200},
      {"wildcards in NEAR", raw_get("/api/search?q=" + repeat("s*+NEAR+t*+", 50)), 200},
      {"lone star", raw_get("/api/search?q=*"), 200},
      {"ranges", raw_get("/api/search?q=date:0000-01-01..9999-12-31+" + repeat("date:..+", 100)), 200},
      {"wildcard suggest", raw_get("/api/suggest?q=" + repeat("a", 1000)), 200},
  };
}

/// Error bodies name the problem, never how the server is built or where it runs.
void check_no_internals(const Case& c, const RawResponse& response) {
  const std::string& name = c.name;
  if (response.status < 400) return;
  for (const char* leak : {"/tmp", "/work", "/home", ".cpp", ".h:", "Xapian", "Error:", "what()",
                           "std::", "exception", "Backtrace", secret}) {
    if (c.request.find(leak) != std::string::npos) continue;  // an echo of the request itself
    CHECK_MESSAGE(response.body.find(leak) == std::string::npos,
                  name << ": error body shows `" << leak << "`: " << response.body);
  }
  CHECK_MESSAGE(nlohmann::json::accept(response.body), name << ": error body is not JSON: " << response.body);
}

void run_table(const std::vector<Case>& cases, milliseconds budget = milliseconds(5000)) {
  const int port = server().server.port();
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto started = std::chrono::steady_clock::now();
    const RawResponse response = raw_request(port, c.request, budget + milliseconds(2000));
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK_MESSAGE(response.status == c.status, c.name << ": got " << response.status << " "
                                                      << response.body.substr(0, 300));
    CHECK_MESSAGE(took < budget, c.name << ": took " << std::chrono::duration_cast<milliseconds>(took).count() << " ms");
    CHECK_MESSAGE(response.body.find(secret) == std::string::npos, c.name << ": served the secret");
    if (response.status != 0) {
      CHECK_MESSAGE(response.has_header("x-content-type-options: nosniff"), c.name << ": no nosniff");
    }
    check_no_internals(c, response);
    const RawResponse health = raw_request(port, raw_get("/health"));
    REQUIRE_MESSAGE(health.status == 200, "unhealthy after " << c.name);
  }
}

}  // namespace

TEST_CASE("path traversal in every form serves nothing outside web/") { run_table(traversal_cases()); }

TEST_CASE("oversized request line, headers and body are refused; many parameters are fine") {
  run_table(size_cases());
}

TEST_CASE("out-of-range, repeated and malformed parameters get clear answers") {
  run_table(parameter_cases());
}

TEST_CASE("long, nested, operator-heavy and wildcard queries answer within the time budget") {
  run_table(query_cases(), milliseconds(4000));
}

TEST_CASE("the page carries a Content-Security-Policy; the API nosniff") {
  const int port = server().server.port();
  const RawResponse page = raw_request(port, raw_get("/"));
  REQUIRE(page.status == 200);
  CHECK(page.has_header("content-security-policy: default-src 'self'; script-src 'self'"));
  CHECK(page.has_header("x-content-type-options: nosniff"));
  const RawResponse api = raw_request(port, raw_get("/api/search?q=storm"));
  CHECK(api.has_header("x-content-type-options: nosniff"));
  CHECK(api.has_header("content-type: application/json"));
}

TEST_CASE("repeated paging parameters: the first one counts") {
  const RawResponse response = raw_request(server().server.port(),
                                           raw_get("/api/search?q=&per_page=2&per_page=500"));
  REQUIRE(response.status == 200);
  const auto answer = nlohmann::json::parse(response.body);
  CHECK(answer.at("per_page") == 2);
  CHECK(answer.at("hits").size() == 2);
}

TEST_CASE("invalid UTF-8 and control characters in q come back as valid, escaped JSON") {
  const RawResponse response = raw_request(server().server.port(),
                                           raw_get("/api/search?q=%ff%01%1b%3Cb%3Ekaspersky"));
  REQUIRE(response.status == 200);
  REQUIRE(nlohmann::json::accept(response.body));
  CHECK(response.body.find('\x1b') == std::string::npos);
  CHECK(response.body.find('\x01') == std::string::npos);
  // q comes back as plain JSON text; every HTML field is escaped.
  const auto answer = nlohmann::json::parse(response.body);
  if (!answer.at("did_you_mean").is_null()) {
    CHECK(answer.at("did_you_mean").at("html").get<std::string>().find("<b>") == std::string::npos);
  }
  for (const auto& hit : answer.at("hits")) {
    CHECK(hit.at("title").get<std::string>().find("<b>") == std::string::npos);
    CHECK(hit.at("snippet").get<std::string>().find("<b>") == std::string::npos);
  }
}

TEST_CASE("XSS: script and HTML in an article's title and body reach JSON snippets escaped") {
  for (const char* q : {"alert", "script", "onerror", "hostile", "img"}) {
    CAPTURE(q);
    const auto answer = server().server.get_json(std::string("/api/search?q=") + q);
    REQUIRE(!answer.at("hits").empty());
    for (const auto& hit : answer.at("hits")) {
      for (const char* field : {"title", "snippet"}) {
        std::string html = hit.at(field);
        for (const char* mark : {"<mark>", "</mark>"}) {
          for (auto at = html.find(mark); at != std::string::npos; at = html.find(mark)) {
            html.erase(at, std::strlen(mark));
          }
        }
        CHECK_MESSAGE(html.find('<') == std::string::npos, field << ": " << hit.at(field));
        CHECK_MESSAGE(html.find('>') == std::string::npos, field << ": " << hit.at(field));
      }
    }
  }
  const auto document = server().server.get_json("/api/documents/hostile?q=alert");
  const std::string body_html = document.at("body_html");
  CHECK(body_html.find("<script") == std::string::npos);
  CHECK(body_html.find("&lt;script&gt;") != std::string::npos);
}
