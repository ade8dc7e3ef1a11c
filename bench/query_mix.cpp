/// @file The fixed query mix, drawn from a corpus.
#include "query_mix.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace article_search::bench {
namespace {

constexpr const char* kind_names[] = {"word", "words", "phrase", "field", "filter"};

struct Sample {
  std::vector<std::string> title, body;  ///< whitespace-separated tokens; "" where not a plain word
  std::string source;
};

/// A whitespace-separated token as a lowercase word, or "" when it holds anything but
/// ASCII letters (digits, punctuation, accents), so adjacent words are truly adjacent.
std::string plain_word(const std::string& token) {
  std::string word;
  for (char c : token) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c < 'a' || c > 'z') return {};
    word += c;
  }
  return word;
}

std::vector<std::string> tokens(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  std::string token;
  while (in >> token && out.size() < 100'000) out.push_back(plain_word(token));
  return out;
}

struct Stop {};

std::vector<Sample> read_samples(const std::vector<std::string>& inputs, std::size_t max) {
  std::vector<Sample> samples;
  try {
    for (const auto& path : inputs) {
      corpus::read_input(corpus::open_input(path), {}, [&](corpus::Entry&& entry, std::uintmax_t) {
        if (samples.size() >= max) throw Stop{};
        if (const auto* item = std::get_if<corpus::Item>(&entry)) {
          samples.push_back({tokens(item->article.title), tokens(item->article.body),
                             item->article.source});
        }
      });
    }
  } catch (const Stop&) {
  }
  if (samples.empty()) throw std::runtime_error("no articles to draw queries from");
  return samples;
}

class Drawer {
 public:
  Drawer(std::vector<Sample> samples, std::uint64_t seed) : samples_(std::move(samples)), random_(seed) {
    std::unordered_map<std::string, std::size_t> df;
    for (const auto& s : samples_) {
      std::vector<std::string> words = s.body;
      std::sort(words.begin(), words.end());
      words.erase(std::unique(words.begin(), words.end()), words.end());
      for (const auto& w : words) if (w.size() >= 3) ++df[w];
    }
    for (const auto& [word, count] : df) by_frequency_.push_back(word);
    std::sort(by_frequency_.begin(), by_frequency_.end(), [&](const auto& a, const auto& b) {
      return df[a] != df[b] ? df[a] > df[b] : a < b;
    });
    if (by_frequency_.empty()) throw std::runtime_error("no words to draw queries from");
  }

  /// A word at a log-uniform rank: as many common as mid-frequency as rare words.
  std::string ranked_word() {
    std::uniform_real_distribution<double> u(0, std::log(static_cast<double>(by_frequency_.size())));
    const auto rank = static_cast<std::size_t>(std::exp(u(random_))) - 1;
    return by_frequency_[std::min(rank, by_frequency_.size() - 1)];
  }

  const Sample& sample() {
    return samples_[std::uniform_int_distribution<std::size_t>(0, samples_.size() - 1)(random_)];
  }

  /// `n` distinct words of one article (so an AND of them matches at least it).
  std::vector<std::string> cooccurring(std::size_t n) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const Sample& s = sample();
      std::vector<std::string> words;
      for (int tries = 0; tries < 50 && words.size() < n && !s.body.empty(); ++tries) {
        const auto& w = s.body[std::uniform_int_distribution<std::size_t>(0, s.body.size() - 1)(random_)];
        if (w.size() >= 3 && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
      }
      if (words.size() == n) return words;
    }
    return {ranked_word()};
  }

  std::vector<std::string> phrase(std::size_t n) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const Sample& s = sample();
      if (s.body.size() < n) continue;
      std::size_t at = std::uniform_int_distribution<std::size_t>(0, s.body.size() - n)(random_);
      for (; at + n <= s.body.size(); ++at) {
        const auto first = s.body.begin() + static_cast<std::ptrdiff_t>(at);
        if (std::none_of(first, first + static_cast<std::ptrdiff_t>(n), [](const auto& w) { return w.size() < 2; })) {
          return {first, first + static_cast<std::ptrdiff_t>(n)};
        }
      }
    }
    return cooccurring(n);
  }

  Query draw(QueryKind kind) {
    Query q{kind, {}, {}, {}};
    switch (kind) {
      case QueryKind::word: q.words = {ranked_word()}; break;
      case QueryKind::words: q.words = cooccurring(2 + random_() % 2); break;
      case QueryKind::phrase: q.words = phrase(2 + random_() % 2); break;
      case QueryKind::field: {
        q.field = "title";
        for (int attempt = 0; attempt < 100 && q.words.empty(); ++attempt) {
          const Sample& s = sample();
          for (const auto& w : s.title) if (w.size() >= 4) { q.words = {w}; break; }
        }
        if (q.words.empty()) q.words = {ranked_word()};
        break;
      }
      case QueryKind::filter: {
        const Sample& s = sample();
        q.filter_source = s.source;
        q.words = {ranked_word()};
        break;
      }
    }
    return q;
  }

 private:
  std::vector<Sample> samples_;
  std::mt19937_64 random_;
  std::vector<std::string> by_frequency_;
};

