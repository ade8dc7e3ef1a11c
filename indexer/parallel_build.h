/// @file Building a fresh database with one writer thread per core, then compacting.
///
/// Xapian's inverter (add_document) is most of the cost of indexing and a WritableDatabase
/// has one writer, so a fresh build writes N shard databases in N threads, each
/// committing small batches (its in-memory buffers stay small: bounded memory, and small
/// maps are faster than big ones), then merges them with Database::compact, which also
/// leaves a smaller, fully packed index. Incremental runs do not use this: they update
/// the current generation in one transaction.
#pragma once

#include "article.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <vector>

namespace article_search::indexer {

struct BuildLimits {
  unsigned threads = 1;                   ///< shard writers (1-64)
  std::size_t memory_bytes = 256u << 20;  ///< the whole build's buffers stay within this
};

class ParallelBuilder {
 public:
  /// Shards are written below `work_dir` (created; removed again when done or on error).
  ParallelBuilder(std::filesystem::path work_dir, BuildLimits limits);
  ~ParallelBuilder();
  ParallelBuilder(const ParallelBuilder&) = delete;
  ParallelBuilder& operator=(const ParallelBuilder&) = delete;

  /// Queues an article for one of the writers (blocks while its queue is full).
  /// Rethrows the error of a writer that failed.
  void add(Article&& article);

  /// Waits for the writers, then compacts every shard into a new database at `out`
  /// (which must not exist) with `metadata` set on it.
  void finish_into(const std::filesystem::path& out, const std::string& metadata_key,
                   const std::string& metadata_value);

  class Shard;

 private:
  std::filesystem::path work_dir_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::size_t next_ = 0;
};

/// The text bytes a shard buffers before committing, for a per-shard memory budget.
/// Xapian's inverter holds about 24 bytes per byte of text (terms of title and body,
/// each indexed twice, with positions); past ~1 MB of text bigger batches only got
/// slower (its maps outgrow the caches) on bbc-news and synthetic articles.
std::size_t batch_text_bytes(std::size_t shard_memory_bytes);

}  // namespace article_search::indexer
