/// @file The round trip: a fixture indexed by the indexer, then every field queried and
/// read back through the search core's own parser, filters and stored-data reader, as the
/// server does. Both sides of the format are held to each other here and nowhere else.
#include "documents.h"
#include "indexer.h"
#include "query.h"
#include "schema.h"
#include "search.h"
#include "temp_dir.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>

using namespace article_search;
using article_search::testing::TempDir;
namespace fs = std::filesystem;

namespace {

struct QuietReporter : indexer::Reporter {
  void warning(const std::string&) override {}
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

/// The fixture: articles with every field set one way or another, in two folders (two
/// sources) and a JSON Lines file.
struct Fixture {
  TempDir tmp;
  fs::path db;
  Fixture() : db(tmp / "db") {
    tmp.write("corpus/news/harbour.txt",
              "---\ntitle: Harbour storm closes the port\ndate: 2024-07-16 10:30\n---\n"
              "Ferries were cancelled as waves flooded the quay.\n");
    tmp.write("corpus/news/election.md",
              "# Election results delayed\n\nPublished: 2023-03-01\n\n"
              "Counting continued overnight in the northern districts.\n");
    tmp.write("corpus/wire/markets.txt",
              "Markets rally on rate cut hopes\nInvestors cheered the central bank's turn.\n");
    tmp.write("corpus/wire/committee.txt",
              "The committee met on Tuesday and agreed to publish the whole report next spring "
              "after a long review of the evidence.\n");
    tmp.write("feed.jsonl",
              R"({"_id": "volcano-1", "title": "Volcano erupts", "text": "Lava reached the village.",)"
              R"( "date": "2022-12-31", "source": "agency"})"
              "\n");
    indexer::Options options;
    options.db = db;
    options.inputs = {tmp / "corpus", tmp / "feed.jsonl"};
    QuietReporter reporter;
    REQUIRE(indexer::run(options, reporter).added == 5);
  }
};

/// Searches as GET /api/search does: the search's parser, its filters, its reader.
search::SearchResult search_for(const fs::path& db_path, search::SearchRequest request) {
  Xapian::Database db(db_path.string());
  Xapian::QueryParser parser = search::make_parser(db, search::default_ranking);
  request.limit = 100;
  return search::run_search(db, parser, request, search::default_ranking);
}

std::vector<std::string> ids_for(const fs::path& db, const std::string& q,
                                 search::SearchRequest request = {}) {
  request.q = q;
  std::vector<std::string> ids;
  for (const auto& hit : search_for(db, request).hits) ids.push_back(hit.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

using Ids = std::vector<std::string>;

/// A request with one field set by `set`.
template <class Set>
search::SearchRequest request(Set&& set) {
  search::SearchRequest request;
  set(request);
  return request;
}

Article expected(std::string id, std::string title, bool derived, std::string date,
                 std::string body, std::string source, std::string path) {
  Article article;
  article.id = std::move(id);
  article.title = std::move(title);
  article.title_derived = derived;
  article.date = std::move(date);
  article.body = std::move(body);
  article.source = std::move(source);
  article.path = std::move(path);
  return article;
}

}  // namespace

TEST_SUITE("round trip") {
  TEST_CASE("every stored field comes back as the indexer parsed it") {
    Fixture fixture;
    const Article articles[] = {
        expected("news/harbour", "Harbour storm closes the port", false, "2024-07-16T10:30:00",
                 "Ferries were cancelled as waves flooded the quay.", "news", "news/harbour.txt"),
        expected("news/election", "Election results delayed", false, "2023-03-01",
                 "Counting continued overnight in the northern districts.", "news",
                 "news/election.md"),
        expected("wire/markets", "Markets rally on rate cut hopes", false, "",
                 "Investors cheered the central bank's turn.", "wire", "wire/markets.txt"),
        expected("wire/committee",
                 "The committee met on Tuesday and agreed to publish the whole report next spring\u2026",
                 true, "",
                 "The committee met on Tuesday and agreed to publish the whole report next spring "
                 "after a long review of the evidence.",
                 "wire", "wire/committee.txt"),
        expected("volcano-1", "Volcano erupts", false, "2022-12-31", "Lava reached the village.",
                 "agency", "feed.jsonl:1"),
    };
    Xapian::Database db(fixture.db.string());
    Xapian::QueryParser parser = search::make_parser(db, search::default_ranking);
    for (const Article& want : articles) {
      CAPTURE(want.id);
      const auto view = search::load_document(db, parser, want.id, "", search::default_ranking);
      REQUIRE(view);
      CHECK(view->article == want);
      // A hit carries the same fields: the body's first three words, as a phrase, find it.
      std::size_t third_space = 0;
      for (int word = 0; word < 3; ++word) third_space = want.body.find(' ', third_space + 1);
      const std::string phrase = '"' + want.body.substr(0, third_space) + '"';
      const auto result = search_for(fixture.db, request([&](auto& r) { r.q = phrase; }));
      REQUIRE_FALSE(result.hits.empty());
      const search::Hit& hit = result.hits.front();
      CHECK(hit.id == want.id);
      CHECK(hit.title_text == want.title);
      CHECK(hit.title_derived == want.title_derived);
      CHECK(hit.source == want.source);
      CHECK(hit.path == want.path);
      CHECK(hit.date.value_or("") == want.date);
    }
  }

  TEST_CASE("title and body are searched apart and together, stemmed, by phrase") {
    Fixture fixture;
    const fs::path& db = fixture.db;
    CHECK(ids_for(db, "title:storm") == Ids{"news/harbour"});
    CHECK(ids_for(db, "body:storm").empty());
    CHECK(ids_for(db, "body:ferries") == Ids{"news/harbour"});
    CHECK(ids_for(db, "title:ferries").empty());
    CHECK(ids_for(db, "storm") == Ids{"news/harbour"});
    CHECK(ids_for(db, "ferry") == Ids{"news/harbour"});  // stemmed as the indexer stems
    CHECK(ids_for(db, "\"central bank's turn\"") == Ids{"wire/markets"});
    // A phrase never spans the title and the body.
    CHECK(ids_for(db, "\"hopes investors\"").empty());
    // Within body: too, although the body's own terms have no positions (format 2).
    CHECK(ids_for(db, "body:\"waves flooded\"") == Ids{"news/harbour"});
    CHECK(ids_for(db, "body:\"flooded waves\"").empty());
    CHECK(ids_for(db, "body:\"harbour storm\"").empty());  // the title's phrase
    CHECK(ids_for(db, "body:\"central bank's turn\"") == Ids{"wire/markets"});
    CHECK(ids_for(db, "body:waves NEAR body:quay") == Ids{"news/harbour"});
    CHECK(ids_for(db, "body:\"waves flooded\" OR body:\"counting continued\"") ==
          Ids{"news/election", "news/harbour"});
  }

  TEST_CASE("the body's prefixed terms have no positions; the unprefixed and title terms do") {
    Fixture fixture;
    Xapian::Database db(fixture.db.string());
    const Xapian::docid docid = *db.postlist_begin(schema::id_term("news/harbour"));
    CHECK(db.positionlist_begin(docid, "XBwave") == db.positionlist_end(docid, "XBwave"));
    CHECK(db.get_termfreq("XBwave") == 1);
    CHECK(db.positionlist_begin(docid, "wave") != db.positionlist_end(docid, "wave"));
    CHECK(db.positionlist_begin(docid, "Sstorm") != db.positionlist_end(docid, "Sstorm"));
  }

  TEST_CASE("source, year and date filter as the index's terms and slots say") {
    Fixture fixture;
    const fs::path& db = fixture.db;
    CHECK(ids_for(db, "source:wire") == Ids{"wire/committee", "wire/markets"});
    CHECK(ids_for(db, "", request([](auto& r) { filter_values(r, "source") = {"agency"}; })) == Ids{"volcano-1"});
    CHECK(ids_for(db, "year:2024") == Ids{"news/harbour"});
    CHECK(ids_for(db, "", request([](auto& r) { filter_values(r, "year") = {"2023", "2022"}; })) == Ids{"news/election", "volcano-1"});
    CHECK(ids_for(db, "date:2023-01-01..2024-12-31") == Ids{"news/election", "news/harbour"});
    CHECK(ids_for(db, "", request([](auto& r) { r.from = r.to = "20240716"; })) == Ids{"news/harbour"});
    CHECK(ids_for(db, "", request([](auto& r) { r.to = "20230101"; })) == Ids{"volcano-1"});  // undated ones excluded

    // Facets count the same values.
    const auto result = search_for(db, {});
    std::vector<std::pair<std::string, Xapian::doccount>> sources;
    for (const auto& facet : result.facets[0]) sources.emplace_back(facet.value, facet.count);
    std::sort(sources.begin(), sources.end());
    CHECK(sources == std::vector<std::pair<std::string, Xapian::doccount>>{
                         {"agency", 1}, {"news", 2}, {"wire", 2}});
  }

  TEST_CASE("dates sort newest and oldest first, undated articles last") {
    Fixture fixture;
    const auto order = [&](search::Sort sort) {
      std::vector<std::string> ids;
      for (const auto& hit : search_for(fixture.db, request([&](auto& r) { r.sort = sort; })).hits) ids.push_back(hit.id);
      return ids;
    };
    const auto newest = order(search::Sort::newest);
    REQUIRE(newest.size() == 5);
    CHECK(Ids(newest.begin(), newest.begin() + 3) == Ids{"news/harbour", "news/election", "volcano-1"});
    const auto oldest = order(search::Sort::oldest);
    REQUIRE(oldest.size() == 5);
    CHECK(Ids(oldest.begin(), oldest.begin() + 3) == Ids{"volcano-1", "news/election", "news/harbour"});
  }

  TEST_CASE("the news fields of pages, feeds and records are stored, filtered and faceted") {
    TempDir tmp;
    tmp.write("news/pages/storm.html",
              "<html lang=en><head><title>Storm hits the coast | Daily Example</title>"
              "<meta property='og:site_name' content='Daily Example'>"
              "<meta name=author content='Jane Doe'>"
              "<meta property='article:section' content='Weather'>"
              "<meta property='article:tag' content='Storms'>"
              "<link rel=canonical href='https://example.com/storm'></head><body><article>"
              "<p>Winds of a hundred miles an hour hit the coast on Tuesday night, cutting power "
              "to thousands of homes along the shore and closing the roads.</p>"
              "<p>Forecasters said the worst had passed by the morning.</p></article></body></html>");
    tmp.write("news/feeds/wire.rss",
              "<?xml version='1.0'?><rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
              "<channel><title>Example Wire</title><language>fr</language>"
              "<item><guid>w1</guid><title>Orage sur la c\xC3\xB4te</title>"
              "<link>https://wire.example/w1</link><dc:creator>JANE DOE</dc:creator>"
              "<category>storms</category><category>France</category>"
              "<description>Un orage a frapp\xC3\xA9 la c\xC3\xB4te.</description></item>"
              "</channel></rss>");
    tmp.write("news/export.jsonl",
              R"({"_id":"r1","title":"Markets calm","text":"Shares held steady.","authors":["Tom Roe"],)"
              R"("tags":["markets"],"section":"business","language":"en","url":"https://x.example/r1"})"
              "\n");
    indexer::Options options;
    options.db = tmp / "db";
    options.inputs = {tmp / "news"};
    QuietReporter reporter;
    REQUIRE(indexer::run(options, reporter).added == 3);
    const fs::path db = tmp / "db";
    const auto feed_id = ids_for(db, "orage").at(0);

    CHECK(ids_for(db, "author:\"jane doe\"") == Ids{feed_id, "pages/storm"});
    CHECK(ids_for(db, "", request([](auto& r) { filter_values(r, "author") = {"Jane DOE"}; })) ==
          Ids{feed_id, "pages/storm"});
    CHECK(ids_for(db, "tag:storms") == Ids{feed_id, "pages/storm"});
    CHECK(ids_for(db, "tag:france") == Ids{feed_id});
    CHECK(ids_for(db, "section:WEATHER") == Ids{"pages/storm"});
    CHECK(ids_for(db, "lang:fr") == Ids{feed_id});
    CHECK(ids_for(db, "", request([](auto& r) { filter_values(r, "language") = {"en"}; })) ==
          Ids{"pages/storm", "r1"});
    CHECK(ids_for(db, "source:\"Example Wire\"") == Ids{feed_id});

    Xapian::Database database(db.string());
    Xapian::QueryParser parser = search::make_parser(database, search::default_ranking);
    const auto page = search::load_document(database, parser, "pages/storm", "", search::default_ranking);
    REQUIRE(page);
    CHECK(page->article.url == "https://example.com/storm");
    CHECK(page->article.authors == std::vector<std::string>{"Jane Doe"});
    CHECK(page->article.source == "Daily Example");
    CHECK(page->article.title == "Storm hits the coast");
    const auto record = search::load_document(database, parser, "r1", "", search::default_ranking);
    REQUIRE(record);
    CHECK(record->article.tags == std::vector<std::string>{"markets"});
    CHECK(record->article.url == "https://x.example/r1");
  }
}
