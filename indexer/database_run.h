/// @file The run on one database folder: read the corpus inputs and bring the database in
/// line with them (layout.h says how the folder looks on disk).
///
/// A database that exists is updated in one transaction: articles added, changed ones
/// replaced (a checksum tells), vanished ones deleted; the run commits at once or not at
/// all. A fresh database, or `--rebuild`, is built by the parallel builder into a new
/// generation, which an atomic stub swap then makes current.
#pragma once

#include "indexer.h"

namespace article_search::indexer {

/// Runs `options` on the one database folder `options.db`, applying only the articles of
/// `options.shard` (all of them unless a sharded run set it).
Summary run_database(const Options& options, Reporter& reporter);

}  // namespace article_search::indexer
