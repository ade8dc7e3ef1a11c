/// @file A deadline that really stops a match's document work (Xapian 1.4 cannot cancel).
#pragma once

#include <xapian.h>

#include <chrono>

namespace article_search::search {

/** Xapian 1.4.22's Enquire::set_time_limit only stops check_at_least from counting on; a
 *  match of many posting lists runs to its end. Passed to get_mset, this decider rejects
 *  every document once the deadline has passed, so no more documents are read, weighed
 *  for facets or kept; the posting lists are still walked (the expansion bounds of
 *  query.h are what keeps those short). The clock is read once every check_every calls. */
class Deadline : public Xapian::MatchDecider {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Deadline(Clock::time_point at) : at_(at) {}

  bool operator()(const Xapian::Document&) const override {
    if (passed_) return false;
    if (++calls_ % check_every == 0 && Clock::now() >= at_) passed_ = true;
    return !passed_;
  }
  /// Whether some document was rejected because the deadline had passed.
  bool passed() const { return passed_; }

 private:
  static constexpr unsigned check_every = 256;
  Clock::time_point at_;
  mutable unsigned calls_ = 0;
  mutable bool passed_ = false;
};

}  // namespace article_search::search
