/// @file Every ranking default in one place, so the relevance evaluation can tune the values.
///
/// Only the VALUES below are meant to change; the query-building code reads them from a
/// RankingConfig and never hard-codes a weight.
#pragma once

#include <xapian.h>

#include <memory>

namespace article_search::search {

class Synonyms;

/// The weighting scheme Xapian ranks with (all in Xapian 1.4.22).
enum class WeightingScheme {
  bm25,          ///< BM25Weight with the bm25_* parameters
  bm25_plus,     ///< BM25PlusWeight: BM25 with a lower bound (bm25plus_delta) on the tf part
  lm_dirichlet,  ///< LMWeight, Dirichlet smoothing with lm_mu
  dlh,           ///< DLHWeight, divergence from randomness, parameter-free
  dph,           ///< DPHWeight, divergence from randomness, parameter-free
  pl2,           ///< PL2Weight(dfr_c)
  inl2,          ///< InL2Weight(dfr_c)
  ifb2,          ///< IfB2Weight(dfr_c)
  ineb2,         ///< IneB2Weight(dfr_c)
  bb2,           ///< BB2Weight(dfr_c)
};

/// How plain words (no operator between them) are combined.
enum class DefaultOperator {
  or_with_and_boost,  ///< OP_OR, plus extra weight for documents holding every word
  plain_or,           ///< Xapian's default: OP_OR under BM25
  all_words,          ///< OP_AND: only documents holding every word
};

struct RankingConfig {
  /// IneB2 (divergence from randomness, Xapian's c = 1, not tuned), chosen by the relevance
  /// evaluation (issue 5) on SciFact train as the best of the ten schemes above, nDCG@10
  /// .7092 vs BM25's .7028, and it raised the other collections too: Cranfield .3786 ->
  /// .3851 (MAP .3138 -> .3240), TIME .7417 -> .7611 (MAP .6796 -> .6969). See docs/relevance.md
  /// "Relevance" for every scheme's figures. The bm25_* values apply when bm25 is chosen.
  WeightingScheme weighting = WeightingScheme::ineb2;

  // BM25 parameters (Xapian's defaults are k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5).
  double bm25_k1 = 1.2;
  double bm25_k2 = 0.0;
  double bm25_k3 = 1.0;
  double bm25_b = 0.75;
  double bm25_min_normlen = 0.5;
  /// BM25+'s delta (with the bm25_* parameters); only for WeightingScheme::bm25_plus.
  double bm25plus_delta = 1.0;
  /// Dirichlet prior of the language model; only for WeightingScheme::lm_dirichlet.
  double lm_mu = 2000.0;
  /// Normalisation parameter c of the DFR schemes pl2, inl2, ifb2, ineb2, bb2. With IneB2,
  /// 0.5, 2 and 5 were measured worse overall; 0.8 to 1.2 within ±0.003 of 1 on SciFact
  /// train, each trading SciFact against TIME, so Xapian's 1 stays.
  double dfr_c = 1.0;

  DefaultOperator default_operator = DefaultOperator::or_with_and_boost;
  /// Weight factor of the all-words query added to or_with_and_boost. The all-words
  /// documents get their words' weights again, times this, so they rise to the top.
  double and_boost = 1.0;

  /// Proximity, in the style of the sequential dependence model: for each pair of
  /// neighbouring words of the query (after stopwords), documents holding the pair as a
  /// phrase within `phrase_pair_window` positions, in order, get the pair's weight again
  /// times `phrase_pair_weight`; holding it within `near_pair_window` positions, in any
  /// order, times `near_pair_weight`. 0 disables either.
  double phrase_pair_weight = 0.0;
  Xapian::termcount phrase_pair_window = 2;
  double near_pair_weight = 0.0;
  Xapian::termcount near_pair_window = 8;

  /// Drop common English words from plain queries (not from phrases).
  bool use_stopwords = true;

  /// Extra weight for matches in the title at query time (0 disables). Titles already
  /// count schema::title_wdf times at index time.
  double title_boost = 0.0;

