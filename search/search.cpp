/// @file Running a search: query, filters, sort, facets, hits with snippets.
#include "search.h"

#include "deadline.h"
#include "feedback.h"
#include "hits.h"
#include "language.h"
#include "languages.h"
#include "query.h"
#include "schema.h"
#include "spelling.h"

#include <cctype>
#include <chrono>
#include <memory>

namespace article_search::search {
namespace sc = schema;
namespace {

/// Most values listed per facet.
constexpr Xapian::doccount max_facet_values = 50;

Xapian::Query any_of(const sc::FilterField& field, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const std::string& value : values) terms.emplace_back(sc::filter_term(field, value));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query with_filters(Xapian::Query query, const SearchRequest& request) {
  const auto filter = [&](const Xapian::Query& by) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, by);
  };
  for (std::size_t i = 0; i < sc::filter_fields.size(); ++i) {
    if (!request.filters[i].empty()) filter(any_of(sc::filter_fields[i], request.filters[i]));
  }
  const Xapian::valueno date = sc::slot(sc::Slot::date);
  if (!request.from.empty() && !request.to.empty()) {
    filter(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, date, request.from, request.to));
  } else if (!request.from.empty()) {
    filter(Xapian::Query(Xapian::Query::OP_VALUE_GE, date, request.from));
  } else if (!request.to.empty()) {
    // Articles without a date have an empty value, which sorts first: exclude them.
    filter(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, date, "0", request.to));
  }
  return query;
}

/// Oldest first, with undated articles last rather than first (their value is empty).
class OldestFirst : public Xapian::KeyMaker {
 public:
  std::string operator()(const Xapian::Document& doc) const override {
    std::string date = doc.get_value(sc::slot(sc::Slot::date));
    return date.empty() ? std::string("\xff") : date;
  }
};

void set_sort(Xapian::Enquire& enquire, Sort sort, bool match_all, bool custom_sort_keys) {
  if (sort == Sort::newest || (sort == Sort::relevance && match_all)) {
    enquire.set_sort_by_value_then_relevance(sc::slot(sc::Slot::date), true);
  } else if (sort == Sort::oldest && !custom_sort_keys) {
    // Without a KeyMaker (remote shards, Xapian 1.4) undated articles come first.
    enquire.set_sort_by_value_then_relevance(sc::slot(sc::Slot::date), false);
  } else if (sort == Sort::oldest) {
    enquire.set_sort_by_key_then_relevance((new OldestFirst)->release(), false);
  }
}

void add_hits(const Xapian::Database& db, const Xapian::MSet& mset, const ParsedQuery& parsed,
              const SearchRequest& request, SearchResult& result) {
  const Highlighting highlighting =
      make_highlighting(parsed.query, parsed.wildcard_prefixes, request.highlight);
  long rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit = make_hit(it.get_document(), highlighting);
    hit.story = describe_story(db, hit.story.id);
    hit.score = it.get_weight();
    hit.percent = it.get_percent();
    hit.rank = ++rank;
    result.hits.push_back(std::move(hit));
  }
}

/// The query to rank with: `parsed` with pseudo-relevance feedback from a first search
/// when the config asks for it and the results are ranked by relevance.
Xapian::Query ranked_query(Xapian::Database& db, const ParsedQuery& parsed,
                           const SearchRequest& request, const RankingConfig& config,
                           const Deadline* deadline) {
  Xapian::Query query = with_filters(parsed.query, request);
  if (config.prf_docs == 0 || parsed.match_all || request.sort != Sort::relevance) return query;
  Xapian::Enquire first(db);
  first.set_query(query);
  first.set_weighting_scheme(*make_weight(config));
  first.set_time_limit(match_time_limit_seconds);
  const Xapian::MSet top = first.get_mset(0, config.prf_docs, nullptr, deadline);
  return with_filters(expand_with_feedback(db, parsed.query, top, config), request);
}

