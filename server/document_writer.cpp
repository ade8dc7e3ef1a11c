/// @file The group-commit writer (see document_writer.h).
#include "document_writer.h"

#include "article_writer.h"

#include <xapian.h>

#include <stdexcept>

namespace article_search::server {

DocumentWriter::DocumentWriter(std::filesystem::path db, double lock_wait_seconds, std::size_t max_batch)
    : db_(std::move(db)), lock_wait_seconds_(lock_wait_seconds), max_batch_(max_batch),
      thread_([this] { run(); }) {}

DocumentWriter::~DocumentWriter() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  thread_.join();
}

WriteResult DocumentWriter::write(std::vector<indexer::Change> changes) {
  Request request{std::move(changes), {}, false};
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_) return WriteFailure{false, "the server is stopping"};
  queue_.push_back(&request);
  queued_.notify_one();
  finished_.wait(lock, [&] { return request.done; });
  return std::move(request.result);
}

std::size_t DocumentWriter::commits() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return commits_;
}

std::size_t DocumentWriter::changes_committed() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return changes_committed_;
}

void DocumentWriter::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and every request answered
    const std::vector<Request*> batch = take_batch(lock);
    lock.unlock();
    commit(batch);
    lock.lock();
    for (Request* request : batch) request->done = true;
    finished_.notify_all();
  }
}

/// The requests queued now, in order, up to max_batch changes (at least one request,
/// however large: a bulk request is never split across commits).
std::vector<DocumentWriter::Request*> DocumentWriter::take_batch(std::unique_lock<std::mutex>&) {
  std::vector<Request*> batch;
  std::size_t changes = 0;
  while (!queue_.empty()) {
    Request* next = queue_.front();
    if (!batch.empty() && changes + next->changes.size() > max_batch_) break;
    changes += next->changes.size();
    batch.push_back(next);
    queue_.pop_front();
  }
  return batch;
}

void DocumentWriter::commit(const std::vector<Request*>& batch) {
  std::vector<indexer::Change> changes;
  for (Request* request : batch) {
    for (indexer::Change& change : request->changes) changes.push_back(std::move(change));
  }
  try {
    std::vector<indexer::ChangeOutcome> outcomes = indexer::apply_changes(db_, changes, lock_wait_seconds_);
    std::size_t next = 0;
    for (Request* request : batch) {
      const std::size_t count = request->changes.size();
      request->result = std::vector<indexer::ChangeOutcome>(outcomes.begin() + static_cast<std::ptrdiff_t>(next),
                                                            outcomes.begin() + static_cast<std::ptrdiff_t>(next + count));
      next += count;
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    ++commits_;
    changes_committed_ += changes.size();
  } catch (const indexer::WriteLockTimeout& e) {
    for (Request* request : batch) request->result = WriteFailure{true, e.what()};
  } catch (const std::exception& e) {
    for (Request* request : batch) request->result = WriteFailure{false, e.what()};
  } catch (const Xapian::Error& e) {
    for (Request* request : batch) request->result = WriteFailure{false, e.get_description()};
  }
}

}  // namespace article_search::server
