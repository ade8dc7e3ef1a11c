/// @file RM3-style pseudo-relevance feedback (see feedback.h).
#include "feedback.h"

#include "schema.h"

#include <algorithm>
#include <map>
#include <set>

namespace article_search::search {
namespace {

constexpr std::size_t min_term_bytes = 2;
constexpr std::size_t max_term_bytes = 20;
/// Anserini's RM3 drops terms found in more than this share of the documents.
constexpr double max_doc_share = 0.1;
/// Feedback documents with more distinct terms than this are read only this far (bounds
/// the work on a very long article; terms come in sorted order, so it is an arbitrary cut
/// only for the longest articles).
constexpr std::size_t max_terms_per_doc = 20000;

/// The distinct free-text terms of `query`.
std::set<std::string> query_terms(const Xapian::Query& query) {
  std::set<std::string> terms;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    if (schema::is_free_text_term(*it)) terms.insert(*it);
  }
  return terms;
}

FeedbackDoc read_feedback_doc(const Xapian::Database& db, const Xapian::MSetIterator& hit) {
  FeedbackDoc doc;
  doc.score = hit.get_weight();
  const Xapian::doccount doc_count = db.get_doccount();
  const Xapian::docid id = *hit;
  std::size_t read = 0;
  for (auto it = db.termlist_begin(id); it != db.termlist_end(id); ++it) {
    if (++read > max_terms_per_doc) break;
    const std::string term = *it;
    if (!schema::is_free_text_term(term)) continue;
    doc.length += it.get_wdf();
    if (usable_expansion_term(term, it.get_termfreq(), doc_count)) {
      doc.terms.emplace_back(term, it.get_wdf());
    }
  }
  return doc;
}

}  // namespace

std::vector<WeightedTerm> relevance_model(const std::vector<FeedbackDoc>& docs,
                                          std::size_t max_terms) {
  double total_score = 0;
  for (const FeedbackDoc& doc : docs) total_score += std::max(doc.score, 0.0);
  std::map<std::string, double> model;
  if (total_score <= 0) return {};
  for (const FeedbackDoc& doc : docs) {
    if (doc.length <= 0 || doc.score <= 0) continue;
    const double doc_weight = doc.score / total_score;
    for (const auto& [term, wdf] : doc.terms) model[term] += doc_weight * wdf / doc.length;
  }
  std::vector<WeightedTerm> terms;
  for (const auto& [term, weight] : model) terms.push_back({term, weight});
  const auto heavier = [](const WeightedTerm& a, const WeightedTerm& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  };
  std::sort(terms.begin(), terms.end(), heavier);
  if (terms.size() > max_terms) terms.resize(max_terms);
  double sum = 0;
  for (const WeightedTerm& t : terms) sum += t.weight;
  if (sum <= 0) return {};
  for (WeightedTerm& t : terms) t.weight /= sum;
  return terms;
}

bool usable_expansion_term(const std::string& term, Xapian::doccount term_freq,
                           Xapian::doccount doc_count) {
  if (!schema::is_free_text_term(term) || term.size() < min_term_bytes ||
      term.size() > max_term_bytes) {
    return false;
  }
  return doc_count > 0 && static_cast<double>(term_freq) <= max_doc_share * doc_count;
}

Xapian::Query expand_with_feedback(const Xapian::Database& db, const Xapian::Query& query,
                                   const Xapian::MSet& top, const RankingConfig& config) {
  if (config.prf_docs == 0 || config.prf_terms == 0 || top.empty()) return query;
  std::vector<FeedbackDoc> docs;
  for (auto it = top.begin(); it != top.end() && docs.size() < config.prf_docs; ++it) {
    docs.push_back(read_feedback_doc(db, it));
  }
  const std::vector<WeightedTerm> model = relevance_model(docs, config.prf_terms);
  const std::size_t original_terms = query_terms(query).size();
  if (model.empty() || original_terms == 0) return query;
  // RM3 gives each original term weight w / n and expansion term t weight (1 - w) P(t);
  // the original query's terms each weigh 1 here, so everything is scaled by n / w.
  const double original_weight = std::clamp(config.prf_original_weight, 0.01, 1.0);
  const double expansion_scale =
      (1.0 - original_weight) * static_cast<double>(original_terms) / original_weight;
  std::vector<Xapian::Query> expansion;
  for (const WeightedTerm& t : model) {
    expansion.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term),
                           t.weight * expansion_scale);
  }
  return Xapian::Query(Xapian::Query::OP_OR, query,
                       Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end()));
}

}  // namespace article_search::search
