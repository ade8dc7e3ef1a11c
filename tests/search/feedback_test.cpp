/// @file RM3-style pseudo-relevance feedback: the relevance model computed by hand, the
/// term filter, and an expanded query finding a document the original query misses.
#include "feedback.h"

#include <doctest/doctest.h>

#include <string>

namespace {
using namespace article_search::search;

/// 50 documents: three about volcanoes, one about magma only, the rest unrelated.
Xapian::WritableDatabase volcano_db() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  const auto add = [&](const std::string& text) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text);
    db.add_document(doc);
  };
  for (int i = 0; i < 3; ++i) add("volcano lava magma crater volcano " + std::to_string(i));
  add("magma lava crater below the island");  // document 4: no "volcano"
  for (int i = 0; i < 46; ++i) add("the market report number " + std::to_string(i) + " of the day");
  return db;
}

std::vector<Xapian::docid> ranked(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::vector<Xapian::docid> ids;
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
  return ids;
}

/// The three best documents for `query`: the feedback documents of the tests.
Xapian::MSet top_three(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, 3);
}

}  // namespace

TEST_SUITE("pseudo-relevance feedback") {
  TEST_CASE("the relevance model weighs each document's term share by its score share") {
    // A: score 3 of 4, length 10; B: score 1 of 4, length 4 (its other words unusable).
    const std::vector<FeedbackDoc> docs = {{3.0, 10, {{"x", 5}, {"y", 5}}},
                                           {1.0, 4, {{"y", 1}, {"z", 2}}}};
    // x = .75 * 5/10 = .375; y = .75 * 5/10 + .25 * 1/4 = .4375; z = .25 * 2/4 = .125.
    const std::vector<WeightedTerm> all = relevance_model(docs, 10);
    REQUIRE(all.size() == 3);
    CHECK(all[0].term == "y");
    CHECK(all[1].term == "x");
    CHECK(all[2].term == "z");
    CHECK(all[0].weight == doctest::Approx(0.4375 / 0.9375));
    CHECK(all[2].weight == doctest::Approx(0.125 / 0.9375));
    // Keeping two terms renormalises over those two.
    const std::vector<WeightedTerm> two = relevance_model(docs, 2);
    REQUIRE(two.size() == 2);
    CHECK(two[0].weight == doctest::Approx(0.4375 / 0.8125));
    CHECK(two[1].weight == doctest::Approx(0.375 / 0.8125));
  }

  TEST_CASE("no positive score or no term gives no model") {
    CHECK(relevance_model({{0.0, 10, {{"x", 5}}}}, 10).empty());
    CHECK(relevance_model({{2.0, 0, {}}}, 10).empty());
    CHECK(relevance_model({}, 10).empty());
  }

  TEST_CASE("expansion terms are free text, 2 to 20 bytes, in at most a tenth of the documents") {
    CHECK(usable_expansion_term("magma", 10, 100));
    CHECK_FALSE(usable_expansion_term("magma", 11, 100));
    CHECK_FALSE(usable_expansion_term("Smagma", 1, 100));
    CHECK_FALSE(usable_expansion_term("x", 1, 100));
    CHECK_FALSE(usable_expansion_term(std::string(21, 'x'), 1, 100));
    CHECK_FALSE(usable_expansion_term("magma", 0, 0));
  }

  TEST_CASE("the expanded query finds a document sharing the feedback documents' words") {
    const Xapian::WritableDatabase db = volcano_db();
    const Xapian::Query query("volcano");
    const Xapian::MSet top = top_three(db, query);
    RankingConfig config;
    config.prf_docs = 3;
    config.prf_terms = 5;
    config.prf_original_weight = 0.7;
    const std::vector<Xapian::docid> before = ranked(db, query);
    const std::vector<Xapian::docid> after = ranked(db, expand_with_feedback(db, query, top, config));
    CHECK(before.size() == 3);
    REQUIRE(after.size() == 4);
    CHECK(after[3] == 4);  // found through lava, magma, crater; the volcano documents stay first
    // "the" is in every document: never an expansion term.
    CHECK(expand_with_feedback(db, query, top, config).get_description().find("the") == std::string::npos);
  }

  TEST_CASE("switched off, or with nothing to learn from, the query is unchanged") {
    const Xapian::WritableDatabase db = volcano_db();
    const Xapian::Query query("volcano");
    const Xapian::MSet top = top_three(db, query);
    CHECK(expand_with_feedback(db, query, top, default_ranking).get_description() ==
          query.get_description());
    RankingConfig config;
    config.prf_docs = 3;
    Xapian::Enquire none(db);
    none.set_query(Xapian::Query("nothingmatches"));
    CHECK(expand_with_feedback(db, query, none.get_mset(0, 3), config).get_description() ==
          query.get_description());
  }
}
