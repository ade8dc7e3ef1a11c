/// @file `boost=recent`: the half life, the posting sources, the boosted query.
#include "recency.h"

#include "numbers.h"
#include "schema.h"
#include "search.h"
#include "timeline.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace article_search::search {
namespace sc = schema;
namespace {

constexpr double seconds_per_day = 86400.0;
/// Most days a by-day map (remote shards) lists: the newest 110 years of the index.
constexpr long max_mapped_days = 40000;

ApiError bad(std::string_view name, std::string message) {
  return ApiError{ErrorCode::invalid_parameter, std::move(message), std::string(name)};
}

const std::string* single(const std::multimap<std::string, std::string>& params, const char* name) {
  const auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

/// The `count` digits of `text` at `at` as a number; nothing when any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  return numbers::parse_bounded<int>(text.substr(at, count), 0, 9999);
}

/// The "YYYYMMDD" a date slot holds for a day number.
std::string slot_day(long day) {
  std::string iso = iso_day(day);
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}

double epoch_seconds(std::chrono::system_clock::time_point now) {
  return std::chrono::duration<double>(now.time_since_epoch()).count();
}

/// The best score of `query` alone: the top document of a top-1 search, 0 when none.
double best_score(Xapian::Database& db, const Xapian::Query& query, const RankingConfig& config,
                  const Xapian::MatchDecider* deadline) {
  Xapian::Enquire top(db);
  top.set_query(query);
  top.set_weighting_scheme(*make_weight(config));
  top.set_time_limit(match_time_limit_seconds);
  const Xapian::MSet mset = top.get_mset(0, 1, nullptr, deadline);
  return mset.empty() ? 0.0 : mset.get_max_attained();
}

/// Over remote shards: each day of the date slot's range (the newest max_mapped_days) mapped
/// to the boost at its noon. Xapian's own source, which xapian-tcpsrv knows by name.
Xapian::PostingSource* by_day_source(const Xapian::Database& db, double scale, double now,
                                     double half_life) {
  auto* source = new Xapian::ValueMapPostingSource(sc::slot(sc::Slot::date));
  source->set_default_weight(0.0);
  const auto first = day_number(db.get_value_lower_bound(sc::slot(sc::Slot::date)));
  const auto last = day_number(db.get_value_upper_bound(sc::slot(sc::Slot::date)));
  if (first && last) {
    for (long day = std::max(*first, *last - max_mapped_days + 1); day <= *last; ++day) {
      const double noon = static_cast<double>(day) * seconds_per_day + seconds_per_day / 2;
      source->add_mapping(slot_day(day), scale * freshness(now - noon, half_life));
    }
  }
  return source->release();
}

}  // namespace

std::optional<long> parse_half_life(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  long unit_hours = 0;
  switch (text.back()) {
    case 'h': unit_hours = 1; break;
    case 'd': unit_hours = 24; break;
    case 'w': unit_hours = 7 * 24; break;
    case 'y': unit_hours = 365 * 24; break;
    default: return std::nullopt;
  }
  const auto count = numbers::parse_bounded<long>(text.substr(0, text.size() - 1), 1,
                                                  max_half_life_hours / unit_hours);
  if (!count) return std::nullopt;
  return *count * unit_hours;  // at least 1h and at most 100y by the bound on count
}

std::optional<ApiError> parse_boost_params(const std::multimap<std::string, std::string>& params,
                                           SearchRequest& request) {
  const std::string* boost = single(params, "boost");
  const std::string* half_life = single(params, "half_life");
  if (!boost) {
    if (!half_life) return std::nullopt;
    return bad("half_life", "Parameter `half_life` applies only with `boost=recent`.");
  }
  if (*boost != "recent") {
    return bad("boost", "Parameter `boost` must be `recent`, got `" + echo_parameter(*boost) + "`.");
  }
  if (request.sort != Sort::relevance) {
    return bad("boost", std::string("Parameter `boost` adds freshness to relevance: it cannot be "
                                    "combined with `sort=") +
                            (request.sort == Sort::newest ? "newest" : "oldest") + "`.");
  }
  RecencyBoost recency;
  if (half_life) {
    const auto hours = parse_half_life(*half_life);
    if (!hours) {
      return bad("half_life", "Parameter `half_life` must be a whole number of hours, days, weeks "
                              "or years (`12h`, `30d`, `2w`, `1y`) from 1h to 100y, got `" +
                                  echo_parameter(*half_life) + "`.");
    }
    recency.half_life_hours = *hours;
  }
  request.boost = recency;
  return std::nullopt;
}

std::optional<double> stated_seconds(std::string_view datetime) {
  if (datetime.size() != 10 && datetime.size() != 19) return std::nullopt;
  if (datetime[4] != '-' || datetime[7] != '-') return std::nullopt;
  std::string day(datetime.substr(0, 4));
  day.append(datetime.substr(5, 2)).append(datetime.substr(8, 2));
  const auto number = day_number(day);
  if (!number) return std::nullopt;
  const double midnight = static_cast<double>(*number) * seconds_per_day;
  if (datetime.size() == 10) return midnight + seconds_per_day / 2;
  if (datetime[10] != 'T' || datetime[13] != ':' || datetime[16] != ':') return std::nullopt;
  const auto hours = digits(datetime, 11, 2), minutes = digits(datetime, 14, 2),
             seconds = digits(datetime, 17, 2);
  if (!hours || !minutes || !seconds || *hours > 23 || *minutes > 59 || *seconds > 60) {
    return std::nullopt;
  }
  return midnight + *hours * 3600.0 + *minutes * 60.0 + *seconds;
}

double freshness(double age_seconds, double half_life_seconds) {
  if (age_seconds <= 0) return 1.0;
  return std::exp2(-age_seconds / half_life_seconds);
}

RecencyPostingSource::RecencyPostingSource(double scale, double now_seconds, double half_life_seconds)
    : Xapian::ValuePostingSource(sc::slot(sc::Slot::datetime)),
      scale_(scale), now_(now_seconds), half_life_(half_life_seconds) {}

void RecencyPostingSource::init(const Xapian::Database& database) {
  Xapian::ValuePostingSource::init(database);
  set_maxweight(scale_);  // freshness is at most 1
}

double RecencyPostingSource::get_weight() const {
  const auto stated = stated_seconds(get_value());
  return stated ? scale_ * freshness(now_ - *stated, half_life_) : 0.0;
}

RecencyPostingSource* RecencyPostingSource::clone() const {
  return new RecencyPostingSource(scale_, now_, half_life_);
}

std::string RecencyPostingSource::get_description() const {
  return "RecencyPostingSource(scale=" + std::to_string(scale_) +
         ", half_life_s=" + std::to_string(half_life_) + ")";
}

Xapian::Query with_recency(Xapian::Database& db, const Xapian::Query& query,
                           const RecencyBoost& boost, const RankingConfig& config,
                           bool custom_sources, const Xapian::MatchDecider* deadline,
                           std::chrono::system_clock::time_point now) {
  const double best = best_score(db, query, config, deadline);
  // A query of filters alone scores 0 everywhere: the boost then orders by freshness.
  const double scale = best > 0 ? config.recency_weight * best : 1.0;
  const double now_seconds = epoch_seconds(now);
  const double half_life = static_cast<double>(boost.half_life_hours) * 3600.0;
  Xapian::PostingSource* source =
      custom_sources ? (new RecencyPostingSource(scale, now_seconds, half_life))->release()
                     : by_day_source(db, scale, now_seconds, half_life);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source));
}

std::string utc_timestamp(std::chrono::system_clock::time_point now) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace article_search::search
