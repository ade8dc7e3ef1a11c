/// @file The other routes over HTTP: documents, similar, suggest, health, metrics, the
/// OpenAPI file, every error, and static files that cannot leave web/.
#include "route_table.h"
#include "server_fixture.h"

#include <fstream>

namespace {
using article_search::testing::RunningServer;
using article_search::testing::shared_server;
using article_search::testing::TempDir;
using nlohmann::json;

json error_body(const std::string& code, const std::string& message, const std::string& parameter = "") {
  json error = {{"code", code}, {"message", message}};
  if (!parameter.empty()) error["parameter"] = parameter;
  return {{"error", error}};
}

}  // namespace

TEST_SUITE("documents, similar, suggest") {
  TEST_CASE("a document is returned whole, with body_html when q is given") {
    const auto document = shared_server().get_json("/api/documents/hostile?q=alert");
    CHECK(document["id"] == "hostile");
    CHECK(document["date"] == "2023-03-01");
    CHECK(document["source"] == "escaping");
    CHECK(std::string(document["body"]).find("<script>alert(1)</script>") != std::string::npos);
    const std::string html = document["body_html"];
    CHECK(html.find("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK_FALSE(shared_server().get_json("/api/documents/hostile").contains("body_html"));
  }

  TEST_CASE("an unknown document id is a 404 not_found") {
    CHECK(shared_server().get_json("/api/documents/no-such-id", 404) ==
          error_body("not_found", "No document with id `no-such-id`."));
    CHECK(shared_server().get_json("/api/similar/no-such-id", 404) ==
          error_body("not_found", "No document with id `no-such-id`."));
  }

  TEST_CASE("similar articles exclude the article itself and honour limit") {
    const auto answer = shared_server().get_json("/api/similar/004_8f0669f797f6f4f0?limit=3");
    CHECK(answer["id"] == "004_8f0669f797f6f4f0");
    CHECK(answer["hits"].size() == 3);
    for (const auto& hit : answer["hits"]) {
      CHECK(hit["id"] != "004_8f0669f797f6f4f0");
      CHECK(hit["id"] != "hostile");  // about Kaspersky, not about escaping
    }
    CHECK(shared_server().get_json("/api/similar/004_8f0669f797f6f4f0?limit=0", 400) ==
          error_body("invalid_parameter", "Parameter `limit` must be an integer from 1 to 20, got `0`.", "limit"));
  }

  TEST_CASE("an id ending in /similar is a document like any other, and has similar articles") {
    // x.txt, x/similar.txt and x/harbour.txt: ids `x`, `x/similar` and `x/harbour`. When
    // "more like this" was /api/documents/{id}/similar, the first path was x's similar ones.
    const RunningServer server(std::vector<std::filesystem::path>{
        article_search::testing::source_dir() / "tests" / "data" / "similar-suffix"});
    const auto document = server.get_json("/api/documents/x/similar");
    CHECK(document["id"] == "x/similar");
    CHECK(document["title"] == "An article whose id ends in /similar");
    CHECK(server.get_json("/api/documents/x%2Fsimilar")["id"] == "x/similar");  // as the page sends it
    CHECK(server.get_json("/api/documents/x")["id"] == "x");

    const auto similar = server.get_json("/api/similar/x/similar");
    CHECK(similar["id"] == "x/similar");
    const auto ids = article_search::testing::hit_ids(similar);
    CHECK_FALSE(ids.empty());
    for (const std::string& id : ids) CHECK((id == "x" || id == "x/harbour"));  // never itself
    const auto like_x = server.get_json("/api/similar/x");
    CHECK(like_x["id"] == "x");
    for (const std::string& id : article_search::testing::hit_ids(like_x)) CHECK(id != "x");
    CHECK(server.get_json("/api/similar/x/nothing", 404) == error_body("not_found", "No document with id `x/nothing`."));
  }

  TEST_CASE("suggest completes the last word, most frequent first") {
    const auto answer = shared_server().get_json("/api/suggest?q=russian%20kasp");
    INFO(answer.dump());
    REQUIRE(!answer["suggestions"].empty());
    CHECK(answer["suggestions"][0] == "russian kaspersky");
    CHECK(shared_server().get_json("/api/suggest?q=zzzz")["suggestions"].empty());
    CHECK(shared_server().get_json("/api/suggest?q=k&limit=1")["suggestions"].size() == 1);
    CHECK(shared_server().get_json("/api/suggest?q=k&limit=21", 400) ==
          error_body("invalid_parameter", "Parameter `limit` must be an integer from 1 to 20, got `21`.", "limit"));
  }
}

TEST_SUITE("health, metrics, openapi") {
  TEST_CASE("health reports the open index") {
    const auto health = shared_server().get_json("/health");
    CHECK(health["status"] == "ok");
    CHECK(health["documents"] == 6);
    CHECK(health["revision"].get<int>() >= 1);
    // No filesystem path in the answer (it told anyone where the index lives).
    CHECK_FALSE(health.contains("database"));
    CHECK(health.dump().find(shared_server().db().string()) == std::string::npos);
  }

  TEST_CASE("metrics count requests by route and status, with a latency histogram") {
    auto& server = shared_server();
    server.get_json("/api/search?q=kaspersky");
    server.get_json("/api/search?page=0", 400);
    auto http = server.client();
    // A request is counted once its answer is sent, so the count may lag a moment behind.
    std::string text;
    for (int attempt = 0; attempt < 100; ++attempt) {
      const auto response = http.Get("/metrics");
      REQUIRE(response);
      CHECK(response->status == 200);
      text = response->body;
      if (text.find("route=\"/api/search\",status=\"400\"") != std::string::npos &&
          text.find("route=\"/api/search\",status=\"200\"") != std::string::npos) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(text.find("article_search_requests_total{route=\"/api/search\",status=\"200\"}") != std::string::npos);
    CHECK(text.find("article_search_requests_total{route=\"/api/search\",status=\"400\"}") != std::string::npos);
    CHECK(text.find("article_search_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"}") != std::string::npos);
    CHECK(text.find("article_search_index_documents 6") != std::string::npos);
    CHECK(text.find("article_search_index_revision ") != std::string::npos);
    CHECK(text.find("article_search_searches_waiting 0\n") != std::string::npos);
    const std::string slots_line = "\narticle_search_search_slots ";
    const std::size_t slots = text.find(slots_line);
    REQUIRE(slots != std::string::npos);
    CHECK(std::stoi(text.substr(slots + slots_line.size())) > 0);
  }

  TEST_CASE("the OpenAPI description is served and names every route") {
    const auto spec = shared_server().get_json("/openapi.json");
    CHECK(spec["openapi"] == "3.0.3");
    for (const char* path : {"/api/search", "/api/documents/{id}", "/api/similar/{id}",
                             "/api/suggest", "/health", "/metrics"}) {
      CHECK(spec["paths"].contains(path));
    }
  }
}

TEST_SUITE("errors over HTTP") {
  TEST_CASE("each bad search parameter is a 400 naming it") {
    auto& server = shared_server();
    CHECK(server.get_json("/api/search?page=0", 400) ==
          error_body("invalid_parameter", "Parameter `page` must be an integer from 1 to 10000, got `0`.", "page"));
    CHECK(server.get_json("/api/search?per_page=101", 400) ==
          error_body("invalid_parameter", "Parameter `per_page` must be an integer from 1 to 100, got `101`.", "per_page"));
    CHECK(server.get_json("/api/search?sort=best", 400) ==
          error_body("invalid_parameter", "Parameter `sort` must be one of `relevance`, `newest`, `oldest`, got `best`.", "sort"));
    CHECK(server.get_json("/api/search?from=2024-02-30", 400) ==
          error_body("invalid_parameter", "Parameter `from` must be a date written YYYY-MM-DD, got `2024-02-30`.", "from"));
  }

  TEST_CASE("unknown routes are 404 and wrong methods 405, as JSON") {
    auto& server = shared_server();
    CHECK(server.get_json("/api/nothing", 404) == error_body("not_found", "No route or file for `/api/nothing`."));
    auto http = server.client();
    const auto response = http.Post("/api/search", "q=x", "application/x-www-form-urlencoded");
    REQUIRE(response);
    CHECK(response->status == 405);
    CHECK(json::parse(response->body) ==
          error_body("method_not_allowed", "Method POST is not allowed on `/api/search`; it takes GET, HEAD, OPTIONS."));
    const auto deleted = http.Delete("/health");
    REQUIRE(deleted);
    CHECK(deleted->status == 405);
  }

  TEST_CASE("httplib routes a path to a handler exactly when find_route finds its route") {
    auto& server = shared_server();
    const auto no_route = [](const std::string& path) {
      return error_body("not_found", "No route or file for `" + path + "`.");
    };
    // Paths are matched decoded: %0A is a line break, which no parameter holds.
    const std::pair<std::string, std::string> targets_and_paths[] = {
        {"/api/documents/", "/api/documents/"}, {"/api/similar/", "/api/similar/"},
        {"/api/searchx", "/api/searchx"}, {"/api/documents/a%0Ab", "/api/documents/a\nb"}};
    for (const auto& [target, path] : targets_and_paths) {
      CAPTURE(path);
      CHECK(article_search::server::find_route(path) == nullptr);
      CHECK(server.get_json(target, 404) == no_route(path));
    }
    auto http = server.client();
    for (const auto& route : article_search::server::route_table()) {
      std::string path(route.path);
      if (const auto open = path.find('{'); open != std::string::npos) path = path.substr(0, open) + "a/b%09c";
      CAPTURE(path);
      const auto response = http.Get(path.c_str());
      REQUIRE(response);
      CHECK(response->body.find("No route or file") == std::string::npos);
    }
  }

  TEST_CASE("a body where no route takes one is 405 with Allow, and an oversized URI 414") {
    auto http = shared_server().client();
    const auto big = http.Post("/api/search", std::string(200 * 1024, 'a'), "text/plain");
    REQUIRE(big);
    CHECK(big->status == 405);
    CHECK(big->get_header_value("Allow") == "GET, HEAD, OPTIONS");
    CHECK(json::parse(big->body) ==
          error_body("method_not_allowed", "Method POST is not allowed on `/api/search`; it takes GET, HEAD, OPTIONS."));
    const auto long_uri = http.Get(("/api/search?q=" + std::string(10000, 'a')).c_str());
    REQUIRE(long_uri);
    CHECK(long_uri->status == 414);
    CHECK(json::parse(long_uri->body) == error_body("uri_too_long", "The request URI is too long."));
  }

  TEST_CASE("a pasted paragraph is searched for its rarest words, and says so") {
    // 150 words no article holds, then one the corpus has: cutting after the first 100
    // words would find nothing.
    std::string q;
    for (int n = 0; n < 150; ++n) q += "zq" + std::to_string(n) + "x%20";
    const auto answer = shared_server().get_json("/api/search?q=" + q + "Kaspersky.");
    CHECK(answer.at("query").at("budget_exceeded") == json::array({"words"}));
    const std::string searched = answer.at("query").at("searched");
    CHECK(searched.find("kaspersky") != std::string::npos);
    CHECK_FALSE(answer.at("hits").empty());
  }
}

TEST_SUITE("static files") {
  TEST_CASE("only files under web/ are served, with the CSP header") {
    TempDir outside;
    const auto secret = outside.write("secret.txt", "top secret");
    TempDir web;
    web.write("index.html", "<!doctype html><title>search</title>");
    web.write("app.js", "console.log('hi');");
    web.write(".hidden", "hidden");
    std::filesystem::create_symlink(secret, web / "link.txt");
    std::filesystem::create_symlink(outside.path(), web / "linkdir");
    RunningServer server(article_search::testing::standard_inputs(), web.path());
    auto http = server.client();

    const auto page = http.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("<title>search</title>") != std::string::npos);
    CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") == 0);
    const auto script = http.Get("/app.js");
    REQUIRE(script);
    CHECK(script->status == 200);

    const std::string secret_name = secret.filename().string();
    for (const std::string& target : std::vector<std::string>{"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
          "/link.txt", "/linkdir/secret.txt", "/.hidden", "//etc/passwd", "/..\\secret.txt",
          "/%5c..%5csecret.txt", "/nothing.html", std::string("/").append(outside.path().string()).append("/secret.txt")}) {
      const auto response = http.Get(target.c_str());
      REQUIRE_MESSAGE(response, target);
      CHECK_MESSAGE((response->status == 404 || response->status == 400), target);
      CHECK_MESSAGE(response->body.find("top secret") == std::string::npos, target);
    }
  }
}

TEST_SUITE("no filesystem paths in answers") {
  TEST_CASE("a document's path is relative to its corpus folder, in documents and in hits") {
    const auto doc = shared_server().get_json("/api/documents/000_a79eae3ea510d341");
    CHECK(doc["path"] == "000_a79eae3ea510d341.txt");
    const auto answer = shared_server().get_json("/api/search?q=kaspersky");
    REQUIRE(!answer["hits"].empty());
    const std::string root = article_search::testing::source_dir().string();
    CHECK(answer.dump().find(root) == std::string::npos);
    CHECK(doc.dump().find(root) == std::string::npos);
  }
}
