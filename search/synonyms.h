/// @file Synonyms: the rules of a synonyms file in Solr's format, and their expansion of
/// the plain words of a query before the QueryParser reads it.
///
/// The file (Solr's SynonymFilter "solr" format, which Elasticsearch also reads):
///
///     line     := blank | comment | group | mapping
///     comment  := [blanks] "#" anything          (Solr: "#" as the line's first character)
///     group    := entries                        every entry also searches all the others
///     mapping  := entries "=>" entries           an entry on the left is REPLACED by all
///                                                those on the right (keep it: `a => a, b`)
///     entries  := entry ("," entry)*             an empty entry (a trailing comma) is skipped
///     entry    := word (blanks word)*            a multi-word entry: `new york city`
///
/// This is Solr's documented meaning with `expand=true` (its default): `a, b, c` is
/// `a, b, c => a, b, c`, and rules for the same entry merge (`a => b` and `a => c` is
/// `a => b, c`); matching ignores case (`ignoreCase=true`). Words are runs of letters and
/// digits, as the query parser reads them; any other character (`-`, `.`, `'`) separates
/// words, so `i-pod` is the entry `i pod`. A backslash is refused rather than read as
/// Solr's escape: escapes only matter for commas and `=>`, which never occur in a word.
///
/// A file that breaks a rule below is refused whole, with the number of its first bad line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace article_search::search {

/// Bounds of a synonyms file: the whole of it is loaded in memory and every query looks
/// its words up in it, so each part has a limit.
inline constexpr std::size_t max_synonyms_file_bytes = std::size_t{4} << 20;
inline constexpr std::size_t max_synonym_rules = 100000;       ///< lines holding a rule
inline constexpr std::size_t max_synonym_entry_bytes = 100;    ///< one entry, as written
inline constexpr std::size_t max_synonym_entry_words = 8;      ///< words of one entry
inline constexpr std::size_t max_synonym_line_entries = 64;    ///< entries of one line
inline constexpr std::size_t max_synonym_alternatives = 64;    ///< what one entry searches, merged
/// Words a query's expansion may add (each alternative's words); the later matches are
/// then left as they are, and the answer says `budget_exceeded: ["synonyms"]`. A query
/// of max_query_words words stays within a bounded number of terms.
inline constexpr std::size_t max_synonym_added_words = 64;

/// What an entry searches: the alternatives (each an entry's words joined by one space,
/// in the file's order, each once) and the lines of the rules that said so.
struct SynonymAlternatives {
  std::vector<std::string> alternatives;
  std::vector<std::size_t> lines;
};

/// The rules of a synonyms file, by the entry (words joined by one space, lower case)
/// that a query's words must match.
class Synonyms {
 public:
  /// The alternatives of `key` (lower case, words joined by one space), or null.
  const SynonymAlternatives* find(const std::string& key) const;
  /// The most words of any entry that is matched.
  std::size_t longest_key_words() const { return longest_key_words_; }
  std::size_t rule_count() const { return rules_; }
  std::size_t size() const { return by_key_.size(); }
  bool empty() const { return by_key_.empty(); }

  /// Adds `to` as what `from` searches (merging, each once), from the rule on `line`.
  /// False when `from` would then search more than max_synonym_alternatives.
  bool add(const std::string& from, const std::vector<std::string>& to, std::size_t line);
  void count_rule() { ++rules_; }

 private:
  std::unordered_map<std::string, SynonymAlternatives> by_key_;
  std::size_t longest_key_words_ = 0;
  std::size_t rules_ = 0;
};

/// Why a synonyms file was refused: its first bad line (1-based; 0: the whole file).
struct SynonymsError {
  std::size_t line = 0;
  std::string message;
};

/// The rules of a synonyms file's text. Pure.
[[nodiscard]] std::variant<Synonyms, SynonymsError> parse_synonyms(std::string_view text);

/// Reads and parses the file at `path`; the error's message names the file and the line
/// (`FILE:LINE: message`).
[[nodiscard]] std::variant<Synonyms, std::string> load_synonyms(const std::string& path);

/// One expansion made in a query: its words as matched (lower case) and what was
/// searched instead, with the lines of the rules.
struct SynonymUse {
  std::string words;
  std::vector<std::string> searched;
  std::vector<std::size_t> lines;
};

/// A query's text with its synonyms expanded.
struct ExpandedText {
  std::string text;
  std::vector<SynonymUse> used;     ///< in the order of the query
  bool cut = false;                 ///< max_synonym_added_words stopped the expansion
};

/// `text` (a query as the QueryParser reads it) with each run of plain words that matches
/// an entry, longest first, written as what it searches: `kiev` -> `(kiev OR kyiv)`,
/// `nyc` -> `(nyc OR "new york city")`, or the replacement alone for a mapping that drops
/// it. The user's own words are kept as typed. Plain words are those outside quotes and
/// field values (`title:kiev`), other than operators (`AND`), wildcards (`kiev*`) and the
/// words a NEAR or ADJ joins; `+kiev` and `-kiev` expand as one word. `partial_last`:
/// the last word, unless followed by a space, is being typed and is left alone. Pure.
ExpandedText expand_synonyms(std::string_view text, const Synonyms& synonyms,
                             bool partial_last = false);

}  // namespace article_search::search
