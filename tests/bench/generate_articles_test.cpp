/// @file The synthetic article generator: deterministic, Zipf-like, parseable articles.
#include "generate_articles.h"

#include "article_text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>

using namespace article_search;

namespace {
std::vector<std::string> words() {
  std::vector<std::string> list;
  for (int i = 0; i < 500; ++i) list.push_back("word" + std::string(1, static_cast<char>('a' + i % 26)) + std::to_string(i));
  return list;
}
}  // namespace

TEST_SUITE("generate articles") {
  TEST_CASE("the same seed gives the same articles, another seed others") {
    bench::ArticleGenerator a(words(), 7, 2000), b(words(), 7, 2000), c(words(), 8, 2000);
    const auto first = a.next(0);
    CHECK(first.text == b.next(0).text);
    CHECK(first.text != c.next(0).text);
  }

  TEST_CASE("articles parse into a headline, a date and a body near the mean size") {
    bench::ArticleGenerator generator(words(), 1, 3000);
    for (std::size_t i = 0; i < 20; ++i) {
      const auto article = generator.next(i);
      const auto parsed = parse_article_text(article.text);
      CHECK_FALSE(parsed.title_derived);
      CHECK(parsed.date.size() == 10);
      CHECK(parsed.body.size() >= 1500);
      CHECK(parsed.body.size() <= 4500 + 300);
    }
  }

  TEST_CASE("word frequencies fall with rank, as in Zipf's law") {
    bench::ArticleGenerator generator(words(), 3, 6000);
    std::map<std::string, int> counts;
    for (std::size_t i = 0; i < 30; ++i) {
      std::string token;
      for (char ch : generator.next(i).text) {
        if (std::isalnum(static_cast<unsigned char>(ch))) {
          token += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        } else if (!token.empty()) {
          ++counts[token];
          token.clear();
        }
      }
    }
    std::vector<int> sorted;
    for (const auto& [word, n] : counts) if (word.rfind("word", 0) == 0) sorted.push_back(n);
    std::sort(sorted.rbegin(), sorted.rend());
    REQUIRE(sorted.size() > 100);
    // Zipf: the top word is far more frequent than the 10th, which beats the 100th.
    CHECK(sorted[0] > 3 * sorted[9]);
    CHECK(sorted[9] > 3 * sorted[99]);
  }
}
