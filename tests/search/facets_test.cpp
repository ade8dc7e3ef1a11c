/// @file ValueCounter against Xapian's own ValueCountMatchSpy, both on the same searches;
/// list and folded fields split and merged, locally and as over remote shards.
#include "facets.h"

#include "document.h"
#include "schema.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {
using article_search::search::FacetValue;
using article_search::search::SlotFacet;
using article_search::search::ValueCounter;
namespace sc = article_search::schema;

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


const sc::FilterField& field_named(std::string_view name) {
  const sc::FilterField* field = sc::filter_field(name);
  REQUIRE(field != nullptr);
  return *field;
}

/// Articles with authors, tags, sections and languages in several spellings, indexed by
/// the indexer's own document builder; all but the last share the word "storm".
Xapian::Database news_database(const std::filesystem::path& path) {
  struct Row {
    std::vector<std::string> authors, tags;
    std::string section, language;
  };
  const std::vector<Row> rows = {
      {{"Jane Doe", "John Roe"}, {"weather", "Floods"}, "World", "en"},
      {{"jane doe"}, {"floods"}, "world", "EN"},
      {{"Jane Doe", "Ann Lee"}, {"Weather"}, "Business", "fr"},
      {{}, {}, "", ""},
      {{"Ann Lee"}, {"weather", "rail"}, "World", "en"},
  };
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  Xapian::TermGenerator generator = article_search::make_term_generator(nullptr);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    article_search::Article article;
    article.id = "n" + std::to_string(i);
    article.title = i + 1 < rows.size() ? "Storm report" : "Calm report";
    article.body = article.title;
    article.source = "wire";
    article.authors = rows[i].authors;
    article.tags = rows[i].tags;
    article.section = rows[i].section;
    article.language = rows[i].language;
    db.add_document(article_search::make_document(article, generator));
  }
  db.commit();
  return Xapian::Database(path.string());
}

/// The facet of `name` over the documents matching `query`, counted with custom spies
/// (the local ValueCounter) or with Xapian's own (as over remote shards).
std::vector<std::pair<std::string, Xapian::doccount>> facet_of(const Xapian::Database& db,
                                                               std::string_view name,
                                                               const Xapian::Query& query,
                                                               bool custom_spies) {
  SlotFacet facet(db, field_named(name), custom_spies);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.add_matchspy(&facet.spy());
  enquire.get_mset(0, 10, db.get_doccount());
  return pairs(facet.top_values(50));
}

using Counts = std::vector<std::pair<std::string, Xapian::doccount>>;

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

  TEST_CASE("a list field counts each of its values once per article") {
    const sc::FilterField& tag = field_named("tag");
    const article_search::search::SlotCounts counts = {
        {"rail\nweather", 2}, {"weather", 3}, {"floods\nrail\nfloods", 1}};
    CHECK(pairs(article_search::search::field_facet(tag, counts, 50)) ==
          Counts{{"weather", 5}, {"rail", 3}, {"floods", 1}});
    CHECK(pairs(article_search::search::field_facet(tag, counts, 1)) == Counts{{"weather", 5}});
  }

  TEST_CASE("a folded field counts case variants together, in their most frequent spelling") {
    const sc::FilterField& author = field_named("author");
    const article_search::search::SlotCounts counts = {
        {"JANE DOE", 1}, {"Jane Doe", 2}, {"jane doe\nJane Doe", 1}, {"Ann Lee", 1}};
    // The last article names her twice, in two spellings: it counts once, under the first.
    CHECK(pairs(article_search::search::field_facet(author, counts, 50)) ==
          Counts{{"Jane Doe", 4}, {"Ann Lee", 1}});
    // Of spellings seen equally often, the first in byte order: the same on every layout.
    const article_search::search::SlotCounts tie = {{"world", 2}, {"World", 2}};
    CHECK(pairs(article_search::search::field_facet(field_named("section"), tie, 50)) ==
          Counts{{"World", 4}});
  }

  TEST_CASE("a field neither listed nor folded keeps every value as it is") {
    const article_search::search::SlotCounts counts = {{"wire", 2}, {"Wire", 1}};
    CHECK(pairs(article_search::search::field_facet(field_named("source"), counts, 50)) ==
          Counts{{"wire", 2}, {"Wire", 1}});
  }

  TEST_CASE("news fields are counted alike by the local counter and Xapian's spy") {
    const article_search::testing::TempDir dir;
    const Xapian::Database db = news_database(dir / "db");
    const Xapian::Query storm("storm");
    for (const bool custom_spies : {true, false}) {
      CAPTURE(custom_spies);
      CHECK(facet_of(db, "author", storm, custom_spies) ==
            Counts{{"Jane Doe", 3}, {"Ann Lee", 1}, {"John Roe", 1}});
      // Spellings seen equally often: the first in byte order.
      CHECK(facet_of(db, "tag", storm, custom_spies) == Counts{{"Floods", 2}, {"Weather", 2}});
      CHECK(facet_of(db, "section", storm, custom_spies) == Counts{{"World", 2}, {"Business", 1}});
      CHECK(facet_of(db, "language", storm, custom_spies) == Counts{{"EN", 2}, {"fr", 1}});
      CHECK(facet_of(db, "source", storm, custom_spies) == Counts{{"wire", 4}});
      // Every article: the last one adds Ann Lee and a tag of its own.
      const Xapian::Query all{std::string()};
      CHECK(facet_of(db, "author", all, custom_spies) ==
            Counts{{"Jane Doe", 3}, {"Ann Lee", 2}, {"John Roe", 1}});
      CHECK(facet_of(db, "tag", all, custom_spies) ==
            Counts{{"weather", 3}, {"Floods", 2}, {"rail", 1}});
    }
  }
}
