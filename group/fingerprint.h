/// @file What grouping keeps of one article: a MinHash signature of its body's word
/// shingles (copies) and its weighted keywords (stories), computed from the article
/// alone. Because nothing here depends on the rest of the collection, whether two
/// articles are grouped depends on the two articles only, so an incremental run and a
/// --rebuild give the same groups.
#pragma once

#include "article.h"

#include <xapian.h>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace article_search::group {

/// MinHash functions, in LSH bands of band_rows: two texts whose shingle sets have
/// Jaccard similarity J share a band with probability 1 - (1 - J^rows)^bands.
inline constexpr std::size_t minhash_count = 64;
inline constexpr std::size_t band_rows = 4;
inline constexpr std::size_t band_count = minhash_count / band_rows;
/// Words per shingle.
inline constexpr std::size_t shingle_words = 4;
/// Keywords kept per article: 40 of 24, 40, 48 and 64 tried (docs/grouping.md) let
/// independent write-ups of one event share enough of them at the best precision.
inline constexpr std::size_t keyword_count = 40;

/// The day of an undated article: no date is this far from 1970.
inline constexpr std::int32_t undated = std::numeric_limits<std::int32_t>::min();

struct Keyword {
  std::string term;  ///< as the index holds it (stemmed, unprefixed)
  float weight = 0;
  bool operator==(const Keyword&) const = default;
};

struct Fingerprint {
  std::array<std::uint32_t, minhash_count> minhash{};
  std::uint32_t shingles = 0;   ///< distinct shingles of the body (0: too short to compare)
  std::int32_t day = undated;   ///< days since 1970-01-01 of the date (negative before)
  std::vector<Keyword> keywords;  ///< sorted by term
  bool operator==(const Fingerprint&) const = default;
};

/// The words keywords are chosen from: the stemmed words of the title (counted
/// title_wdf times) and body, without stop words, numbers and words under 3 bytes, each
/// with its count. Pure.
std::vector<std::pair<std::string, unsigned>> keyword_counts(const Article& article);

/// The features of `article`. Pure.
Fingerprint fingerprint(const Article& article);

/// The features as the grouping slot holds them, and back (nothing for bytes that are
/// not an encoding). Pure.
std::string encode(const Fingerprint& features);
std::optional<Fingerprint> decode(std::string_view bytes);

/// The LSH band keys to index as boolean terms (schema::prefix::band + key): two
/// articles share one when some band of their signatures is equal. None for a body
/// too short to compare. Pure.
std::vector<std::string> band_keys(const Fingerprint& features);

/// Days since 1970-01-01 of a stored date ("YYYY-MM-DD..."; negative before 1970), or
/// `undated`. Pure.
std::int32_t day_number(std::string_view date);

}  // namespace article_search::group

namespace article_search::group {

/// "YYYYMMDD" of a day number (as the date slot holds days). Pure.
std::string day_key(std::int32_t day);

/// Adds the article's features to its document: the grouping slot and the band terms.
void add_fingerprint(Xapian::Document& doc, const Fingerprint& features);

}  // namespace article_search::group
