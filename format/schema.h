/// @file The database schema: term prefixes, value slots, the id term, stored fields.
///
/// Defined once here and used by both the indexer and the server, so the two sides
/// cannot drift. Prefixes follow Omega's conventions (Q unique id, S subject/title,
/// Y year, M month, D day, X... for the project's own).
#pragma once

#include "article.h"

#include <xapian.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::schema {

/// Bumped when the layout of terms, values or stored data changes. 2: folded stems in each
/// article's language (format/language.h), and the body's prefixed terms (`XB`) have no
/// positions (docs/index-size.md). A database of an older format still reads; every
/// article's checksum includes the version, so the next incremental run rewrites each
/// article in the new layout (and `--rebuild` also compacts).
inline constexpr int format_version = 2;
/// Database metadata key holding format_version.
inline constexpr std::string_view format_key = "article-search:format";
/// Database metadata key holding grouping_version once every article has its story:
/// a database without it (or with an older one) is grouped again as a whole.
inline constexpr std::string_view grouping_key = "article-search:grouping";
inline constexpr std::string_view grouping_version = "2";
/// Metadata key naming the run that last grouped a shard: every shard of a sharded database
/// is grouped together, so shards naming different runs were not (a run cut off between
/// its shard commits) and are regrouped whole.
inline constexpr std::string_view grouping_run_key = "article-search:grouping-run";

namespace prefix {
inline constexpr std::string_view id = "Q";          ///< boolean: the article id
inline constexpr std::string_view title = "S";       ///< free text: title only
inline constexpr std::string_view body = "XB";       ///< free text: body only
inline constexpr std::string_view source = "XSOURCE";  ///< boolean: source/collection
inline constexpr std::string_view author = "A";      ///< boolean: an author, case-folded
inline constexpr std::string_view tag = "K";         ///< boolean: a tag (Omega's keyword), folded
inline constexpr std::string_view section = "XSECTION";  ///< boolean: the section, folded
inline constexpr std::string_view language = "L";    ///< boolean: the language, folded
inline constexpr std::string_view feed = "XFEED";    ///< boolean: the feed file an item came from
inline constexpr std::string_view origin = "XORIGIN";  ///< boolean: who wrote it, if not the indexer
inline constexpr std::string_view analysis = "XSTEM";  ///< boolean: the language its text is stemmed in
inline constexpr std::string_view story = "XSTORY";  ///< boolean: the story id (group/)
inline constexpr std::string_view band = "XLSH";     ///< boolean: a MinHash band key (group/)
inline constexpr std::string_view year = "Y";        ///< boolean: YYYY
inline constexpr std::string_view month = "M";       ///< boolean: YYYYMM
inline constexpr std::string_view day = "D";         ///< boolean: YYYYMMDD
}  // namespace prefix

/// Value slots.
enum class Slot : Xapian::valueno {
  date = 0,      ///< "YYYYMMDD" (sorts and ranges as a string; empty when unknown)
  datetime = 1,  ///< "YYYY-MM-DDTHH:MM:SS" as stated in the article (for display)
  source = 2,    ///< the source name, for facet counts
  year = 3,      ///< "YYYY", for facet counts
  checksum = 4,  ///< hash of the indexed content: unchanged articles are skipped
  authors = 5,   ///< the authors, joined by list_separator, for facet counts
  tags = 6,      ///< the tags, joined by list_separator
  section = 7,
  language = 8,
  story = 9,     ///< the story id; every grouped article has one (its own when alone)
  copy_of = 10,  ///< the id of the earliest article this one copies; empty when none
  grouping = 11, ///< the article's grouping features (group/fingerprint.h), binary
  analysis = 12, ///< the language its text is stemmed in (language::analysis_language)
};

/// Joins the values of a list field in its slot. Field values never hold it (field_value
/// turns every control character into a space).
inline constexpr char list_separator = '\n';

constexpr Xapian::valueno slot(Slot s) { return static_cast<Xapian::valueno>(s); }

/// A free-text field: its words indexed under `prefix` (`title:storm` searches the title
/// alone), with positions when `prefixed_positions`, and, with `unprefixed_wdf` > 0, also
/// with positions in the unprefixed text that plain words search (and spelling data is
/// counted from), each word counted `unprefixed_wdf` times. The body's prefixed terms
/// have no positions: they were half the position table, a second copy of the
/// unprefixed text's; a phrase within `body:` is matched on the unprefixed text, with
/// each of its words in the body (search/body_phrase.h).
struct TextField {
  std::string_view name;  ///< as the query language names it
  std::string_view prefix;
  std::string Article::*member;
  Xapian::termcount unprefixed_wdf;
  bool prefixed_positions = true;
};