// Shares of the mix, in twentieths: 7 one-word, 5 multi-word, 4 phrase, 2 field, 2 filter.
constexpr QueryKind mix_pattern[20] = {
    QueryKind::word,  QueryKind::words, QueryKind::word,   QueryKind::phrase, QueryKind::word,
    QueryKind::field, QueryKind::words, QueryKind::word,   QueryKind::phrase, QueryKind::filter,
    QueryKind::word,  QueryKind::words, QueryKind::phrase, QueryKind::word,   QueryKind::words,
    QueryKind::field, QueryKind::word,  QueryKind::phrase, QueryKind::words,  QueryKind::filter};

}  // namespace

std::string to_tsv(const Query& q) {
  std::string words;
  for (const auto& w : q.words) words += (words.empty() ? "" : " ") + w;
  return std::string(kind_names[static_cast<int>(q.kind)]) + '\t' + words + '\t' + q.field + '\t' +
         q.filter_source;
}

std::vector<Query> read_query_mix(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read query mix " + path);
  std::vector<Query> queries;
  std::string line;
  while (queries.size() < 100'000 && std::getline(in, line)) {
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string col; cols.size() < 4 && std::getline(fields, col, '\t');) cols.push_back(col);
    cols.resize(4);
    const auto kind = std::find(std::begin(kind_names), std::end(kind_names), cols[0]);
    if (kind == std::end(kind_names)) throw std::runtime_error("bad query line: " + line);
    Query q{static_cast<QueryKind>(kind - std::begin(kind_names)), {}, cols[2], cols[3]};
    std::istringstream words(cols[1]);
    for (std::string w; words >> w;) q.words.push_back(w);
    if (q.words.empty()) throw std::runtime_error("query without words: " + line);
    queries.push_back(std::move(q));
  }
  return queries;
}

std::vector<Query> draw_query_mix(const std::vector<std::string>& inputs, std::size_t count,
                                  std::uint64_t seed, std::size_t max_articles) {
  Drawer drawer(read_samples(inputs, max_articles), seed);
  std::vector<Query> queries;
  for (std::size_t i = 0; i < count; ++i) queries.push_back(drawer.draw(mix_pattern[i % 20]));
  return queries;
}

std::vector<Query> draw_distinct_query_mix(const std::vector<std::string>& inputs,
                                           std::size_t count, std::uint64_t seed,
                                           std::size_t max_articles) {
  Drawer drawer(read_samples(inputs, max_articles), seed);
  std::vector<Query> queries;
  std::unordered_set<std::string> seen;
  for (std::size_t draw = 0; queries.size() < count && draw < 20 * count; ++draw) {
    // By draw, not by kept query: a kind with few distinct queries must not stall the rest.
    Query q = drawer.draw(mix_pattern[draw % 20]);
    if (seen.insert(to_tsv(q)).second) queries.push_back(std::move(q));
  }
  return queries;
}

}  // namespace article_search::bench
