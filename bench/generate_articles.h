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
/// as word frequencies in English text follow), from a word list shuffled by the seed.
class ArticleGenerator {
 public:
  ArticleGenerator(std::vector<std::string> words, std::uint64_t seed,
                   std::size_t mean_body_bytes);
  SyntheticArticle next(std::size_t number);

 private:
  const std::string& word();
  std::string sentence(std::size_t min_words, std::size_t max_words, bool headline);

  std::vector<std::string> words_;
  std::vector<double> cumulative_;
  std::mt19937_64 random_;
  std::size_t mean_body_bytes_;
};

/// The words of a word list file (one a line) made of ASCII letters only, lowercased
/// unless proper nouns; possessives and accented forms are dropped.
std::vector<std::string> read_word_list(const std::string& path);

}  // namespace article_search::bench
