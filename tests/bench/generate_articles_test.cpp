/// @file The synthetic article generator: deterministic, Zipf-like, parseable articles.
#include "generate_articles.h"

#include "article_text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace article_search;

namespace {
std::vector<std::string> words() {
  std::vector<std::string> list;
  for (int i = 0; i < 500; ++i) list.push_back("word" + std::string(1, static_cast<char>('a' + i % 26)) + std::to_string(i));
  return list;
}
/// Lowercase alphanumeric tokens of `text`, counted.
std::map<std::string, int> word_counts(const std::string& text) {
  std::map<std::string, int> counts;
  std::string token;
  for (char ch : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      token += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    } else if (!token.empty()) {
      ++counts[token];
      token.clear();
    }
  }
  return counts;
}

/// The ten most frequent words of the list (those starting "word").
std::set<std::string> top_words(const std::string& text) {
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& [word, n] : word_counts(text)) {
    if (word.rfind("word", 0) == 0) ranked.emplace_back(-n, word);
  }
  std::sort(ranked.begin(), ranked.end());
  std::set<std::string> top;
  for (std::size_t i = 0; i < 10 && i < ranked.size(); ++i) top.insert(ranked[i].second);
  return top;
}

std::size_t shared(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t n = 0;
  for (const auto& word : a) n += b.count(word);
  return n;
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
    // One long article: its words follow its topic's order.
    bench::ArticleGenerator generator(words(), 3, 60000, 1, 0.0);
    std::map<std::string, int> counts;
    for (const auto& [word, n] : word_counts(generator.next(0).text)) {
      if (word.rfind("word", 0) == 0) counts[word] = n;
    }
    std::vector<int> sorted;
    for (const auto& [word, n] : counts) sorted.push_back(n);
    std::sort(sorted.rbegin(), sorted.rend());
    REQUIRE(sorted.size() > 100);
    // Zipf: the top word is far more frequent than the 10th, which beats the 100th.
    CHECK(sorted[0] > 3 * sorted[9]);
    CHECK(sorted[9] > 3 * sorted[99]);
  }

  TEST_CASE("reports of one event share their frequent words and dates; lone articles do not") {
    bench::ArticleGenerator events(words(), 5, 6000, 1, 1.0);  // every article reports event 0
    const auto a = events.next(0), b = events.next(1);
    CHECK(shared(top_words(a.text), top_words(b.text)) >= 5);
    const auto day_of = [](const std::string& text) {
      return std::stoi(parse_article_text(text).date.substr(8, 2));
    };
    CHECK(parse_article_text(a.text).date.substr(0, 7) == parse_article_text(b.text).date.substr(0, 7));
    CHECK(std::abs(day_of(a.text) - day_of(b.text)) <= 6);

    bench::ArticleGenerator alone(words(), 5, 6000, 1, 0.0);
    const auto c = alone.next(0), d = alone.next(1);
    CHECK(shared(top_words(c.text), top_words(d.text)) <= 2);
    // Function words are every article's, alone or not.
    CHECK(word_counts(c.text).at("the") > 10);
    CHECK(word_counts(d.text).at("the") > 10);
  }
}
