/// @file `boost=recent`: the half life and its parameters, article times, and the ranking
/// it gives on a small database whose articles are dated relative to today.
#include "recency.h"

#include "document.h"
#include "query.h"
#include "search.h"
#include "temp_dir.h"
#include "timeline.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace {
using namespace article_search::search;
using article_search::Article;
using article_search::testing::TempDir;

/// "YYYY-MM-DD" of `days` days before today (UTC).
std::string days_ago(long days) {
  const auto now = std::chrono::system_clock::now();
  const long today = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return iso_day(today - days);
}

Article article(std::string id, std::string title, std::string body, std::string date) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.date = std::move(date);
  a.source = "wire";
  return a;
}

/// Each group of rows answers one query; the oldest is added first, so that without a
/// boost ties (equal scores) keep it first, in docid order.
std::vector<Article> fixture_articles() {
  const std::string filler = " The council met on Tuesday and the minutes were read aloud.";
  return {
      // "harbour": the same text, dated 2 years, 60 days and 1 day ago, and undated.
      article("harbour-undated", "Harbour reopens", "The harbour reopens." + filler, ""),
      article("harbour-2y", "Harbour reopens", "The harbour reopens." + filler, days_ago(730)),
      article("harbour-60d", "Harbour reopens", "The harbour reopens." + filler, days_ago(60)),
      article("harbour-1d", "Harbour reopens", "The harbour reopens." + filler, days_ago(1)),
      // "glacier": much about it two years ago, a passing word yesterday, and a fair
      // amount a day ago.
      article("glacier-strong-2y", "Glacier glacier retreat",
              "The glacier retreat: glacier melt, glacier lakes, the glacier's end." + filler,
              days_ago(730)),
      article("glacier-weak-1d", "Town budget",
              "The budget was passed, and a trip to the glacier was mentioned." + filler +
                  filler + filler + filler,
              days_ago(1)),
      article("glacier-fair-1d", "Glacier retreat",
              "The glacier retreats, its melt feeding the lakes." + filler, days_ago(1)),
  };
}

struct Fixture {
  TempDir dir;
  Xapian::Database db;
  Xapian::QueryParser parser;

  Fixture() {
    Xapian::WritableDatabase writable((dir / "db").string(), Xapian::DB_CREATE);
    Xapian::TermGenerator generator = article_search::make_term_generator(nullptr);
    for (const Article& a : fixture_articles()) {
      writable.add_document(article_search::make_document(a, generator));
    }
    writable.commit();
    db = Xapian::Database((dir / "db").string());
    parser = make_parser(db, default_ranking);
  }

  SearchResult search(const std::string& q, std::optional<long> half_life_hours,
                      const article_search::topology::Capabilities& can = {},
                      const RankingConfig& config = default_ranking) {
    SearchRequest request;
    request.q = q;
    if (half_life_hours) request.boost = RecencyBoost{*half_life_hours};
    return run_search(db, parser, request, config, can);
  }
};

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> out;
  for (const Hit& hit : result.hits) out.push_back(hit.id);
  return out;
}

double score_of(const SearchResult& result, const std::string& id) {
  for (const Hit& hit : result.hits) {
    if (hit.id == id) return hit.score;
  }
  FAIL("no hit " << id);
  return 0;
}

constexpr long day_hours = 24;

}  // namespace

