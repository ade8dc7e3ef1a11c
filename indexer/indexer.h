/// @file One indexing run: read the corpus inputs, bring the database in line with them.
#pragma once

#include "corpus.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::indexer {

/// Which articles a run applies: those whose id hashes to `index` modulo `count`
/// (schema::fnv1a64, stable across runs, so updates and deletes find an article again).
struct ShardSelector {
  unsigned index = 0;
  unsigned count = 1;  ///< 1: every article
  bool contains(std::string_view id) const;
};

struct Options {
  std::filesystem::path db;
  std::vector<std::filesystem::path> inputs;
  bool rebuild = false;          ///< build a fresh database beside the old, then swap
  double lock_wait_seconds = 0;  ///< how long to wait for another indexer's write lock
  corpus::ReadOptions read;
  unsigned threads = 0;        ///< writer threads of a fresh build; 0: one per core
  unsigned memory_mb = 256;    ///< bound on a fresh build's index buffers (see parallel_build.h)
  unsigned shards = 0;         ///< --shards N: write N shards (see sharded_run.h); 0: as the database is
  ShardSelector shard;         ///< set by a sharded run for each of its shard runs
};

/// What a run did. `skipped` counts each reason.
struct Summary {
  std::size_t added = 0, updated = 0, deleted = 0, unchanged = 0;
  std::size_t kept = 0;  ///< feed items no longer in their feed, kept in the index
  std::size_t regrouped = 0;  ///< articles whose story or copy_of was written
  double grouping_seconds = 0;  ///< of `seconds`, the grouping pass's
  std::map<std::string, std::size_t> skipped;
  std::size_t warnings = 0;
  std::uintmax_t bytes = 0;
  double seconds = 0;
  bool committed = false;  ///< false when nothing changed (the database was left as it was)

  std::size_t articles() const { return added + updated + unchanged; }
  std::size_t skipped_total() const;
};

/// Receives what a run has to say; the CLI prints it, tests collect it.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void warning(const std::string& message) = 0;
  /// Called after each article with the bytes read so far of `total_bytes`.
  virtual void progress(std::uintmax_t done_bytes, std::uintmax_t total_bytes,
                        std::size_t articles) = 0;
};

/// Runs the indexer. Throws std::runtime_error (bad paths, a database that cannot be
/// written, a lock held too long) before touching the database, or Xapian::Error; in
/// every failure case nothing of the run is committed.
Summary run(const Options& options, Reporter& reporter);

/// The summary as one human-readable line (counts, time, articles/s, MB/s).
std::string format_summary(const Summary& summary);

}  // namespace article_search::indexer
