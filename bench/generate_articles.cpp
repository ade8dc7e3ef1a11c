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

namespace {

/// English function words, two in five of every article's words (the words the keyword
/// and stopword lists leave out).
constexpr const char* function_words[] = {
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "it", "with", "as",
    "by", "at", "from", "this", "be", "are", "have", "has", "had", "were", "which", "but",
    "their", "they", "an", "or", "its", "will", "would", "there", "when", "into", "such",
    "then", "these", "who", "what", "where", "if", "how", "did", "does", "do", "why"};

bool is_prime(std::size_t n) {
  if (n < 2) return false;
  for (std::size_t d = 2; d * d <= n; ++d) {
    if (n % d == 0) return false;
  }
  return true;
}

/// A 64-bit mix (splitmix64's finaliser): the topic's order and an event's date.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

ArticleGenerator::ArticleGenerator(std::vector<std::string> words, std::uint64_t seed,
                                   std::size_t mean_body_bytes, std::size_t events,
                                   double event_share)
    : words_(std::move(words)), random_(seed), mean_body_bytes_(mean_body_bytes),
      events_(std::max<std::size_t>(events, 1)), event_share_(event_share) {
  std::shuffle(words_.begin(), words_.end(), random_);
  order_modulus_ = words_.size();
  while (order_modulus_ > 2 && !is_prime(order_modulus_)) --order_modulus_;
  cumulative_ = zipf(order_modulus_);
  function_cumulative_ = zipf(std::size(function_words));
}

std::vector<double> ArticleGenerator::zipf(std::size_t ranks) {
  std::vector<double> cumulative;
  cumulative.reserve(ranks);
  double total = 0;
  for (std::size_t rank = 0; rank < ranks; ++rank) {
    total += 1.0 / (static_cast<double>(rank) + 2.7);
    cumulative.push_back(total);
  }
  return cumulative;
}

std::size_t ArticleGenerator::rank(const std::vector<double>& cumulative) {
  std::uniform_real_distribution<double> pick(0, cumulative.back());
  const auto at = std::lower_bound(cumulative.begin(), cumulative.end(), pick(random_));
  return std::min<std::size_t>(static_cast<std::size_t>(at - cumulative.begin()), cumulative.size() - 1);
}

const std::string& ArticleGenerator::word(std::uint64_t topic) {
  static const std::vector<std::string> shared(std::begin(function_words), std::end(function_words));
  // About two words in five of English prose are function words.
  std::uniform_real_distribution<double> share(0, 1);
  if (share(random_) < 0.4) return shared[rank(function_cumulative_)];
  // The topic's order of the word list: rank r is word (a r + b) mod p, a bijection of
  // 0..p-1 for a prime p and a not divisible by it.
  const std::uint64_t h = mix(topic);
  const std::uint64_t a = 1 + h % (order_modulus_ - 1), b = (h >> 32) % order_modulus_;
  return words_[(a * rank(cumulative_) + b) % order_modulus_];
}

std::string ArticleGenerator::sentence(std::uint64_t topic, std::size_t min_words,
                                       std::size_t max_words, bool headline) {
  std::uniform_int_distribution<std::size_t> length(min_words, max_words);
  const std::size_t count = length(random_);
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) text += ' ';
    text += word(topic);
  }
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  if (!headline) text += '.';
  return text;
}

SyntheticArticle ArticleGenerator::next(std::size_t number) {
  std::uniform_int_distribution<int> year(2000, 2024), month(1, 12), day(1, 28);
  std::uniform_int_distribution<std::size_t> size(mean_body_bytes_ / 2, mean_body_bytes_ * 3 / 2);
  std::uniform_real_distribution<double> share(0, 1);
  std::uniform_int_distribution<std::size_t> event(0, events_ - 1);
  SyntheticArticle article;
  article.source = sources[number % std::size(sources)];
  char name[32];
  std::snprintf(name, sizeof name, "%07zu.txt", number);
  article.name = name;
  // An event's topic is its number; a lone article's, one past every event.
  std::uint64_t topic = events_ + number;
  int y = year(random_), m = month(random_), d = day(random_);
  if (share(random_) < event_share_) {
    topic = event(random_);
    const std::uint64_t h = mix(~topic);
    y = 2000 + static_cast<int>(h % 25);
    m = 1 + static_cast<int>((h >> 8) % 12);
    // Within 3 days of the event's day, in its month: its reports are one story.
    d = std::clamp(4 + static_cast<int>((h >> 16) % 21) + (d % 7) - 3, 1, 28);
  }
  char date[32];
  std::snprintf(date, sizeof date, "Published: %04d-%02d-%02d", y, m, d);
  article.text = sentence(topic, 4, 9, /*headline=*/true) + "\n" + date + "\n\n";
  const std::size_t target = size(random_);
  std::size_t body = 0;
  for (std::size_t paragraph = 0; body < target && paragraph < 1000; ++paragraph) {
    std::string text;
    for (int s = 0; s < 5 && body + text.size() < target; ++s) {
      if (s > 0) text += ' ';
      text += sentence(topic, 6, 22, false);
    }
    body += text.size();
    article.text += text + "\n\n";
  }
  return article;
}

}  // namespace article_search::bench
