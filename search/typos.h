/// @file Typo tolerance: a query word absent from the index, or very rare where a close
/// word is common, also matches the close indexed words, at a lower weight.
///
/// The rule, as Meilisearch's defaults: a word of 5 to 8 letters may be one edit away, a
/// word of 9 or more two, where an edit inserts, deletes or substitutes one letter or
/// swaps two neighbouring ones (optimal string alignment, Damerau's restricted form).
/// Words with a digit and words under 5 letters are never widened; neither are phrases,
/// wildcards and filter values, which the rewriter (query_rewrite.h) never offers.
///
/// The close words come from the spelling table (the unstemmed words of titles and
/// bodies, written by the indexer), held in memory as a TypoLexicon: a scan of the words
/// of about the same length, most of them rejected by a 32-bit letter signature before
/// any distance is computed (docs/relevance.md "Typo tolerance" has the measurements that
/// chose it over a walk of the table, Xapian's single spelling suggestion and a deletion
/// index). A TypoLexicons cache builds one per database and keeps it across commits.
#pragma once

#include "query_rewrite.h"
#include "ranking.h"
#include "schema.h"

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

/// Most query words looked up in one search (each costs one scan of the lexicon).
inline constexpr std::size_t max_typo_words = 8;
/// Most close words one query word is widened to, the most frequent.
inline constexpr std::size_t max_typo_candidates = 5;
/// Most close words a lexicon scan returns, before they are checked against the index.
inline constexpr std::size_t max_typo_scan_results = 64;
/// Words kept in a lexicon, the most frequent (a spelling table beyond it loses its
/// rarest words); longer words than max_typo_word_letters are never typos.
inline constexpr std::size_t max_lexicon_words = 4'000'000;
inline constexpr std::size_t max_typo_word_letters = 40;
/// A lexicon is built again after a commit when it is older than this (a new generation,
/// from a rebuild, is always built again): words added since are missed until then.
inline constexpr std::chrono::seconds lexicon_refresh_interval{30};

/// Edits allowed for a query word: 0 (never widened) under 5 letters or with a digit or
/// other non-letter, 1 for 5 to 8 letters, 2 from 9. Letters are code points. Pure.
unsigned typo_edits(std::string_view word);

/// The optimal string alignment distance of `a` and `b` (insertions, deletions,
/// substitutions and swaps of neighbours, each 1), or `max` + 1 when it is more than
/// `max`. Pure.
unsigned osa_distance(std::u32string_view a, std::u32string_view b, unsigned max);

/// The code points of a UTF-8 word (ill-formed bytes each one U+FFFD). Pure.
std::u32string code_points(std::string_view word);

/// A close word of the lexicon.
struct TypoCandidate {
  std::string word;
  unsigned edits = 0;
  Xapian::termcount frequency = 0;  ///< occurrences, from the spelling table
};

/// The words of a spelling table, by length, for finding close words. Immutable once
/// built: one lexicon may be searched by any number of threads at once.
class TypoLexicon {
 public:
  using Word = std::pair<std::string, Xapian::termcount>;  ///< a word, its frequency

  /// The words of `db`'s spelling table (empty when it has none).
  explicit TypoLexicon(const Xapian::Database& db);
  /// These words (the most frequent max_lexicon_words of them).
  explicit TypoLexicon(std::vector<Word> words);

  /// The words within `max_edits` of `word` (not `word` itself), the most frequent
  /// `limit` of them, fewest edits first and then the most frequent.
  std::vector<TypoCandidate> near(std::string_view word, unsigned max_edits,
                                  std::size_t limit = max_typo_scan_results) const;

  std::size_t size() const { return entries_.size(); }
  /// Bytes held (the words and their entries).
  std::size_t memory_bytes() const;

 private:
  struct Entry {
    std::uint32_t offset = 0;  ///< into text_: the word, then its folded form if it differs
    std::uint32_t mask = 0;    ///< letter_mask of the folded word
    Xapian::termcount frequency = 0;
    std::uint8_t bytes = 0, folded_bytes = 0, letters = 0;  ///< folded_bytes 0: no accent
  };
  /// Every word and (when it has accents) its folded form, UTF-8, one after the other.
  /// Distances are between folded forms, as the index's terms are folded: `zurch` is one
  /// edit from "Zürich".
  std::string text_;
  std::vector<Entry> entries_;  ///< sorted by letters
  std::vector<std::size_t> first_of_length_;  ///< [n]: first entry with n letters
};

/// The lexicon of each database a server opens: built on first use, shared by every
/// thread (a shared_ptr to an immutable lexicon), built again after a commit once it is
/// lexicon_refresh_interval old, and at once for a new generation or database. While one
/// thread rebuilds it, the others go on with the previous one.
class TypoLexicons {
 public:
  /// The lexicon for `db`'s current state (never null; empty without spelling data).
  std::shared_ptr<const TypoLexicon> lexicon_for(const Xapian::Database& db);

 private:
  struct Cached {
    std::string uuid, version;
    std::chrono::steady_clock::time_point built;
    std::shared_ptr<const TypoLexicon> lexicon;
    bool building = false;
  };
  std::mutex mutex_;
  std::mutex first_build_;  ///< held while the very first lexicon is built
  Cached cached_;
};

/// What one query word was widened to, as the answer reports it (`query.typos`).
struct TypoWidening {
  std::string word;                  ///< the word as the user wrote it, lower-cased
  std::vector<std::string> matches;  ///< the close words it also matched
};

/// The widener of one search. Its hook() goes to parse_user_query (it may be composed with
/// other wideners: it only replaces the leaves it widens). Keep it alive while the hook is
/// used. Every parse of the same words asks for the same terms: each is looked up once.
class TypoWidener {
 public:
  /// Where the lexicon comes from, asked only when a word needs it.
  using LexiconSource = std::function<std::shared_ptr<const TypoLexicon>()>;

  /// `parser` must be the one parse_user_query parses with (it gives the unstemmed word
  /// of each term); `stemmer` stems the close words as the parser stems words.
  TypoWidener(const Xapian::Database& db, const Xapian::QueryParser& parser,
              const RankingConfig& config, LexiconSource lexicon,
              Xapian::Stem stemmer = Xapian::Stem(schema::stem_language));

  TermWidener hook();

  /// Leaves `word` (lower-cased) alone: the word being typed (Typing::partial), which
  /// matches the words it begins instead.
  void leave_alone(std::string word) { unfinished_ = std::move(word); }

  /// The words widened, in query order, each once.
  const std::vector<TypoWidening>& widened() const { return widened_; }
  /// Whether some word was rare enough to be looked up (so a missing lexicon mattered).
  bool looked_up() const { return looked_up_; }

 private:
  struct Close {
    std::string term, word;
    unsigned edits = 0;
    Xapian::doccount docs = 0;
  };
  std::optional<Xapian::Query> widen(const std::string& term, const Xapian::Query& leaf);
  std::vector<Close> close_terms(const std::string& term);
  void report(const std::string& word, const std::vector<Close>& close);

  const Xapian::Database& db_;
  const Xapian::QueryParser& parser_;
  const RankingConfig& config_;
  LexiconSource source_;
  std::shared_ptr<const TypoLexicon> lexicon_;
  Xapian::Stem stemmer_;
  std::string unfinished_;
  std::map<std::string, std::vector<Close>> memo_;  ///< term -> its close terms
  std::vector<TypoWidening> widened_;
  std::size_t lookups_ = 0;
  bool looked_up_ = false;
};

}  // namespace article_search::search
