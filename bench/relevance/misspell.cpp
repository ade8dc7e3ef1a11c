/// @file Misspelled variants of judged queries.
#include "misspell.h"

#include <cctype>
#include <cstdio>

namespace article_search::relevance {
namespace {

/// SplitMix64: a small generator whose output is fixed by its seed on every platform
/// (the standard distributions are not).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : state_(seed) {}
  /// A number from 0 to n - 1 (n > 0).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return hash;
}

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

char letter(Draw& draw) { return static_cast<char>('a' + draw.below(26)); }

/// One edit of `word` (5+ letters); the result differs from it.
std::string edit(std::string word, Draw& draw) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string typo = word;
    switch (draw.below(4)) {
      case 0: typo.insert(draw.below(word.size() + 1), 1, letter(draw)); break;
      case 1: typo.erase(draw.below(word.size()), 1); break;
      case 2: typo[draw.below(word.size())] = letter(draw); break;
      default: {
        const std::size_t at = draw.below(word.size() - 1);
        std::swap(typo[at], typo[at + 1]);
      }
    }
    if (typo != word) return typo;
  }
  return word + "x";  // never reached for real words: an insertion changes any word
}

}  // namespace

Misspelling misspell(const std::string& text, const std::string& key, std::uint64_t seed) {
  struct Span {
    std::size_t start, length;
  };
  std::vector<Span> words;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_letter(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && is_letter(text[i])) ++i;
    if (i - start >= 5) words.push_back({start, i - start});
  }
  Misspelling result{text, {}, {}};
  if (words.empty()) return result;
  Draw draw(seed ^ fnv1a(key));
  const Span span = words[draw.below(words.size())];
  result.original = text.substr(span.start, span.length);
  result.typo = edit(result.original, draw);
  result.text = text.substr(0, span.start) + result.typo + text.substr(span.start + span.length);
  return result;
}

Collection misspelled(const Collection& collection, std::uint64_t seed) {
  Collection out{collection.name, {}, {}, collection.qrels};
  out.queries.reserve(collection.queries.size());
  for (const Query& query : collection.queries) {
    out.queries.push_back({query.id, misspell(query.text, query.id, seed).text});
  }
  return out;
}

std::string format_typo_table(const std::vector<TypoReport>& reports) {
  std::string table =
      "| collection | queries misspelled | clean, typos on | clean, typos off | misspelled, typos off | "
      "misspelled, typos on | kept (on / clean) |\n|---|---:|---:|---:|---:|---:|---:|\n";
  for (const TypoReport& r : reports) {
    char row[256];
    std::snprintf(row, sizeof row, "| %s | %zu of %zu | %.4f | %.4f | %.4f | %.4f | %.3f |\n",
                  r.collection.c_str(), r.misspelled, r.queries, r.clean_on, r.clean_off,
                  r.misspelled_off, r.misspelled_on, r.kept());
    table += row;
  }
  return table;
}

}  // namespace article_search::relevance
