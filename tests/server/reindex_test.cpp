/// @file Freshness under load: incremental and --rebuild reindexing while four clients
/// search, with zero failed requests, and the new article found without a restart.
#include "server_fixture.h"

#include <atomic>
#include <fstream>

namespace {
using article_search::testing::index_into;
using article_search::testing::RunningServer;
using article_search::testing::source_dir;
using article_search::testing::TempDir;

constexpr int client_threads = 4;
constexpr int max_requests_per_client = 500;  // 2,000 in all
constexpr auto max_burst = std::chrono::seconds(2);

struct Burst {
  std::atomic<int> ok{0}, failed{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  std::string first_failure;
  std::mutex mutex;

  void start(const RunningServer& server) {
    const auto deadline = std::chrono::steady_clock::now() + max_burst;
    for (int c = 0; c < client_threads; ++c) {
      clients.emplace_back([this, &server, deadline, c] {
        auto http = server.client();
        const char* targets[] = {"/api/search?q=kaspersky", "/api/search?q=freshness",
                                 "/api/search?q=&sort=newest", "/health"};
        for (int i = 0; i < max_requests_per_client && !stop && std::chrono::steady_clock::now() < deadline; ++i) {
          const auto response = http.Get(targets[(i + c) % 4]);
          if (response && response->status == 200) {
            ++ok;
            continue;
          }
          ++failed;
          const std::lock_guard<std::mutex> lock(mutex);
          if (first_failure.empty()) first_failure = response ? response->body : "no answer";
        }
      });
    }
  }
  void finish() {
    for (auto& client : clients) client.join();
  }
};

}  // namespace

TEST_CASE("reindexing (incremental, then --rebuild) during a burst of searches fails none") {
  TempDir corpus;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "corpus")) {
    std::filesystem::copy_file(entry.path(), corpus / entry.path().filename().string());
  }
  RunningServer server(std::vector<std::filesystem::path>{corpus.path()});
  CHECK(server.get_json("/api/search?q=freshness")["total"]["value"] == 0);

  Burst burst;
  burst.start(server);
  corpus.write("005_fresh.txt", "Freshness check\n\nThis article about freshness arrives while clients search.\n");
  const auto incremental = index_into(server.db(), {corpus.path()});
  CHECK(incremental.added == 1);
  const auto after_incremental = server.get_json("/api/search?q=freshness");
  CHECK(after_incremental["total"]["value"] == 1);

  corpus.write("006_fresher.txt", "Fresher still\n\nA second freshness article, arriving with a rebuild.\n");
  const auto rebuilt = index_into(server.db(), {corpus.path()}, true);
  CHECK(rebuilt.committed);
  const auto after_rebuild = server.get_json("/api/search?q=freshness");
  CHECK(after_rebuild["total"]["value"] == 2);
  // A second rebuild removes the generation the first one replaced.
  index_into(server.db(), {corpus.path()}, true);
  CHECK(server.get_json("/api/search?q=freshness")["total"]["value"] == 2);

  burst.finish();
  INFO("first failure: " << burst.first_failure);
  CHECK(burst.failed == 0);
  CHECK(burst.ok > 0);
  MESSAGE("requests served during the reindex: " << burst.ok.load());
}
