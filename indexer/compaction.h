/// @file Compacting a freshly built generation before it is switched to.
#pragma once

#include <filesystem>

namespace article_search::indexer {

/// Rewrites the closed database at `path` with Xapian's Database::compact (level FULL)
/// into `path` + ".compact", then puts it in the place of `path`. For a new generation that
/// no reader or writer uses yet: a run killed midway leaves only a folder of the same
/// generation, which the next switch removes. The result is an ordinary glass database
/// (not DBCOMPACT_SINGLE_FILE, which Xapian cannot update), so incremental runs and the
/// server's live writes go on writing into it. FULLER is not used: Xapian does not
/// recommend it for a database that is updated later.
void compact_in_place(const std::filesystem::path& path);

}  // namespace article_search::indexer
