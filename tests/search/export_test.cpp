/// @file The export's pages over a small database: every match exactly once in id order
/// whatever the page size, byte budget or scan bound; the cursor; the parameters; the lines.
#include "export.h"

#include "document.h"
#include "query.h"
#include "temp_dir.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {
using namespace article_search;
using search::ExportPage;
using search::ExportRequest;
using search::Params;

constexpr int articles = 60;

/// The id of article `n`: "a000"...; every fifth has a long one, still in the id alphabet.
std::string id_of(int n) {
  std::string id = std::to_string(1000 + n).substr(1);
  return n % 5 == 0 ? "a" + id + "/" + std::string(30, 'x') : "a" + id;
}

/// Articles added in a shuffled order (docid order is not id order): even ones say
/// "storm", every third is from source "wire", the rest from "desk". With `shards`,
/// article n is in database n % shards, searched together as a sharded index is.
struct Fixture {
  explicit Fixture(int shards = 1) {
    std::vector<Xapian::WritableDatabase> writable;
    for (int shard = 0; shard < shards; ++shard) {
      writable.emplace_back((dir / ("db" + std::to_string(shard))).string(), Xapian::DB_CREATE);
    }
    Xapian::TermGenerator generator = make_term_generator(nullptr);
    for (int step = 0; step < articles; ++step) {
      const int n = (step * 37) % articles;  // 37 is prime to 60: each n once
      Article article;
      article.id = id_of(n);
      article.title = "Article " + std::to_string(n);
      article.body = std::string(n % 2 == 0 ? "storm " : "calm ") + std::string(static_cast<std::size_t>(n) * 10, 'b');
      article.source = n % 3 == 0 ? "wire" : "desk";
      article.path = article.id + ".txt";
      writable[static_cast<std::size_t>(n % shards)].add_document(make_document(article, generator));
    }
    for (int shard = 0; shard < shards; ++shard) {
      writable[static_cast<std::size_t>(shard)].commit();
      db.add_database(Xapian::Database((dir / ("db" + std::to_string(shard))).string()));
    }
    parser = search::make_parser(db, search::default_ranking);
  }

  ExportPage page(const ExportRequest& request) {
    return search::export_page(db, parser, request, search::default_ranking);
  }

  /// The ids of every page from `request.cursor` on, checking each page's bounds.
  std::vector<std::string> all_pages(ExportRequest request, int* pages = nullptr) {
    std::vector<std::string> ids;
    for (int turn = 0; turn < 1000; ++turn) {
      const ExportPage got = page(request);
      CHECK(got.records <= static_cast<std::size_t>(request.limit));
      CHECK((got.records <= 1 || got.body.size() <= request.max_bytes));
      for (const std::string& id : ids_of(got.body)) ids.push_back(id);
      if (pages) ++*pages;
      if (!got.next_cursor) return ids;
      CHECK(search::valid_cursor(*got.next_cursor));
      request.cursor = *got.next_cursor;
    }
    FAIL("the pages never ended");
    return ids;
  }

  static std::vector<std::string> ids_of(const std::string& body) {
    std::vector<std::string> ids;
    for (std::size_t start = 0; start < body.size();) {
      const std::size_t end = body.find('\n', start);
      REQUIRE(end != std::string::npos);  // every line ends with a newline
      ids.push_back(nlohmann::json::parse(body.substr(start, end - start)).at("_id"));
      start = end + 1;
    }
    return ids;
  }

  testing::TempDir dir;
  Xapian::Database db;
  Xapian::QueryParser parser;
};

