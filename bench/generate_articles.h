/// @file Synthetic news articles with a Zipf-like word distribution, for growth benchmarks.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace article_search::bench {

/// One generated article, written as a .txt file the indexer's parser reads: a headline,
/// a "Published:" date line and paragraphs.
struct SyntheticArticle {
  std::string source;  ///< top-level folder: the collection name
  std::string name;    ///< file name below it
  std::string text;
};

/// Draws words by rank with probability proportional to 1 / (rank + 2.7) (Zipf-Mandelbrot,
/// as word frequencies in English text follow): two words in five from English function
/// words, shared by every article, the rest from the word list (shuffled by the seed) in
/// an order of the article's topic. Most articles have a topic of their own; the rest
/// (`event_share`) report one of `events` events, each with a date of its own: its reports
/// share their frequent words and fall within a few days of each other, as reports of one
/// event do, so grouping finds stories of a few articles among many alone (one topic for
/// every article made the whole corpus one story).
class ArticleGenerator {
 public:
  ArticleGenerator(std::vector<std::string> words, std::uint64_t seed,
                   std::size_t mean_body_bytes, std::size_t events = 10'000,
                   double event_share = 0.3);
  SyntheticArticle next(std::size_t number);

 private:
  /// A word of the topic: a function word, or a rank drawn by Zipf mapped through the
  /// topic's order of the word list.
  const std::string& word(std::uint64_t topic);
  std::size_t rank(const std::vector<double>& cumulative);
  static std::vector<double> zipf(std::size_t ranks);
  std::string sentence(std::uint64_t topic, std::size_t min_words, std::size_t max_words,
                       bool headline);

  std::vector<std::string> words_;
  std::vector<double> cumulative_, function_cumulative_;
  std::mt19937_64 random_;
  std::size_t mean_body_bytes_;
  std::size_t events_;
  double event_share_;
  std::size_t order_modulus_;  ///< the largest prime <= the word count: the topic orders
};

/// The words of a word list file (one a line) made of ASCII letters only, lowercased
/// unless proper nouns; possessives and accented forms are dropped.
std::vector<std::string> read_word_list(const std::string& path);

}  // namespace article_search::bench
