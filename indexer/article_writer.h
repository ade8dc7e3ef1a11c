/// @file The one way an article is written into, or removed from, an open database: by
/// an indexer run (database_run.h) and by the server's document API (live_write.h) alike.
///
/// An article is replaced only when its checksum changed, and every change is told to the
/// grouping pass, so stories and copies follow; the spelling words are counted and added
/// once per batch. Nothing here commits: the caller's transaction does.
#pragma once

#include "article.h"
#include "grouping_pass.h"
#include "layout.h"
#include "spelling_counter.h"

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace article_search::indexer {

class ArticleWriter {
 public:
  enum class Outcome { added, updated, unchanged };

  /// `db` and `grouping` (a pass over `db`) must outlive the writer.
  ArticleWriter(Xapian::WritableDatabase& db, GroupingPass& grouping);
  ArticleWriter(const ArticleWriter&) = delete;
  ArticleWriter& operator=(const ArticleWriter&) = delete;

  /// Adds `article`, or replaces the article of its id when it changed.
  Outcome put(const Article& article);
  /// Deletes the article with `id_term` (schema::id_term); false when there is none.
  bool remove(const std::string& id_term);
  /// Adds the spelling words counted so far to the database (within its transaction).
  void flush_spelling() { spelling_.flush_to(db_); }

 private:
  std::string stored_checksum(const std::string& id_term) const;

  Xapian::WritableDatabase& db_;
  GroupingPass& grouping_;
  Xapian::TermGenerator generator_;
  SpellingCounter spelling_;
};

/// Another writer held the lock for longer than the caller would wait.
struct WriteLockTimeout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Opens the database at `path` for writing, retrying while another writer holds its lock
/// for up to `wait_seconds`; then throws WriteLockTimeout saying who to wait for.
Xapian::WritableDatabase open_writable(const std::filesystem::path& path, int action,
                                       double wait_seconds);

/// The current generation of the database folder `root`, locked for writing: waits as
/// open_writable does, then checks that the generation it locked is still the current one.
/// A writer that waited on a --rebuild gets the lock of the generation the rebuild has
/// just replaced: it would write where no reader looks, so it moves on to the new one.
/// Nothing when `root` holds no database; throws as layout::find and open_writable do.
struct LockedGeneration {
  layout::Location location;
  Xapian::WritableDatabase db;
};
std::optional<LockedGeneration> lock_current_generation(const std::filesystem::path& root,
                                                        double wait_seconds);

}  // namespace article_search::indexer
