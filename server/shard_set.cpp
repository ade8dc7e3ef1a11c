/// @file The databases behind `--db`: one folder, or shards searched as one database.
#include "shard_set.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/stat.h>

namespace article_search::server {
namespace fs = std::filesystem;
namespace {

constexpr const char* stub_name = "XAPIANDB";
/// Stubs may list stubs; this deep at most (a loop of stubs would never end).
constexpr int max_stub_depth = 8;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// inode, size and mtime: a stub replaced by rename gets a new inode.
std::string stat_signature(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "-";
  return std::to_string(info.st_ino) + ':' + std::to_string(info.st_size) + ':' +
         std::to_string(info.st_mtim.tv_sec) + '.' + std::to_string(info.st_mtim.tv_nsec);
}

/// An article-indexer database folder: its stub names one generation ("glass gen-3").
bool is_single_database_stub(const std::string& text) {
  std::istringstream in(text);
  std::string backend, dir, extra;
  return (in >> backend >> dir) && backend == "glass" && !(in >> extra);
}

ShardSpec parse_remote(std::string_view address, const std::string& where) {
  if (!address.empty() && address.front() == ':') {
    throw StubError(where + ": remote programs (remote :PROG) are not supported; "
                             "serve the shard with xapian-tcpsrv and use remote HOST:PORT");
  }
  const std::size_t colon = address.rfind(':');
  unsigned port = 0;
  const char* end = address.data() + address.size();
  if (colon == std::string_view::npos || colon == 0 ||
      std::from_chars(address.data() + colon + 1, end, port).ptr != end || port == 0 ||
      port > 65535) {
    throw StubError(where + ": expected remote HOST:PORT, got `" + std::string(address) + "`");
  }
  std::string host(address.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {std::string(address), {}, host, port};
}

struct Expansion {
  std::vector<ShardSpec> shards;
  std::vector<fs::path> stubs;  ///< every stub file read, for the signature
};

void expand(const fs::path& path, int depth, Expansion& out);

void expand_stub(const fs::path& stub, int depth, Expansion& out) {
  if (depth > max_stub_depth) throw StubError(stub.string() + ": stubs nest too deeply");
  out.stubs.push_back(stub);
  for (ShardSpec& spec : parse_stub(read_text(stub), stub.parent_path(), stub.string())) {
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
    const fs::path stub = path / stub_name;
    if (fs::is_regular_file(stub, ec) && !is_single_database_stub(read_text(stub))) {
      return expand_stub(stub, depth, out);
    }
  } else if (fs::is_regular_file(path, ec)) {
    return expand_stub(path, depth, out);
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

std::vector<ShardSpec> parse_stub(std::string_view text, const fs::path& dir, const std::string& where) {
  std::vector<ShardSpec> shards;
  std::istringstream in{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string at = where + ":" + std::to_string(number);
    std::istringstream words(line);
    std::string type, target, extra;
    if (!(words >> type) || type.front() == '#') continue;
    if (!(words >> target)) throw StubError(at + ": `" + type + "` needs an argument");
    if (type == "remote") {
      if (target.front() == ':') parse_remote(target, at);  // throws: programs unsupported
      if (words >> extra) throw StubError(at + ": remote takes one HOST:PORT");
      shards.push_back(parse_remote(target, at));
    } else if (type == "auto" || type == "glass") {
      // Xapian's rule: the rest of the line is the path, spaces included.
      const std::string rest = line.substr(line.find(target));
      const fs::path local = fs::path(rest).is_absolute() ? fs::path(rest) : dir / rest;
      shards.push_back({local.string(), local, {}, 0});
    } else {
      throw StubError(at + ": unsupported database type `" + type +
                               "` (use auto, glass or remote)");
    }
  }
  if (shards.empty()) throw StubError(where + ": the stub lists no database");
  return shards;
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

bool DatabaseSource::has_remote() const {
  for (const ShardSpec& spec : shards()) {
    if (spec.remote()) return true;
  }
  return false;
}

Xapian::Database DatabaseSource::open() const {
  const auto all = shards();
  if (all.size() == 1) return open_shard(all.front(), timeouts_);
  Xapian::Database db;
  for (const ShardSpec& spec : all) db.add_database(open_shard(spec, timeouts_));
  return db;
}

std::vector<fs::path> DatabaseSource::watched_files() const {
  Expansion expansion = expand_all(dbs_);
  std::vector<fs::path> files = std::move(expansion.stubs);
  for (const ShardSpec& spec : expansion.shards) {
    if (!spec.remote()) files.push_back(spec.path / stub_name);
  }
  return files;
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

}  // namespace article_search::server
