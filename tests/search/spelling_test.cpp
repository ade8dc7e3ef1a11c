/// @file "Did you mean" over a small real database: when a word is looked up at all.
#include "spelling.h"

#include "schema.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <string>

namespace {
using article_search::search::did_you_mean;
using article_search::search::Typing;

/// 30 articles about the government, one with a misspelling, two with another, 10 about a
/// budget.
Xapian::Database spelling_db(const article_search::testing::TempDir& dir) {
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(article_search::schema::stem_language));
  generator.set_stemming_strategy(article_search::schema::index_stemming);
  generator.set_database(db);
  generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  const auto add = [&](const std::string& text, int copies) {
    for (int i = 0; i < copies; ++i) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text);
      db.add_document(doc);
    }
  };
  add("the government said", 30);
  add("the goverment said", 1);
  add("a budget", 10);
  add("the governmnet said", 2);
  db.commit();
  return Xapian::Database((dir / "db").string());
}

}  // namespace

TEST_SUITE("did_you_mean") {
  TEST_CASE("a rare word is corrected when the query found few articles, not many") {
    const article_search::testing::TempDir dir;
    const Xapian::Database db = spelling_db(dir);
    REQUIRE(db.get_doccount() == 43);
    const auto few = did_you_mean(db, "goverment budget", 4);
    REQUIRE(few.has_value());
    CHECK(few->q == "government budget");
    CHECK(few->html == "<mark>government</mark> budget");
    CHECK_FALSE(did_you_mean(db, "goverment budget", 11).has_value());
  }

  TEST_CASE("a present word in more than one article in a thousand is no typo") {
    const article_search::testing::TempDir dir;
    const Xapian::Database db = spelling_db(dir);
    // `governmnet` is in 2 of 43 articles (a thousandth of 43 rounds to none, so one is the
    // most a typo may have): left alone, though `government` is 15 times as frequent.
    CHECK_FALSE(did_you_mean(db, "governmnet budget", 2).has_value());
    const auto absent = did_you_mean(db, "governmnt budget", 2);
    REQUIRE(absent.has_value());
    CHECK(absent->q == "government budget");
  }

  TEST_CASE("a word absent from the index is corrected however many articles matched") {
    const article_search::testing::TempDir dir;
    const Xapian::Database db = spelling_db(dir);
    const auto corrected = did_you_mean(db, "govrnment budget", 11);
    REQUIRE(corrected.has_value());
    CHECK(corrected->q == "government budget");
    CHECK_FALSE(did_you_mean(db, "government budget", 0).has_value());
  }

  TEST_CASE("search as you type: a half-typed last word is left alone, a misspelt one is not") {
    const article_search::testing::TempDir dir;
    const Xapian::Database db = spelling_db(dir);
    // `budge` is a word of its own, one edit from `budget`: corrected when finished...
    const auto finished = did_you_mean(db, "said budge", 0);
    REQUIRE(finished.has_value());
    CHECK(finished->q == "said budget");
    // ...but while typed, it is on its way to `budget`.
    CHECK_FALSE(did_you_mean(db, "said budge", 0, Typing::partial).has_value());
    const auto typed_wrong = did_you_mean(db, "budget govrnment", 0, Typing::partial);
    REQUIRE(typed_wrong.has_value());
    CHECK(typed_wrong->q == "budget government");
    // Only the last word is being typed: an earlier one is corrected as usual.
    const auto earlier = did_you_mean(db, "govrnment bud", 0, Typing::partial);
    REQUIRE(earlier.has_value());
    CHECK(earlier->q == "government bud");
  }
}
