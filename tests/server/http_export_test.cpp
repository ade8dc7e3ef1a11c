/// @file GET /api/export over HTTP against the real server: every match once across
/// pages, the cursor and Link headers, filters, the byte bound, errors, and a round trip
/// of the export through the indexer.
#include "server_fixture.h"

#include <fstream>
#include <set>
#include <sstream>

namespace {
using article_search::testing::ExistingDatabase;
using article_search::testing::hit_ids;
using article_search::testing::index_into;
using article_search::testing::RunningServer;
using article_search::testing::shared_server;
using article_search::testing::TempDir;
using nlohmann::json;

/// One page as the client sees it.
struct Page {
  std::vector<json> lines;
  std::string body, cursor, link;
};

Page get_page(const RunningServer& server, const std::string& target) {
  auto client = server.client();
  const auto response = client.Get(target.c_str());
  REQUIRE(response);
  REQUIRE_MESSAGE(response->status == 200, target << ": " << response->body);
  CHECK(response->get_header_value("Content-Type") == "application/x-ndjson");
  Page page{{}, response->body, response->get_header_value("X-Next-Cursor"),
            response->get_header_value("Link")};
  std::istringstream lines(response->body);
  for (std::string line; std::getline(lines, line);) page.lines.push_back(json::parse(line));
  CHECK((page.body.empty() || page.body.back() == '\n'));
  return page;
}

/// `target` with `cursor` appended (the target has a query string already).
std::string with_cursor(const std::string& target, const std::string& cursor) {
  return cursor.empty() ? target : target + "&cursor=" + cursor;
}

/// Every page of `target` (which has a query string), following X-Next-Cursor; checks
/// that Link names the same next page. Bounded: at most 1000 pages.
std::vector<json> export_all(const RunningServer& server, const std::string& target,
                             int* pages = nullptr) {
  std::vector<json> lines;
  std::string cursor;
  for (int turn = 0; turn < 1000; ++turn) {
    const Page page = get_page(server, with_cursor(target, cursor));
    lines.insert(lines.end(), page.lines.begin(), page.lines.end());
    if (pages) ++*pages;
    if (page.cursor.empty()) {
      CHECK(page.link.empty());
      return lines;
    }
    CHECK(page.link.find("cursor=") != std::string::npos);
    CHECK(page.link.ends_with(">; rel=\"next\""));
    cursor = page.cursor;
  }
  FAIL("the pages never ended");
  return lines;
}

std::vector<std::string> ids_of(const std::vector<json>& lines) {
  std::vector<std::string> ids;
  for (const json& line : lines) ids.push_back(line.at("_id"));
  return ids;
}

std::set<std::string> search_ids(const std::string& query) {
  const auto answer = shared_server().get_json("/api/search?per_page=100&" + query);
  REQUIRE(answer["total"]["relation"] == "eq");
  REQUIRE(answer["total"]["value"].get<int>() < 100);
  const auto ids = hit_ids(answer);
  return {ids.begin(), ids.end()};
}

json invalid(const std::string& parameter, const std::string& message) {
  return {{"error", {{"code", "invalid_parameter"}, {"message", message}, {"parameter", parameter}}}};
}

/// A corpus of `count` articles of about `bytes` each, for the byte bound.
std::filesystem::path big_articles(const TempDir& dir, int count, std::size_t bytes) {
  std::string body;
  for (std::size_t word = 0; body.size() < bytes; ++word) body += "word" + std::to_string(word % 500) + " ";
  for (int n = 0; n < count; ++n) {
    dir.write("big/" + std::to_string(100 + n) + ".txt",
              "Big " + std::to_string(n) + "\n\nnumber" + std::to_string(n) + " " + body);
  }
  return dir / "big";
}

}  // namespace

