/// @file The run on one database folder (see database_run.h).
#include "database_run.h"

#include "article_writer.h"
#include "compaction.h"
#include "document.h"
#include "grouping_pass.h"
#include "layout.h"
#include "parallel_build.h"
#include "schema.h"
#include "spelling_counter.h"
#include "stored.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <set>
#include <thread>
#include <unordered_set>

namespace article_search::indexer {
namespace fs = std::filesystem;
namespace sc = schema;
namespace {

using Clock = std::chrono::steady_clock;

/// Applies each article to the database (or, for a fresh build, hands it to the
/// parallel builder), remembering which ids it saw.
class Updater {
 public:
  Updater(Xapian::WritableDatabase& db, GroupingPass& grouping, Summary& summary,
          Reporter& reporter, ShardSelector shard)
      : db_(&db), summary_(summary), reporter_(reporter), shard_(shard) {
    writer_.emplace(db, grouping);
  }
  Updater(ParallelBuilder& builder, Summary& summary, Reporter& reporter, ShardSelector shard)
      : builder_(&builder), summary_(summary), reporter_(reporter), shard_(shard) {}

  void apply(corpus::Entry&& entry) {
    if (auto* skipped = std::get_if<corpus::Skipped>(&entry)) {
      if (!skipped->feed.empty()) feeds_.insert(skipped->feed);
      // Every shard's run reads the same inputs: the first one reports what was skipped.
      return shard_.index == 0 ? skip(*skipped) : void();
    }
    auto& item = std::get<corpus::Item>(entry);
    if (!item.article.feed.empty()) feeds_.insert(item.article.feed);
    if (!shard_.contains(item.article.id)) return;
    for (const auto& warning : item.warnings) {
      reporter_.warning(item.where + ": " + warning);
      ++summary_.warnings;
    }
    const std::string id_term = sc::id_term(item.article.id);
    if (!seen_.insert(id_term).second) {
      return skip({item.where, "duplicate id", "id `" + item.article.id + "` seen before"});
    }
    if (builder_ != nullptr) {
      builder_->add(std::move(item.article));
      ++summary_.added;
      return;
    }
    switch (writer_->put(item.article)) {
      case ArticleWriter::Outcome::added: ++summary_.added; break;
      case ArticleWriter::Outcome::updated: ++summary_.updated; break;
      case ArticleWriter::Outcome::unchanged: ++summary_.unchanged; break;
    }
  }

  /// Writes the spelling data counted for an incremental run (within its transaction).
  void flush_spelling() {
    if (writer_) writer_->flush_spelling();
  }

  /// Deletes every article whose id no input produced this run, except the items of the
  /// feeds read this run (a feed shows its latest items only, the archive keeps them all)
  /// and the articles written over HTTP, which no input lists.
  void delete_vanished() {
    if (db_ == nullptr) return;
    const std::unordered_set<Xapian::docid> kept = kept_items(*db_);
    const std::unordered_set<Xapian::docid> api = written_over_http(*db_);
    std::vector<std::string> vanished;
    const std::string prefix(sc::prefix::id);
    for (auto term = db_->allterms_begin(prefix); term != db_->allterms_end(prefix); ++term) {
      if (seen_.count(*term)) continue;
      const Xapian::PostingIterator posting = db_->postlist_begin(*term);
      if (posting != db_->postlist_end(*term) && kept.count(*posting)) {
        if (!api.count(*posting)) ++summary_.kept;  // a feed's item (the API's are not news)
        continue;
      }
      vanished.push_back(*term);
    }
    for (const auto& term : vanished) writer_->remove(term);
    summary_.deleted += vanished.size();
  }

  /// For a fresh build over an existing database: the items of this run's feeds that the
  /// feeds no longer list, and the articles written over HTTP, taken over from `previous`
  /// as they were stored.
  void carry_kept_items(const Xapian::Database& previous) {
    if (builder_ == nullptr) return;
    for (const Xapian::docid id : kept_items(previous)) {
      auto article = stored::decode(previous.get_document(id).get_data());
      if (!article || !shard_.contains(article->id)) continue;
      if (!seen_.insert(sc::id_term(article->id)).second) continue;
      if (article->origin.empty()) ++summary_.kept;  // a feed's item (the API's are not news)
      builder_->add(std::move(*article));
    }
  }