/// Whether a wildcard of the query begins more words than its share of the expansion
/// budget (it was then cut to its most frequent ones). At most share + 1 terms are read
/// for each of the (at most max_query_wildcards) prefixes.
bool expansion_was_cut(const Xapian::Database& db, const ParsedQuery& parsed,
                       const RankingConfig& config) {
  if (parsed.expansion_per_wildcard >= config.wildcard_expansion_limit) return false;
  for (const std::string& prefix : parsed.wildcard_prefixes) {
    Xapian::termcount seen = 0;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      if (++seen > parsed.expansion_per_wildcard) return true;
    }
  }
  return false;
}

/// The word of `q` being typed: its last, unless a space or a quote follows it.
std::string unfinished_word(std::string_view q) {
  std::size_t start = q.size();
  while (start > 0 && (std::isalnum(static_cast<unsigned char>(q[start - 1])) ||
                       static_cast<unsigned char>(q[start - 1]) >= 0x80)) {
    --start;
  }
  return Xapian::Unicode::tolower(std::string(q.substr(start)));
}

/// The typo widener of a search: its lexicon from `lexicons`, or read for this search
/// alone, and none without spelling data.
TypoWidener make_typo_widener(Xapian::Database& db, Xapian::QueryParser& parser,
                              const SearchRequest& request, const RankingConfig& config,
                              const topology::Capabilities& can, TypoLexicons* lexicons,
                              const std::string& language) {
  TypoWidener widener(
      db, parser, config,
      [&db, spelling = can.spelling, lexicons]() {
        if (!spelling) return std::shared_ptr<const TypoLexicon>();
        if (lexicons) return lexicons->lexicon_for(db);
        return std::make_shared<const TypoLexicon>(db);
      },
      language::folding_stemmer(language));
  if (request.typing == Typing::partial) widener.leave_alone(unfinished_word(request.q));
  return widener;
}

/// What the answer leaves out because `can` does not allow it.
std::vector<std::string_view> capability_warnings(const SearchRequest& request,
                                                  const topology::Capabilities& can,
                                                  const TypoWidener& typos) {
  std::vector<std::string_view> warnings;
  if (!can.spelling) warnings.push_back(warning::no_did_you_mean);
  if (!can.spelling && typos.looked_up()) warnings.push_back(warning::no_typos);
  if (request.sort == Sort::oldest && !can.custom_sort_keys) {
    warnings.push_back(warning::oldest_undated_first);
  }
  if (request.group == Group::story && !can.custom_match_spies) {
    warnings.push_back(warning::facets_count_articles);
  }
  if (request.boost && !can.custom_posting_sources) warnings.push_back(warning::boost_by_day);
  return warnings;
}

}  // namespace

ParsedQuery parse_in_languages(const Xapian::Database& db, Xapian::QueryParser& parser,
                               const SearchRequest& request, const RankingConfig& config,
                               const QueryLanguages& languages, const TermWidener& first) {
  parser.set_stemmer(language::folding_stemmer(languages.primary));
  if (config.use_stopwords) set_query_stopwords(parser, languages.primary);
  return parse_user_query(parser, request.q, config, request.typing,
                          {&db, first_of(first, stem_widener(parser, languages)), languages.primary});
}

ParsedQuery parse_in_languages(const Xapian::Database& db, Xapian::QueryParser& parser,
                               const SearchRequest& request, const RankingConfig& config) {
  return parse_in_languages(db, parser, request, config,
                            query_languages(db, filter_values(request, "language")), {});
}

Xapian::Query filtered(const Xapian::Query& query, const SearchRequest& request) {
  return with_filters(query, request);
}

