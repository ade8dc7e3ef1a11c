/// @file The databases behind `--db`: one folder, or shards searched as one database.
///
/// Each `--db` is a database folder or a Xapian stub file. Stubs are read here rather than
/// by Xapian, so that each shard has a name for error messages and remote shards get
/// connect and read timeouts (a stub opened by Xapian gets its fixed 10 s ones):
///
///     auto  PATH            a local database (folder or stub; relative to the stub's folder)
///     glass PATH            the same
///     remote HOST:PORT      a shard served by xapian-tcpsrv (Xapian's stub syntax)
///     # comment, blank lines
///
/// A folder whose XAPIANDB lists shards (article-indexer --shards) is read the same way.
/// All shards are combined with Database::add_database, so Xapian merges the statistics
/// and the ranking equals that of one big database.
#pragma once

#include <stdexcept>

#include <xapian.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::server {

/// A database list (stub file or --db values) that cannot be opened as written.
struct StubError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ShardSpec {
  std::string name;             ///< for messages: the path, or "HOST:PORT"
  std::filesystem::path path;   ///< a local database
  std::string host;             ///< a remote one
  unsigned port = 0;
  bool remote() const { return port != 0; }
};

/// Connect and per-operation timeouts of remote shards, in milliseconds.
struct RemoteTimeouts {
  unsigned connect_ms = 5000;
  unsigned read_ms = 5000;
};

/// The shards a stub file lists (`dir`: the stub's folder, for relative paths). Pure.
/// Local entries are left unexpanded. Throws std::runtime_error naming the bad line.
std::vector<ShardSpec> parse_stub(std::string_view text, const std::filesystem::path& dir,
                                  const std::string& where);

/// How one shard is doing, for /health.
struct ShardStatus {
  std::string name;
  bool ok = false;
  Xapian::doccount documents = 0;
  std::string error;
};

/// The databases named by the --db options. Stub files (and shard lists) are read again
/// at every open, so a resharded database is picked up.
class DatabaseSource {
 public:
  DatabaseSource(std::vector<std::filesystem::path> dbs, RemoteTimeouts timeouts);

  /// Every shard, local stubs expanded. Throws std::runtime_error for a bad stub.
  std::vector<ShardSpec> shards() const;
  /// All shards as one database. Xapian::NetworkError names a remote that failed.
  Xapian::Database open() const;
  /// The files whose replacement means a rebuild or reshard: every stub read, and each
  /// local shard's stub (present or not). Reads the stubs.
  std::vector<std::filesystem::path> watched_files() const;
  /// Their inodes, sizes and times: changes when any of them is replaced, created or
  /// removed. Only stats them, so it is cheap enough for every request.
  static std::string signature(const std::vector<std::filesystem::path>& watched);
  /// Opens each shard on its own: which ones answer.
  std::vector<ShardStatus> probe() const;

  const std::vector<std::filesystem::path>& dbs() const { return dbs_; }
  bool sharded() const;     ///< more than one database, or any remote one
  bool has_remote() const;  ///< some shard is remote

 private:
  std::vector<std::filesystem::path> dbs_;
  RemoteTimeouts timeouts_;
};

}  // namespace article_search::server