  /// Pseudo-relevance feedback, RM3 style (feedback.h): the top `prf_docs` results of a
  /// first search suggest `prf_terms` expansion terms, weighted by their frequency in
  /// those documents times the documents' share of the scores; the original query keeps
  /// `prf_original_weight` of the total. It costs a second search. 0 documents disables.
  /// Off: measured in issue 5 (docs/relevance.md) with k 3-10, 5-20 terms and
  /// original weight 0.7-0.9, it lowered SciFact train nDCG@10 at every setting (.6658 to
  /// .7036 vs .7092) and TIME's too, raising only recall and Cranfield, at 2.5 times the
  /// search time.
  Xapian::termcount prf_docs = 0;
  Xapian::termcount prf_terms = 10;
  double prf_original_weight = 0.8;

  /// `boost=recent` (recency.h): a fresh article gains up to this share of the query's top
  /// score, halving every half life. So it passes older articles at most this share of the
  /// top score ahead of it in relevance, never one further ahead. 0.5 is a choice, not a
  /// measurement: the judged collections carry no freshness judgements (and sort=relevance,
  /// which they gate, is unchanged). Lower keeps closer to relevance, higher to a date sort.
  double recency_weight = 0.5;

  /// Most terms a wildcard (`kasp*`) expands to, keeping the most frequent.
  Xapian::termcount wildcard_expansion_limit = 100;

  /// Added by the relevance evaluation (issue 5): a query without lower-case letters is
  /// read as plain words, so `AND`/`OR`/`NOT` in a shouted query ("KENNEDY AND DIEM") are
  /// words, not operators. Operators still work in any query with lower-case letters.
  bool all_caps_as_words = true;

  /// Added by the relevance evaluation (issue 5): words joined by hyphens (`IL-6`,
  /// `T-cell`, `anti-inflammatory`) are searched as separate words, as Lucene's analyzer
  /// does, not as a phrase: documents that write them apart, or use one part, still match.
  bool split_hyphenated_words = true;

  /// Typo tolerance (issue 20, typos.h): a word of 5+ letters absent from the index, or in
  /// at most `typo_rare_docs` documents while a word one edit away (two from 9 letters)
  /// is in `typo_rare_ratio` times as many, also matches those close words, their weight
  /// scaled by `typo_weight` (< 1: an exact match ranks first for equal evidence).
  /// A request turns it off with `typos=false`.
  bool typo_tolerance = true;
  double typo_weight = 0.5;
  Xapian::termcount typo_rare_docs = 2;
  double typo_rare_ratio = 100.0;

  /// The synonyms expanded in each query (synonyms.h), owned by whoever set them (the
  /// server loads `--synonyms FILE` once); null, the default, expands nothing. Not a
  /// ranking value: the relevance evaluation runs without.
  const Synonyms* synonyms = nullptr;
};

/// The defaults, as used by the server.
inline constexpr RankingConfig default_ranking{};

/// The weighting scheme for a RankingConfig (Enquire::set_weighting_scheme clones it).
inline std::unique_ptr<Xapian::Weight> make_weight(const RankingConfig& config) {
  switch (config.weighting) {
    case WeightingScheme::bm25_plus:
      return std::make_unique<Xapian::BM25PlusWeight>(config.bm25_k1, config.bm25_k2,
                                                      config.bm25_k3, config.bm25_b,
                                                      config.bm25_min_normlen, config.bm25plus_delta);
    case WeightingScheme::lm_dirichlet:
      return std::make_unique<Xapian::LMWeight>(0.0, Xapian::Weight::DIRICHLET_SMOOTHING,
                                                config.lm_mu, 0.0);
    case WeightingScheme::dlh: return std::make_unique<Xapian::DLHWeight>();
    case WeightingScheme::dph: return std::make_unique<Xapian::DPHWeight>();
    case WeightingScheme::pl2: return std::make_unique<Xapian::PL2Weight>(config.dfr_c);
    case WeightingScheme::inl2: return std::make_unique<Xapian::InL2Weight>(config.dfr_c);
    case WeightingScheme::ifb2: return std::make_unique<Xapian::IfB2Weight>(config.dfr_c);
    case WeightingScheme::ineb2: return std::make_unique<Xapian::IneB2Weight>(config.dfr_c);
    case WeightingScheme::bb2: return std::make_unique<Xapian::BB2Weight>(config.dfr_c);
    case WeightingScheme::bm25: break;
  }
  return std::make_unique<Xapian::BM25Weight>(config.bm25_k1, config.bm25_k2, config.bm25_k3,
                                              config.bm25_b, config.bm25_min_normlen);
}

}  // namespace article_search::search