SearchResult run_search(Xapian::Database& db, Xapian::QueryParser& parser,
                        const SearchRequest& request, const RankingConfig& config,
                        const topology::Capabilities& can, TypoLexicons* lexicons) {
  const auto started = std::chrono::steady_clock::now();
  const QueryLanguages languages = query_languages(db, filter_values(request, "language"));
  TypoWidener typos = make_typo_widener(db, parser, request, config, can, lexicons, languages.primary);
  const bool tolerant = request.typos && config.typo_tolerance;
  const ParsedQuery parsed =
      parse_in_languages(db, parser, request, config, languages, tolerant ? typos.hook() : TermWidener());
  const Deadline deadline_decider(started + std::chrono::duration_cast<Deadline::Clock::duration>(
                                                std::chrono::duration<double>(match_deadline_seconds)));
  // Xapian 1.4's remote backend refuses a MatchDecider (UnimplementedError): over remote
  // shards the deadline is the shard servers' own, and the expansion bounds still apply.
  const Deadline* deadline = can.match_deciders ? &deadline_decider : nullptr;
  const auto now = std::chrono::system_clock::now();
  Xapian::Query query = ranked_query(db, parsed, request, config, deadline);
  // An empty query is listed newest first already (set_sort): no boost to add.
  if (request.boost && !parsed.match_all) {
    query = with_recency(db, query, *request.boost, config, can.custom_posting_sources, deadline, now);
  }

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(*make_weight(config));
  enquire.set_time_limit(match_time_limit_seconds);
  set_sort(enquire, request.sort, parsed.match_all, can.custom_sort_keys);
  std::vector<std::unique_ptr<SlotFacet>> facets;
  for (const sc::FilterField& field : sc::filter_fields) {
    facets.push_back(std::make_unique<SlotFacet>(db, field, can.custom_match_spies));
    if (request.group == Group::story) facets.back()->count_stories();
  }
  // One hit per story, its best-ranked member; Xapian's totals then count stories.
  if (request.group == Group::story) enquire.set_collapse_key(sc::slot(sc::Slot::story));
  // Xapian 1.4.22 overcounts match spies over several remote shards when the results are
  // sorted by value or key, so there the facets get an unsorted pass of their own.
  Xapian::Enquire counter(db);
  const bool separate_count = !can.spies_when_sorted;
  Xapian::Enquire& spied = separate_count ? counter : enquire;
  for (const auto& facet : facets) spied.add_matchspy(&facet->spy());
  std::optional<DayCounter> days;
  if (request.timeline) spied.add_matchspy(&days.emplace(db, can.custom_match_spies).spy());
  const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                             static_cast<Xapian::doccount>(request.limit),
                                             check_at_least, nullptr, deadline);
  if (separate_count) {
    counter.set_query(query);
    counter.set_weighting_scheme(Xapian::BoolWeight());
    counter.set_time_limit(match_time_limit_seconds);
    counter.get_mset(0, 0, check_at_least, nullptr, deadline);
  }

  SearchResult result;
  result.q = request.q;
  result.understood = with_filters(parsed.query, request).get_description();
  result.searched = parsed.searched;
  result.relaxed = parsed.relaxed;
  result.group = request.group;
  if (request.boost) result.boost = AppliedBoost{request.boost->half_life_hours, utc_timestamp(now)};
  result.budget_exceeded = parsed.budget_exceeded;
  result.synonyms = parsed.synonyms;
  result.typos = typos.widened();
  if (expansion_was_cut(db, parsed, config)) result.budget_exceeded.push_back(budget::expansion);
  if (deadline_decider.passed()) result.budget_exceeded.push_back(budget::time);
  result.offset = request.offset;
  result.limit = request.limit;
  result.total = mset.get_matches_estimated();
  result.total_lower = mset.get_matches_lower_bound();
  result.total_upper = mset.get_matches_upper_bound();
  result.total_exact = result.total_lower == result.total_upper;
  for (std::size_t i = 0; i < facets.size(); ++i) {
    result.facets[i] = facets[i]->top_values(max_facet_values);
  }
  result.facets_exact = result.total_exact && facets.front()->total() == result.total;
  if (days) {
    result.timeline = days->timeline(*request.timeline);
    result.timeline->exact = result.facets_exact;
  }
  add_hits(db, mset, parsed, request, result);
  // After a relaxed parse, correct what was searched: the operators were not understood.
  if (!parsed.match_all && can.spelling) {
    result.did_you_mean = did_you_mean(db, parsed.searched, mset.get_matches_estimated(), request.typing);
  }
  result.warnings = capability_warnings(request, can, typos);
  result.took_ms = std::chrono::duration<double, std::milli>(
                       std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace article_search::search
