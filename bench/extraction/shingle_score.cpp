/// @file The benchmark's shingle scoring (see shingle_score.h).
#include "shingle_score.h"

#include "utf8.h"

#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <unordered_map>

namespace article_search::bench {
namespace {

constexpr std::size_t kShingleTokens = 4;

// glibc's built-in C.UTF-8 locale carries the Unicode character classes.
locale_t unicode_ctype() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                       (c >= 'A' && c <= 'Z') || c == '_';
  // Python's "No" numerics of Latin-1 (superscripts, fractions), not alnum to glibc.
  if (c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0xBC && c <= 0xBE)) return true;
  const locale_t locale = unicode_ctype();
  if (locale == static_cast<locale_t>(0)) return c >= 0xC0;  // no tables: a rough guess
  return iswalnum_l(static_cast<wint_t>(c), locale) != 0;
}

// Decodes the well-formed character at `pos`, or returns U+FFFD (a separator) and moves
// past the ill-formed subpart.
char32_t next_char(std::string_view text, std::size_t& pos) {
  const int length = text::sequence_length(text, pos);
  if (length < 0) {
    pos += static_cast<std::size_t>(-length);
    return 0xFFFD;
  }
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  char32_t c = 0;
  switch (length) {
    case 1: c = byte(0); break;
    case 2: c = ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu); break;
    case 3: c = ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu); break;
    default:
      c = ((byte(0) & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) |
          (byte(3) & 0x3Fu);
  }
  pos += static_cast<std::size_t>(length);
  return c;
}

using ShingleCounts = std::unordered_map<std::string, double>;

ShingleCounts shingles(std::string_view text) {
  const std::vector<std::string> tokens = word_tokens(text);
  ShingleCounts counts;
  if (tokens.empty()) return counts;
  const std::size_t n = tokens.size() < kShingleTokens ? 1 : tokens.size() - kShingleTokens + 1;
  for (std::size_t i = 0; i < n; ++i) {
    std::string key;
    for (std::size_t j = i; j < std::min(tokens.size(), i + kShingleTokens); ++j) {
      key += tokens[j];
      key += '\x1F';  // never inside a token
    }
    counts[key] += 1;
  }
  return counts;
}

}  // namespace

std::vector<std::string> word_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    if (is_word_char(next_char(text, pos))) {
      current.append(text.substr(start, pos - start));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

PageMatch match_shingles(std::string_view reference, std::string_view predicted) {
  const ShingleCounts truth = shingles(reference);
  const ShingleCounts guess = shingles(predicted);
  PageMatch match;
  for (const auto& [key, count] : truth) {
    const auto found = guess.find(key);
    const double other = found == guess.end() ? 0 : found->second;
    match.tp += std::min(count, other);
    match.fn += std::max(0.0, count - other);
  }
  for (const auto& [key, count] : guess) {
    const auto found = truth.find(key);
    match.fp += std::max(0.0, count - (found == truth.end() ? 0 : found->second));
  }
  if (const double sum = match.tp + match.fp + match.fn; sum > 0) {
    match.tp /= sum;
    match.fp /= sum;
    match.fn /= sum;
  }
  return match;
}

double page_precision(const PageMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1;
  if (m.tp == 0 && m.fp == 0) return 0;
  return m.tp / (m.tp + m.fp);
}

double page_recall(const PageMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1;
  if (m.tp == 0 && m.fn == 0) return 0;
  return m.tp / (m.tp + m.fn);
}

Scores aggregate(const std::vector<PageMatch>& pages) {
  double precision_sum = 0, recall_sum = 0;
  std::size_t precision_pages = 0, recall_pages = 0;
  for (const PageMatch& m : pages) {
    const bool both_empty = m.tp == 0 && m.fp == 0 && m.fn == 0;
    // As evaluate.py: a page that predicted nothing has no precision to average, one
    // with no reference no recall; a page empty on both sides is right (1 and 1).
    if (both_empty || m.tp + m.fp > 0) {
      precision_sum += page_precision(m);
      ++precision_pages;
    }
    if (both_empty || m.tp + m.fn > 0) {
      recall_sum += page_recall(m);
      ++recall_pages;
    }
  }
  Scores scores;
  scores.precision = precision_pages ? precision_sum / static_cast<double>(precision_pages) : 0;
  scores.recall = recall_pages ? recall_sum / static_cast<double>(recall_pages) : 0;
  const double sum = scores.precision + scores.recall;
  scores.f1 = sum > 0 ? 2 * scores.precision * scores.recall / sum : 0;
  return scores;
}

}  // namespace article_search::bench
