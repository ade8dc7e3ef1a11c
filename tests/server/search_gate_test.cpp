/// @file The search gate: never more inside than its slots, and the queue served in order.
#include "search_gate.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace {
using article_search::server::SearchGate;
using namespace std::chrono_literals;

/// Waits (up to 10 s) until `gate` has `n` queued.
bool wait_for_queue(SearchGate& gate, std::size_t n) {
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  while (gate.waiting() != n) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

}  // namespace

TEST_SUITE("search gate") {
  TEST_CASE("never more holders inside than its slots, and everyone gets in") {
    for (const std::size_t slots : {1U, 2U, 3U}) {
      SearchGate gate(slots);
      std::atomic<int> inside{0}, most{0}, done{0};
      std::vector<std::thread> threads;
      for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
          for (int i = 0; i < 200; ++i) {
            const SearchGate::Pass pass(gate);
            const int now = ++inside;
            int seen = most.load();
            while (now > seen && !most.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::yield();
            --inside;
          }
          ++done;
        });
      }
      for (auto& thread : threads) thread.join();
      CHECK(done == 8);
      CHECK(most.load() >= 1);
      CHECK(most.load() <= static_cast<int>(slots));
      CHECK(gate.waiting() == 0);
    }
  }

  TEST_CASE("the queue is served first come, first served") {
    SearchGate gate(1);
    gate.enter();  // the one slot is taken: everyone below queues
    std::mutex order_mutex;
    std::vector<int> order;
    std::vector<std::thread> threads;
    for (int t = 0; t < 5; ++t) {
      threads.emplace_back([&, t] {
        const SearchGate::Pass pass(gate);
        const std::lock_guard<std::mutex> lock(order_mutex);
        order.push_back(t);
      });
      REQUIRE(wait_for_queue(gate, static_cast<std::size_t>(t) + 1));
    }
    gate.leave();
    for (auto& thread : threads) thread.join();
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
  }

  TEST_CASE("no slots means no limit") {
    SearchGate gate(0);
    for (int i = 0; i < 100; ++i) gate.enter();  // would block with any limit
    CHECK(gate.waiting() == 0);
    for (int i = 0; i < 100; ++i) gate.leave();
  }
}
