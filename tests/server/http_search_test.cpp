/// @file GET /api/search over HTTP against the real server: ranking, highlighting,
/// escaping, filters, sorting, facets, pagination, did-you-mean.
#include "server_fixture.h"
#include "snippet.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace {
using article_search::testing::hit_ids;
using article_search::testing::shared_server;
using article_search::testing::source_dir;

/// Ids of the bundled corpus files whose text contains `needle` (case-insensitive).
std::set<std::string> corpus_ids_containing(std::string needle) {
  std::transform(needle.begin(), needle.end(), needle.begin(), ::tolower);
  std::set<std::string> ids;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "corpus")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string lower = text.str();
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (lower.find(needle) != std::string::npos) ids.insert(entry.path().stem().string());
  }
  return ids;
}

std::set<std::string> as_set(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

/// The marked spans of `html`: the text between each <mark> and </mark>.
std::vector<std::string> marked(const std::string& html) {
  std::vector<std::string> spans;
  for (std::size_t at = html.find("<mark>"); at != std::string::npos; at = html.find("<mark>", at + 1)) {
    const std::size_t end = html.find("</mark>", at);
    spans.push_back(html.substr(at + 6, end - at - 6));
  }
  return spans;
}

}  // namespace

TEST_SUITE("GET /api/search") {
  TEST_CASE("Raimondo returns exactly the articles that quote her") {
    const auto answer = shared_server().get_json("/api/search?q=Raimondo");
    const auto expected = corpus_ids_containing("raimondo");
    CHECK(expected == std::set<std::string>{"002_50ed439707b20fb7", "003_3e77c303cd71c53b"});
    CHECK(as_set(hit_ids(answer)) == expected);
    CHECK(answer["total"] == nlohmann::json{{"value", 2}, {"relation", "eq"}});
    for (const auto& hit : answer["hits"]) CHECK(marked(hit["snippet"]) == std::vector<std::string>{"Raimondo"});
  }

  TEST_CASE("a quoted phrase matches only articles with the words side by side") {
    const auto phrase = shared_server().get_json("/api/search?q=%22security%20risk%22");
    CHECK(as_set(hit_ids(phrase)) == corpus_ids_containing("security risk"));
    const auto words = shared_server().get_json("/api/search?q=security%20risk");
    CHECK(words["total"]["value"].get<int>() > phrase["total"]["value"].get<int>());
    const auto national = shared_server().get_json("/api/search?q=%22national%20security%22");
    CHECK(as_set(hit_ids(national)) == corpus_ids_containing("national security"));
  }

  TEST_CASE("title:kaspersky matches and marks titles only") {
    const auto answer = shared_server().get_json("/api/search?q=title:kaspersky");
    REQUIRE(!answer["hits"].empty());
    for (const auto& hit : answer["hits"]) {
      const std::string title = hit["title_text"];
      CHECK(title.find("Kaspersky") != std::string::npos);
      CHECK(marked(hit["title"]) == std::vector<std::string>{"Kaspersky"});
      CHECK(hit["matches"]["snippet"].empty());
      CHECK(hit["matches"]["title"].size() == 1);
      const auto span = hit["matches"]["title"][0];
      CHECK(title.substr(span[0], span[1].get<std::size_t>() - span[0].get<std::size_t>()) == "Kaspersky");
    }
    const auto everywhere = shared_server().get_json("/api/search?q=kaspersky");
    CHECK(everywhere["total"]["value"] == 6 - 1);  // every corpus article, not the fixture
  }

  TEST_CASE("a stemmed query marks the inflected forms it matched") {
    const auto answer = shared_server().get_json("/api/search?q=ban&per_page=100");
    std::set<std::string> forms;
    for (const auto& hit : answer["hits"]) {
      for (const auto& span : marked(hit["snippet"])) forms.insert(span);
      for (const auto& span : marked(hit["title"])) forms.insert(span);
    }
    CHECK(forms.count("ban") == 1);
    CHECK(forms.count("Ban") == 1);
    const auto document = shared_server().get_json("/api/documents/004_8f0669f797f6f4f0?q=ban");
    const auto body_marks = marked(document["body_html"]);
    CHECK(std::count(body_marks.begin(), body_marks.end(), "banned") == 1);
  }

  TEST_CASE("offsets in matches point at the marked words of the plain texts") {
    const auto answer = shared_server().get_json("/api/search?q=kaspersky%20ban");
    for (const auto& hit : answer["hits"]) {
      const std::string text = hit["snippet_text"];
      const auto spans = marked(hit["snippet"]);
      REQUIRE(spans.size() == hit["matches"]["snippet"].size());
      for (std::size_t i = 0; i < spans.size(); ++i) {
        const std::size_t begin = hit["matches"]["snippet"][i][0], end = hit["matches"]["snippet"][i][1];
        // The marked span is HTML (Kaspersky&#39;s), the offsets are into the plain text.
        CHECK(article_search::search::html_escape(text.substr(begin, end - begin)) == spans[i]);
      }
    }
  }

  TEST_CASE("article text with markup reaches the client escaped, with <mark> the only tag") {
    const auto answer = shared_server().get_json("/api/search?q=alert");
    REQUIRE(hit_ids(answer) == std::vector<std::string>{"hostile"});
    const auto& hit = answer["hits"][0];
    for (const std::string& html : {hit["title"].get<std::string>(), hit["snippet"].get<std::string>()}) {
      CHECK(html.find("<script") == std::string::npos);
      CHECK(html.find("<img") == std::string::npos);
      CHECK(html.find("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;") != std::string::npos);
      CHECK(html.find("&lt;img src=x onerror=<mark>alert</mark>(1)&gt;") != std::string::npos);
    }
    CHECK(std::string(hit["title_text"]).find("<script>alert(1)</script>") != std::string::npos);
    CHECK(std::string(hit["snippet"]).find("&amp; &quot;double&quot; and &#39;single&#39;") != std::string::npos);
  }

  TEST_CASE("an empty query lists every article, newest first") {
    const auto answer = shared_server().get_json("/api/search?q=");
    CHECK(answer["total"]["value"] == 6);
    CHECK(answer["hits"][0]["id"] == "004_8f0669f797f6f4f0");
    CHECK(answer["hits"][1]["id"] == "hostile");
  }

  TEST_CASE("sort=newest and sort=oldest order dated articles by date") {
    const auto newest = shared_server().get_json("/api/search?q=kaspersky%20OR%20alert&sort=newest");
    const auto oldest = shared_server().get_json("/api/search?q=kaspersky%20OR%20alert&sort=oldest");
    std::vector<std::string> newest_dates, oldest_dates;
    for (const auto& hit : newest["hits"]) if (!hit["date"].is_null()) newest_dates.push_back(hit["date"]);
    for (const auto& hit : oldest["hits"]) if (!hit["date"].is_null()) oldest_dates.push_back(hit["date"]);
    REQUIRE(newest_dates.size() == 2);
    CHECK(std::is_sorted(newest_dates.rbegin(), newest_dates.rend()));
    CHECK(std::is_sorted(oldest_dates.begin(), oldest_dates.end()));
    CHECK(newest_dates.front() != oldest_dates.front());
    // Undated articles come last either way.
    CHECK(newest["hits"][0]["date"] == "2024-07-16T21:08:57");
    CHECK(newest["hits"].back()["date"].is_null());
    CHECK(oldest["hits"][0]["date"] == "2023-03-01");
    CHECK(oldest["hits"].back()["date"].is_null());
  }

  TEST_CASE("filters: source, year, from and to") {
    auto& server = shared_server();
    CHECK(hit_ids(server.get_json("/api/search?source=escaping")) == std::vector<std::string>{"hostile"});
    CHECK(server.get_json("/api/search?source=corpus")["total"]["value"] == 5);
    CHECK(server.get_json("/api/search?source=corpus&source=escaping")["total"]["value"] == 6);
    CHECK(server.get_json("/api/search?source=nowhere")["total"]["value"] == 0);
    CHECK(hit_ids(server.get_json("/api/search?year=2024")) == std::vector<std::string>{"004_8f0669f797f6f4f0"});
    CHECK(server.get_json("/api/search?year=2023&year=2024")["total"]["value"] == 2);
    CHECK(hit_ids(server.get_json("/api/search?from=2024-07-16")) == std::vector<std::string>{"004_8f0669f797f6f4f0"});
    CHECK(server.get_json("/api/search?from=2024-07-17")["total"]["value"] == 0);
    CHECK(hit_ids(server.get_json("/api/search?to=2023-03-01")) == std::vector<std::string>{"hostile"});
    CHECK(hit_ids(server.get_json("/api/search?from=2023-01-01&to=2023-12-31")) == std::vector<std::string>{"hostile"});
    CHECK(hit_ids(server.get_json("/api/search?q=date:2024-07-01..2024-07-31")) == std::vector<std::string>{"004_8f0669f797f6f4f0"});
    CHECK(hit_ids(server.get_json("/api/search?q=kaspersky&year=2024")) == std::vector<std::string>{"004_8f0669f797f6f4f0"});
  }

  TEST_CASE("facets count the whole result set, not just the page") {
    const auto answer = shared_server().get_json("/api/search?q=&per_page=1");
    CHECK(answer["hits"].size() == 1);
    CHECK(answer["facets"]["source"] == nlohmann::json::parse(
        R"([{"value":"corpus","count":5},{"value":"escaping","count":1}])"));
    std::set<std::string> years;
    for (const auto& year : answer["facets"]["year"]) {
      years.insert(year["value"]);
      CHECK(year["count"] == 1);
    }
    CHECK(years == std::set<std::string>{"2023", "2024"});
    CHECK(answer["facets_exact"] == true);
  }

  TEST_CASE("pages cover the results exactly once, and the edges behave") {
    auto& server = shared_server();
    std::vector<std::string> seen;
    for (int page = 1; page <= 3; ++page) {
      const auto answer = server.get_json("/api/search?q=&per_page=2&page=" + std::to_string(page));
      CHECK(answer["page"] == page);
      CHECK(answer["offset"] == (page - 1) * 2);
      for (const auto& id : hit_ids(answer)) seen.push_back(id);
    }
    CHECK(as_set(seen).size() == 6);
    CHECK(seen.size() == 6);
    CHECK(server.get_json("/api/search?q=&per_page=2&page=4")["hits"].empty());
    CHECK(server.get_json("/api/search?q=&offset=5&limit=100")["hits"].size() == 1);
    CHECK(server.get_json("/api/search?q=&offset=9900&limit=100")["hits"].empty());
    server.get_json("/api/search?q=&offset=9901&limit=100", 400);
    server.get_json("/api/search?page=1001&per_page=10", 400);
  }

  TEST_CASE("did you mean: offered for a misspelling, not for a good or stemmed word") {
    auto& server = shared_server();
    CHECK(server.get_json("/api/search?q=kaspersy")["did_you_mean"] ==
          nlohmann::json{{"q", "kaspersky"}, {"html", "<mark>kaspersky</mark>"}});
    CHECK(server.get_json("/api/search?q=kaspersky")["did_you_mean"].is_null());
    CHECK(server.get_json("/api/search?q=bans")["did_you_mean"].is_null());
    CHECK(server.get_json("/api/search?q=banned")["did_you_mean"].is_null());
    // A short word two edits from a known one ("storm", "stop") is no good guess.
    CHECK(server.get_json("/api/search?q=storm")["did_you_mean"].is_null());
    // After a relaxed parse the correction is of what was searched.
    CHECK(server.get_json("/api/search?q=AND%20kaspersy")["did_you_mean"] ==
          nlohmann::json{{"q", "kaspersky"}, {"html", "<mark>kaspersky</mark>"}});
  }

  TEST_CASE("typo tolerance: a misspelt name finds and marks the right one; typos=false does not") {
    auto& server = shared_server();
    const auto answer = server.get_json("/api/search?q=kaspresky");
    CHECK(answer["query"]["typos"] ==
          nlohmann::json::parse(R"([{"word":"kaspresky","matches":["kaspersky"]}])"));
    REQUIRE_FALSE(answer["hits"].empty());
    CHECK(answer["hits"][0]["snippet"].get<std::string>().find("<mark>Kaspersky") != std::string::npos);
    const auto exact = server.get_json("/api/search?q=kaspresky&typos=false");
    CHECK(exact["hits"].empty());
    CHECK_FALSE(exact["query"].contains("typos"));
    CHECK_FALSE(server.get_json("/api/search?q=kaspersky")["query"].contains("typos"));
    const auto bad = server.get_json("/api/search?q=kaspresky&typos=maybe", 400);
    CHECK(bad == nlohmann::json::parse(
                     R"({"error":{"code":"invalid_parameter","message":"Parameter `typos` must be `true` or `false`, got `maybe`.","parameter":"typos"}})"));
  }

  TEST_CASE("queries the parser rejects are retried without operators, never a 500") {
    auto& server = shared_server();
    for (const char* q : {"AND%20kaspersky", "NOT%20kaspersky", "kaspersky%20AND", "1..5", "(((", "title:", "%22unclosed"}) {
      const auto answer = server.get_json(std::string("/api/search?q=") + q);
      CHECK(answer.contains("hits"));
    }
    const auto answer = server.get_json("/api/search?q=AND%20kaspersky");
    CHECK(answer["query"]["relaxed"] == true);
    CHECK(answer["query"]["searched"] == "kaspersky");
    CHECK(answer["total"]["value"] == 5);
    CHECK(server.get_json("/api/search?q=1..5")["query"]["relaxed"] == true);
    CHECK(server.get_json("/api/search?q=kaspersky")["query"]["relaxed"] == false);
  }

  TEST_CASE("articles with all the words rank above those with some") {
    const auto answer = shared_server().get_json("/api/search?q=Raimondo%20alert");
    // No article has both; each word alone still finds its articles.
    CHECK(answer["total"]["value"] == 3);
    const auto both = shared_server().get_json("/api/search?q=Kaspersky%20Raimondo");
    const auto first_two = as_set({both["hits"][0]["id"], both["hits"][1]["id"]});
    CHECK(first_two == corpus_ids_containing("raimondo"));
  }

  TEST_CASE("partial=true: an unfinished last word finds and marks the words it begins") {
    const auto unfinished = shared_server().get_json("/api/search?q=kasp");
    CHECK(unfinished["total"]["value"] == 0);
    const auto typing = shared_server().get_json("/api/search?q=kasp&partial=true");
    CHECK(as_set(hit_ids(typing)) == corpus_ids_containing("kasp"));
    CHECK(marked(typing["hits"][0]["title"]) == std::vector<std::string>{"Kaspersky"});
    // Only the last word is unfinished, and a space after it says it is whole.
    CHECK(shared_server().get_json("/api/search?q=kasp%20&partial=true")["total"]["value"] == 0);
    CHECK(shared_server().get_json("/api/search?q=kasp%20raimondo&partial=true")["total"]["value"] ==
          corpus_ids_containing("raimondo").size());
  }

  TEST_CASE("wildcards expand and mark") {
    const auto answer = shared_server().get_json("/api/search?q=kasp*");
    CHECK(answer["total"]["value"] == 5);
    CHECK(marked(answer["hits"][0]["title"]).size() >= 1);
  }
}
