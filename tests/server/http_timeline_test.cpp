/// @file The search timeline over HTTP against the real server: buckets that add up to the
/// matching dated articles, filters that narrow it, widening, and bad values.
#include "document.h"
#include "server_fixture.h"

#include <map>

namespace {
using article_search::Article;
using article_search::testing::ExistingDatabase;
using article_search::testing::RunningServer;
using article_search::testing::TempDir;
using nlohmann::json;

Article dated(std::string id, std::string words, std::string date) {
  Article article;
  article.id = std::move(id);
  article.title = words;
  article.body = words + ", as reported.";
  article.date = std::move(date);
  article.source = "wire";
  return article;
}

/// Five floods (two on one day, one undated), a drought before them, and two archive
/// pieces five years apart.
std::vector<Article> timeline_articles() {
  return {
      dated("flood-1", "Flood in the valley", "2024-01-01"),
      dated("flood-2", "Flood reaches the town", "2024-01-01T18:30:00"),
      dated("flood-3", "Flood waters recede", "2024-01-03"),
      dated("flood-4", "Flood inquiry opens", "2024-01-10"),
      dated("flood-5", "Flood of no known date", ""),
      dated("drought", "Drought in the hills", "2023-06-01"),
      dated("archive-old", "Archive photographs", "2019-01-01"),
      dated("archive-new", "Archive reopened", "2024-01-10"),
  };
}

std::filesystem::path build_timeline_database(const TempDir& dir) {
  const std::filesystem::path path = dir / "timeline-db";
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  Xapian::TermGenerator generator = article_search::make_term_generator(nullptr);
  for (const Article& article : timeline_articles()) {
    db.add_document(article_search::make_document(article, generator));
  }
  db.commit();
  return path;
}

RunningServer& timeline_server() {
  static const TempDir dir;
  static RunningServer server(ExistingDatabase{build_timeline_database(dir)});
  return server;
}

/// The non-empty buckets of a timeline, by start.
std::map<std::string, long> counted(const json& timeline) {
  std::map<std::string, long> buckets;
  for (const json& bucket : timeline.at("buckets")) {
    if (bucket.at("count") != 0) buckets[bucket.at("start")] = bucket.at("count");
  }
  return buckets;
}

/// The matching dated articles per day, from the hits themselves.
std::map<std::string, long> days_of_hits(const json& answer) {
  std::map<std::string, long> days;
  for (const json& hit : answer.at("hits")) {
    if (!hit.at("date").is_null()) ++days[hit.at("date").get<std::string>().substr(0, 10)];
  }
  return days;
}

long bucket_sum(const json& timeline) {
  long sum = 0;
  for (const json& bucket : timeline.at("buckets")) sum += bucket.at("count").get<long>();
  return sum;
}

}  // namespace

TEST_SUITE("timeline over HTTP") {
  TEST_CASE("day buckets count the matching dated articles — with the undated they make the total") {
    const json answer = timeline_server().get_json("/api/search?q=flood&timeline=day&per_page=50");
    const json& timeline = answer.at("timeline");
    CHECK(timeline.at("interval") == "day");
    CHECK_FALSE(timeline.contains("requested"));
    CHECK(counted(timeline) == days_of_hits(answer));
    CHECK(counted(timeline) == std::map<std::string, long>{{"2024-01-01", 2}, {"2024-01-03", 1},
                                                            {"2024-01-10", 1}});
    // Contiguous: every day from the first to the last, the empty ones too.
    REQUIRE(timeline.at("buckets").size() == 10);
    CHECK(timeline["buckets"][1] == json{{"start", "2024-01-02"}, {"count", 0}});
    CHECK(timeline.at("undated") == 1);
    CHECK(bucket_sum(timeline) + timeline.at("undated").get<long>() == answer["total"]["value"]);
    CHECK(timeline.at("exact") == true);
  }

  TEST_CASE("without the parameter there is no timeline") {
    CHECK_FALSE(timeline_server().get_json("/api/search?q=flood").contains("timeline"));
  }

  TEST_CASE("auto: years over five years, weeks over seven months — every match counted") {
    // 2019 to 2024: 61 months are too many for auto, 6 years fit.
    const json all = timeline_server().get_json("/api/search?q=&timeline=auto&per_page=50");
    CHECK(all["timeline"]["interval"] == "year");
    CHECK(counted(all["timeline"]) ==
          std::map<std::string, long>{{"2019-01-01", 1}, {"2023-01-01", 1}, {"2024-01-01", 5}});
    CHECK(all["timeline"]["buckets"].size() == 6);
    CHECK(bucket_sum(all["timeline"]) + all["timeline"]["undated"].get<long>() == 8);

    const json floods = timeline_server().get_json("/api/search?q=flood%20OR%20drought&timeline=auto");
    CHECK(floods["timeline"]["interval"] == "week");  // 224 days, 33 weeks
    CHECK(floods["timeline"]["buckets"][0]["start"] == "2023-05-29");  // the Monday before 1 June
  }

  TEST_CASE("from and to narrow the timeline to the matches they leave") {
    const json narrowed = timeline_server().get_json(
        "/api/search?q=flood&from=2024-01-02&to=2024-01-10&timeline=day&per_page=50");
    const json& timeline = narrowed.at("timeline");
    CHECK(counted(timeline) == std::map<std::string, long>{{"2024-01-03", 1}, {"2024-01-10", 1}});
    CHECK(counted(timeline) == days_of_hits(narrowed));
    CHECK(timeline["buckets"].size() == 8);  // 3 to 10 January
    CHECK(timeline["undated"] == 0);         // a date filter leaves the undated out
    CHECK(bucket_sum(timeline) == narrowed["total"]["value"]);
  }

  TEST_CASE("an interval giving over 1000 buckets is widened and says what was requested") {
    const json answer = timeline_server().get_json("/api/search?q=archive&timeline=day");
    const json& timeline = answer.at("timeline");
    CHECK(timeline["interval"] == "week");  // five years: 1836 days, 263 weeks
    CHECK(timeline["requested"] == "day");
    CHECK(timeline["buckets"].front() == json{{"start", "2018-12-31"}, {"count", 1}});
    CHECK(timeline["buckets"].back() == json{{"start", "2024-01-08"}, {"count", 1}});
    CHECK(bucket_sum(timeline) == 2);
  }

  TEST_CASE("no matches: no buckets, nothing undated") {
    const json timeline = timeline_server().get_json("/api/search?q=volcano&timeline=auto")["timeline"];
    CHECK(timeline["buckets"] == json::array());
    CHECK(timeline["undated"] == 0);
  }

  TEST_CASE("timeline=hourly and an empty timeline are a 400 naming the parameter") {
    for (const char* bad : {"hourly", ""}) {
      INFO(bad);
      const json error = timeline_server().get_json(std::string("/api/search?q=flood&timeline=") + bad, 400);
      CHECK(error == json{{"error",
                           {{"code", "invalid_parameter"},
                            {"message", "Parameter `timeline` must be one of `auto`, `day`, `week`, "
                                        "`month`, `year`, got `" + std::string(bad) + "`."},
                            {"parameter", "timeline"}}}});
    }
  }
}
