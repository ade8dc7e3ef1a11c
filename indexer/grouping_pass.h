/// @file Keeping a database's stories and copies in line with its articles.
///
/// Each document carries its grouping features (group/fingerprint.h: a slot and MinHash band
/// terms) from the moment it is written. After a run has written its changes, this pass
/// regroups what they touch: the changed articles and every member of a story one of them
/// left or joins, found by a walk over the edges (group/similarity.h) between an article
/// and its candidates. A copy's candidates are the articles sharing a band term (one
/// boolean query); a story's, the best matches of its keywords dated within the story
/// window (one ranked query). Nothing compares all pairs, and an unchanged story is not
/// read. Because an edge depends on its two articles only, the groups are those of the
/// whole collection however it was built: a --rebuild gives what the incremental runs did.
#pragma once

#include "article.h"
#include "document.h"

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_set>

namespace article_search::indexer {

struct GroupingStats {
  std::size_t visited = 0;   ///< articles whose edges were looked up
  std::size_t rewritten = 0; ///< articles whose story or copy_of changed
};

class GroupingPass {
 public:
  /// `db` must outlive the pass.
  explicit GroupingPass(Xapian::WritableDatabase& db);

  /// Call before the document with `id_term` is replaced or deleted: the other members
  /// of its story are regrouped too.
  void before_change(const std::string& id_term);
  /// Call after the document with `id_term` was added or replaced.
  void changed(const std::string& id_term);
  /// Regroups every article (a fresh build, or a database grouped by an older version).
  void everything() { everything_ = true; }
  bool regroups_everything() const { return everything_; }
  /// Lets a pass over everything look for its edges in `threads` threads, each with a
  /// reader of its own from `open`: for a database whose documents are all committed (a
  /// fresh build), as the readers see only that. The groups are the same.
  void find_edges_in_parallel(std::function<Xapian::Database()> open, unsigned threads);
  /// Takes over what `other` (a pass over one shard) was told, for a pass over all shards.
  void include(const GroupingPass& other);

  /// Regroups (within the caller's transaction, if any; it neither commits nor records the
  /// grouping version: the run does, database_run.h).
  GroupingStats run();

 private:
  Xapian::WritableDatabase& db_;
  std::unordered_set<std::string> old_stories_, changed_ids_;
  bool everything_ = false;
  std::function<Xapian::Database()> open_reader_;
  unsigned threads_ = 1;
};

/// The article's document (make_document) with its grouping features: what the indexer
/// writes for every article.
Xapian::Document indexed_document(const Article& article, Xapian::TermGenerator& generator,
                                  SpellingSwitch* spelling);

/// Whether `db` was grouped by this version (schema::grouping_version).
bool grouped_by_this_version(const Xapian::Database& db);

}  // namespace article_search::indexer