TEST_SUITE("recency parameters") {
  TEST_CASE("half lives are a whole number and a unit, from 1h to 100y") {
    struct Row {
      const char* text;
      long hours;
    };
    const Row good[] = {
        {"1h", 1},         {"12h", 12},         {"7d", 7 * 24},     {"30d", 30 * 24},
        {"2w", 2 * 7 * 24}, {"1y", 365 * 24},   {"100y", 876000},   {"876000h", 876000},
        {"36500d", 876000}, {"5214w", 5214 * 7 * 24},
    };
    for (const Row& row : good) {
      INFO(row.text);
      CHECK(parse_half_life(row.text) == row.hours);
    }
    for (const char* bad : {"", "h", "d", "30", "0d", "0h", "-1d", "+1d", "1.5d", "30 d", " 30d",
                            "30D", "30m", "30s", "30days", "101y", "876001h", "36501d", "5215w",
                            "99999999999999999999d", "1e3d", "0x10d", "d30"}) {
      INFO(bad);
      CHECK_FALSE(parse_half_life(bad).has_value());
    }
  }

  TEST_CASE("boost=recent takes half_life, 30 days unless given") {
    auto parsed = parse_search_params({{"q", "x"}, {"boost", "recent"}});
    REQUIRE(std::holds_alternative<SearchRequest>(parsed));
    REQUIRE(std::get<SearchRequest>(parsed).boost.has_value());
    CHECK(std::get<SearchRequest>(parsed).boost->half_life_hours == 30 * 24);
    parsed = parse_search_params({{"boost", "recent"}, {"half_life", "12h"}, {"sort", "relevance"}});
    REQUIRE(std::holds_alternative<SearchRequest>(parsed));
    CHECK(std::get<SearchRequest>(parsed).boost->half_life_hours == 12);
    parsed = parse_search_params({{"q", "x"}});
    CHECK_FALSE(std::get<SearchRequest>(parsed).boost.has_value());
  }

  TEST_CASE("a bad boost or half_life is invalid_parameter naming it") {
    struct Row {
      Params params;
      const char* parameter;
      const char* message;
    };
    const Row rows[] = {
        {{{"boost", "fresh"}}, "boost", "Parameter `boost` must be `recent`, got `fresh`."},
        {{{"boost", ""}}, "boost", "Parameter `boost` must be `recent`, got ``."},
        {{{"boost", "recent"}, {"sort", "newest"}}, "boost",
         "Parameter `boost` adds freshness to relevance: it cannot be combined with `sort=newest`."},
        {{{"boost", "recent"}, {"sort", "oldest"}}, "boost",
         "Parameter `boost` adds freshness to relevance: it cannot be combined with `sort=oldest`."},
        {{{"half_life", "30d"}}, "half_life", "Parameter `half_life` applies only with `boost=recent`."},
        {{{"boost", "recent"}, {"half_life", "0d"}}, "half_life",
         "Parameter `half_life` must be a whole number of hours, days, weeks or years (`12h`, "
         "`30d`, `2w`, `1y`) from 1h to 100y, got `0d`."},
        {{{"boost", "recent"}, {"half_life", "200y"}}, "half_life",
         "Parameter `half_life` must be a whole number of hours, days, weeks or years (`12h`, "
         "`30d`, `2w`, `1y`) from 1h to 100y, got `200y`."},
    };
    for (const Row& row : rows) {
      INFO(row.message);
      const auto parsed = parse_search_params(row.params);
      REQUIRE(std::holds_alternative<ApiError>(parsed));
      const ApiError& error = std::get<ApiError>(parsed);
      CHECK(error.code == ErrorCode::invalid_parameter);
      CHECK(error.parameter == row.parameter);
      CHECK(error.message == row.message);
    }
  }

  TEST_CASE("an article's time is its datetime as UTC, or noon of its day") {
    CHECK(stated_seconds("1970-01-01") == 43200.0);
    CHECK(stated_seconds("1970-01-02T00:00:01") == 86401.0);
    CHECK(stated_seconds("2024-02-29T23:59:59") == 1709251199.0);
    for (const char* bad : {"", "2024-02-30", "20240229", "2024-02-29 10:00:00", "2024-02-29T24:00:00",
                            "2024-02-29T10:60:00", "2024-02-29T1a:00:00", "2024-02-29T10:00"}) {
      INFO(bad);
      CHECK_FALSE(stated_seconds(bad).has_value());
    }
  }

  TEST_CASE("freshness halves every half life and is 1 for the future") {
    CHECK(freshness(0, 100) == 1.0);
    CHECK(freshness(-5000, 100) == 1.0);
    CHECK(freshness(100, 100) == doctest::Approx(0.5));
    CHECK(freshness(300, 100) == doctest::Approx(0.125));
  }
}

