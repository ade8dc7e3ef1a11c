/// @file The sharded run (see sharded_run.h).
#include "sharded_run.h"

#include "database_run.h"
#include "layout.h"
#include "schema.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>
#include <vector>

namespace article_search::indexer {
namespace fs = std::filesystem;
namespace {

/// Progress of shard `index` of `count` runs over the same inputs, as one bar.
class ShardReporter : public Reporter {
 public:
  ShardReporter(Reporter& inner, unsigned index, unsigned count)
      : inner_(inner), index_(index), count_(count) {}
  void warning(const std::string& message) override { inner_.warning(message); }
  void progress(std::uintmax_t done, std::uintmax_t total, std::size_t articles) override {
    inner_.progress(index_ * total + done, count_ * total, articles);
  }

 private:
  Reporter& inner_;
  unsigned index_, count_;
};

/// Refuses a run that would mix shard layouts; the number of shards to write.
unsigned shard_count_for(const Options& options) {
  const auto existing = layout::existing_shard_count(options.db);
  const std::string db = options.db.string();
  if (!existing) {
    // Not sharded: missing, empty, or an unsharded database (only --rebuild may split it).
    if (layout::find(options.db) && !options.rebuild) {
      throw std::runtime_error(db + " holds an unsharded database; use --rebuild to split it into " +
                               std::to_string(options.shards) + " shards");
    }
    return options.shards;
  }
  if (options.shards == 0 || options.shards == *existing) return *existing;
  if (!options.rebuild) {
    throw std::runtime_error(db + " has " + std::to_string(*existing) + " shards but --shards " +
                             std::to_string(options.shards) +
                             " was given; use --rebuild to reshard it (or leave out --shards)");
  }
  return options.shards;
}

void check_shard_metadata(const fs::path& path, const ShardSelector& shard) {
  if (!layout::find(path)) return;
  const std::string expected = layout::shard_label(shard.index, shard.count);
  const std::string recorded =
      Xapian::Database(path.string()).get_metadata(std::string(layout::shard_key));
  if (recorded != expected) {
    throw std::runtime_error(path.string() + " records shard `" + recorded + "`, expected `" +
                             expected + "`; use --rebuild");
  }
}

/// A name for this run's grouping, recorded in every shard (schema::grouping_run_key).
std::string new_grouping_run() {
  std::random_device random;
  char name[32];
  std::snprintf(name, sizeof name, "%08x%08x", random(), random());
  return name;
}

/// Whether the shards were grouped by one run (a run cut off between its shard commits
/// leaves some grouped by an older one). Shards naming no run were grouped each on its
/// own, by an indexer older than grouping across shards.
bool grouped_together(std::vector<std::unique_ptr<PendingRun>>& runs) {
  const std::string key(schema::grouping_run_key);
  const std::string first = runs.front()->db().get_metadata(key);
  if (first.empty()) return false;
  for (auto& run : runs) {
    if (run->db().get_metadata(key) != first) return false;
  }
  return true;
}

/// Groups the articles of every shard together: a story's members may hash to different
/// shards, so each shard's candidates are looked for in all of them.
std::size_t group_across(std::vector<std::unique_ptr<PendingRun>>& runs, bool everything) {
  Xapian::WritableDatabase all;
  for (auto& run : runs) all.add_database(run->db());
  GroupingPass grouping(all);
  for (auto& run : runs) grouping.include(run->grouping());
  if (everything) grouping.everything();
  return grouping.run().rewritten;
}

void add(Summary& total, const Summary& part) {
  total.added += part.added;
  total.updated += part.updated;
  total.deleted += part.deleted;
  total.unchanged += part.unchanged;
  total.kept += part.kept;
  total.regrouped += part.regrouped;
  total.warnings += part.warnings;
  for (const auto& [reason, n] : part.skipped) total.skipped[reason] += n;
  total.bytes = part.bytes;  // every run reads the same inputs
  total.committed = total.committed || part.committed;
}

}  // namespace

Summary run_sharded(const Options& options, Reporter& reporter) {
  const auto started = std::chrono::steady_clock::now();
  const unsigned count = shard_count_for(options);
  std::vector<std::unique_ptr<PendingRun>> runs;
  for (unsigned index = 0; index < count; ++index) {
    Options shard_options = options;
    shard_options.db = options.db / layout::shard_folder(index, count);
    shard_options.shard = {index, count};
    shard_options.shards = 0;
    check_shard_metadata(shard_options.db, shard_options.shard);
    ShardReporter shard_reporter(reporter, index, count);
    runs.push_back(std::make_unique<PendingRun>(shard_options, shard_reporter));
  }
  const bool regroup_all = !grouped_together(runs);
  const bool changes =
      regroup_all || std::any_of(runs.begin(), runs.end(), [](auto& run) { return run->changes(); });
  Summary total;
  if (changes) {
    const auto grouping_started = std::chrono::steady_clock::now();
    total.regrouped = group_across(runs, regroup_all);
    total.grouping_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - grouping_started).count();
  }
  // Every shard commits when one changed: a regrouped story may reach into any of them.
  const std::string grouping_run = changes ? new_grouping_run() : std::string();
  for (auto& run : runs) {
    if (changes) run->mark_changed();
    add(total, run->finish(grouping_run));
  }
  if (layout::existing_shard_count(options.db) != count) {
    layout::write_stub(options.db, layout::shard_stub_text(count));
    layout::remove_other_layouts(options.db, count);
    total.committed = true;
  }
  total.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return total;
}

}  // namespace article_search::indexer
