/// @file The query language: configuring Xapian's QueryParser on the schema, parsing a
/// user's query with an Omega-style fallback, and reporting what was searched.
///
/// Grammar (Xapian's QueryParser, FLAG_DEFAULT | FLAG_WILDCARD | FLAG_PURE_NOT):
///
///     query   := clause (op clause)*         plain words: see RankingConfig::default_operator
///     op      := AND | OR | NOT | XOR | NEAR | ADJ      (upper case; NEAR/3 sets the window)
///     clause  := ["+" | "-"] [field ":"] term | "(" query ")" | range
///     field   := title | body                  free text restricted to one field
///              | source | year                 boolean filters: source:corpus year:2024
///     term    := word | word"*" | '"' word+ '"'  wildcard (expansion capped), phrase
///     range   := "date:" DATE ".." DATE        DATE = YYYY-MM-DD or YYYYMMDD; either end
///                                              may be left out
///
/// Words are stemmed (English, schema::query_stemming) as the indexer stems them, so `ban`
/// also finds "banned". When the parser rejects a query (`AND storm`, `NOT storm`, `1..5`)
/// it is retried with operators and punctuation removed, as Omega does, and the answer
/// says so (`relaxed`).
#pragma once

#include "query_rewrite.h"
#include "ranking.h"
#include "schema.h"
#include "synonyms.h"

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

/// Longest accepted `q`, in bytes: anything that fits the request line (8 KiB,
/// server/request_reader.h), so a pasted paragraph is searched, never refused. Its cost
/// is bounded by the word and wildcard limits below and the match deadline.
inline constexpr std::size_t max_query_bytes = 8 * 1024;

/// The per-query budget (issue 15: one cheap request must never take the server down).
/// Xapian 1.4 expands each `word*` at match time into its own posting lists, and the
/// all-words copy of the query (or_with_and_boost) expands it again, so on bbc-news a
/// 1 KB `a* a* …` cost 10-30 s of CPU before these. They bite only on pathological
/// queries: the relevance collections' longest query has 44 words and none a wildcard.
///
/// Wildcards (`word*`, and the word being typed with partial=true) honoured in one query;
/// later ones are searched as plain words. Eight covers any query a person types.
inline constexpr std::size_t max_query_wildcards = 8;
/// Terms all the wildcards of one query may expand to together (each gets an equal share,
/// at most RankingConfig::wildcard_expansion_limit), counted once per wildcard of `q`
/// although the all-words copy repeats it: up to four wildcards keep their 100 terms each.
/// Eight wildcards of 50 terms, twice, cost 0.07 s of CPU on bbc-news (measured).
inline constexpr Xapian::termcount max_query_expansion = 400;
/// Words of `q` searched. Twice the longest relevance query. A longer query in the query
/// language (operators, fields or wildcards) is cut after its first ones; a longer plain
/// text (a pasted paragraph) is searched for its rarest words (keep_rarest_words).
inline constexpr std::size_t max_query_words = 100;
/// Terms (leaves, before wildcard expansion) the built Xapian query may hold: every word
/// once in the OR and once in the all-words copy, plus the proximity pairs and the title
/// copy when they are enabled. A bound the tests check, following from max_query_words.
inline constexpr std::size_t max_query_terms = 4 * max_query_words + 64;

/// Wall time a search's matching may take (all its passes: feedback, hits, facets); after
/// it, documents are no longer read (see deadline.h). Hundreds of times a normal query's
/// time on bbc-news (about 1 ms), well below "seconds of CPU".
inline constexpr double match_deadline_seconds = 0.5;

/// Highlighting an article body costs one pass over it per hit (an article may hold up to
/// 64 MB): a snippet is looked for in the first max_snippet_scan_bytes of the body (the
/// longest article of the shipped corpora is far shorter, so their snippets are
/// unchanged), and at most max_snippet_matches matches are weighed for its window.
inline constexpr std::size_t max_snippet_scan_bytes = std::size_t{1} << 20;
inline constexpr std::size_t max_snippet_matches = 10000;
/// Most words marked in a whole article (`/api/documents/{id}?q=`): each mark is kept in
/// memory until the body is written, and a body of nothing but matches would otherwise
/// hold millions. Later matches are left unmarked.
inline constexpr std::size_t max_marked_matches = 100000;
/// Terms of an article "more like this" looks at to choose its terms (each costs a term
/// frequency lookup); a very long article is read only this far, in term order.
inline constexpr Xapian::termcount max_similar_candidates = 20000;

/// The budget limits a search can hit, as named in the answer's `query.budget_exceeded`.
namespace budget {
inline constexpr std::string_view wildcards = "wildcards";  ///< > max_query_wildcards
inline constexpr std::string_view expansion = "expansion";  ///< a wildcard lost terms to its share
inline constexpr std::string_view words = "words";          ///< > max_query_words
inline constexpr std::string_view time = "time";            ///< the match deadline passed
inline constexpr std::string_view synonyms = "synonyms";    ///< > max_synonym_added_words
}  // namespace budget