std::vector<std::string> sorted_ids(bool (*keep)(int)) {
  std::vector<std::string> ids;
  for (int n = 0; n < articles; ++n) {
    if (keep(n)) ids.push_back(id_of(n));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

ExportRequest request_for(const std::string& q, int limit) {
  ExportRequest request;
  request.search.q = q;
  request.limit = limit;
  return request;
}

search::ApiError error_of(const Params& params) {
  auto parsed = search::parse_export_params(params);
  REQUIRE(std::holds_alternative<search::ApiError>(parsed));
  return std::get<search::ApiError>(parsed);
}

}  // namespace

TEST_SUITE("export pages") {
  TEST_CASE("every article is exported exactly once, in id order, whatever the page size") {
    Fixture fixture;
    const auto everything = sorted_ids([](int) { return true; });
    for (const int limit : {1, 7, 59, 60, 61, 10000}) {
      CAPTURE(limit);
      int pages = 0;
      CHECK(fixture.all_pages(request_for("", limit), &pages) == everything);
      CHECK(pages == (articles + limit - 1) / limit);  // no empty last page: one more was looked for
    }
  }

  TEST_CASE("over shards, every article is exported exactly once, in id order") {
    Fixture fixture(3);
    CHECK(fixture.all_pages(request_for("", 7)) == sorted_ids([](int) { return true; }));
    CHECK(fixture.all_pages(request_for("storm", 4)) == sorted_ids([](int n) { return n % 2 == 0; }));
  }

  TEST_CASE("a query exports exactly its matches, and filters apply") {
    Fixture fixture;
    CHECK(fixture.all_pages(request_for("storm", 4)) == sorted_ids([](int n) { return n % 2 == 0; }));
    ExportRequest wire = request_for("storm", 3);
    search::filter_values(wire.search, "source").push_back("wire");
    CHECK(fixture.all_pages(wire) == sorted_ids([](int n) { return n % 6 == 0; }));
    CHECK(fixture.all_pages(request_for("nosuchword", 10)).empty());
  }

  TEST_CASE("the byte budget ends a page before the record that would pass it, never before the first") {
    Fixture fixture;
    ExportRequest request = request_for("", 1000);
    request.max_bytes = 1500;  // a record or two a page (they grow with n)
    int pages = 0;
    CHECK(fixture.all_pages(request, &pages) == sorted_ids([](int) { return true; }));
    CHECK(pages > 5);
  }

  TEST_CASE("a scan bound gives pages with fewer records, but still every match once") {
    Fixture fixture;
    ExportRequest request = request_for("storm", 1000);
    request.max_scan = 7;
    int pages = 0;
    CHECK(fixture.all_pages(request, &pages) == sorted_ids([](int n) { return n % 2 == 0; }));
    CHECK(pages == (articles + 6) / 7);
  }

  TEST_CASE("a cursor resumes after its id, whether or not an article has it") {
    Fixture fixture;
    const auto everything = sorted_ids([](int) { return true; });
    ExportRequest request = request_for("", 5);
    request.cursor = everything[9];
    CHECK(fixture.all_pages(request) == std::vector<std::string>(everything.begin() + 10, everything.end()));
    request.cursor = "a0305";  // between a030... and a031
    const auto rest = fixture.all_pages(request);
    REQUIRE(!rest.empty());
    CHECK(rest.front() == "a031");
    request.cursor = "zzz";  // past the last
    const ExportPage page = fixture.page(request);
    CHECK(page.records == 0);
    CHECK(!page.next_cursor);
  }

  TEST_CASE("a full page's cursor is its last record's id") {
    Fixture fixture;
    const ExportPage page = fixture.page(request_for("", 3));
    REQUIRE(page.next_cursor);
    CHECK(*page.next_cursor == Fixture::ids_of(page.body).back());
  }
}

TEST_SUITE("export lines") {
  TEST_CASE("a line holds every stored field under the indexer's names, unstated ones null") {
    Article article;
    article.id = "news/1";
    article.title = "Storm \"hits\" coast";
    article.body = "Line one.\nLine two \xff.";
    article.date = "2024-07-01T10:00:00";
    article.source = "wire";
    article.path = "news/1.txt";
    article.authors = {"Jane Doe", "Sam Roe"};
    article.tags = {"weather"};
    article.language = "en";
    const std::string line = search::export_line(article);
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);  // one line, whatever the body holds
    const auto json = nlohmann::json::parse(line);
    CHECK(json == nlohmann::json{{"_id", "news/1"}, {"title", "Storm \"hits\" coast"},
                                 {"title_derived", false}, {"date", "2024-07-01T10:00:00"},
                                 {"source", "wire"}, {"path", "news/1.txt"}, {"url", nullptr},
                                 {"authors", nlohmann::json::array({"Jane Doe", "Sam Roe"})}, {"modified", nullptr},
                                 {"section", nullptr}, {"tags", nlohmann::json::array({"weather"})}, {"language", "en"},
                                 {"description", nullptr}, {"feed", nullptr}, {"origin", nullptr},
                                 {"text", "Line one.\nLine two \xEF\xBF\xBD."}});
  }
}