TEST_SUITE("GET /api/export") {
  TEST_CASE("every article is exported exactly once across pages, in id order") {
    int pages = 0;
    const auto ids = ids_of(export_all(shared_server(), "/api/export?limit=2", &pages));
    const auto documents = shared_server().get_json("/health")["documents"].get<std::size_t>();
    CHECK(ids.size() == documents);
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
    CHECK(pages == static_cast<int>((documents + 1) / 2));
    CHECK(ids_of(export_all(shared_server(), "/api/export?limit=10000")) == ids);  // the same order
  }

  TEST_CASE("a query exports the search's matches, and its filters apply") {
    const auto kaspersky = ids_of(export_all(shared_server(), "/api/export?q=kaspersky&limit=1"));
    CHECK(std::set<std::string>(kaspersky.begin(), kaspersky.end()) == search_ids("q=kaspersky"));
    CHECK(kaspersky.size() == 5);
    const auto filtered = ids_of(export_all(shared_server(), "/api/export?q=kaspersky&source=escaping"));
    CHECK(std::set<std::string>(filtered.begin(), filtered.end()) == search_ids("q=kaspersky&source=escaping"));
    CHECK(filtered.size() < kaspersky.size());
    CHECK(export_all(shared_server(), "/api/export?q=zzzzzz").empty());
  }

  TEST_CASE("a cursor resumes after it, and the last page has neither X-Next-Cursor nor Link") {
    const Page first = get_page(shared_server(), "/api/export?limit=3");
    REQUIRE(first.lines.size() == 3);
    CHECK(first.cursor == first.lines.back()["_id"]);
    CHECK(first.link == "</api/export?limit=3&cursor=" + first.cursor + ">; rel=\"next\"");
    const Page second = get_page(shared_server(), "/api/export?limit=3&cursor=" + first.cursor);
    REQUIRE(!second.lines.empty());
    CHECK(second.lines.front()["_id"].get<std::string>() > first.cursor);
    const Page after_last = get_page(shared_server(), "/api/export?cursor=zzzz");
    CHECK(after_last.body.empty());
    CHECK(after_last.cursor.empty());
    CHECK(after_last.link.empty());
  }

  TEST_CASE("a line holds every stored field") {
    const Page page = get_page(shared_server(), "/api/export?q=Raimondo");
    REQUIRE(page.lines.size() == 2);
    const json& line = page.lines.front();
    for (const char* key : {"_id", "title", "title_derived", "date", "source", "path", "url", "authors",
                            "modified", "section", "tags", "language", "description", "feed", "origin", "text"}) {
      CAPTURE(key);
      CHECK(line.contains(key));
    }
    const auto document = shared_server().get_json("/api/documents/" + line["_id"].get<std::string>());
    CHECK(line["text"] == document["body"]);
    CHECK(line["title"] == document["title"]);
  }

  TEST_CASE("bad parameters are 400 invalid_parameter naming the parameter") {
    const auto& server = shared_server();
    CHECK(server.get_json("/api/export?limit=0", 400) ==
          invalid("limit", "Parameter `limit` must be an integer from 1 to 10000, got `0`."));
    CHECK(server.get_json("/api/export?limit=10001", 400) ==
          invalid("limit", "Parameter `limit` must be an integer from 1 to 10000, got `10001`."));
    CHECK(server.get_json("/api/export?cursor=a%20b", 400) ==
          invalid("cursor", "Parameter `cursor` must be the X-Next-Cursor of an earlier page "
                            "(letters, digits and -_./), got `a b`."));
    CHECK(server.get_json("/api/export?cursor=", 400)["error"]["parameter"] == "cursor");
    CHECK(server.get_json("/api/export?sort=newest", 400) ==
          invalid("sort", "Parameter `sort` does not apply to /api/export, which exports every "
                          "match in id order, a page at a time (`limit`, `cursor`)."));
    CHECK(server.get_json("/api/export?year=24", 400)["error"]["parameter"] == "year");
  }

  TEST_CASE("a page stays within 4 MiB unless one record alone is larger") {
    TempDir dir;
    const RunningServer server(std::vector<std::filesystem::path>{big_articles(dir, 12, 700 * 1024)});
    int pages = 0;
    std::size_t records = 0;
    std::string cursor;
    for (int turn = 0; turn < 100; ++turn) {
      const Page page = get_page(server, with_cursor("/api/export?limit=10000", cursor));
      ++pages;
      CHECK(page.body.size() <= std::size_t{4} << 20);
      CHECK(page.lines.size() >= 1);
      records += page.lines.size();
      cursor = page.cursor;
      if (cursor.empty()) break;
    }
    CHECK(records == 12);
    CHECK(pages >= 3);  // 8.4 MB in pages of at most five 700 KB records
  }

  TEST_CASE("an exported line indexed again exports the same line, but for its path") {
    const auto lines = export_all(shared_server(), "/api/export?limit=1000");
    TempDir dir;
    std::string corpus;
    for (const json& line : lines) corpus += line.dump() + "\n";
    const auto file = dir.write("export.jsonl", corpus);
    index_into(dir / "db", {file});
    const RunningServer again(ExistingDatabase{dir / "db"});
    const auto reexported = export_all(again, "/api/export?limit=1000");
    REQUIRE(reexported.size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      json before = lines[i], after = reexported[i];
      CAPTURE(before["_id"]);
      CHECK(after["path"] == "export.jsonl:" + std::to_string(i + 1));
      before.erase("path");
      after.erase("path");
      // A derived title is taken as stated when read back: the line says what it was.
      if (before["title_derived"] == true) after["title_derived"] = true;
      CHECK(before == after);
    }
  }
}
