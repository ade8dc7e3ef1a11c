/// @file `boost=recent`: relevance with freshness, through a Xapian posting source.
///
/// The formula. For a query whose best document scores S (the top relevance score of the
/// query alone, found by a first top-1 search), an article of age a gets
///
///     score = relevance + B · 2^(-a / half_life),   B = recency_weight · S  (1 when S = 0)
///
/// that is, in units of the top score, relevance / S + recency_weight · 2^(-a/half_life).
/// The boost is added (Xapian 1.4 adds weights; OP_SCALE_WEIGHT scales by a constant and
/// a Weight never sees a document's values, so there is no sound multiplicative form in 1.4):
/// the query AND_MAYBE the posting source, so the boost ranks, never matches. Because B is
/// relative to S, it neither swamps a long query's scores nor vanishes beside them: a fresh
/// article gains up to recency_weight of the top score (RankingConfig), so an article more
/// than that far below another in relevance is never lifted over it, however new.
///
/// Ages. "Now" is the request's time. An article's time is its datetime slot
/// ("YYYY-MM-DDTHH:MM:SS", read as UTC) or, when only a day is known, noon UTC of that day;
/// an article dated after now counts as age 0 (no more than a fresh one). Undated articles
/// get no boost. Over remote shards, whose servers only know Xapian's own posting sources,
/// a ValueMapPostingSource over the date slot gives each day its noon's boost (warned).
#pragma once

#include "errors.h"
#include "ranking.h"

#include <xapian.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace article_search::search {

struct SearchRequest;

/// Bounds of `half_life`, in hours: 1h to 100y (a year counts 365 days).
inline constexpr long min_half_life_hours = 1;
inline constexpr long max_half_life_hours = 100L * 365 * 24;
inline constexpr long default_half_life_hours = 30L * 24;

/// `boost=recent&half_life=...`, validated.
struct RecencyBoost {
  long half_life_hours = default_half_life_hours;
};

/// A half life written as a whole number and a unit: `12h`, `7d`, `2w`, `1y` (hours, days,
/// weeks, years of 365 days), within the bounds above; nothing otherwise. Pure.
std::optional<long> parse_half_life(std::string_view text);

/// Reads `boost` and `half_life` into `request` (after its `sort`): `boost` is `recent` or
/// absent, only with sort=relevance; `half_life` only with `boost=recent`. Pure.
std::optional<ApiError> parse_boost_params(const std::multimap<std::string, std::string>& params,
                                           SearchRequest& request);

/// Seconds since the epoch of a datetime slot value ("YYYY-MM-DD", taken at noon UTC, or
/// "YYYY-MM-DDTHH:MM:SS", as UTC); nothing when it is neither. Pure.
std::optional<double> stated_seconds(std::string_view datetime);

/// 2^(-age / half_life); 1 for an age at or below 0. Pure.
double freshness(double age_seconds, double half_life_seconds);

/// Weight `scale` · freshness of each dated article, from its datetime slot; undated ones
/// are not in its stream and get nothing.
class RecencyPostingSource : public Xapian::ValuePostingSource {
 public:
  RecencyPostingSource(double scale, double now_seconds, double half_life_seconds);
  void init(const Xapian::Database& database) override;
  double get_weight() const override;
  RecencyPostingSource* clone() const override;
  std::string get_description() const override;

 private:
  double scale_, now_, half_life_;
};

/// What the boost did, for the answer.
struct AppliedBoost {
  long half_life_hours = 0;
  std::string now;  ///< the request's time, "YYYY-MM-DDTHH:MM:SSZ"
};

/// `query` AND_MAYBE the recency source, scaled to the best score of `query` alone (one
/// top-1 search on `db` with `config`'s weighting, under `deadline`). With
/// `custom_sources` false (remote shards) the source is a ValueMapPostingSource by day.
Xapian::Query with_recency(Xapian::Database& db, const Xapian::Query& query,
                           const RecencyBoost& boost, const RankingConfig& config,
                           bool custom_sources, const Xapian::MatchDecider* deadline,
                           std::chrono::system_clock::time_point now);

/// "YYYY-MM-DDTHH:MM:SSZ" of `now`, whole seconds, UTC. Pure.
std::string utc_timestamp(std::chrono::system_clock::time_point now);

}  // namespace article_search::search
