/// @file The index on disk: database folders, their stub files, generations and shards.
/// Every rule about names and stubs is here, read by one parser and written by one
/// atomic writer, for the indexer (which writes them) and the server (which reads them).
///
/// A database folder made by article-indexer holds generations and a stub file:
///
///     DIR/XAPIANDB     "glass gen-3"  (a Xapian stub: opening DIR opens gen-3)
///     DIR/gen-3/       the current generation
///     DIR/gen-2/       the previous one, kept so readers that still have it open finish
///
/// Incremental runs update the current generation inside one transaction. `--rebuild`
/// writes gen-N+1 beside it, then renames a new stub over XAPIANDB: a reader sees the
/// old index or the new one, never a mix. A plain Xapian database folder (not made by
/// article-indexer) is updated in place; it cannot be rebuilt atomically.
///
/// A sharded folder (`article-indexer --shards N`) lists its shards instead, each an
/// ordinary database folder of the kind above:
///
///     DIR/XAPIANDB          "auto shard-0-of-3" ... one line per shard
///     DIR/shard-0-of-3/     (its own XAPIANDB and gen-K)
///
/// Stub files in general (Xapian's syntax, a subset), one database a line:
///
///     auto  PATH            a local database (folder or stub; relative to the stub's folder)
///     glass PATH            the same
///     remote HOST:PORT      a shard served by xapian-tcpsrv
///     # comment, blank lines
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::layout {

inline constexpr const char* stub_name = "XAPIANDB";
/// Metadata key of each shard of a sharded folder: "INDEX/COUNT", e.g. "0/3".
inline constexpr std::string_view shard_key = "article-search:shard";
/// Largest stub file read: a stub lists databases, a few bytes each.
inline constexpr std::uintmax_t max_stub_bytes = 1 << 20;

/// A stub (or a list of databases) that cannot be read as written.
struct StubError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One database a stub lists.
struct ShardSpec {
  std::string name;             ///< for messages: the path, or "HOST:PORT"
  std::filesystem::path path;   ///< a local database
  std::string host;             ///< a remote one
  unsigned port = 0;
  bool remote() const { return port != 0; }
};

/// The databases a stub's text lists (`dir`: the stub's folder, for relative paths;
/// `where`: the stub's name for messages). Pure. Throws StubError naming the bad line.
std::vector<ShardSpec> parse_stub(std::string_view text, const std::filesystem::path& dir,
                                  const std::string& where);
/// The stub file at `path`, parsed. Throws StubError when it is unreadable or too big.
std::vector<ShardSpec> read_stub(const std::filesystem::path& path);

/// "gen-3"; "shard-0-of-3".
std::string generation_folder(unsigned number);
std::string shard_folder(unsigned index, unsigned count);
/// "0/3", as the shard_key metadata records it.
std::string shard_label(unsigned index, unsigned count);

/// The stub of a folder whose current generation is `number`; of a folder of `count`
/// shards. Pure.
std::string generation_stub_text(unsigned number);
std::string shard_stub_text(unsigned count);

/// What a folder's stub entries say it is (`dir`: the stub's parent_path()). Pure.
/// The generation when the stub names exactly one local `gen-N` of `dir`.
std::optional<unsigned> generation_of(const std::vector<ShardSpec>& entries,
                                      const std::filesystem::path& dir);
/// The shard count when the stub lists exactly `shard_stub_text(N)`'s shards of `dir`.
std::optional<unsigned> shard_count_of(const std::vector<ShardSpec>& entries,
                                       const std::filesystem::path& dir);

/// Replaces `folder`'s stub with `text` by an atomic rename (fsynced): readers see the
/// old stub or the new one. Throws std::runtime_error when it cannot be written.
void write_stub(const std::filesystem::path& folder, std::string_view text);

struct Location {
  std::filesystem::path root;        ///< the folder given as --db
  std::filesystem::path current;     ///< the generation to read or update
  std::optional<unsigned> generation;  ///< nothing for a plain Xapian database
};

/// Finds the current generation of `root`, or nothing if `root` does not hold a
/// database yet (missing or empty). Throws std::runtime_error when `root` holds something
/// that is not an unsharded database, so it is never overwritten.
std::optional<Location> find(const std::filesystem::path& root);

/// The folder for a new generation after `previous` (gen-1 when there is none).
std::filesystem::path next_generation(const std::filesystem::path& root,
                                      const std::optional<Location>& previous, unsigned& number);

/// Points the stub at generation `number`, then removes generations other than `number`
/// and `replaced` (the one readers may still have open).
void switch_to(const std::filesystem::path& root, unsigned number,
               std::optional<unsigned> replaced);

/// The number of shards of the database folder `db`; nothing when `db` is missing or not
/// sharded. Throws StubError for a stub that is neither of article-indexer's two kinds.
std::optional<unsigned> existing_shard_count(const std::filesystem::path& db);

/// What `root` holds, for people: "article-search database, generation 3", "3 shards",
/// "plain Xapian database"; nothing when it holds no database yet. Throws as find() does
/// for a folder that holds something else.
std::optional<std::string> describe(const std::filesystem::path& root);

/// After `root`'s stub lists `count` shards: removes what belonged to an earlier layout
/// (shards of another count, or the generations of an unsharded database).
void remove_other_layouts(const std::filesystem::path& root, unsigned count);

}  // namespace article_search::layout
