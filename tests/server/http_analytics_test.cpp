/// @file Search analytics over HTTP: searches are seen at /api/admin/queries and counted
/// in /metrics, and the request log shows their query unless --log-queries no.
#include "server_fixture.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

namespace {
using namespace article_search;
using testing::InProcessServer;

/// The bundled corpus, indexed once for the servers of this file.
const std::filesystem::path& corpus_db() {
  static testing::TempDir dir;
  static const std::filesystem::path db = [] {
    testing::index_into(dir / "db", {testing::source_dir() / "corpus"});
    return dir / "db";
  }();
  return db;
}

const std::string admin_key = "analytics-admin-key-0123456789";

/// A test server's options with the admin key, which /api/admin/queries needs.
server::ServerOptions admin_options() {
  auto options = testing::test_server_options(corpus_db());
  options.keys.admin = admin_key;
  return options;
}

server::ServerOptions options_with_log(bool log_queries) {
  auto options = admin_options();
  options.log_requests = true;
  options.log_queries = log_queries;
  return options;
}

/// GETs an admin route with the admin key.
nlohmann::json admin_get_json(const InProcessServer& server, const std::string& target,
                              int expected_status = 200) {
  auto client = server.client();
  const auto response = client.Get(target.c_str(), {{"Authorization", "Bearer " + admin_key}});
  REQUIRE(response);
  CHECK_MESSAGE(response->status == expected_status, target << ": " << response->body);
  return nlohmann::json::parse(response->body);
}

void get_search(const InProcessServer& server, const std::string& target) {
  auto client = server.client();
  const auto response = client.Get(target.c_str());
  REQUIRE(response);
  CHECK(response->status == 200);
}

/// The value of an unlabelled sample in a Prometheus exposition, or -1.
long long sample(const std::string& exposition, const std::string& name) {
  const std::size_t at = exposition.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::stoll(exposition.substr(at + name.size() + 2));
}

/// Sends what this process writes to stderr to a file while it lives (the request log).
class StderrCapture {
 public:
  StderrCapture() : file_(dir_ / "stderr.log") {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(saved_ >= 0);
    REQUIRE(fd >= 0);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  ~StderrCapture() {
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  std::string text() const {
    std::ifstream in(file_);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  /// The log so far, once it holds `expected` (the line is written after the answer is
  /// sent), or after two seconds.
  std::string text_once_it_holds(const std::string& expected) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    std::string log = text();
    while (log.find(expected) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      log = text();
    }
    return log;
  }

 private:
  testing::TempDir dir_;
  std::filesystem::path file_;
  int saved_ = -1;
};

}  // namespace

TEST_SUITE("server: search analytics") {
  TEST_CASE("searches are listed at /api/admin/queries, those that found nothing on their own") {
    InProcessServer server(admin_options());
    get_search(server, "/api/search?q=Kaspersky");
    get_search(server, "/api/search?q=%20kaspersky%20&page=2");
    get_search(server, "/api/search.atom?q=KASPERSKY");
    get_search(server, "/api/search?q=zzqxv");
    get_search(server, "/api/search");
    const auto report = admin_get_json(server, "/api/admin/queries");
    CHECK(report["hours"] == 24);
    CHECK(report["searches"] == 5);
    CHECK(report["zero_result_searches"] == 1);
    CHECK(report["empty_query_searches"] == 1);
    CHECK(report["dropped"] == 0);
    CHECK(report["top"] == nlohmann::json::parse(R"([{"query":"kaspersky","count":3},{"query":"zzqxv","count":1}])"));
    CHECK(report["zero_results"] == nlohmann::json::parse(R"([{"query":"zzqxv","count":1}])"));
    CHECK(admin_get_json(server, "/api/admin/queries?limit=1&hours=1")["top"].size() == 1);
  }

  TEST_CASE("a search that fails is not counted") {
    InProcessServer server(admin_options());
    server.get_json("/api/search?q=x&per_page=0", 400);
    CHECK(admin_get_json(server, "/api/admin/queries")["searches"] == 0);
  }

  TEST_CASE("/api/admin/queries rejects a bad limit or window with invalid_parameter") {
    InProcessServer server(admin_options());
    CHECK(admin_get_json(server, "/api/admin/queries?limit=0", 400) ==
          nlohmann::json::parse(R"({"error":{"code":"invalid_parameter",
            "message":"Parameter `limit` must be an integer from 1 to 100, got `0`.","parameter":"limit"}})"));
    CHECK(admin_get_json(server, "/api/admin/queries?hours=25", 400)["error"]["parameter"] == "hours");
    CHECK(admin_get_json(server, "/api/admin/queries?hours=x", 400)["error"]["code"] == "invalid_parameter");
  }

  TEST_CASE("/metrics counts searches and those that found nothing, never their text") {
    InProcessServer server(admin_options());
    auto client = server.client();
    const auto before = client.Get("/metrics");
    REQUIRE(before);
    CHECK(sample(before->body, "article_search_searches_total") == 0);
    CHECK(before->body.find("# TYPE article_search_zero_result_searches_total counter") != std::string::npos);
    get_search(server, "/api/search?q=Kaspersky");
    get_search(server, "/api/search?q=zzqxv");
    const auto after = client.Get("/metrics");
    REQUIRE(after);
    CHECK(sample(after->body, "article_search_searches_total") == 2);
    CHECK(sample(after->body, "article_search_zero_result_searches_total") == 1);
    CHECK(after->body.find("zzqxv") == std::string::npos);
  }

  TEST_CASE("the request log shows a search's query, escaped") {
    InProcessServer server(options_with_log(true));
    const StderrCapture log;
    get_search(server, "/api/search?q=kaspersky%0Aforged");
    CHECK(log.text_once_it_holds("/api/search 200").find("q=\"kaspersky\\x0aforged\"\n") != std::string::npos);
  }

  TEST_CASE("with --log-queries no the request log leaves the query out, the analytics keep it") {
    InProcessServer server(options_with_log(false));
    const StderrCapture log;
    get_search(server, "/api/search?q=kaspersky");
    const std::string text = log.text_once_it_holds("/api/search 200");
    CHECK(text.find("GET /api/search 200") != std::string::npos);
    CHECK(text.find("kaspersky") == std::string::npos);
    CHECK(admin_get_json(server, "/api/admin/queries")["top"][0]["query"] == "kaspersky");
  }
}
