/// @file The sharded run: an index written as N shards that Xapian searches as one database.
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
/// and `--rebuild` swaps work per shard unchanged. Stories cross shards, so the pending runs
/// are grouped together (one GroupingPass over all shards as one WritableDatabase) before
/// each commits, atomically on its own.
/// The shard count is part of the folder names and of each shard's metadata. Changing it
/// needs `--rebuild`, which writes the new shards beside the old ones and then swaps the
/// top stub atomically (readers see the old set or the new one), then removes the old set.
#pragma once

#include "indexer.h"

namespace article_search::indexer {

/// Runs one database run (database_run.h) per shard (see the file comment). Throws
/// std::runtime_error when `--shards` disagrees with the database and `--rebuild` was not
/// given.
Summary run_sharded(const Options& options, Reporter& reporter);

}  // namespace article_search::indexer
