/// @file An article's grouping features (see fingerprint.h).
#include "fingerprint.h"

#include "background.h"
#include "dates.h"
#include "schema.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <unordered_set>

namespace article_search::group {
namespace {

/// Function words and the words every news report uses: they say nothing about which
/// event an article reports.
constexpr const char* stop_words[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
    "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
    "during", "each", "even", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "itself", "just", "last", "like", "made", "make",
    "many", "may", "me", "more", "most", "mr", "mrs", "ms", "much", "must", "my", "myself",
    "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "people", "said", "same",
    "say", "says", "she", "should", "since", "so", "some", "still", "such", "than", "that",
    "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
    "this", "those", "through", "time", "to", "told", "too", "two", "under", "until", "up",
    "us", "very", "was", "way", "we", "well", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "year", "years", "yet", "you",
    "your", "yours", "yourself", "yourselves"};

constexpr Xapian::termcount title_wdf = 3;

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// The body's words, case-folded, in order (letters and digits; everything else splits).
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch) && ch != '_') {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

void add_signature(const Article& article, Fingerprint& out) {
  const std::vector<std::string> words = words_of(article.body);
  out.minhash.fill(std::numeric_limits<std::uint32_t>::max());
  if (words.size() < shingle_words) return;
  std::unordered_set<std::uint64_t> shingles;
  for (std::size_t i = 0; i + shingle_words <= words.size(); ++i) {
    std::uint64_t hash = schema::fnv1a64("");
    for (std::size_t k = 0; k < shingle_words; ++k) {
      hash = schema::fnv1a64(words[i + k], hash);
      hash = schema::fnv1a64(" ", hash);
    }
    shingles.insert(hash);
  }
  out.shingles = static_cast<std::uint32_t>(shingles.size());
  for (const std::uint64_t shingle : shingles) {
    for (std::size_t f = 0; f < minhash_count; ++f) {
      const auto h = static_cast<std::uint32_t>(mix(shingle ^ (0x5bd1e995ULL * (f + 1))));
      out.minhash[f] = std::min(out.minhash[f], h);
    }
  }
}

/// A number or a code of digits and punctuation ("2005", "0.5"): no letter in it.
bool plain_number(const std::string& term) {
  return std::none_of(term.begin(), term.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
  });
}

void add_keywords(const Article& article, Fingerprint& out) {
  std::vector<Keyword> all;
  for (const auto& [term, wdf] : keyword_counts(article)) {
    // Frequent in a term's article, rare in news at large (background.h).
    const double weight = (1.0 + std::log(static_cast<double>(wdf))) * background_idf(term);
    all.push_back({term, static_cast<float>(weight)});
  }
  const std::size_t kept = std::min(all.size(), keyword_count);
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(kept), all.end(),
                    [](const Keyword& a, const Keyword& b) {
                      return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
                    });
  all.resize(kept);
  std::sort(all.begin(), all.end(), [](const Keyword& a, const Keyword& b) { return a.term < b.term; });
  out.keywords = std::move(all);
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

bool get32(std::string_view& in, std::uint32_t& v) {
  if (in.size() < 4) return false;
  v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(4);
  return true;
}

/// 2: undated is `undated`, not -1 (which is 1969-12-31).
constexpr char encoding_version = 2;

}  // namespace

std::int32_t day_number(std::string_view date) {
  const auto keys = dates::date_keys(date);
  if (!keys) return undated;
  const int y0 = std::stoi(keys->day.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(keys->day.substr(4, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(keys->day.substr(6, 2)));
  // Howard Hinnant's days_from_civil.
  const int y = y0 - (m <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::vector<std::pair<std::string, unsigned>> keyword_counts(const Article& article) {
  static const Xapian::SimpleStopper stopper(std::begin(stop_words), std::end(stop_words));
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(schema::stem_language));
  generator.set_stemming_strategy(schema::index_stemming);
  generator.set_stopper(&stopper);
  generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text_without_positions(article.title, title_wdf);
  generator.index_text_without_positions(article.body);
  std::vector<std::pair<std::string, unsigned>> counts;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    std::string text = *term;
    if (text.size() < 3 || plain_number(text)) continue;
    counts.emplace_back(std::move(text), term.get_wdf());
  }
  return counts;
}

Fingerprint fingerprint(const Article& article) {
  Fingerprint out;
  add_signature(article, out);
  add_keywords(article, out);
  out.day = day_number(article.date);
  return out;
}

std::string encode(const Fingerprint& features) {
  std::string out(1, encoding_version);
  put32(out, features.shingles);
  put32(out, static_cast<std::uint32_t>(features.day));
  for (const std::uint32_t h : features.minhash) put32(out, h);
  put32(out, static_cast<std::uint32_t>(features.keywords.size()));
  for (const Keyword& keyword : features.keywords) {
    std::uint32_t weight_bits;
    static_assert(sizeof weight_bits == sizeof keyword.weight);
    std::memcpy(&weight_bits, &keyword.weight, sizeof weight_bits);
    put32(out, weight_bits);
    out += static_cast<char>(std::min<std::size_t>(keyword.term.size(), 255));
    out.append(keyword.term, 0, std::min<std::size_t>(keyword.term.size(), 255));
  }
  return out;
}

std::optional<Fingerprint> decode(std::string_view in) {
  if (in.empty() || in.front() != encoding_version) return std::nullopt;
  in.remove_prefix(1);
  Fingerprint out;
  std::uint32_t day = 0, count = 0;
  if (!get32(in, out.shingles) || !get32(in, day)) return std::nullopt;
  out.day = static_cast<std::int32_t>(day);
  for (std::uint32_t& h : out.minhash) {
    if (!get32(in, h)) return std::nullopt;
  }
  if (!get32(in, count) || count > keyword_count) return std::nullopt;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t weight_bits = 0;
    if (!get32(in, weight_bits) || in.empty()) return std::nullopt;
    Keyword keyword;
    std::memcpy(&keyword.weight, &weight_bits, sizeof weight_bits);
    const auto size = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    if (in.size() < size) return std::nullopt;
    keyword.term.assign(in.substr(0, size));
    in.remove_prefix(size);
    out.keywords.push_back(std::move(keyword));
  }
  if (!in.empty()) return std::nullopt;
  return out;
}

std::vector<std::string> band_keys(const Fingerprint& features) {
  std::vector<std::string> keys;
  if (features.shingles == 0) return keys;
  for (std::size_t band = 0; band < band_count; ++band) {
    std::uint64_t hash = schema::fnv1a64("");
    for (std::size_t row = 0; row < band_rows; ++row) {
      const std::uint32_t h = features.minhash[band * band_rows + row];
      hash = schema::fnv1a64(std::string_view(reinterpret_cast<const char*>(&h), sizeof h), hash);
    }
    char key[24];
    std::snprintf(key, sizeof key, "%02zx%012llx", band,
                  static_cast<unsigned long long>(hash & 0xffffffffffffULL));
    keys.emplace_back(key);
  }
  return keys;
}

}  // namespace article_search::group

namespace article_search::group {

std::string day_key(std::int32_t day) {
  // Howard Hinnant's civil_from_days.
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char key[40];
  std::snprintf(key, sizeof key, "%04d%02u%02u", y + (m <= 2 ? 1 : 0), m, d);
  return key;
}

void add_fingerprint(Xapian::Document& doc, const Fingerprint& features) {
  doc.add_value(schema::slot(schema::Slot::grouping), encode(features));
  for (const std::string& key : band_keys(features)) {
    doc.add_boolean_term(schema::boolean_term(schema::prefix::band, key));
  }
}

}  // namespace article_search::group
