/// @file /health and /metrics answer at once while every search slot is taken (a
/// container's 5 s health check failed behind four heavy queries).
#include "http_server.h"
#include "server_fixture.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace {
using namespace article_search;
using Clock = std::chrono::steady_clock;

/// Holds `slots` search slots of `pool` until release() (or 30 s at most).
class SlotHolder {
 public:
  SlotHolder(server::IndexPool& pool, std::size_t slots) {
    for (std::size_t i = 0; i < slots; ++i) {
      threads_.emplace_back([this, &pool] {
        pool.with_searcher([this](server::Searcher&) {
          std::unique_lock<std::mutex> lock(mutex_);
          ++holding_;
          changed_.notify_all();
          changed_.wait_for(lock, std::chrono::seconds(30), [this] { return released_; });
          return 0;
        });
      });
    }
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(10), [&] { return holding_ == slots; });
  }
  ~SlotHolder() {
    release();
    for (auto& thread : threads_) thread.join();
  }
  std::size_t holding() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return holding_;
  }
  void release() {
    const std::lock_guard<std::mutex> lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t holding_ = 0;
  bool released_ = false;
  std::vector<std::thread> threads_;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
}  // namespace

TEST_SUITE("health under load") {
  TEST_CASE("with every search slot held, /health and /metrics still answer at once") {
    testing::TempDir dir;
    testing::index_into(dir / "db", {testing::source_dir() / "corpus"});
    constexpr std::size_t slots = 2;
    server::Service service{server::IndexPool(dir / "db", search::default_ranking, slots), {},
                            testing::test_server_options(dir / "db"), {}, {}};
    httplib::Server http;
    server::register_routes(http, service);
    const int port = http.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    std::thread listener([&] { http.listen_after_bind(); });
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (!http.is_running() && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    {
      SlotHolder held(service.pool, slots);
      REQUIRE(held.holding() == slots);
      httplib::Client client("127.0.0.1", port);
      client.set_connection_timeout(2, 0);
      client.set_read_timeout(3, 0);
      for (const char* target : {"/health", "/metrics"}) {
        CAPTURE(target);
        const auto started = Clock::now();
        const auto answer = client.Get(target);
        REQUIRE(answer);
        CHECK(answer->status == 200);
        CHECK(seconds_since(started) < 1.5);
      }
    }
    http.stop();
    listener.join();
  }
}
