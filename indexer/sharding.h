/// @file Writing an index as N shards that Xapian searches as one database.
///
/// `article-indexer --db DIR --shards N` sends each article to shard
/// fnv1a64(id) % N, so a later run finds it again to update or delete it:
///
///     DIR/XAPIANDB          "auto shard-0-of-3" ... one line per shard (a Xapian stub:
///                           opening DIR opens every shard, stubs nest)
///     DIR/shard-0-of-3/     an ordinary database folder (its own XAPIANDB and gen-K)
///
/// A sharded run is one ordinary run per shard over the same inputs (reading is cheap next
/// to indexing), each applying only its shard's articles, so incremental updates, locking
/// and `--rebuild` swaps work per shard unchanged; each shard's run is atomic on its own.
/// The shard count is part of the folder names and of each shard's metadata. Changing it
/// needs `--rebuild`, which writes the new shards beside the old ones and then swaps the
/// top stub atomically (readers see the old set or the new one), then removes the old set.
#pragma once

#include "indexer.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace article_search::indexer {

/// An ordinary (single) run on one database folder; run() calls it for each shard.
Summary run_database(const Options& options, Reporter& reporter);

namespace sharding {

/// Metadata key of each shard: "INDEX/COUNT", e.g. "0/3".
inline constexpr std::string_view shard_key = "article-search:shard";

std::string shard_label(const ShardSelector& shard);
/// The folder name of a shard below DIR: "shard-0-of-3".
std::string shard_folder(unsigned index, unsigned count);
/// The top stub listing `count` shards. Pure.
std::string shard_stub_text(unsigned count);
/// The shard count a top stub lists, or nothing when `text` is not such a stub. Pure.
std::optional<unsigned> parse_shard_stub(std::string_view text);

/// The number of shards of the database folder `db`; nothing when `db` is missing or not
/// sharded.
std::optional<unsigned> existing_shard_count(const std::filesystem::path& db);

/// Records the shard in the metadata of the database at `path`.
void stamp_shard(const std::filesystem::path& path, const ShardSelector& shard);

/// Runs one indexing run per shard (see the file comment). Throws std::runtime_error when
/// `--shards` disagrees with the database and `--rebuild` was not given.
Summary run_sharded(const Options& options, Reporter& reporter);

}  // namespace sharding
}  // namespace article_search::indexer
