/// @file Synthetic news articles with a Zipf-like word distribution, for growth benchmarks.
#include "generate_articles.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <unordered_set>

namespace article_search::bench {
namespace {

constexpr const char* sources[] = {"world", "business", "science", "sport", "culture"};

bool ascii_word(const std::string& word) {
  if (word.empty() || word.size() > 20) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

}  // namespace

std::vector<std::string> read_word_list(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read word list " + path);
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  std::string line;
  for (std::size_t count = 0; count < 10'000'000 && std::getline(in, line); ++count) {
    if (ascii_word(line) && seen.insert(line).second) words.push_back(line);
  }
  if (words.size() < 100) throw std::runtime_error("word list " + path + " has too few words");
  return words;
}

ArticleGenerator::ArticleGenerator(std::vector<std::string> words, std::uint64_t seed,
                                   std::size_t mean_body_bytes)
    : words_(std::move(words)), random_(seed), mean_body_bytes_(mean_body_bytes) {
  std::shuffle(words_.begin(), words_.end(), random_);
  cumulative_.reserve(words_.size());
  double total = 0;
  for (std::size_t rank = 0; rank < words_.size(); ++rank) {
    total += 1.0 / (static_cast<double>(rank) + 2.7);
    cumulative_.push_back(total);
  }
}

const std::string& ArticleGenerator::word() {
  std::uniform_real_distribution<double> pick(0, cumulative_.back());
  const auto at = std::lower_bound(cumulative_.begin(), cumulative_.end(), pick(random_));
  return words_[std::min<std::size_t>(at - cumulative_.begin(), words_.size() - 1)];
}

std::string ArticleGenerator::sentence(std::size_t min_words, std::size_t max_words,
                                       bool headline) {
  std::uniform_int_distribution<std::size_t> length(min_words, max_words);
  const std::size_t count = length(random_);
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) text += ' ';
    text += word();
  }
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  if (!headline) text += '.';
  return text;
}

SyntheticArticle ArticleGenerator::next(std::size_t number) {
  std::uniform_int_distribution<int> year(2000, 2024), month(1, 12), day(1, 28);
  std::uniform_int_distribution<std::size_t> size(mean_body_bytes_ / 2, mean_body_bytes_ * 3 / 2);
  SyntheticArticle article;
  article.source = sources[number % std::size(sources)];
  char name[32];
  std::snprintf(name, sizeof name, "%07zu.txt", number);
  article.name = name;
  char date[32];
  std::snprintf(date, sizeof date, "Published: %04d-%02d-%02d", year(random_), month(random_),
                day(random_));
  article.text = sentence(4, 9, /*headline=*/true) + "\n" + date + "\n\n";
  const std::size_t target = size(random_);
  std::size_t body = 0;
  for (std::size_t paragraph = 0; body < target && paragraph < 1000; ++paragraph) {
    std::string text;
    for (int s = 0; s < 5 && body + text.size() < target; ++s) {
      if (s > 0) text += ' ';
      text += sentence(6, 22, false);
    }
    body += text.size();
    article.text += text + "\n\n";
  }
  return article;
}

}  // namespace article_search::bench
