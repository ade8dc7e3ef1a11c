/// @file Stories and copies over HTTP against the real server, over the real indexer's groups
/// of tests/data/copies: a harbour bridge report (herald), two copies of it (wire, a day
/// later: one with a dateline and its last paragraph cut, one with a credit line and its own
/// headline) and two unrelated articles.
#include "server_fixture.h"

#include <map>
#include <set>

namespace {
using article_search::testing::RunningServer;
using article_search::testing::source_dir;
using nlohmann::json;

const std::string original = "herald/bridge-closure";
const std::string dateline_copy = "wire/bridge-closure-reuters";
const std::string credit_copy = "wire/bridge-closure-credit";
const std::string orchard = "herald/orchard-harvest";
const std::string chess = "gazette/chess-tournament";

RunningServer& stories_server() {
  static RunningServer server(std::vector<std::filesystem::path>{source_dir() / "tests" / "data" / "copies"});
  return server;
}

/// The hits of an answer by id.
std::map<std::string, json> hits_by_id(const json& answer) {
  std::map<std::string, json> hits;
  for (const json& hit : answer.at("hits")) hits[hit.at("id")] = hit;
  return hits;
}

/// Every article, ungrouped, by id.
std::map<std::string, json> all_hits() {
  return hits_by_id(stories_server().get_json("/api/search?q=&per_page=50"));
}

std::string bridge_story_id() { return all_hits().at(original).at("story").at("id"); }

std::map<std::string, long> facet_counts(const json& facet) {
  std::map<std::string, long> counts;
  for (const json& value : facet) counts[value.at("value")] = value.at("count");
  return counts;
}

json invalid_id() {
  return {{"error",
           {{"code", "invalid_parameter"},
            {"message", "Parameter `id` must be a story id of 16 lower-case hex digits."},
            {"parameter", "id"}}}};
}

}  // namespace

