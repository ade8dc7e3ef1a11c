/// @file Pseudo-relevance feedback in the style of RM3 (Lavrenko & Croft's relevance model,
/// as Anserini runs it): the top documents of a first search vote for expansion terms.
///
/// Not Xapian's ESet (probabilistic, Robertson's selection): that was measured and lost.
/// Here each feedback document's term distribution P(w|d) = wdf / length is weighted by
/// the document's share of the top scores, summed, the best terms kept and normalised, and
/// the expansion is interpolated with the original query (weight prf_original_weight).
#pragma once

#include "ranking.h"

#include <xapian.h>

#include <string>
#include <vector>

namespace article_search::search {

/// One feedback document: its first-search score, its length (the wdf of all its
/// free-text terms) and the terms that may expand a query, with their wdf.
struct FeedbackDoc {
  double score = 0;
  double length = 0;
  std::vector<std::pair<std::string, Xapian::termcount>> terms;
};

struct WeightedTerm {
  std::string term;
  double weight = 0;
};

/// The `max_terms` terms with the highest relevance-model weight over `docs`, weights
/// summing to 1 (empty when no document has a positive score or a term). Terms are
/// compared by weight, then by name, so the result does not depend on input order. Pure.
std::vector<WeightedTerm> relevance_model(const std::vector<FeedbackDoc>& docs,
                                          std::size_t max_terms);

/// True for a term worth expanding with: unprefixed free text, 2 to 20 bytes, not in
/// more than a tenth of the documents (Anserini's RM3 filter: stopwords are indexed here,
/// and a term that common says nothing about the topic). Pure.
bool usable_expansion_term(const std::string& term, Xapian::doccount term_freq,
                           Xapian::doccount doc_count);

/// `query` interpolated with the relevance model of `top` (the first search's results):
/// original terms weigh prf_original_weight / (their count), expansion terms the rest,
/// as RM3 weighs them. `query` unchanged when prf_docs is 0 or nothing qualifies.
Xapian::Query expand_with_feedback(const Xapian::Database& db, const Xapian::Query& query,
                                   const Xapian::MSet& top, const RankingConfig& config);

}  // namespace article_search::search
