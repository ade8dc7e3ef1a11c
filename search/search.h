/// @file A search: validated parameters in, ranked hits with snippets and facets out.
#pragma once

#include "errors.h"
#include "facets.h"
#include "languages.h"
#include "query.h"
#include "ranking.h"
#include "recency.h"
#include "schema.h"
#include "snippet.h"
#include "timeline.h"
#include "stories.h"
#include "topology.h"
#include "typos.h"

#include <xapian.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace article_search::search {

/// Cost bounds of one request (documented in the OpenAPI file).
inline constexpr int max_per_page = 100;
inline constexpr long result_window = 10000;  ///< offset + limit may not exceed this
inline constexpr double match_time_limit_seconds = 2.0;
/// Matches counted exactly (and for facets) before Xapian may estimate.
inline constexpr Xapian::doccount check_at_least = 10000;

enum class Sort { relevance, newest, oldest };

/// `group=story`: one hit per story (its best-ranked member), totals and facets count stories.
enum class Group { none, story };

/// The parameters of GET /api/search, validated.
struct SearchRequest {
  std::string q;
  long offset = 0;
  int limit = 10;
  Sort sort = Sort::relevance;
  /// The values asked for each of schema::filter_fields (same index): any of a field's
  /// values matches, and every field asked for must match.
  std::array<std::vector<std::string>, schema::filter_fields.size()> filters;
  std::string from, to;  ///< "YYYYMMDD" or empty
  bool highlight = true;
  Typing typing = Typing::complete;  ///< `partial=true`: the last word may be unfinished
  std::optional<TimelineAsk> timeline;  ///< `timeline=`: none without the parameter
  Group group = Group::none;
  std::optional<RecencyBoost> boost;  ///< `boost=recent`: relevance with freshness
  bool typos = true;  ///< `typos=false`: no typo tolerance (RankingConfig::typo_tolerance)
};

/// The values asked for the filter field `name`; std::invalid_argument when it is not
/// one of schema::filter_fields.
std::vector<std::string>& filter_values(SearchRequest& request, std::string_view name);
const std::vector<std::string>& filter_values(const SearchRequest& request, std::string_view name);

/// Query-string parameters as the HTTP layer hands them over.
using Params = std::multimap<std::string, std::string>;

/// Validates every parameter; the first bad one gives an invalid_parameter error. Pure.
[[nodiscard]] std::variant<SearchRequest, ApiError> parse_search_params(const Params& params);

/// The common message for an integer parameter out of range or malformed.
ApiError integer_error(std::string_view name, long min, long max, std::string_view got);

/// A parameter's value as a message echoes it: cut to 64 bytes (at a character
/// boundary, with an ellipsis), so a huge value cannot bloat the error. Pure.
std::string echo_parameter(std::string_view value);

/// One ranked article. What the article does not state is nothing (null in the JSON) or
/// an empty list, never left out, so every hit has the same members.
struct Hit {
  std::string id, title_text, title_html, source, path;
  std::optional<std::string> date, url, section, language;
  std::vector<std::string> authors, tags;
  bool title_derived = false;
  std::vector<Match> title_matches;
  Snippet snippet;
  double score = 0;
  int percent = 0;
  long rank = 0;
  StoryInfo story;
  std::optional<std::string> copy_of;  ///< the earliest original this article copies
};

struct DidYouMean {
  std::string q, html;
};

/// What an answer says it could not do, over databases that cannot do everything
/// (topology::Capabilities: remote shards).
namespace warning {
inline constexpr std::string_view no_did_you_mean =
    "did_you_mean unavailable: remote shards carry no spelling data";
inline constexpr std::string_view oldest_undated_first =
    "sort=oldest: undated articles come first over remote shards (no custom sort keys there)";
inline constexpr std::string_view facets_count_articles =
    "group=story: facets count articles, not stories, over remote shards (no custom match spies there)";
inline constexpr std::string_view boost_by_day =
    "boost=recent: ages count in whole days over remote shards (no custom posting sources there)";
inline constexpr std::string_view no_typos =
    "typos unavailable: remote shards carry no spelling data";
inline constexpr std::string_view suggest_from_terms =
    "suggestions come from index terms (stemmed words): remote shards carry no spelling data";
}  // namespace warning

struct SearchResult {
  std::string q, understood, searched;
  bool relaxed = false;
  Group group = Group::none;
  std::optional<AppliedBoost> boost;  ///< when `boost=recent` was asked
  /// The budget limits (query.h, budget::) the search hit: then the hits are what fitted.
  std::vector<std::string_view> budget_exceeded;
  /// The synonyms the query's words were expanded with (RankingConfig::synonyms).
  std::vector<SynonymUse> synonyms;
  /// The words typo tolerance widened and what they also matched (typos.h).
  std::vector<TypoWidening> typos;
  Xapian::doccount total = 0, total_lower = 0, total_upper = 0;
  bool total_exact = true;
  long offset = 0;
  int limit = 10;
  std::vector<Hit> hits;
  /// The counts of each of schema::filter_fields' values (same index).
  std::array<std::vector<FacetValue>, schema::filter_fields.size()> facets;
  bool facets_exact = true;  ///< false when more than check_at_least documents matched
  std::optional<Timeline> timeline;  ///< when the request asked for one
  std::optional<DidYouMean> did_you_mean;
  std::vector<std::string_view> warnings;  ///< warning:: texts, empty normally
  double took_ms = 0;
};

/// `request.q` parsed with `parser` in the languages it is searched in (languages.h): the
/// `language` filter's, else those of `db`; sets the parser's stemmer.
ParsedQuery parse_in_languages(const Xapian::Database& db, Xapian::QueryParser& parser,
                               const SearchRequest& request, const RankingConfig& config);
/// The same in `languages`, each term widened by `first` before the languages' stems.
ParsedQuery parse_in_languages(const Xapian::Database& db, Xapian::QueryParser& parser,
                               const SearchRequest& request, const RankingConfig& config,
                               const QueryLanguages& languages, const TermWidener& first);

/// `query` restricted to the filters of `request` (its filter fields, `from` and `to`).
Xapian::Query filtered(const Xapian::Query& query, const SearchRequest& request);

/// Runs the search on `db` with `parser` (both the caller's own, not shared between
/// threads), asking of `db` only what `can` allows; what that leaves out is in the
/// result's warnings. Typo tolerance takes its lexicon from `typos` (shared by the
/// threads searching the same database); without one, a search that needs a lexicon
/// reads the spelling table itself. Throws Xapian::Error (the caller reopens on
/// DatabaseModifiedError).
SearchResult run_search(Xapian::Database& db, Xapian::QueryParser& parser,
                        const SearchRequest& request, const RankingConfig& config,
                        const topology::Capabilities& can = {}, TypoLexicons* typos = nullptr);

}  // namespace article_search::search
