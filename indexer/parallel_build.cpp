/// @file Building a fresh database with one writer thread per core, then compacting.
#include "parallel_build.h"

#include "grouping_pass.h"

#include "document.h"
#include "spelling_counter.h"

#include <xapian.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace article_search::indexer {
namespace fs = std::filesystem;

std::size_t batch_text_bytes(std::size_t shard_memory_bytes) {
  constexpr std::size_t inverter_bytes_per_text_byte = 24;
  constexpr std::size_t fastest_batch = 1u << 20;
  return std::clamp<std::size_t>(shard_memory_bytes / 2 / inverter_bytes_per_text_byte, 64u << 10,
                                 fastest_batch);
}

/// Words added to a spelling table between commits (a few MB of Xapian's buffers).
constexpr std::size_t spelling_words_per_commit = 5000;

/// One writer thread with its own database, term generator and spelling counts.
class ParallelBuilder::Shard {
 public:
  Shard(const fs::path& path, std::size_t memory_bytes)
      // No fsync: a shard is scratch until compaction, which writes the real database.
      : path_(path),
        db_(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC),
        generator_(make_term_generator(nullptr)),
        batch_bytes_(batch_text_bytes(memory_bytes)),
        spelling_limit_(memory_bytes / 4),
        queue_limit_(std::max<std::size_t>(2, memory_bytes / 4 / (64u << 10))),
        thread_([this] { work(); }) {}

  ~Shard() { stop(); }

  void push(Article&& article) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < queue_limit_ || error_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(std::move(article));
    changed_.notify_all();
  }

  /// Lets the thread drain its queue and commit; rethrows its error.
  void finish() {
    stop();
    if (error_) std::rethrow_exception(error_);
  }

  /// After finish(): the spelling counts not yet in the shard's database.
  void move_spelling_into(SpellingCounter::Counts& into) { spelling_.move_into(into); }

  /// After finish(): marks the shard with the metadata and closes it for reading.
  Xapian::Database close_with(const std::string& key, const std::string& value) {
    db_.set_metadata(key, value);
    db_.commit();
    db_.close();
    return Xapian::Database(path_.string());
  }

 private:
  void stop() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void work() {
    try {
      spelling_.attach(generator_);
      std::size_t buffered = 0;
      for (Article article; next(article);) {
        db_.add_document(indexed_document(article, generator_, &spelling_));
        buffered += article.title.size() + article.body.size();
        if (buffered >= batch_bytes_) {
          if (spelling_.memory_bytes() >= spelling_limit_) {
            spelling_.flush_to(db_, spelling_words_per_commit);
          }
          db_.commit();
          buffered = 0;
        }
      }
      db_.commit();
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      changed_.notify_all();
    }
  }

  bool next(Article& article) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return false;
    article = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return true;
  }

  fs::path path_;
  Xapian::WritableDatabase db_;
  Xapian::TermGenerator generator_;
  SpellingCounter spelling_;
  std::size_t batch_bytes_, spelling_limit_, queue_limit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Article> queue_;
  bool closed_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: starts once everything it uses exists
};

ParallelBuilder::ParallelBuilder(fs::path work_dir, BuildLimits limits)
    : work_dir_(std::move(work_dir)) {
  const unsigned threads = std::clamp(limits.threads, 1u, 64u);
  fs::remove_all(work_dir_);  // a previous run that was killed may have left one
  fs::create_directories(work_dir_);
  for (unsigned i = 0; i < threads; ++i) {
    shards_.push_back(std::make_unique<Shard>(work_dir_ / ("shard-" + std::to_string(i)),
                                              limits.memory_bytes / threads));
  }
}

ParallelBuilder::~ParallelBuilder() {
  shards_.clear();  // joins the threads before their folders go
  std::error_code ec;
  fs::remove_all(work_dir_, ec);
}

void ParallelBuilder::add(Article&& article) {
  shards_[next_]->push(std::move(article));
  next_ = (next_ + 1) % shards_.size();
}

void ParallelBuilder::finish_into(const fs::path& out, const std::string& metadata_key,
                                  const std::string& metadata_value) {
  Xapian::Database all;
  SpellingCounter::Counts spelling;
  for (auto& shard : shards_) {
    shard->finish();
    shard->move_spelling_into(spelling);
    all.add_database(shard->close_with(metadata_key, metadata_value));
  }
  fs::remove_all(out);  // only ever a leftover of a killed run: `out` is not yet in use
  all.compact(out.string());
  // Each distinct word once, whichever shards saw it: add_spelling's cost is per call.
  Xapian::WritableDatabase db(out.string(), Xapian::DB_OPEN);
  SpellingCounter::add_to(db, spelling, spelling_words_per_commit);
  db.commit();
}

}  // namespace article_search::indexer
