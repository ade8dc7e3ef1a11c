/// @file ValueCounter against Xapian's own ValueCountMatchSpy, both on the same searches.
#include "facets.h"

#include "temp_dir.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {
using article_search::search::FacetValue;
using article_search::search::ValueCounter;

constexpr Xapian::valueno slot = 3;

/// `count` documents, ids from `first`: value "v<id % 7>" (every 11th none), terms "all",
/// "even" or "odd", "third" for every third; every 13th deleted again, leaving gaps.
void fill(const std::string& path, int first, int count) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  for (int id = first; id < first + count; ++id) {
    Xapian::Document doc;
    doc.add_term("all");
    doc.add_term(id % 2 == 0 ? "even" : "odd", 1 + static_cast<Xapian::termcount>(id % 5));
    if (id % 3 == 0) doc.add_term("third");
    if (id % 11 != 0) doc.add_value(slot, "v" + std::to_string(id % 7));
    db.add_document(doc);
  }
  for (Xapian::docid id = 13; id <= static_cast<Xapian::docid>(count); id += 13) db.delete_document(id);
  db.commit();
}

std::vector<std::pair<std::string, Xapian::doccount>> pairs(const std::vector<FacetValue>& values) {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
  return out;
}

std::vector<std::pair<std::string, Xapian::doccount>> xapian_top(const Xapian::ValueCountMatchSpy& spy,
                                                                 Xapian::doccount most) {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  for (auto it = spy.top_values_begin(most); it != spy.top_values_end(most); ++it) {
    out.emplace_back(*it, it.get_termfreq());
  }
  return out;
}

/// Runs `query` with both spies on one Enquire and checks they agree.
void check_agree(const Xapian::Database& db, const Xapian::Query& query, bool sort_by_value) {
  CAPTURE(query.get_description());
  CAPTURE(sort_by_value);
  ValueCounter ours(db, slot);
  Xapian::ValueCountMatchSpy theirs(slot);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (sort_by_value) enquire.set_sort_by_value_then_relevance(slot, true);
  enquire.add_matchspy(&ours);
  enquire.add_matchspy(&theirs);
  const Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
  CHECK(mset.get_matches_estimated() > 0);
  CHECK(ours.total() == theirs.get_total());
  CHECK(pairs(ours.top_values(50)) == xapian_top(theirs, 50));
  CHECK(pairs(ours.top_values(3)) == xapian_top(theirs, 3));
}

void check_queries(const Xapian::Database& db) {
  const Xapian::Query odd_or_third(Xapian::Query::OP_OR, Xapian::Query("odd"), Xapian::Query("third"));
  const std::vector<Xapian::Query> queries = {
      Xapian::Query("all"),
      Xapian::Query("even"),
      odd_or_third,
      Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query("third"), Xapian::Query("even")),
      Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query("all"), Xapian::Query("third")),
      Xapian::Query(std::string()),  // every document
  };
  for (const Xapian::Query& query : queries) {
    check_agree(db, query, false);
    check_agree(db, query, true);
  }
}

}  // namespace

TEST_SUITE("facets") {
  TEST_CASE("one database: the value stream walked forward counts what get_value counts") {
    const article_search::testing::TempDir dir;
    fill((dir / "db").string(), 1, 3000);  // values span many chunks of the value stream
    check_queries(Xapian::Database((dir / "db").string()));
  }

  TEST_CASE("several databases searched as one count the same") {
    const article_search::testing::TempDir dir;
    fill((dir / "a").string(), 1, 700);
    fill((dir / "b").string(), 5000, 900);
    Xapian::Database both((dir / "a").string());
    both.add_database(Xapian::Database((dir / "b").string()));
    check_queries(both);
  }

  TEST_CASE("equal counts are listed by value, and values past `most` are cut") {
    const article_search::testing::TempDir dir;
    fill((dir / "db").string(), 1, 140);
    const Xapian::Database db((dir / "db").string());
    ValueCounter counter(db, slot);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("all"));
    enquire.add_matchspy(&counter);
    enquire.get_mset(0, 0, db.get_doccount());
    const auto top = counter.top_values(7);
    REQUIRE(top.size() == 7);
    for (std::size_t i = 1; i < top.size(); ++i) {
      CHECK((top[i - 1].count > top[i].count ||
             (top[i - 1].count == top[i].count && top[i - 1].value < top[i].value)));
    }
    CHECK(counter.top_values(2).size() == 2);
  }
}
