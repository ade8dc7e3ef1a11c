/// @file The document API over HTTP: writes with the admin key, every auth case, bad
/// records that change nothing, group commits, and the indexer beside the server.
#include "server_fixture.h"

#include "route_table.h"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>

namespace {
using namespace article_search;
using namespace article_search::testing;

const std::string admin_key = "admin-key-for-tests-0123456789";
const std::string search_key = "search-key-for-tests-0123456789";

/// A server over the bundled corpus with the keys given (none: the defaults).
class KeyedServer {
 public:
  explicit KeyedServer(server::AccessKeys keys = {admin_key, ""}) : db_(dir_ / "db") {
    index_into(db_, {source_dir() / "corpus"});
    auto options = test_server_options(db_);
    options.keys = std::move(keys);
    options.write_lock_wait_seconds = 2;
    server_.emplace(std::move(options));
  }
  httplib::Client client() const { return server_->client(); }
  const std::filesystem::path& db() const { return db_; }

  httplib::Result put(const std::string& id, const nlohmann::json& article,
                      const std::string& key = admin_key) const {
    return client().Put(("/api/documents/" + id).c_str(), auth(key), article.dump(), "application/json");
  }
  httplib::Result bulk(const std::string& lines, const std::string& key = admin_key) const {
    return client().Post("/api/documents", auth(key), lines, "application/x-ndjson");
  }
  httplib::Result remove(const std::string& id, const std::string& key = admin_key) const {
    return client().Delete(("/api/documents/" + id).c_str(), auth(key));
  }
  httplib::Result get(const std::string& target, const std::string& key = "") const {
    return client().Get(target.c_str(), auth(key));
  }
  /// The number of documents /health reports.
  long documents() const {
    const auto health = get("/health");
    REQUIRE(health);
    return nlohmann::json::parse(health->body).at("documents").get<long>();
  }

  static httplib::Headers auth(const std::string& key) {
    if (key.empty()) return {};
    return {{"Authorization", "Bearer " + key}};
  }

 private:
  TempDir dir_;
  std::filesystem::path db_;
  std::optional<InProcessServer> server_;
};

nlohmann::json body_of(const httplib::Result& result) {
  REQUIRE(result);
  return nlohmann::json::parse(result->body);
}

std::string error_code(const httplib::Result& result) {
  return body_of(result).at("error").at("code").get<std::string>();
}

nlohmann::json storm(const std::string& title = "Live storm report from the harbour") {
  return {{"title", title},
          {"body", "Quokkaflux winds reached the harbour at dawn, and boats were moved inland."},
          {"date", "2026-12-03T08:00:00Z"},
          {"source", "Live Desk"},
          {"url", "https://news.example/live/storm"},
          {"tags", {"weather"}}};
}

std::vector<std::string> ids_for(const KeyedServer& server, const std::string& q) {
  const auto result = server.get("/api/search?q=" + q + "&limit=50");
  return hit_ids(body_of(result));
}

}  // namespace

