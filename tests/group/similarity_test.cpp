/// @file Copy and story decisions on realistic reports: a copy with a dateline, a
/// trimmed paragraph or a credit line is a copy; an unrelated report is not; stories need
/// alike keywords and, when both are dated, dates within the window.
#include "similarity.h"

#include "articles.h"

#include <doctest/doctest.h>

#include <string>

using namespace article_search;
using namespace article_search::group;

namespace {

Fingerprint features_of(const Article& article) { return fingerprint(article); }

/// The base report with its words in reverse order: the same keywords, not a copy.
Article reworded(const Article& base) {
  Article article = base;
  article.id = base.id + "-reworded";
  article.body = group_test::reversed_words(base.body);
  return article;
}

Article dated(Article article, const std::string& date) {
  article.date = date;
  return article;
}

void check_copy(const Fingerprint& original, const Fingerprint& copy) {
  CHECK(copy_score(original, copy) >= copy_threshold);
  CHECK(copy_score(copy, original) == doctest::Approx(copy_score(original, copy)));
  CHECK(is_copy(original, copy));
  CHECK(is_copy(copy, original));
  CHECK(same_story(original, copy));
  CHECK(same_story(copy, original));
}

}  // namespace

TEST_SUITE("group") {
  TEST_CASE("an article is a copy of itself") {
    const Fingerprint a = features_of(group_test::worm_report());
    CHECK(copy_score(a, a) == doctest::Approx(1.0));
    CHECK(is_copy(a, a));
  }

  TEST_CASE("a copy with a dateline added is a copy") {
    const Article base = group_test::worm_report();
    Article copy = base;
    copy.body = "LONDON (Reuters) - " + base.body;
    REQUIRE(copy.body != base.body);
    const Fingerprint a = features_of(base), b = features_of(copy);
    REQUIRE(b.shingles == a.shingles + 2);  // "london reuters security firm", "reuters security firm kaspersky"
    check_copy(a, b);
  }

  TEST_CASE("a copy with the last of five paragraphs cut is a copy") {
    const Article base = group_test::worm_report();
    REQUIRE(group_test::worm_paragraphs().size() == 5);
    Article copy = base;
    copy.body = group_test::join_paragraphs(group_test::worm_paragraphs(), 4);
    const Fingerprint a = features_of(base), b = features_of(copy);
    REQUIRE(b.shingles < a.shingles);
    REQUIRE(b.shingles * 10 < a.shingles * 9);  // a real cut, not a word or two
    check_copy(a, b);
    // Containment of the smaller body, not Jaccard: all of the trimmed copy is in the
    // original (Jaccard would be about 0.8).
    CHECK(copy_score(a, b) > 0.95);
  }

  TEST_CASE("a copy with a credit line appended is a copy") {
    const Article base = group_test::worm_report();
    Article copy = base;
    copy.body = base.body +
                "\n\n(Reporting by Jane Barrett in London and Andrei Petrov in Moscow; Editing by "
                "Mark Potter)";
    const Fingerprint a = features_of(base), b = features_of(copy);
    REQUIRE(b.shingles > a.shingles);
    check_copy(a, b);
  }

  TEST_CASE("a copy with a dateline and a cut and a credit line is still a copy") {
    const Article base = group_test::worm_report();
    Article copy = base;
    copy.title = "UPDATE 1-" + base.title;
    copy.body = "MOSCOW, May 10 (Reuters) - " +
                group_test::join_paragraphs(group_test::worm_paragraphs(), 4) +
                "\n\n(Reporting by Andrei Petrov; Editing by Mark Potter)";
    check_copy(features_of(base), features_of(copy));
  }

  TEST_CASE("an unrelated article of similar length is far from a copy or the same story") {
    const Fingerprint a = features_of(group_test::worm_report());
    const Fingerprint b = features_of(group_test::cup_report());
    const double shorter = std::min(a.shingles, b.shingles), longer = std::max(a.shingles, b.shingles);
    REQUIRE(shorter / longer > 0.8);  // similar length
    CHECK(copy_score(a, b) < 0.2);
    CHECK(copy_score(b, a) < 0.2);
    CHECK_FALSE(is_copy(a, b));
    CHECK_FALSE(is_copy(b, a));
    CHECK(story_score(a, b) < story_threshold / 2);
    CHECK_FALSE(same_story(a, b));
    CHECK_FALSE(same_story(b, a));
  }

  TEST_CASE("a body too short to compare is nobody's copy") {
    Article short_article = group_test::worm_report();
    short_article.body = "Kaspersky warns";
    const Fingerprint a = features_of(group_test::worm_report()), b = features_of(short_article);
    REQUIRE(b.shingles == 0);
    CHECK(copy_score(a, b) == 0);
    CHECK(copy_score(b, b) == 0);
    CHECK_FALSE(is_copy(b, b));
  }

  TEST_CASE("story_score is 1 for identical keywords and symmetric") {
    const Article base = group_test::worm_report();
    const Fingerprint a = features_of(base);
    const Fingerprint r = features_of(reworded(base));
    REQUIRE(r.keywords == a.keywords);  // the same words, in another order
    CHECK(story_score(a, a) == doctest::Approx(1.0));
    CHECK(story_score(a, r) == doctest::Approx(1.0));

    Article trimmed = base;
    trimmed.body = group_test::join_paragraphs(group_test::worm_paragraphs(), 2);
    const Fingerprint t = features_of(trimmed);
    const Fingerprint c = features_of(group_test::cup_report());
    for (const auto& [x, y] : {std::pair{&a, &t}, std::pair{&a, &c}, std::pair{&t, &c}}) {
      CHECK(story_score(*x, *y) == doctest::Approx(story_score(*y, *x)));
      CHECK(story_score(*x, *y) >= 0);
      CHECK(story_score(*x, *y) <= 1.0 + 1e-9);
    }
    CHECK(story_score(a, t) > story_score(a, c));
    CHECK(story_score(a, t) < 1.0);

    const Fingerprint none;
    CHECK(story_score(a, none) == 0);
    CHECK(story_score(none, none) == 0);
  }

  TEST_CASE("same keywords but not a copy: one story within the window only") {
    const Article base = group_test::worm_report();
    const Article other = reworded(base);
    {
      const Fingerprint a = features_of(dated(base, "2005-05-10"));
      const Fingerprint b = features_of(dated(other, "2005-05-10"));
      REQUIRE_FALSE(is_copy(a, b));
      REQUIRE(copy_score(a, b) < 0.2);
      REQUIRE(story_score(a, b) == doctest::Approx(1.0));
      CHECK(same_story(a, b));
      CHECK(same_story(b, a));
      CHECK_FALSE(same_story(a, b, 1.01));  // the threshold is honoured
    }
    {
      // Seven days apart: still in the window.
      const Fingerprint a = features_of(dated(base, "2005-05-10"));
      const Fingerprint b = features_of(dated(other, "2005-05-17"));
      CHECK(same_story(a, b));
      CHECK(same_story(b, a));
    }
    {
      // Eight days apart, across a month's end: never one story.
      const Fingerprint a = features_of(dated(base, "2005-05-28"));
      const Fingerprint b = features_of(dated(other, "2005-06-05"));
      REQUIRE(b.day - a.day == 8);
      CHECK_FALSE(same_story(a, b));
      CHECK_FALSE(same_story(b, a));
    }
    {
      // Before 1970 too (day numbers below zero are dates, not "undated"): TIME, 1963.
      const Fingerprint a = features_of(dated(base, "1963-03-01"));
      const Fingerprint b = features_of(dated(other, "1963-03-20"));
      REQUIRE(a.day < 0);
      CHECK_FALSE(same_story(a, b));
      CHECK(same_story(a, features_of(dated(other, "1963-03-05"))));
      CHECK(features_of(dated(base, "1969-12-31")).day == -1);
    }
    {
      // A dated and an undated article may be one story, however far the date.
      const Fingerprint a = features_of(dated(base, "2005-05-10"));
      const Fingerprint b = features_of(dated(other, ""));
      REQUIRE(b.day == undated);
      CHECK(same_story(a, b));
      CHECK(same_story(b, a));
      const Fingerprint c = features_of(dated(base, ""));
      CHECK(same_story(b, c));
    }
  }

  TEST_CASE("copies are the same story whatever their dates") {
    const Article base = group_test::worm_report();
    Article copy = dated(base, "2005-08-01");
    copy.body = "LONDON (Reuters) - " + base.body;
    const Fingerprint a = features_of(dated(base, "2005-05-10"));
    const Fingerprint b = features_of(copy);
    REQUIRE(b.day - a.day > story_window_days);
    REQUIRE(is_copy(a, b));
    CHECK(same_story(a, b));
    CHECK(same_story(b, a));
    CHECK(same_story(a, b, 2.0));  // copies do not need alike keywords
  }

  TEST_CASE("an unrelated article on the same day is not the same story") {
    const Fingerprint a = features_of(dated(group_test::worm_report(), "2005-05-10"));
    const Fingerprint b = features_of(dated(group_test::cup_report(), "2005-05-10"));
    CHECK_FALSE(same_story(a, b));
  }
}