 private:
  void skip(const corpus::Skipped& skipped) {
    ++summary_.skipped[skipped.reason];
    reporter_.warning(skipped.where + ": skipped, " + skipped.reason +
                      (skipped.detail.empty() ? "" : " (" + skipped.detail + ")"));
  }

  /// The documents in `db` that no input lists but the index keeps: items of a feed read
  /// this run, and articles written over HTTP.
  std::unordered_set<Xapian::docid> kept_items(const Xapian::Database& db) const {
    std::unordered_set<Xapian::docid> items = written_over_http(db);
    for (const std::string& feed : feeds_) add_postings(db, sc::boolean_term(sc::prefix::feed, feed), items);
    return items;
  }

  static std::unordered_set<Xapian::docid> written_over_http(const Xapian::Database& db) {
    std::unordered_set<Xapian::docid> items;
    add_postings(db, sc::boolean_term(sc::prefix::origin, origin_api), items);
    return items;
  }

  static void add_postings(const Xapian::Database& db, const std::string& term,
                           std::unordered_set<Xapian::docid>& into) {
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) into.insert(*it);
  }

  Xapian::WritableDatabase* db_ = nullptr;       // incremental runs
  std::optional<ArticleWriter> writer_;          // incremental runs
  ParallelBuilder* builder_ = nullptr;  // fresh builds
  Summary& summary_;
  Reporter& reporter_;
  ShardSelector shard_;
  std::unordered_set<std::string> seen_;
  std::set<std::string> feeds_;  ///< paths of the feeds this run read (or tried to)
};

std::vector<corpus::Input> open_inputs(const Options& options) {
  if (options.inputs.empty()) throw std::runtime_error("no corpus path given");
  std::vector<corpus::Input> inputs;
  for (const auto& path : options.inputs) inputs.push_back(corpus::open_input(path));
  return inputs;
}

void feed(const std::vector<corpus::Input>& inputs, const Options& options, Updater& updater,
          Summary& summary, Reporter& reporter) {
  std::uintmax_t total = 0;
  for (const auto& input : inputs) total += input.bytes;
  std::uintmax_t before = 0;
  for (const auto& input : inputs) {
    corpus::read_input(input, options.read, [&](corpus::Entry&& entry, std::uintmax_t done) {
      updater.apply(std::move(entry));
      summary.bytes = before + done;
      reporter.progress(summary.bytes, total, summary.articles());
    });
    before += input.bytes;
  }
}

BuildLimits build_limits(const Options& options) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return {options.threads > 0 ? options.threads : cores,
          static_cast<std::size_t>(options.memory_mb) << 20};
}

void prepare_root(const fs::path& root) {
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) {
    throw std::runtime_error("cannot create database folder " + root.string() + ": " +
                             ec.message());
  }
}

std::string shard_label(const ShardSelector& shard) {
  return layout::shard_label(shard.index, shard.count);
}

/// Records the shard of a sharded run in the metadata of `db`.
void stamp_shard(Xapian::WritableDatabase& db, const ShardSelector& shard) {
  if (shard.count > 1) db.set_metadata(std::string(layout::shard_key), shard_label(shard));
}

}  // namespace

PendingRun::PendingRun(const Options& options, Reporter& reporter)
    : options_(options), started_(Clock::now()) {
  const std::vector<corpus::Input> inputs = open_inputs(options);
  location_ = layout::find(options.db);
  if (!location_ || options.rebuild) {
    build_fresh(inputs, reporter);
  } else {
    update(inputs, reporter);
  }
}

PendingRun::~PendingRun() {
  if (finished_ || !db_) return;
  try {
    // Not finished (an exception): nothing of the run is committed.
    if (!fresh_) db_->cancel_transaction();
  } catch (const Xapian::Error&) {
  }
}