TEST_SUITE("stories over HTTP") {
  TEST_CASE("each copy names the original; the original and the unrelated articles copy none") {
    const auto hits = all_hits();
    REQUIRE(hits.size() == 5);
    CHECK(hits.at(original).at("copy_of").is_null());
    CHECK(hits.at(dateline_copy).at("copy_of") == original);
    CHECK(hits.at(credit_copy).at("copy_of") == original);
    CHECK(hits.at(orchard).at("copy_of").is_null());
    CHECK(hits.at(chess).at("copy_of").is_null());
  }

  TEST_CASE("every hit has its story: the three reports one, each unrelated article its own") {
    const auto hits = all_hits();
    for (const auto& [id, hit] : hits) {
      INFO(id);
      const json& story = hit.at("story");
      REQUIRE(story.is_object());
      CHECK(story.size() == 3);
      CHECK(story.at("id").get<std::string>().size() == 16);
      CHECK(story.at("size").is_number_unsigned());
      CHECK(story.at("sources").is_array());
    }
    const json bridge = hits.at(original).at("story");
    CHECK(bridge.at("size") == 3);
    CHECK(bridge.at("sources") == json{"herald", "wire"});
    CHECK(hits.at(dateline_copy).at("story") == bridge);
    CHECK(hits.at(credit_copy).at("story") == bridge);
    CHECK(hits.at(orchard).at("story").at("size") == 1);
    CHECK(hits.at(orchard).at("story").at("sources") == json{"herald"});
    CHECK(hits.at(chess).at("story").at("sources") == json{"gazette"});
    const std::set<std::string> stories = {bridge.at("id"), hits.at(orchard).at("story").at("id"),
                                           hits.at(chess).at("story").at("id")};
    CHECK(stories.size() == 3);
  }

  TEST_CASE("group is echoed: none by default, story when asked") {
    CHECK(stories_server().get_json("/api/search?q=bridge")["group"] == "none");
    CHECK(stories_server().get_json("/api/search?q=bridge&group=none")["group"] == "none");
    CHECK(stories_server().get_json("/api/search?q=bridge&group=story")["group"] == "story");
  }

  TEST_CASE("group=story: one hit for the three reports, the total counts stories") {
    const json grouped = stories_server().get_json("/api/search?q=bridge&group=story");
    REQUIRE(grouped.at("hits").size() == 1);
    const json& hit = grouped["hits"][0];
    CHECK(std::set<std::string>{original, dateline_copy, credit_copy}.count(hit.at("id")) == 1);
    CHECK(hit.at("story").at("size") == 3);
    CHECK(hit.at("story").at("sources") == json{"herald", "wire"});
    CHECK(grouped.at("total") == json{{"value", 1}, {"relation", "eq"}});
    const json ungrouped = stories_server().get_json("/api/search?q=bridge&group=none");
    CHECK(ungrouped.at("hits").size() == 3);
    CHECK(ungrouped.at("total") == json{{"value", 3}, {"relation", "eq"}});
  }

  TEST_CASE("over everything: 3 stories with the two unrelated articles, 5 articles without grouping") {
    const json grouped = stories_server().get_json("/api/search?q=&group=story&per_page=50");
    CHECK(grouped.at("total").at("value") == 3);
    CHECK(grouped.at("hits").size() == 3);
    const auto hits = hits_by_id(grouped);
    CHECK(hits.count(orchard) == 1);
    CHECK(hits.count(chess) == 1);
    const json ungrouped = stories_server().get_json("/api/search?q=&group=none&per_page=50");
    CHECK(ungrouped.at("total").at("value") == 5);
    CHECK(ungrouped.at("hits").size() == 5);
  }

  TEST_CASE("facets count stories with group=story, articles without") {
    const json ungrouped = stories_server().get_json("/api/search?q=&per_page=50");
    CHECK(facet_counts(ungrouped["facets"]["source"]) ==
          std::map<std::string, long>{{"herald", 2}, {"wire", 2}, {"gazette", 1}});
    CHECK(facet_counts(ungrouped["facets"]["year"]) ==
          std::map<std::string, long>{{"2024", 4}, {"2023", 1}});
    const json grouped = stories_server().get_json("/api/search?q=&group=story&per_page=50");
    // The two wire copies are one story; 2024 holds the bridge story and the orchard.
    CHECK(facet_counts(grouped["facets"]["source"]) ==
          std::map<std::string, long>{{"herald", 2}, {"wire", 1}, {"gazette", 1}});
    CHECK(facet_counts(grouped["facets"]["year"]) ==
          std::map<std::string, long>{{"2024", 2}, {"2023", 1}});
  }

  TEST_CASE("GET /api/stories/{id}: the members oldest first, the original first, copies say so") {
    const std::string id = bridge_story_id();
    const json story = stories_server().get_json("/api/stories/" + id);
    CHECK(story.at("id") == id);
    CHECK(story.at("size") == 3);
    CHECK(story.at("sources") == json{"herald", "wire"});
    const json& articles = story.at("articles");
    REQUIRE(articles.size() == 3);
    CHECK(articles[0].at("id") == original);
    CHECK(articles[1].at("id") == dateline_copy);  // 06:40 on 2 March
    CHECK(articles[2].at("id") == credit_copy);    // 09:05 on 2 March
    CHECK(articles[0].at("date") == "2024-03-01T08:15:00");
    CHECK(articles[0].at("source") == "herald");
    CHECK(articles[0].at("title") == "Harbour bridge in Port Alderney closed after cracks found in main span");
    CHECK(articles[2].at("title") == "Cracked girder shuts Port Alderney's only road link to its docks");
    CHECK(articles[0].at("copy_of").is_null());
    CHECK(articles[1].at("copy_of") == original);
    CHECK(articles[2].at("copy_of") == original);
    CHECK(articles[0].at("url").is_null());
    CHECK(story.at("first") == articles[0]);
  }

  TEST_CASE("a story of one article lists it alone") {
    const std::string id = all_hits().at(chess).at("story").at("id");
    const json story = stories_server().get_json("/api/stories/" + id);
    CHECK(story.at("size") == 1);
    REQUIRE(story.at("articles").size() == 1);
    CHECK(story["articles"][0]["id"] == chess);
    CHECK(story.at("first") == story["articles"][0]);
  }

  TEST_CASE("GET /api/documents/{id} carries the story and copy_of") {
    const std::string id = bridge_story_id();
    const json copy = stories_server().get_json("/api/documents/" + credit_copy);
    CHECK(copy.at("story") == json{{"id", id}, {"size", 3}, {"sources", {"herald", "wire"}}});
    CHECK(copy.at("copy_of") == original);
    CHECK(copy.at("body").get<std::string>().find("Reporting by the Port Alderney Herald") != std::string::npos);
    const json first = stories_server().get_json("/api/documents/herald%2Fbridge-closure");
    CHECK(first.at("story").at("id") == id);
    CHECK(first.at("copy_of").is_null());
  }

  TEST_CASE("group=sideways is a 400 invalid_parameter naming group") {
    CHECK(stories_server().get_json("/api/search?q=bridge&group=sideways", 400) ==
          json{{"error",
                {{"code", "invalid_parameter"},
                 {"message", "Parameter `group` must be one of `none`, `story`, got `sideways`."},
                 {"parameter", "group"}}}});
  }

  TEST_CASE("a malformed story id is a 400 invalid_parameter naming id") {
    for (const std::string bad : {"XYZ", "0123456789abcde", "0123456789abcdef0", "0123456789ABCDEF"}) {
      INFO(bad);
      CHECK(stories_server().get_json("/api/stories/" + bad, 400) == invalid_id());
    }
  }

  TEST_CASE("a well-formed id no article has is a 404 not_found") {
    std::string unknown = "0123456789abcdef";
    if (unknown == bridge_story_id()) unknown = "fedcba9876543210";
    CHECK(stories_server().get_json("/api/stories/" + unknown, 404) ==
          json{{"error", {{"code", "not_found"}, {"message", "No story with id `" + unknown + "`."}}}});
  }

  TEST_CASE("timeline=day with group=story still counts articles") {
    const json answer = stories_server().get_json("/api/search?q=&group=story&timeline=day&per_page=50");
    CHECK(answer.at("total").at("value") == 3);
    std::map<std::string, long> days;
    long sum = 0;
    for (const json& bucket : answer["timeline"]["buckets"]) {
      sum += bucket.at("count").get<long>();
      if (bucket.at("count") != 0) days[bucket.at("start")] = bucket.at("count");
    }
    CHECK(days == std::map<std::string, long>{{"2023-11-20", 1}, {"2024-03-01", 1},
                                              {"2024-03-02", 2}, {"2024-03-05", 1}});
    CHECK(sum == 5);
    CHECK(answer["timeline"]["undated"] == 0);
  }
}
