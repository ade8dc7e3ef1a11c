/// @file The one write path of an article (see article_writer.h).
#include "article_writer.h"

#include "document.h"
#include "schema.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace article_search::indexer {
namespace sc = schema;

ArticleWriter::ArticleWriter(Xapian::WritableDatabase& db, GroupingPass& grouping)
    : db_(db), grouping_(grouping), generator_(make_term_generator(nullptr)) {
  spelling_.attach(generator_);
}

ArticleWriter::Outcome ArticleWriter::put(const Article& article) {
  const std::string id_term = sc::id_term(article.id);
  const bool exists = db_.term_exists(id_term);
  if (exists && stored_checksum(id_term) == article_checksum(article)) return Outcome::unchanged;
  if (exists) grouping_.before_change(id_term);
  db_.replace_document(id_term, indexed_document(article, generator_, &spelling_));
  grouping_.changed(id_term);
  return exists ? Outcome::updated : Outcome::added;
}

bool ArticleWriter::remove(const std::string& id_term) {
  if (!db_.term_exists(id_term)) return false;
  grouping_.before_change(id_term);
  db_.delete_document(id_term);
  return true;
}

std::string ArticleWriter::stored_checksum(const std::string& id_term) const {
  Xapian::PostingIterator posting = db_.postlist_begin(id_term);
  if (posting == db_.postlist_end(id_term)) return {};
  return db_.get_document(*posting).get_value(sc::slot(sc::Slot::checksum));
}

Xapian::WritableDatabase open_writable(const std::filesystem::path& path, int action,
                                       double wait_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration<double>(wait_seconds);
  while (true) {
    try {
      return Xapian::WritableDatabase(path.string(), action);
    } catch (const Xapian::DatabaseLockError&) {
      if (Clock::now() >= deadline) {
        throw WriteLockTimeout(
            "another writer (an indexer run, or a server taking writes) holds the write lock on " +
            path.string() +
            (wait_seconds > 0 ? " (waited " + std::to_string(wait_seconds) + " s)"
                              : " (use --wait-lock SECONDS to wait)"));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

std::optional<LockedGeneration> lock_current_generation(const std::filesystem::path& root,
                                                        double wait_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration<double>(wait_seconds);
  // Each pass follows one switch to a new generation; a rebuild takes far longer than a
  // pass, so a few are plenty, and the wait is bounded by the deadline besides.
  for (int pass = 0; pass < 100; ++pass) {
    auto location = layout::find(root);
    if (!location) return std::nullopt;
    const double left = std::max(0.0, std::chrono::duration<double>(deadline - Clock::now()).count());
    Xapian::WritableDatabase db = open_writable(location->current, Xapian::DB_OPEN, left);
    const auto now_current = layout::find(root);
    if (now_current && now_current->current == location->current) {
      return LockedGeneration{std::move(*location), std::move(db)};
    }
    db.close();  // replaced while we waited: nothing was written to it
  }
  throw WriteLockTimeout("the database at " + root.string() + " kept changing generation while waiting to write");
}

}  // namespace article_search::indexer