void PendingRun::build_fresh(const std::vector<corpus::Input>& inputs, Reporter& reporter) {
  if (location_ && !location_->generation) {
    throw std::runtime_error("--rebuild needs a database made by article-indexer; " +
                             options_.db.string() + " is a plain Xapian database");
  }
  prepare_root(options_.db);
  // Hold the current generation's lock until the switch, so no incremental run races the
  // rebuild (and is lost when the new generation replaces the one it wrote).
  if (location_) {
    auto locked = lock_current_generation(options_.db, options_.lock_wait_seconds);
    if (!locked) throw std::runtime_error("the database at " + options_.db.string() + " is gone");
    location_ = std::move(locked->location);  // another rebuild may have switched meanwhile
    guard_.emplace(std::move(locked->db));
  }
  const fs::path fresh = layout::next_generation(options_.db, location_, generation_);
  ParallelBuilder builder(fs::path(fresh) += ".shards", build_limits(options_));
  Updater updater(builder, summary_, reporter, options_.shard);
  feed(inputs, options_, updater, summary_, reporter);
  if (location_) updater.carry_kept_items(Xapian::Database(location_->current.string()));
  builder.finish_into(fresh, std::string(sc::format_key), std::to_string(sc::format_version));
  fresh_ = true;
  db_.emplace(fresh.string(), Xapian::DB_OPEN);
  grouping_.emplace(*db_);
  grouping_->everything();
  // Every document is committed by the merge: the pass's queries can run in readers.
  grouping_->find_edges_in_parallel([fresh] { return Xapian::Database(fresh.string()); },
                                    build_limits(options_).threads);
}

void PendingRun::update(const std::vector<corpus::Input>& inputs, Reporter& reporter) {
  auto locked = lock_current_generation(options_.db, options_.lock_wait_seconds);
  if (!locked) throw std::runtime_error("the database at " + options_.db.string() + " is gone");
  location_ = std::move(locked->location);  // a --rebuild may have switched while we waited
  db_.emplace(std::move(locked->db));
  db_->begin_transaction();  // the whole run commits at once, or not at all
  grouping_.emplace(*db_);
  if (!grouped_by_this_version(*db_)) grouping_->everything();
  Updater updater(*db_, *grouping_, summary_, reporter, options_.shard);
  feed(inputs, options_, updater, summary_, reporter);
  updater.delete_vanished();
  updater.flush_spelling();
}

bool PendingRun::changes() const {
  return fresh_ || changed_elsewhere_ || summary_.added + summary_.updated + summary_.deleted > 0 ||
         grouping_->regroups_everything();
}

Summary PendingRun::finish(std::string_view grouping_run) {
  finished_ = true;
  if (changes()) {
    db_->set_metadata(std::string(sc::grouping_key), std::string(sc::grouping_version));
    db_->set_metadata(std::string(sc::grouping_run_key), std::string(grouping_run));
    stamp_shard(*db_, options_.shard);
    if (fresh_) {
      db_->commit();
      db_->close();
      // The spelling data and the grouping pass were written after the builder's merge:
      // compacted again, the spelling table is a quarter and the index ~30% smaller.
      compact_in_place(options_.db / layout::generation_folder(generation_));
      layout::switch_to(options_.db, generation_, location_ ? location_->generation : std::nullopt);
    } else {
      db_->set_metadata(std::string(sc::format_key), std::to_string(sc::format_version));
      db_->commit_transaction();
    }
    summary_.committed = true;
  } else {
    db_->cancel_transaction();
  }
  summary_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  return summary_;
}

Summary run_database(const Options& options, Reporter& reporter) {
  PendingRun run(options, reporter);
  if (run.changes()) {
    const auto started = Clock::now();
    const std::size_t rewritten = run.grouping().run().rewritten;
    run.set_regrouped(rewritten, std::chrono::duration<double>(Clock::now() - started).count());
  }
  return run.finish();
}

}  // namespace article_search::indexer