TEST_SUITE("recency ranking") {
  TEST_CASE("equally relevant articles: newest first with the boost, undated last; docid order without") {
    Fixture f;
    CHECK(ids(f.search("harbour", std::nullopt)) ==
          std::vector<std::string>{"harbour-undated", "harbour-2y", "harbour-60d", "harbour-1d"});
    const SearchResult boosted = f.search("harbour", 30 * day_hours);
    CHECK(ids(boosted) ==
          std::vector<std::string>{"harbour-1d", "harbour-60d", "harbour-2y", "harbour-undated"});
    REQUIRE(boosted.boost.has_value());
    CHECK(boosted.boost->half_life_hours == 30 * day_hours);
    CHECK(boosted.warnings.empty());
  }

  TEST_CASE("scores are relevance plus recency_weight times the top score times 2^(-age/half life)") {
    Fixture f;
    const SearchResult plain = f.search("harbour", std::nullopt);
    const SearchResult boosted = f.search("harbour", 30 * day_hours);
    const double top = plain.hits.front().score;
    const double relevance = score_of(plain, "harbour-1d");  // all four are equal
    // Each article is dated at noon UTC of its day: age within half a day of its days.
    for (const auto& [id, days] : std::vector<std::pair<std::string, double>>{
             {"harbour-1d", 1}, {"harbour-60d", 60}, {"harbour-2y", 730}}) {
      INFO(id);
      const double boost = score_of(boosted, id) - relevance;
      CHECK(boost <= default_ranking.recency_weight * top * std::exp2(-(days - 0.5) / 30) + 1e-9);
      CHECK(boost >= default_ranking.recency_weight * top * std::exp2(-(days + 0.5) / 30) - 1e-9);
    }
    CHECK(score_of(boosted, "harbour-undated") == doctest::Approx(relevance));
  }

  TEST_CASE("a much more relevant old article beats a barely relevant new one; a fairly close one does not") {
    Fixture f;
    const SearchResult plain = f.search("glacier", std::nullopt);
    REQUIRE(ids(plain) ==
            std::vector<std::string>{"glacier-strong-2y", "glacier-fair-1d", "glacier-weak-1d"});
    // The premises: the weak one is more than recency_weight of the top below it, the fair one less.
    const double top = score_of(plain, "glacier-strong-2y");
    REQUIRE(score_of(plain, "glacier-weak-1d") < (1 - default_ranking.recency_weight) * top);
    REQUIRE(score_of(plain, "glacier-fair-1d") > (1 - 0.9 * default_ranking.recency_weight) * top);
    // At 30 days the day-old fair article rises above the strong one, the weak one does not.
    CHECK(ids(f.search("glacier", 30 * day_hours)) ==
          std::vector<std::string>{"glacier-fair-1d", "glacier-strong-2y", "glacier-weak-1d"});
    // At 1 hour a day is 24 half lives: relevance alone orders them again.
    CHECK(ids(f.search("glacier", 1)) == ids(plain));
    // At 100 years two years' difference is too small to matter.
    CHECK(ids(f.search("glacier", 100 * 365 * day_hours)) == ids(plain));
  }

  TEST_CASE("recency_weight 0 leaves the relevance order") {
    Fixture f;
    RankingConfig config = default_ranking;
    config.recency_weight = 0;
    const SearchResult boosted = f.search("harbour", 30 * day_hours, {}, config);
    CHECK(ids(boosted) == ids(f.search("harbour", std::nullopt)));
  }

  TEST_CASE("over remote shards a source by day ranks the same, and says so") {
    Fixture f;
    article_search::topology::Capabilities remote;
    remote.custom_posting_sources = false;
    const SearchResult by_day = f.search("harbour", 30 * day_hours, remote);
    CHECK(ids(by_day) ==
          std::vector<std::string>{"harbour-1d", "harbour-60d", "harbour-2y", "harbour-undated"});
    const SearchResult local = f.search("harbour", 30 * day_hours);
    for (const Hit& hit : local.hits) {
      INFO(hit.id);
      CHECK(score_of(by_day, hit.id) == doctest::Approx(hit.score));  // dates without times
    }
    CHECK(by_day.warnings == std::vector<std::string_view>{warning::boost_by_day});
    CHECK(ids(f.search("glacier", 30 * day_hours, remote)) ==
          std::vector<std::string>{"glacier-fair-1d", "glacier-strong-2y", "glacier-weak-1d"});
  }

  TEST_CASE("a query of filters alone is ordered by freshness with the boost") {
    Fixture f;
    const SearchResult boosted = f.search("source:wire harbour", 30 * day_hours);
    CHECK(ids(boosted).front() == "harbour-1d");
    const SearchResult filters = f.search("source:wire", 30 * day_hours);
    REQUIRE(filters.hits.size() == 7);
    CHECK(filters.hits.back().id == "harbour-undated");
    CHECK(filters.hits[0].id.find("-1d") != std::string::npos);
    CHECK(filters.hits[3].id.find("-60d") != std::string::npos);
  }
}
