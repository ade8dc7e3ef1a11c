/// @file Changes to single articles, applied to a database folder as one commit: the write
/// path of the server's document API (PUT, DELETE and POST /api/documents).
///
/// A batch is applied as an incremental indexer run applies its articles (ArticleWriter),
/// inside one transaction that regroups what the changes touch and records the grouping,
/// then commits: durable when apply_changes returns (Xapian syncs a commit to disk), and
/// nothing of it when it throws. The write lock is taken for the batch only, so the
/// command-line indexer and the server take turns: each waits for the other's commit.
#pragma once

#include "article.h"

#include <filesystem>
#include <string>
#include <vector>

namespace article_search::indexer {

struct Change {
  enum class Kind { put, remove };
  Kind kind = Kind::put;
  Article article;  ///< put: the article (origin_api)
  std::string id;   ///< remove: the article's id
};

enum class ChangeOutcome { added, updated, unchanged, deleted, not_found };

/// Applies `changes` in order to the unsharded database folder `db` and commits them as
/// one. Waits up to `lock_wait_seconds` for another writer's lock. Throws
/// std::runtime_error (no database, a sharded one, the lock held too long) or
/// Xapian::Error, having committed nothing.
std::vector<ChangeOutcome> apply_changes(const std::filesystem::path& db,
                                         const std::vector<Change>& changes,
                                         double lock_wait_seconds);

}  // namespace article_search::indexer
