/// @file A remote shard that is down or hangs: 503 shard_unavailable naming it, within
/// the remote timeout, /health says which; answers come back when the shard does.
#include "shard_fixture.h"

#include "shard_notes.h"
#include "layout.h"

#include <fstream>

namespace {
namespace fs = std::filesystem;
using namespace article_search::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr double timeout_seconds = 1.0;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_SUITE("shards") {
  TEST_CASE("a shard that is down or hangs gives a prompt 503 naming it, never a hang") {
    TempDir dir;
    index_shards(dir / "db", {source_dir() / "corpus"}, 2);
    TcpShardServer first(dir / "db" / article_search::layout::shard_folder(0, 2));
    auto second = std::make_unique<TcpShardServer>(
        dir / "db" / article_search::layout::shard_folder(1, 2));
    const std::string down = second->address();
    const fs::path stub = dir / "remote.stub";
    std::ofstream(stub) << "remote " << first.address() << "\nremote " << down << "\n";
    const InProcessServer server(server_options({stub}, timeout_seconds));
    CHECK(server.get_json("/api/search?q=kaspersky")["total"]["value"] == 5);

    second->stop();
    for (const std::string target : {"/api/search?q=kaspersky", "/api/documents/004_8f0669f797f6f4f0",
                                     "/api/suggest?q=kasp"}) {
      INFO(target);
      const auto started = Clock::now();
      const auto [status, body] = server.get(target);
      CHECK(seconds_since(started) < timeout_seconds + 2);
      CHECK(status == 503);
      CHECK(body["error"]["code"] == "shard_unavailable");
      CHECK(body["error"]["shard"] == down);
      CHECK(body["error"]["message"].get<std::string>().find(down) != std::string::npos);
    }
    const auto [health_status, health] = server.get("/health");
    CHECK(health_status == 503);
    CHECK(health["status"] == "unavailable");
    REQUIRE(health["shards"].size() == 2);
    CHECK(health["shards"][0]["status"] == "ok");
    CHECK(health["shards"][1]["shard"] == down);
    CHECK(health["shards"][1]["status"] == "unavailable");

    // A shard that accepts the connection but never answers: the read timeout ends it.
    first.pause();
    const auto started = Clock::now();
    const auto [status, body] = server.get("/api/search?q=kaspersky");
    const double took = seconds_since(started);
    first.resume();
    CHECK(took < timeout_seconds + 2);
    CHECK(status == 503);
    CHECK(body["error"]["code"] == "shard_unavailable");
    CHECK(body["error"]["shard"] == first.address());
  }

  TEST_CASE("the server reconnects once a failed shard is back") {
    TempDir dir;
    index_shards(dir / "db", {source_dir() / "corpus"}, 2);
    const fs::path shard1 = dir / "db" / article_search::layout::shard_folder(1, 2);
    TcpShardServer first(dir / "db" / article_search::layout::shard_folder(0, 2));
    auto second = std::make_unique<TcpShardServer>(shard1);
    const fs::path stub = dir / "remote.stub";
    std::ofstream(stub) << "remote " << first.address() << "\nremote " << second->address() << "\n";
    const InProcessServer server(server_options({stub}, timeout_seconds));
    CHECK(server.get_json("/api/search?q=kaspersky")["total"]["value"] == 5);
    second->stop();
    CHECK(server.get("/api/search?q=kaspersky").first == 503);
    // Back on another port: the stub is rewritten, as an operator would.
    second = std::make_unique<TcpShardServer>(shard1);
    std::ofstream(stub) << "remote " << first.address() << "\nremote " << second->address() << "\n";
    CHECK(server.get_json("/api/search?q=kaspersky")["total"]["value"] == 5);
    CHECK(server.get_json("/health")["status"] == "ok");
  }
}
