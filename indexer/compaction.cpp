/// @file Compacting a freshly built generation (see compaction.h).
#include "compaction.h"

#include <xapian.h>

namespace article_search::indexer {
namespace fs = std::filesystem;

void compact_in_place(const fs::path& path) {
  fs::path compacted = path;
  compacted += ".compact";
  fs::remove_all(compacted);  // only ever a leftover of a killed run
  Xapian::Database(path.string()).compact(compacted.string(), Xapian::Compactor::FULL);
  fs::remove_all(path);
  fs::rename(compacted, path);
}

}  // namespace article_search::indexer
