/// @file The run on one database folder: read the corpus inputs and bring the database in
/// line with them (layout.h says how the folder looks on disk).
///
/// A database that exists is updated in one transaction: articles added, changed ones
/// replaced (a checksum tells), vanished ones deleted; the run commits at once or not at
/// all. A fresh database, or `--rebuild`, is built by the parallel builder into a new
/// generation, which an atomic stub swap then makes current.
///
/// A run is written in two steps, with the grouping (grouping_pass.h) between them: a
/// sharded run groups the articles of all its shards' pending runs together before it
/// finishes any (sharded_run.h).
#pragma once

#include "grouping_pass.h"
#include "indexer.h"
#include "layout.h"

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string_view>

namespace article_search::indexer {

/// A run whose articles are written but not yet grouped or committed: readers see nothing
/// of it. Destroyed unfinished, it leaves the database as it was.
class PendingRun {
 public:
  /// Reads the inputs and writes their articles: into the current generation within a
  /// transaction, or (a fresh build, --rebuild) into a new generation nobody reads yet.
  PendingRun(const Options& options, Reporter& reporter);
  ~PendingRun();
  PendingRun(const PendingRun&) = delete;
  PendingRun& operator=(const PendingRun&) = delete;

  /// The database the run writes, and the grouping its changes call for.
  Xapian::WritableDatabase& db() { return *db_; }
  GroupingPass& grouping() { return *grouping_; }
  /// Whether the run changes anything (else finish() leaves the database as it was).
  bool changes() const;
  void set_regrouped(std::size_t articles, double seconds) {
    summary_.regrouped += articles;
    summary_.grouping_seconds += seconds;
  }
  /// Commits even without changes of its own (another shard's grouping reached into it).
  void mark_changed() { changed_elsewhere_ = true; }

  /// Records the grouping (by this version, in the run named `grouping_run`) and commits:
  /// the transaction, or the new generation and the switch to it.
  Summary finish(std::string_view grouping_run = {});

 private:
  void build_fresh(const std::vector<corpus::Input>& inputs, Reporter& reporter);
  void update(const std::vector<corpus::Input>& inputs, Reporter& reporter);

  Options options_;
  std::chrono::steady_clock::time_point started_;
  std::optional<layout::Location> location_;
  Summary summary_;
  std::optional<Xapian::WritableDatabase> guard_;  ///< a rebuild: the replaced generation's lock
  std::optional<Xapian::WritableDatabase> db_;
  std::optional<GroupingPass> grouping_;
  unsigned generation_ = 0;  ///< a fresh build: the new generation's number
  bool fresh_ = false;
  bool finished_ = false;
  bool changed_elsewhere_ = false;
};

/// Runs `options` on the one database folder `options.db`, applying only the articles of
/// `options.shard` (all of them unless a sharded run set it).
Summary run_database(const Options& options, Reporter& reporter);

}  // namespace article_search::indexer
