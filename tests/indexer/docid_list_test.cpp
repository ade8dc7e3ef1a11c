/// @file A fixed list of documents as a query, and the undated articles.
#include "docid_list.h"
#include "schema.h"

#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace {
using namespace article_search;
using article_search::indexer::DocidListSource;

/// Ten documents: every one has the term "all", the even ones "even"; those in `undated`
/// have no date slot.
Xapian::WritableDatabase ten_documents(const std::vector<Xapian::docid>& undated) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (Xapian::docid id = 1; id <= 10; ++id) {
    Xapian::Document doc;
    doc.add_boolean_term("all");
    if (id % 2 == 0) doc.add_boolean_term("even");
    if (std::find(undated.begin(), undated.end(), id) == undated.end()) {
      doc.add_value(schema::slot(schema::Slot::date), "2024070" + std::to_string(id % 10));
    }
    db.add_document(doc);
  }
  return db;
}

std::vector<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, 100);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  return out;
}

Xapian::Query list_query(std::vector<Xapian::docid> docids) {
  auto list = std::make_shared<const std::vector<Xapian::docid>>(std::move(docids));
  return Xapian::Query((new DocidListSource(list))->release());
}

}  // namespace

TEST_SUITE("docid list") {
  TEST_CASE("the undated documents are those without a date slot, ascending") {
    CHECK(indexer::undated_docids(ten_documents({})).empty());
    CHECK(indexer::undated_docids(ten_documents({1, 4, 5, 10})) == std::vector<Xapian::docid>{1, 4, 5, 10});
    CHECK(indexer::undated_docids(ten_documents({1, 2, 3, 4, 5, 6, 7, 8, 9, 10})).size() == 10);
  }

  TEST_CASE("a docid list matches its documents alone, in a filter and an OR") {
    const Xapian::WritableDatabase db = ten_documents({});
    CHECK(matches(db, list_query({2, 3, 7})) == std::vector<Xapian::docid>{2, 3, 7});
    CHECK(matches(db, list_query({})).empty());
    // As a filter it is skipped to, from the other side's documents.
    CHECK(matches(db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("even"),
                                    list_query({1, 2, 3, 7, 8, 9}))) ==
          std::vector<Xapian::docid>{2, 8});
    CHECK(matches(db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("all"),
                                    Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("even"),
                                                  list_query({3, 5})))) ==
          std::vector<Xapian::docid>{2, 3, 4, 5, 6, 8, 10});
    // The same query twice: each match starts the list again.
    const Xapian::Query twice = list_query({4, 9});
    CHECK(matches(db, twice) == std::vector<Xapian::docid>{4, 9});
    CHECK(matches(db, twice) == std::vector<Xapian::docid>{4, 9});
  }
}