/// A QueryParser set up for the schema and `config`, bound to `db` (for wildcards and
/// spelling). The parser owns its stopper and range processor (Xapian's opt-in
/// reference counting), so it can be copied and moved freely.
Xapian::QueryParser make_parser(const Xapian::Database& db, const RankingConfig& config);

/// The outcome of parsing a user's query.
struct ParsedQuery {
  Xapian::Query query;          ///< MatchAll for a blank q
  std::string searched;         ///< the text actually parsed
  bool relaxed = false;         ///< true when the parser rejected q and the fallback was used
  bool match_all = false;       ///< q was blank: list everything
  std::vector<std::string> wildcard_prefixes;  ///< lower-cased `word` of each `word*`
  std::size_t wildcards = 0;                   ///< wildcards honoured (partial word included)
  Xapian::termcount expansion_per_wildcard = 0;  ///< the share of max_query_expansion each got
  std::vector<std::string_view> budget_exceeded;  ///< budget:: limits hit, empty normally
  std::vector<SynonymUse> synonyms;  ///< the synonyms expanded (RankingConfig::synonyms)
};

/// What of `text` fits the budget: at most max_query_words words (the rest cut off) and
/// at most `max_wildcards` wildcards (the later ones lose their `*`). Pure.
struct BudgetedText {
  std::string text;
  std::size_t wildcards = 0;            ///< `word*` kept
  bool cut_words = false, cut_wildcards = false;
};
BudgetedText fit_query_budget(std::string_view text, std::size_t max_wildcards);

/// Each wildcard's share of max_query_expansion among `wildcards` of them, at most
/// `per_wildcard` (the config's limit) and at least 1 (0 would mean unlimited). Pure.
Xapian::termcount expansion_share(std::size_t wildcards, Xapian::termcount per_wildcard);

/// The number of leaf terms of `query` (wildcards count one each, unexpanded), and of its
/// OP_WILDCARD nodes.
struct QueryShape {
  std::size_t terms = 0, wildcards = 0;
};
QueryShape query_shape(const Xapian::Query& query);

/// How much of the query the user has finished typing.
enum class Typing {
  complete,  ///< every word is whole
  partial,   ///< search-as-you-type: the last word, unless followed by a space, may be
             ///< the start of a longer word (Xapian's FLAG_PARTIAL: it also matches the
             ///< most frequent words it begins, up to the wildcard expansion limit)
};

/// What parsing may consult beyond its parser; both optional.
struct QueryContext {
  /// The database searched: a plain text over max_query_words keeps its rarest words in
  /// it (without one, its first words).
  const Xapian::Database* db = nullptr;
  TermWidener widen;  ///< applied to every parse of the words (query_rewrite.h)
  /// The language the parser stems in (format/language.h), for the rarest words.
  std::string language = schema::stem_language;
};

/// Parses `text` (at most max_query_bytes) with `parser`, combining plain words as
/// `config` says, after expanding its synonyms (`searched` stays the text before them).
/// Throws Xapian::QueryParserError only when even the relaxed form fails.
ParsedQuery parse_user_query(Xapian::QueryParser& parser, std::string_view text,
                             const RankingConfig& config, Typing typing = Typing::complete,
                             const QueryContext& context = {});

/// The English stopwords dropped from plain queries (RankingConfig::use_stopwords).
const std::vector<const char*>& english_stopwords();

/// Whether `text` uses the query language beyond words, quotes and punctuation: an
/// operator word, a field (`title:`, `source:`...), a range or a `word*`. Pure.
bool uses_query_syntax(std::string_view text);

/// The distinct words of plain `text` (punctuation and quotes dropped, stopwords left out
/// when `config` drops them), in their order, keeping the `max_words` whose stems are
/// rarest by `frequency` (a stem absent from the index counts as the most common: it
/// matches nothing). `cut` says whether a word was left out. Pure given `frequency`.
struct RarestWords {
  std::string text;
  bool cut = false;
};
RarestWords keep_rarest_words(std::string_view text, std::size_t max_words,
                              const std::function<Xapian::doccount(const std::string& word)>& frequency,
                              const RankingConfig& config);

/// `text` lower-cased (ASCII) when it has no lower-case letters and at least one word that
/// is not an operator, else `text` unchanged: an all-capitals query is words, not
/// operators. Pure.
std::string lower_if_all_caps(std::string_view text);

/// `text` with each hyphen between two word characters made a space (`IL-6` -> `IL 6`),
/// so the words are searched as words, not as a phrase, as Lucene's analyzer splits them.
/// Kept: `-word` (NOT) and tokens with field or range syntax (`date:2024-07-01..`). Pure.
std::string split_hyphenated(std::string_view text);

/// `text` with Xapian's operators and punctuation removed, for the fallback. Pure.
std::string strip_operators(std::string_view text);

/// The `word` of every `word*` in `text`, lower-cased (ASCII), each once. Pure.
std::vector<std::string> wildcard_prefixes(std::string_view text);

}  // namespace article_search::search
