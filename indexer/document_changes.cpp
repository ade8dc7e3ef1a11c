/// @file Applying the document API's changes (see document_changes.h).
#include "document_changes.h"

#include "article_writer.h"
#include "grouping_pass.h"
#include "layout.h"
#include "schema.h"

#include <xapian.h>

#include <stdexcept>

namespace article_search::indexer {
namespace sc = schema;
namespace {

/// Cancels the transaction unless it was committed: a WritableDatabase closed with changes
/// pending would commit them.
class Transaction {
 public:
  explicit Transaction(Xapian::WritableDatabase& db) : db_(db) { db_.begin_transaction(); }
  ~Transaction() {
    if (open_) {
      try {
        db_.cancel_transaction();
      } catch (const Xapian::Error&) {
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    db_.commit_transaction();
    open_ = false;
  }

 private:
  Xapian::WritableDatabase& db_;
  bool open_ = true;
};

ChangeOutcome apply(ArticleWriter& writer, const Change& change) {
  if (change.kind == Change::Kind::remove) {
    return writer.remove(sc::id_term(change.id)) ? ChangeOutcome::deleted : ChangeOutcome::not_found;
  }
  switch (writer.put(change.article)) {
    case ArticleWriter::Outcome::added: return ChangeOutcome::added;
    case ArticleWriter::Outcome::updated: return ChangeOutcome::updated;
    case ArticleWriter::Outcome::unchanged: break;
  }
  return ChangeOutcome::unchanged;
}

}  // namespace

std::vector<ChangeOutcome> apply_changes(const std::filesystem::path& db,
                                         const std::vector<Change>& changes,
                                         double lock_wait_seconds) {
  auto locked = lock_current_generation(db, lock_wait_seconds);  // throws for a sharded folder
  if (!locked) throw std::runtime_error("no database at " + db.string());
  Xapian::WritableDatabase& writable = locked->db;
  std::vector<ChangeOutcome> outcomes;
  outcomes.reserve(changes.size());
  {
    Transaction transaction(writable);
    GroupingPass grouping(writable);
    if (!grouped_by_this_version(writable)) grouping.everything();
    ArticleWriter writer(writable, grouping);
    for (const Change& change : changes) outcomes.push_back(apply(writer, change));
    writer.flush_spelling();
    grouping.run();
    writable.set_metadata(std::string(sc::grouping_key), std::string(sc::grouping_version));
    writable.set_metadata(std::string(sc::grouping_run_key), "");
    writable.set_metadata(std::string(sc::format_key), std::to_string(sc::format_version));
    transaction.commit();
  }
  writable.close();
  return outcomes;
}

}  // namespace article_search::indexer
