/// @file Where the index lives on disk, and how a rebuild is swapped in atomically.
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
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace article_search::layout {

inline constexpr const char* stub_name = "XAPIANDB";

struct Location {
  std::filesystem::path root;        ///< the folder given as --db
  std::filesystem::path current;     ///< the generation to read or update
  std::optional<unsigned> generation;  ///< nothing for a plain Xapian database
};

/// Finds the current generation of `root`, or nothing if `root` does not hold a
/// database yet (missing or empty). Throws std::runtime_error when `root` holds something
/// that is not a database, so it is never overwritten.
std::optional<Location> find(const std::filesystem::path& root);

/// The folder for a new generation after `previous` (gen-1 when there is none).
std::filesystem::path next_generation(const std::filesystem::path& root,
                                      const std::optional<Location>& previous, unsigned& number);

/// Points the stub at generation `number` by an atomic rename, then removes generations
/// other than `number` and `replaced` (the one readers may still have open).
void switch_to(const std::filesystem::path& root, unsigned number,
               std::optional<unsigned> replaced);

}  // namespace article_search::layout
