/// @file The server's one writer of the index: the document API's changes, committed in
/// groups.
///
/// Xapian lets one writer hold a database. Here one thread writes for every request: a
/// request queues its changes and waits; the thread takes everything queued (up to
/// `max_batch` changes), applies it as one transaction (indexer/document_changes.h) and
/// commits once, then answers each request. Under load, many writers share one commit
/// (group commit), and the cost of a commit's sync is spread over them. An answer comes
/// only after the commit, so a 2xx means the change is on disk, and every search that
/// starts after it reads the new revision (the pool reopens to the latest on each lease).
/// The write lock is held for a commit only: the command-line indexer can run beside the
/// server; a batch waits up to `lock_wait` for it, then fails with index_locked.
#pragma once

#include "document_changes.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace article_search::server {

/// Why a batch was not committed.
struct WriteFailure {
  bool locked = false;  ///< another writer held the lock past lock_wait
  std::string what;     ///< for the log (it may name paths)
};

using WriteResult = std::variant<std::vector<indexer::ChangeOutcome>, WriteFailure>;

class DocumentWriter {
 public:
  DocumentWriter(std::filesystem::path db, double lock_wait_seconds, std::size_t max_batch = 20000);
  ~DocumentWriter();
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;

  /// Commits `changes` (with whatever else is queued) and returns their outcomes, in
  /// order; blocks until committed or failed. Thread-safe.
  WriteResult write(std::vector<indexer::Change> changes);

  /// Commits so far, and changes in them (for /metrics).
  std::size_t commits() const;
  std::size_t changes_committed() const;

 private:
  struct Request {
    std::vector<indexer::Change> changes;
    WriteResult result;
    bool done = false;
  };

  void run();
  std::vector<Request*> take_batch(std::unique_lock<std::mutex>& lock);
  void commit(const std::vector<Request*>& batch);

  const std::filesystem::path db_;
  const double lock_wait_seconds_;
  const std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable queued_, finished_;
  std::deque<Request*> queue_;
  bool stopping_ = false;
  std::size_t commits_ = 0, changes_committed_ = 0;
  std::thread thread_;  // last: started once the rest is set up
};

}  // namespace article_search::server
