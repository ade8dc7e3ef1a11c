// The extraction benchmark's scorer, pinned on examples computed by hand (and checked
// against the benchmark's own evaluate.py).
#include "shingle_score.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace article_search::bench;

TEST_CASE("shingle_score: tokens are \\w+ runs, Unicode letters and numbers included") {
  CHECK(word_tokens("Don\xE2\x80\x99t stop\xE2\x80\x94" "2\xC2\xBD caf\xC3\xA9s_x") ==
        std::vector<std::string>{"Don", "t", "stop", "2\xC2\xBD", "caf\xC3\xA9s_x"});
  CHECK(word_tokens("\xD0\x9C\xD0\xB8\xD1\x80, \xE4\xB8\xAD\xE6\x96\x87!") ==
        std::vector<std::string>{"\xD0\x9C\xD0\xB8\xD1\x80", "\xE4\xB8\xAD\xE6\x96\x87"});
  CHECK(word_tokens("a\xFF" "b") == std::vector<std::string>{"a", "b"});  // invalid byte splits
  CHECK(word_tokens(" ,.; ").empty());
}

TEST_CASE("shingle_score: one wrong word costs the shingles that span it") {
  // reference shingles: (a b c d) (b c d e); predicted: (a b c d) (b c d x)
  const PageMatch m = match_shingles("a b c d e", "a b c d x");
  CHECK(m.tp == doctest::Approx(1.0 / 3));
  CHECK(m.fp == doctest::Approx(1.0 / 3));
  CHECK(m.fn == doctest::Approx(1.0 / 3));
  CHECK(page_precision(m) == doctest::Approx(0.5));
  CHECK(page_recall(m) == doctest::Approx(0.5));
}

TEST_CASE("shingle_score: shingles are counted as a multiset, short texts are one shingle") {
  const PageMatch repeated = match_shingles("a a a a a", "a a a a");  // 2 × (a a a a) vs 1
  CHECK(page_precision(repeated) == doctest::Approx(1.0));
  CHECK(page_recall(repeated) == doctest::Approx(0.5));
  const PageMatch short_text = match_shingles("one two", "one, two!");
  CHECK(page_precision(short_text) == 1);
  CHECK(page_recall(short_text) == 1);
  CHECK(page_recall(match_shingles("one two", "one two three")) == 0);  // a different shingle
}

TEST_CASE("shingle_score: pages are averaged as the benchmark averages them") {
  const PageMatch half = match_shingles("a b c d e", "a b c d x");  // P 0.5, R 0.5
  const PageMatch missed = match_shingles("one two", "");           // no precision, R 0
  const PageMatch nothing = match_shingles("", "");                 // right: 1 and 1
  const Scores two = aggregate({half, missed});
  CHECK(two.precision == doctest::Approx(0.5));
  CHECK(two.recall == doctest::Approx(0.25));
  CHECK(two.f1 == doctest::Approx(2 * 0.5 * 0.25 / 0.75));
  const Scores with_empty = aggregate({half, nothing});
  CHECK(with_empty.precision == doctest::Approx(0.75));
  CHECK(with_empty.recall == doctest::Approx(0.75));
  const Scores extra = aggregate({match_shingles("", "spurious text here")});  // no recall
  CHECK(extra.precision == 0);
  CHECK(extra.recall == 0);
}
