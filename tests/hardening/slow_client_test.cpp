/// @file A slow client (a byte a second, never finishing its request) must not hold a
/// worker: with ONE worker thread, the server drops the slow connection within its read
/// timeout and then serves another client.
#include "raw_http.h"
#include "server_fixture.h"

#include <atomic>

namespace {
using namespace article_search::testing;
using namespace std::chrono;
using namespace std::chrono_literals;

constexpr auto read_timeout = 5s;  // http_server.cpp: set_read_timeout(5, 0)
constexpr auto slack = 3s;

class OneWorkerServer {
 public:
  OneWorkerServer() {
    index_into(dir_ / "db", standard_inputs());
    article_search::server::ServerOptions options;
    options.db = dir_ / "db";
    options.port = 0;
    options.threads = 1;
    options.log_requests = false;
    server_ = std::make_unique<article_search::server::SearchServer>(options);
    port_ = server_->bind();
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_->listen(); });
    for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(server_->is_running());
  }
  ~OneWorkerServer() {
    server_->stop();
    thread_.join();
  }
  OneWorkerServer(const OneWorkerServer&) = delete;
  OneWorkerServer& operator=(const OneWorkerServer&) = delete;
  int port() const { return port_; }

 private:
  TempDir dir_;
  std::unique_ptr<article_search::server::SearchServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace

TEST_CASE("a client sending a byte a second is cut off within the read timeout") {
  OneWorkerServer server;
  const std::string request = "GET /api/search?q=storm HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " +
                              std::string(60, 'z') + "\r\n\r\n";
  const auto started = steady_clock::now();
  std::atomic<bool> slow_closed{false};
  std::atomic<long> slow_closed_after_ms{-1};
  std::thread slow([&] {
    RawConnection connection(server.port());
    // At most 20 bytes (20 s): the server should have given up long before.
    for (std::size_t i = 0; i < 20 && i < request.size(); ++i) {
      if (!connection.send(std::string_view(request).substr(i, 1)) || connection.wait_closed(1s)) {
        slow_closed = true;
        slow_closed_after_ms = duration_cast<milliseconds>(steady_clock::now() - started).count();
        return;
      }
    }
  });
  std::this_thread::sleep_for(1500ms);  // the slow client now holds the only worker
  const RawResponse other = raw_request(server.port(), raw_get("/health"), read_timeout + slack + 2s);
  const auto other_after = steady_clock::now() - started;
  slow.join();
  CHECK(other.status == 200);
  CHECK(other_after < read_timeout + slack);
  REQUIRE(slow_closed);
  CHECK(milliseconds(slow_closed_after_ms.load()) < read_timeout + slack);
}

TEST_CASE("a client that connects and says nothing does not hold the worker") {
  OneWorkerServer server;
  const auto started = steady_clock::now();
  RawConnection silent(server.port());
  std::this_thread::sleep_for(200ms);
  const RawResponse other = raw_request(server.port(), raw_get("/health"), read_timeout + slack + 2s);
  CHECK(other.status == 200);
  CHECK(steady_clock::now() - started < read_timeout + slack);
  CHECK(silent.wait_closed(read_timeout + slack));
}
