/// @file The databases behind `--db`: one folder, or shards searched as one database, and
/// what Xapian can do over them.
///
/// Each `--db` is a database folder or a stub file (layout.h). Stubs are read here rather
/// than by Xapian, so that each shard has a name for error messages and remote shards get
/// connect and read timeouts (a stub opened by Xapian gets its fixed 10 s ones). A folder
/// whose XAPIANDB lists shards (article-indexer --shards) is read the same way. All shards
/// are combined with Database::add_database, so Xapian merges the statistics and the
/// ranking equals that of one big database.
#pragma once

#include "layout.h"

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace article_search::topology {

using layout::ShardSpec;
using layout::StubError;

/// What the search may ask of the open databases. Xapian 1.4's remote backend lacks a few
/// things a local database has; the search asks for none of them over a remote shard.
struct Capabilities {
  bool spelling = true;            ///< a spelling dictionary (did you mean, suggestions)
  bool custom_sort_keys = true;    ///< KeyMaker sorts (sort=oldest with undated last)
  bool match_deciders = true;      ///< a MatchDecider (the match deadline)
  bool custom_match_spies = true;  ///< match spies of our own (the facets' ValueCounter)
  bool spies_when_sorted = true;   ///< exact match-spy counts when results are sorted
                                   ///< (remote shards overcount then: Xapian 1.4.22)
  bool custom_posting_sources = true;  ///< posting sources of our own (boost=recent)
  bool operator==(const Capabilities&) const = default;
};

/// Everything when every shard is local; none of the above when any is remote. Pure.
Capabilities capabilities_of(const std::vector<ShardSpec>& shards);

/// Connect and per-operation timeouts of remote shards, in milliseconds.
struct RemoteTimeouts {
  unsigned connect_ms = 5000;
  unsigned read_ms = 5000;
};

/// How one shard is doing, for /health.
struct ShardStatus {
  std::string name;
  bool ok = false;
  Xapian::doccount documents = 0;
  std::string error;
};

/// The databases, opened: one Xapian handle over every shard, and what was read to open it.
struct OpenDatabase {
  Xapian::Database db;
  std::vector<ShardSpec> shards;
  Capabilities can;
  /// The files whose replacement means a rebuild or reshard: every stub read, and each
  /// local shard's stub (present or not).
  std::vector<std::filesystem::path> watched;
  std::string signature;  ///< of `watched` before the databases were opened
};

/// The databases named by the --db options. Stub files (and shard lists) are read again
/// at every open, so a resharded database is picked up.
class DatabaseSource {
 public:
  DatabaseSource(std::vector<std::filesystem::path> dbs, RemoteTimeouts timeouts);

  /// Every shard, local stubs expanded. Throws StubError for a bad stub.
  std::vector<ShardSpec> shards() const;
  /// Reads the stubs once and opens every shard. Xapian::NetworkError names a remote
  /// that failed; StubError a bad stub.
  OpenDatabase open() const;
  /// The inodes, sizes and times of `watched`: changes when any of them is replaced,
  /// created or removed. Only stats them, so it is cheap enough for every request.
  static std::string signature(const std::vector<std::filesystem::path>& watched);
  /// Opens each shard on its own: which ones answer.
  std::vector<ShardStatus> probe() const;

  const std::vector<std::filesystem::path>& dbs() const { return dbs_; }
  bool sharded() const;  ///< more than one database, or any remote one

 private:
  std::vector<std::filesystem::path> dbs_;
  RemoteTimeouts timeouts_;
};

}  // namespace article_search::topology