TEST_SUITE("document API") {
  TEST_CASE("PUT adds an article that the next search finds; again unchanged; changed, updated") {
    const KeyedServer server;
    const long before = server.documents();
    const auto added = server.put("live/storm-1", storm());
    REQUIRE(added);
    CHECK(added->status == 201);
    CHECK(body_of(added) == nlohmann::json{{"id", "live/storm-1"}, {"status", "added"}});
    CHECK(ids_for(server, "quokkaflux") == std::vector<std::string>{"live/storm-1"});
    CHECK(server.documents() == before + 1);
    const auto document = body_of(server.get("/api/documents/live/storm-1"));
    CHECK(document.at("title") == "Live storm report from the harbour");
    CHECK(document.at("source") == "Live Desk");
    CHECK(document.at("url") == "https://news.example/live/storm");

    const auto again = server.put("live/storm-1", storm());
    CHECK(again->status == 200);
    CHECK(body_of(again).at("status") == "unchanged");
    const auto changed = server.put("live/storm-1", storm("Storm report, updated"));
    CHECK(changed->status == 200);
    CHECK(body_of(changed).at("status") == "updated");
    CHECK(body_of(server.get("/api/documents/live/storm-1")).at("title") == "Storm report, updated");
    CHECK(server.documents() == before + 1);
  }

  TEST_CASE("PUT of a saved page extracts it as the indexer does") {
    const KeyedServer server;
    const std::string page = R"(<!doctype html><html><head><title>Quokkaflux tide | Paper</title>
        <meta property="og:title" content="Quokkaflux tide"></head><body><article><h1>Quokkaflux tide</h1>
        <p>The tide rose by two metres overnight and the harbour closed.</p>
        <p>Officials expect the water to fall by Friday.</p></article></body></html>)";
    const auto put = server.client().Put("/api/documents/pages/tide", KeyedServer::auth(admin_key), page,
                                         "text/html; charset=utf-8");
    REQUIRE(put);
    CHECK(put->status == 201);
    CHECK(body_of(server.get("/api/documents/pages/tide")).at("title") == "Quokkaflux tide");
    const auto other = server.client().Put("/api/documents/pages/tide", KeyedServer::auth(admin_key), "x",
                                           "text/plain");
    CHECK(other->status == 415);
    CHECK(error_code(other) == "unsupported_media_type");
  }

  TEST_CASE("DELETE removes an article; a second DELETE is 404 and changes nothing") {
    const KeyedServer server;
    const long before = server.documents();
    REQUIRE(server.put("live/gone", storm())->status == 201);
    const auto deleted = server.remove("live/gone");
    CHECK(deleted->status == 200);
    CHECK(body_of(deleted).at("status") == "deleted");
    CHECK(ids_for(server, "quokkaflux").empty());
    CHECK(server.get("/api/documents/live/gone")->status == 404);
    CHECK(server.remove("live/gone")->status == 404);
    CHECK(server.documents() == before);
    // The indexer's articles can be deleted too: the API writes the one index.
    const std::string first = ids_for(server, "kaspersky").at(0);
    CHECK(server.remove(first)->status == 200);
    CHECK(server.documents() == before - 1);
  }

  TEST_CASE("a bad record gets an error naming the field, and the index is left as it was") {
    const KeyedServer server;
    const long before = server.documents();
    nlohmann::json bad = storm();
    bad["url"] = "javascript:alert(1)";
    const auto answer = server.put("live/bad", bad);
    CHECK(answer->status == 400);
    CHECK(error_code(answer) == "invalid_document");
    CHECK(body_of(answer).at("error").at("field") == "url");
    const auto not_json = server.client().Put("/api/documents/live/bad", KeyedServer::auth(admin_key),
                                              "{\"title\": ", "application/json");
    CHECK(error_code(not_json) == "invalid_document");
    const auto bad_id = server.put("a%20b", storm());
    CHECK(bad_id->status == 400);
    CHECK(body_of(bad_id).at("error").at("parameter") == "id");
    CHECK(server.documents() == before);
    CHECK(server.get("/api/documents/live/bad")->status == 404);
  }

  TEST_CASE("POST takes JSON Lines and answers per line; good lines are written, bad ones not") {
    const KeyedServer server;
    const long before = server.documents();
    std::string lines;
    lines += nlohmann::json{{"_id", "bulk/1"}, {"title", "Quokkaflux one"}, {"text", "First."}}.dump() + "\n";
    lines += "\n";  // blank lines are passed over, and still counted
    lines += "{\"_id\": \"bulk/2\", \"title\": \"Two\", \"text\": \"Second.\", \"date\": \"someday\"}\n";
    lines += "not json\n";
    lines += nlohmann::json{{"id", "bulk/3"}, {"title", "Quokkaflux three"}, {"body", "Third."}}.dump();
    const auto answer = server.bulk(lines);
    REQUIRE(answer);
    CHECK(answer->status == 200);
    const auto body = body_of(answer);
    CHECK(body.at("errors") == true);
    CHECK(body.at("accepted") == 2);
    CHECK(body.at("rejected") == 2);
    const auto& results = body.at("results");
    REQUIRE(results.size() == 4);
    CHECK(results[0] == nlohmann::json{{"line", 1}, {"id", "bulk/1"}, {"status", "added"}});
    CHECK(results[1].at("line") == 3);
    CHECK(results[1].at("error").at("field") == "date");
    CHECK(results[2].at("line") == 4);
    CHECK(results[2].at("error").at("code") == "invalid_document");
    CHECK(results[3] == nlohmann::json{{"line", 5}, {"id", "bulk/3"}, {"status", "added"}});
    CHECK(server.documents() == before + 2);
    const auto found = ids_for(server, "quokkaflux");
    CHECK(std::set<std::string>(found.begin(), found.end()) == std::set<std::string>{"bulk/1", "bulk/3"});
    CHECK(server.get("/api/documents/bulk/2")->status == 404);

    CHECK(error_code(server.bulk("")) == "invalid_request");
    const auto wrong_type = server.client().Post("/api/documents", KeyedServer::auth(admin_key), lines,
                                                 "application/x-www-form-urlencoded");
    CHECK(wrong_type->status == 415);
  }

  TEST_CASE("writes need the admin key: none or a wrong one is 401, and nothing changes") {
    const KeyedServer server({admin_key, search_key});
    const auto none = server.client().Put("/api/documents/x", storm().dump(), "application/json");
    REQUIRE(none);
    CHECK(none->status == 401);
    CHECK(error_code(none) == "unauthorized");
    CHECK(none->get_header_value("WWW-Authenticate").find("Bearer") == 0);
    CHECK(server.put("x", storm(), "wrong-key-0123456789")->status == 401);
    CHECK(server.put("x", storm(), search_key)->status == 401);  // the search key reads only
    CHECK(server.remove("x", "")->status == 401);
    CHECK(server.bulk("{}", search_key)->status == 401);
    CHECK(server.get("/api/documents/x", admin_key)->status == 404);
    CHECK(server.documents() > 0);
  }

  TEST_CASE("with a search key, reads need it (or the admin key), except /health") {
    const KeyedServer server({admin_key, search_key});
    CHECK(server.get("/api/search?q=storm")->status == 401);
    CHECK(server.get("/api/search?q=storm", "not-the-key-0123456789")->status == 401);
    CHECK(server.get("/api/search?q=storm", search_key)->status == 200);
    CHECK(server.get("/api/search?q=storm", admin_key)->status == 200);
    CHECK(server.get("/api/suggest?q=sto")->status == 401);
    CHECK(server.get("/metrics")->status == 401);
    CHECK(server.get("/health")->status == 200);
    const auto in_url = server.get("/api/search?q=storm&api_key=" + search_key, search_key);
    CHECK(in_url->status == 400);
    CHECK(in_url->body.find(search_key) == std::string::npos);
  }

  TEST_CASE("every route of the table, with every kind of key: who gets past the door") {
    const KeyedServer server({admin_key, search_key});
    for (const server::Route& route : server::route_table()) {
      std::string path(route.path);
      if (const auto open = path.find('{'); open != std::string::npos) path.replace(open, path.find('}') - open + 1, "x");
      CAPTURE(route.method);
      CAPTURE(path);
      const auto status_with = [&](const std::string& key) {
        auto client = server.client();
        const auto headers = KeyedServer::auth(key);
        httplib::Result result = route.method == "GET"      ? client.Get(path.c_str(), headers)
                                 : route.method == "DELETE" ? client.Delete(path.c_str(), headers)
                                 : route.method == "PUT"    ? client.Put(path.c_str(), headers, "", "application/json")
                                                            : client.Post(path.c_str(), headers, "", "application/x-ndjson");
        REQUIRE(result);
        return result->status;
      };
      const bool open = route.access == server::Access::open;
      const bool admin = route.access == server::Access::admin;
      CHECK((status_with("") == 401) == !open);
      CHECK((status_with("wrong-key-0123456789abc") == 401) == !open);
      CHECK((status_with(search_key) == 401) == admin);
      CHECK(status_with(admin_key) != 401);
    }
  }

  TEST_CASE("without an admin key the server takes no writes, and says how to turn them on") {
    const KeyedServer server(server::AccessKeys{});
    const auto answer = server.put("x", storm(), admin_key);
    REQUIRE(answer);
    CHECK(answer->status == 403);
    CHECK(error_code(answer) == "forbidden");
    CHECK(body_of(answer).at("error").at("message").get<std::string>().find("--admin-key-file") != std::string::npos);
    CHECK(server.get("/api/search?q=storm")->status == 200);  // reads stay open
  }

  TEST_CASE("a body above the route's limit is refused from its head, before it is sent") {
    const KeyedServer server;
    httplib::Headers headers = KeyedServer::auth(admin_key);
    const std::size_t huge = 64u << 20;
    std::size_t sent = 0;
    const auto answer = server.client().Put(
        "/api/documents/huge", headers, huge,
        [&](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          const std::string chunk(std::min<std::size_t>(length, 1 << 16), 'x');
          sent += chunk.size();
          return offset < (1u << 20) && sink.write(chunk.data(), chunk.size());
        },
        "application/json");
    if (answer) CHECK(answer->status == 413);
    CHECK(sent < huge);
  }

  TEST_CASE("many writers at once share commits, and every acknowledged write is visible") {
    const KeyedServer server;
    constexpr int writers = 8, each = 12;
    std::atomic<int> acknowledged{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        for (int i = 0; i < each; ++i) {
          const std::string id = "burst/" + std::to_string(w) + "-" + std::to_string(i);
          const auto answer = server.put(id, {{"title", "Quokkaflux burst"}, {"text", "Item " + id + "."}});
          if (answer && answer->status == 201) ++acknowledged;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(acknowledged == writers * each);
    const auto answer = body_of(server.get("/api/search?q=quokkaflux&limit=1"));
    CHECK(answer.at("total").at("value").get<int>() == writers * each);
    const auto metrics = server.get("/metrics");
    REQUIRE(metrics);
    CHECK(metrics->body.find("article_search_write_commits_total") != std::string::npos);
  }

  TEST_CASE("a copy written over HTTP is grouped as the indexer groups it: a copy, in its story") {
    const KeyedServer server;
    const std::string original = ids_for(server, "kaspersky").at(0);
    const auto stored = body_of(server.get("/api/documents/" + original));
    const auto put = server.put("live/copy", {{"title", stored.at("title")},
                                              {"text", stored.at("body")},
                                              {"source", "Reprints"},
                                              {"date", "2030-01-01"}});
    REQUIRE(put->status == 201);
    const auto hits = body_of(server.get("/api/search?q=kaspersky&limit=50")).at("hits");
    const auto hit_of = [&](const std::string& id) {
      for (const auto& hit : hits) {
        if (hit.at("id") == id) return hit;
      }
      FAIL("no hit " << id);
      return nlohmann::json();
    };
    CHECK(hit_of("live/copy").at("copy_of") == original);
    CHECK(hit_of("live/copy").at("story").at("id") == hit_of(original).at("story").at("id"));
    // Deleted, it leaves the story as it was.
    REQUIRE(server.remove("live/copy")->status == 200);
    CHECK(hit_of(original).at("story").at("size").get<int>() >= 1);
  }

  TEST_CASE("the indexer and the server write at once: each waits for the other, and nothing is lost") {
    const KeyedServer server;
    std::atomic<bool> indexing{true};
    std::vector<std::string> acknowledged;
    std::thread writer([&] {
      for (int i = 0; i < 400 && indexing; ++i) {
        const std::string id = "beside/" + std::to_string(i);
        const auto answer = server.put(id, {{"title", "Quokkaflux beside " + std::to_string(i)},
                                            {"text", "Written while the indexer runs, number " + std::to_string(i) + "."}});
        if (answer && answer->status == 201) acknowledged.push_back(id);
      }
    });
    std::size_t runs_committed = 0;
    for (int run = 0; run < 3; ++run) {
      // A rebuild, then reruns: the indexer waits for the server's commits (--wait-lock).
      const auto summary = index_into(server.db(), {source_dir() / "corpus"}, /*rebuild=*/run == 0);
      runs_committed += summary.committed ? 1 : 0;
    }
    indexing = false;
    writer.join();
    CHECK(runs_committed >= 1);
    REQUIRE_FALSE(acknowledged.empty());
    const auto found = body_of(server.get("/api/search?q=quokkaflux&limit=1")).at("total").at("value").get<std::size_t>();
    CHECK(found == acknowledged.size());
    CHECK(server.get("/api/documents/" + acknowledged.back())->status == 200);
    CHECK(ids_for(server, "kaspersky").size() >= 5);  // and the corpus is all there
  }

  TEST_CASE("the indexer and the server keep each other's work: reruns and --rebuild keep API articles") {
    const KeyedServer server;
    REQUIRE(server.put("live/kept", storm())->status == 201);
    const long with_it = server.documents();
    const auto rerun = index_into(server.db(), {source_dir() / "corpus"});
    CHECK(rerun.deleted == 0);
    CHECK(server.documents() == with_it);
    const auto rebuilt = index_into(server.db(), {source_dir() / "corpus"}, /*rebuild=*/true);
    CHECK(rebuilt.committed);
    CHECK(server.documents() == with_it);
    CHECK(ids_for(server, "quokkaflux") == std::vector<std::string>{"live/kept"});
    // And the server writes into the rebuilt generation.
    REQUIRE(server.put("live/after", storm("After the rebuild"))->status == 201);
    CHECK(server.documents() == with_it + 1);
  }
}
