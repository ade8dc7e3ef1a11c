/// @file At most N searches at once, admitted in arrival order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace article_search::server {

/// Lets at most `slots` holders in at a time and queues the rest first come, first
/// served. With more worker threads than cores, unbounded searches share the cores
/// round-robin, so one long search stretched over 64 time-slices costs every search
/// behind it; queued in order, each runs at full speed once admitted and the tail
/// latency is the queue's, not the slowest search's times the crowd. 0 slots: no limit.
class SearchGate {
 public:
  explicit SearchGate(std::size_t slots) : slots_(slots) {}
  SearchGate(const SearchGate&) = delete;
  SearchGate& operator=(const SearchGate&) = delete;

  void enter();
  void leave();
  std::size_t slots() const { return slots_; }
  /// How many are queued now.
  std::size_t waiting() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
  }

  /// Holds a slot for its lifetime.
  class Pass {
   public:
    explicit Pass(SearchGate& gate) : gate_(gate) { gate_.enter(); }
    ~Pass() { gate_.leave(); }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    SearchGate& gate_;
  };

 private:
  struct Waiter {
    std::condition_variable admitted_cv;
    bool admitted = false;
  };

  const std::size_t slots_;
  std::mutex mutex_;
  std::size_t inside_ = 0;
  std::deque<Waiter*> queue_;  // each waiter has its own condition: one wake-up per slot
};

}  // namespace article_search::server