TEST_SUITE("export parameters") {
  TEST_CASE("defaults: from the start, 1000 records a page, the 4 MiB budget") {
    auto parsed = search::parse_export_params({});
    REQUIRE(std::holds_alternative<ExportRequest>(parsed));
    const auto& request = std::get<ExportRequest>(parsed);
    CHECK(request.cursor.empty());
    CHECK(request.limit == 1000);
    CHECK(request.max_bytes == 4u << 20);
  }

  TEST_CASE("q, filters, limit and cursor are read") {
    auto parsed = search::parse_export_params(
        {{"q", "storm"}, {"source", "wire"}, {"limit", "10000"}, {"cursor", "news/a-1_b.c"}});
    REQUIRE(std::holds_alternative<ExportRequest>(parsed));
    const auto& request = std::get<ExportRequest>(parsed);
    CHECK(request.search.q == "storm");
    CHECK(search::filter_values(request.search, "source") == std::vector<std::string>{"wire"});
    CHECK(request.limit == 10000);
    CHECK(request.cursor == "news/a-1_b.c");
  }

  TEST_CASE("bad parameters name themselves") {
    struct Row {
      Params params;
      const char* parameter;
      const char* message;
    };
    const Row rows[] = {
        // limit: 1 to 10000, digits only
        {{{"limit", "0"}}, "limit", "Parameter `limit` must be an integer from 1 to 10000, got `0`."},
        {{{"limit", "10001"}}, "limit", "Parameter `limit` must be an integer from 1 to 10000, got `10001`."},
        {{{"limit", "ten"}}, "limit", "Parameter `limit` must be an integer from 1 to 10000, got `ten`."},
        // cursor: the id alphabet
        {{{"cursor", ""}}, "cursor",
         "Parameter `cursor` must be the X-Next-Cursor of an earlier page (letters, digits and -_./), got ``."},
        {{{"cursor", "a b"}}, "cursor",
         "Parameter `cursor` must be the X-Next-Cursor of an earlier page (letters, digits and -_./), got `a b`."},
        // what /api/search takes but an export cannot honour
        {{{"sort", "newest"}}, "sort",
         "Parameter `sort` does not apply to /api/export, which exports every match in id order, a "
         "page at a time (`limit`, `cursor`)."},
        {{{"offset", "10"}}, "offset",
         "Parameter `offset` does not apply to /api/export, which exports every match in id order, a "
         "page at a time (`limit`, `cursor`)."},
        // the search's own checks
        {{{"year", "24"}}, "year", nullptr},
        {{{"q", std::string(8193, 'a')}}, "q", nullptr},
    };
    for (const Row& row : rows) {
      CAPTURE(row.parameter);
      const search::ApiError error = error_of(row.params);
      CHECK(error.code == search::ErrorCode::invalid_parameter);
      CHECK(error.parameter == row.parameter);
      if (row.message) CHECK(error.message == row.message);
    }
    CHECK(!search::valid_cursor(std::string(240, 'a')));
    CHECK(search::valid_cursor(std::string(239, 'a')));
  }

  TEST_CASE("the next page's target keeps the parameters, percent-encoded, with the new cursor") {
    CHECK(search::next_page_target("/api/export", {{"q", "storm coast"}, {"cursor", "old"}, {"source", "a&b"}},
                                   "news/1") == "/api/export?q=storm%20coast&source=a%26b&cursor=news%2F1");
    CHECK(search::next_page_target("/api/export", {}, "x") == "/api/export?cursor=x");
  }
}