/// A field to filter on and count: a boolean term per value, prefix + value (`source:wire`
/// in a query, `source=wire` as a parameter: OR within a field, AND across fields), and
/// the values in `slot` (joined by list_separator) for the facet counts every answer
/// carries. A folded field matches whole values case-insensitively: its terms hold the
/// value in lower case (filter_term), its slot the value as written.
struct FilterField {
  std::string_view name;        ///< as the parameters and the facets name it
  std::string_view query_name;  ///< as the query language names it (`lang:fr`)
  std::string_view prefix;
  Slot slot;
  std::vector<std::string> (*values)(const Article&);  ///< the field's values, if any
  bool (*valid)(std::string_view);  ///< whether a parameter value can be one
  std::string_view expects;         ///< what a valid value is, for messages
  bool folded = false;
  bool multi = false;  ///< an article may have several values
};

/// The searchable fields, in indexing order. A new free-text field is one row here and a
/// member of Article; a new filter field the same, with its facet slot.
extern const std::array<TextField, 2> text_fields;
extern const std::array<FilterField, 6> filter_fields;

/// The filter field named `name` (its parameter name), or nothing.
const FilterField* filter_field(std::string_view name);

/// The term that filters `field` by `value` (folded when the field is).
std::string filter_term(const FilterField& field, std::string_view value);

/// The values a slot of `field` holds (one, or several joined by list_separator).
std::vector<std::string> slot_values(const FilterField& field, std::string_view slot_value);

/// Language of the stemmer where no other is known, used at index and query time alike
/// (format/language.h: each article is stemmed in its own language, accents folded).
/// English is Porter2; Xapian's original "porter" (Lucene's and Anserini's) was measured
/// lower on all three evaluation collections (docs/relevance.md). Changing it needs a reindex.
inline constexpr const char* stem_language = "en";

/// Only stemmed forms are indexed (with positions), as Lucene's English analyzer does:
/// half the postings of Xapian's default STEM_SOME, which also indexes every unstemmed
/// form, and indexing is about twice as fast. The query parser must stem the same way.
inline constexpr auto index_stemming = Xapian::TermGenerator::STEM_ALL;
inline constexpr auto query_stemming = Xapian::QueryParser::STEM_ALL;

/// How many times more a title word counts than a body word (the title's unprefixed_wdf).
/// Chosen by the relevance evaluation (docs/relevance.md); re-checked
/// with IneB2: 2 and 4 gain on SciFact train but every value below 5 lowers TIME.
inline constexpr Xapian::termcount title_wdf = 5;

/// Each document's data (the stored fields) is laid out as stored.h says.

/// Whether `term` is a free-text term: a word of the title or body as indexed without a
/// field prefix. Every prefix starts with an upper-case ASCII letter (Xapian's rule), and
/// free text is lower-cased when indexed, so the first byte tells them apart.
constexpr bool is_free_text_term(std::string_view term) {
  return !term.empty() && !(term.front() >= 'A' && term.front() <= 'Z');
}

/// The words Xapian's QueryParser reads as operators when written in capitals.
inline constexpr std::array<std::string_view, 6> operator_words = {"AND", "OR",   "NOT",
                                                                   "XOR", "NEAR", "ADJ"};
constexpr bool is_operator_word(std::string_view word) {
  for (std::string_view op : operator_words) {
    if (word == op) return true;
  }
  return false;
}

/// Xapian caps a term at 245 bytes. Longer boolean terms are cut and suffixed with a
/// hash of the whole value, as Omega does for long URLs, so they stay unique and the
/// same value always maps to the same term.
inline constexpr std::size_t max_term_bytes = 240;

/// A boolean term: prefix + value, kept within Xapian's term length limit.
std::string boolean_term(std::string_view prefix, std::string_view value);

/// The unique term identifying the article with this id.
inline std::string id_term(std::string_view id) { return boolean_term(prefix::id, id); }

/// 64-bit FNV-1a: a stable hash (unlike std::hash) for checksums and long terms.
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed = 14695981039346656037ULL);

}  // namespace article_search::schema
