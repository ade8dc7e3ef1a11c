/// @file The indexer run as the CLI runs it, minus the messages: tests look at the
/// database, not at the indexer's warnings and progress.
#pragma once

#include "indexer.h"

#include <cstdint>
#include <string>

namespace article_search::testing {

/// Collects nothing: tests look at the database, not at the indexer's messages.
class QuietReporter : public indexer::Reporter {
 public:
  void warning(const std::string&) override {}
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

/// Runs the indexer as the CLI would, waiting up to 10 s for another writer's lock.
inline indexer::Summary run_indexer(indexer::Options options) {
  options.lock_wait_seconds = 10;
  QuietReporter reporter;
  return indexer::run(options, reporter);
}

}  // namespace article_search::testing
