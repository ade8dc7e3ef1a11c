/// @file Searches as Atom feeds over HTTP against the real server: the entries are the
/// search's newest matches in its order, with ids that do not change, text escaped, and
/// one entry per story when grouped. (tests/server/atom_feed_test.py reads the same feeds
/// with a real feed parser.)
#include "atom.h"
#include "server_fixture.h"

#include <algorithm>
#include <set>

namespace {
using article_search::testing::hit_ids;
using article_search::testing::shared_server;

struct Feed {
  int status = 0;
  std::string type, body;
};

Feed fetch(const std::string& target) {
  auto client = shared_server().client();
  const auto response = client.Get(target);
  REQUIRE(response);
  return {response->status, response->get_header_value("Content-Type"), response->body};
}

/// The text of the first `<tag>` of each <entry> (the feed's own are outside entries).
std::vector<std::string> entry_values(const std::string& feed, const std::string& tag) {
  std::vector<std::string> values;
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  for (std::size_t at = feed.find("<entry>"); at != std::string::npos; at = feed.find("<entry>", at + 1)) {
    const std::size_t end = feed.find("</entry>", at);
    const std::size_t start = feed.find(open, at);
    if (end == std::string::npos || start == std::string::npos || start > end) continue;
    const std::size_t stop = feed.find(close, start);
    values.push_back(feed.substr(start + open.size(), stop - start - open.size()));
  }
  return values;
}

std::vector<std::string> article_ids(const std::string& feed) {
  std::vector<std::string> ids;
  for (const std::string& id : entry_values(feed, "id")) {
    const std::string prefix = "urn:article-search:article:";
    REQUIRE(id.starts_with(prefix));
    ids.push_back(id.substr(prefix.size()));
  }
  return ids;
}

}  // namespace

TEST_SUITE("search feeds") {
  TEST_CASE("atom_time gives RFC 3339 in UTC, and the epoch for an undated article") {
    using article_search::search::atom_time;
    CHECK(atom_time("2024-07-16") == "2024-07-16T00:00:00Z");
    CHECK(atom_time("2024-07-16T21:08:57") == "2024-07-16T21:08:57Z");
    CHECK(atom_time("") == "1970-01-01T00:00:00Z");
  }

  TEST_CASE("text XML cannot carry is dropped, the rest escaped") {
    using namespace article_search::search;
    SearchResult result;
    Hit hit;
    hit.id = "a";
    hit.title_text = "Bell\x07 & <b> \xEF\xBF\xBE\xEF\xBF\xBF caf\xC3\xA9";
    result.hits.push_back(hit);
    const std::string feed = atom_feed(result, {"http://h", "/api/search.atom"});
    CHECK(feed.find("<title>Bell &amp; &lt;b&gt;  caf\xC3\xA9</title>") != std::string::npos);
  }

  TEST_CASE("the feed is the search's newest matches, in its order, as Atom") {
    const Feed feed = fetch("/api/search.atom?q=kaspersky");
    CHECK(feed.status == 200);
    CHECK(feed.type == "application/atom+xml; charset=utf-8");
    CHECK(feed.body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    const auto json = shared_server().get_json("/api/search?q=kaspersky&sort=newest&limit=20");
    const auto ids = article_ids(feed.body);
    CHECK(!ids.empty());
    CHECK(ids == hit_ids(json));
    const auto updated = entry_values(feed.body, "updated");
    CHECK(std::is_sorted(updated.rbegin(), updated.rend()));
    // Fetched again, the same entries with the same ids and times.
    CHECK(fetch("/api/search.atom?q=kaspersky").body == feed.body);
  }

  TEST_CASE("sort and limit are taken as in a search") {
    const auto ids = article_ids(fetch("/api/search.atom?q=kaspersky&sort=oldest&limit=2").body);
    CHECK(ids == hit_ids(shared_server().get_json("/api/search?q=kaspersky&sort=oldest&limit=2")));
    CHECK(ids.size() == 2);
  }

  TEST_CASE("article text is escaped: the hostile headline is text, not markup") {
    const Feed feed = fetch("/api/search.atom?q=alert");
    CHECK(feed.body.find("<script>") == std::string::npos);
    CHECK(feed.body.find("<img") == std::string::npos);
    CHECK(feed.body.find("Hostile &lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  }

  TEST_CASE("group=story: one entry per story, named by its story id") {
    const Feed feed = fetch("/api/search.atom?q=kaspersky&group=story");
    const auto ids = entry_values(feed.body, "id");
    const auto json = shared_server().get_json("/api/search?q=kaspersky&group=story&sort=newest&limit=20");
    REQUIRE(ids.size() == json["hits"].size());
    std::set<std::string> distinct;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      CHECK(ids[i] == "urn:article-search:story:" + json["hits"][i]["story"]["id"].get<std::string>());
      distinct.insert(ids[i]);
    }
    CHECK(distinct.size() == ids.size());
  }

  TEST_CASE("a bad parameter is the one JSON error, not a feed") {
    auto client = shared_server().client();
    const auto response = client.Get("/api/search.atom?limit=0");
    REQUIRE(response);
    CHECK(response->status == 400);
    CHECK(response->get_header_value("Content-Type") == "application/json");
    CHECK(nlohmann::json::parse(response->body)["error"]["parameter"] == "limit");
  }

  TEST_CASE("links are absolute from the Host the client used; a strange Host is not echoed") {
    auto client = shared_server().client();
    auto response = client.Get("/api/search.atom?q=kaspersky", {{"Host", "news.example:8080"}});
    REQUIRE(response);
    CHECK(response->body.find("href=\"http://news.example:8080/api/search.atom?q=kaspersky\"") != std::string::npos);
    response = client.Get("/api/search.atom?q=kaspersky", {{"Host", "x\"><script>"}});
    REQUIRE(response);
    CHECK(response->body.find("<script>") == std::string::npos);
    CHECK(response->body.find("href=\"http://127.0.0.1/api/search.atom") != std::string::npos);
  }
}
