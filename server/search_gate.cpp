/// @file At most N searches at once, admitted in arrival order.
#include "search_gate.h"

namespace article_search::server {

void SearchGate::enter() {
  if (slots_ == 0) return;
  std::unique_lock<std::mutex> lock(mutex_);
  if (inside_ < slots_ && queue_.empty()) {
    ++inside_;
    return;
  }
  Waiter waiter;
  queue_.push_back(&waiter);
  waiter.admitted_cv.wait(lock, [&] { return waiter.admitted; });
}

void SearchGate::leave() {
  if (slots_ == 0) return;
  const std::lock_guard<std::mutex> lock(mutex_);
  if (queue_.empty()) {
    --inside_;
    return;
  }
  // The slot passes straight to the longest waiter, so a newcomer cannot overtake it.
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->admitted = true;
  next->admitted_cv.notify_one();
}

}  // namespace article_search::server
