/// @file An indexing run: on one database, or on each shard of a sharded one.
#include "indexer.h"

#include "database_run.h"
#include "layout.h"
#include "schema.h"
#include "sharded_run.h"

#include <cstdio>

namespace article_search::indexer {

std::size_t Summary::skipped_total() const {
  std::size_t total = 0;
  for (const auto& [reason, count] : skipped) total += count;
  return total;
}

bool ShardSelector::contains(std::string_view id) const {
  return count <= 1 || schema::fnv1a64(id) % count == index;
}

Summary run(const Options& options, Reporter& reporter) {
  if (options.shards > 0 || layout::existing_shard_count(options.db)) {
    return run_sharded(options, reporter);
  }
  return run_database(options, reporter);
}

std::string format_summary(const Summary& s) {
  char rates[128];
  const double seconds = s.seconds > 0 ? s.seconds : 1e-9;
  std::snprintf(rates, sizeof rates, "%.2f s, %.0f articles/s, %.2f MB/s", s.seconds,
                static_cast<double>(s.articles()) / seconds,
                static_cast<double>(s.bytes) / 1e6 / seconds);
  std::string line = "added " + std::to_string(s.added) + ", updated " + std::to_string(s.updated) +
                     ", deleted " + std::to_string(s.deleted) + ", unchanged " +
                     std::to_string(s.unchanged) + ", skipped " + std::to_string(s.skipped_total());
  if (!s.skipped.empty()) {
    line += " (";
    bool first = true;
    for (const auto& [reason, count] : s.skipped) {
      line += (first ? "" : ", ") + reason + ": " + std::to_string(count);
      first = false;
    }
    line += ")";
  }
  if (s.kept > 0) line += ", kept " + std::to_string(s.kept) + " items gone from their feeds";
  if (s.regrouped > 0) {
    char took[32];
    std::snprintf(took, sizeof took, " (grouping %.2f s)", s.grouping_seconds);
    line += ", regrouped " + std::to_string(s.regrouped) + took;
  }
  line += "; " + std::string(rates);
  if (!s.committed) line += "; no changes, database left as it was";
  return line;
}

}  // namespace article_search::indexer
