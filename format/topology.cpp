/// @file The databases behind `--db`, opened as one (see topology.h).
#include "topology.h"

#include <sys/stat.h>

namespace article_search::topology {
namespace fs = std::filesystem;
namespace {

/// Stubs may list stubs; this deep at most (a loop of stubs would never end).
constexpr int max_stub_depth = 8;

/// inode, size and mtime: a stub replaced by rename gets a new inode.
std::string stat_signature(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "-";
  return std::to_string(info.st_ino) + ':' + std::to_string(info.st_size) + ':' +
         std::to_string(info.st_mtim.tv_sec) + '.' + std::to_string(info.st_mtim.tv_nsec);
}

struct Expansion {
  std::vector<ShardSpec> shards;
  std::vector<fs::path> stubs;  ///< every stub file read, for the signature
};

void expand(const fs::path& path, int depth, Expansion& out);

void expand_entries(const fs::path& stub, std::vector<ShardSpec> entries, int depth, Expansion& out) {
  if (depth > max_stub_depth) throw StubError(stub.string() + ": stubs nest too deeply");
  out.stubs.push_back(stub);
  for (ShardSpec& spec : entries) {
    if (spec.remote()) {
      out.shards.push_back(std::move(spec));
    } else {
      expand(spec.path, depth + 1, out);
    }
  }
}

void expand(const fs::path& path, int depth, Expansion& out) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    const fs::path stub = path / layout::stub_name;
    if (fs::is_regular_file(stub, ec)) {
      std::vector<ShardSpec> entries = layout::read_stub(stub);
      // One generation: an ordinary database, which Xapian opens through its stub.
      if (!layout::generation_of(entries, stub.parent_path())) {
        return expand_entries(stub, std::move(entries), depth, out);
      }
    }
  } else if (fs::is_regular_file(path, ec)) {
    return expand_entries(path, layout::read_stub(path), depth, out);
  }
  // A database folder, or nothing: Xapian says which when it is opened.
  out.shards.push_back({path.string(), path, {}, 0});
}

Expansion expand_all(const std::vector<fs::path>& dbs) {
  Expansion out;
  for (const fs::path& db : dbs) expand(db, 0, out);
  return out;
}

Xapian::Database open_shard(const ShardSpec& spec, const RemoteTimeouts& timeouts) {
  if (spec.remote()) return Xapian::Remote::open(spec.host, spec.port, timeouts.read_ms, timeouts.connect_ms);
  return Xapian::Database(spec.path.string());
}

}  // namespace

Capabilities capabilities_of(const std::vector<ShardSpec>& shards) {
  for (const ShardSpec& spec : shards) {
    if (spec.remote()) return {false, false, false, false, false, false};
  }
  return {};
}

DatabaseSource::DatabaseSource(std::vector<fs::path> dbs, RemoteTimeouts timeouts)
    : dbs_(std::move(dbs)), timeouts_(timeouts) {
  if (dbs_.empty()) throw StubError("no database given");
}

std::vector<ShardSpec> DatabaseSource::shards() const { return expand_all(dbs_).shards; }

bool DatabaseSource::sharded() const {
  const auto all = shards();
  return all.size() > 1 || (all.size() == 1 && all.front().remote());
}

OpenDatabase DatabaseSource::open() const {
  Expansion expansion = expand_all(dbs_);
  OpenDatabase open;
  open.watched = std::move(expansion.stubs);
  for (const ShardSpec& spec : expansion.shards) {
    if (!spec.remote()) open.watched.push_back(spec.path / layout::stub_name);
  }
  // The signature first: if a swap happens before the open, the next request reopens.
  open.signature = signature(open.watched);
  if (expansion.shards.size() == 1) {
    open.db = open_shard(expansion.shards.front(), timeouts_);
  } else {
    for (const ShardSpec& spec : expansion.shards) open.db.add_database(open_shard(spec, timeouts_));
  }
  open.can = capabilities_of(expansion.shards);
  open.shards = std::move(expansion.shards);
  return open;
}

std::string DatabaseSource::signature(const std::vector<fs::path>& watched) {
  std::string signature;
  for (const fs::path& file : watched) signature += stat_signature(file) + ';';
  return signature;
}

std::vector<ShardStatus> DatabaseSource::probe() const {
  std::vector<ShardStatus> statuses;
  for (const ShardSpec& spec : shards()) {
    ShardStatus status{spec.name, false, 0, {}};
    try {
      status.documents = open_shard(spec, timeouts_).get_doccount();
      status.ok = true;
    } catch (const Xapian::Error& e) {
      status.error = e.get_description();
    }
    statuses.push_back(std::move(status));
  }
  return statuses;
}

}  // namespace article_search::topology
