/// @file Reading corpora: folders, JSON Lines, and every kind of bad input.
#include "corpus.h"

#include "temp_dir.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using namespace article_search;
using article_search::testing::TempDir;

namespace {
std::vector<corpus::Entry> read_all(const std::filesystem::path& path, corpus::ReadOptions options = {}) {
  std::vector<corpus::Entry> entries;
  corpus::read_input(corpus::open_input(path), options,
                     [&](corpus::Entry&& entry, std::uintmax_t) { entries.push_back(std::move(entry)); });
  return entries;
}
const corpus::Skipped* skipped(const corpus::Entry& entry) { return std::get_if<corpus::Skipped>(&entry); }
const Article& article(const corpus::Entry& entry) { return std::get<corpus::Item>(entry).article; }
}  // namespace

TEST_SUITE("corpus") {
  TEST_CASE("a folder is read recursively, sorted, with ids from paths and sources from folders") {
    TempDir dir;
    dir.write("news/sport/001.txt", "Cup final\nThe final was played.");
    dir.write("news/business/001.txt", "Markets\nShares rose.");
    dir.write("news/top.md", "# Top\nText.");
    dir.write("news/notes.csv", "ignored,file");
    dir.write("news/.hidden/secret.txt", "Hidden\nNot indexed.");
    const auto entries = read_all(dir / "news");
    REQUIRE(entries.size() == 3);
    CHECK(article(entries[0]).id == "business/001");
    CHECK(article(entries[0]).source == "business");
    CHECK(article(entries[1]).id == "sport/001");
    CHECK(article(entries[1]).source == "sport");
    CHECK(article(entries[2]).id == "top");
    CHECK(article(entries[2]).source == "news");
  }

  TEST_CASE("empty, blank, binary and unreadable files are skipped with their reason") {
    TempDir dir;
    dir.write("c/empty.txt", "");
    dir.write("c/blank.txt", " \n\t\n");
    dir.write("c/binary.txt", std::string("PK\x03\x04\0\0\0binary", 13));
    dir.write("c/good.txt", "Title\nBody.");
    // Listed, then gone before it is read (root can read any file it finds).
    dir.write("c/unreadable.txt", "Title\nBody.");
    const corpus::Input input = corpus::open_input(dir / "c");
    std::filesystem::remove(dir / "c/unreadable.txt");
    std::vector<corpus::Entry> entries;
    corpus::read_input(input, {}, [&](corpus::Entry&& entry, std::uintmax_t) { entries.push_back(std::move(entry)); });
    REQUIRE(entries.size() == 5);
    std::map<std::string, std::string> reasons;
    for (const auto& entry : entries) {
      if (auto* skip = skipped(entry)) reasons[std::filesystem::path(skip->where).filename()] = skip->reason;
    }
    CHECK(reasons["binary.txt"] == "binary file");
    CHECK(reasons["blank.txt"] == "empty file");
    CHECK(reasons["empty.txt"] == "empty file");
    CHECK(reasons["unreadable.txt"] == "unreadable file");
    CHECK(reasons.count("good.txt") == 0);
  }

  TEST_CASE("a file over the size limit is skipped without being read") {
    TempDir dir;
    dir.write("c/big.txt", "Title\n" + std::string(5000, 'x'));
    corpus::ReadOptions options;
    options.max_file_bytes = 1000;
    const auto entries = read_all(dir / "c", options);
    REQUIRE(entries.size() == 1);
    REQUIRE(skipped(entries[0]));
    CHECK(skipped(entries[0])->reason == "file too large");
  }

  TEST_CASE("invalid UTF-8 is repaired with U+FFFD and reported as a warning") {
    TempDir dir;
    dir.write("c/latin1.txt", "Prices\nIt cost \xA3" "100 today.");
    const auto entries = read_all(dir / "c");
    REQUIRE(entries.size() == 1);
    const auto& item = std::get<corpus::Item>(entries[0]);
    CHECK(item.article.body == "It cost \uFFFD" "100 today.");
    REQUIRE(item.warnings.size() == 1);
    CHECK(item.warnings[0].find("invalid UTF-8") != std::string::npos);
  }

  TEST_CASE("JSON Lines records become articles; malformed records are skipped, the rest read") {
    TempDir dir;
    dir.write("coll/corpus.jsonl",
              "{\"_id\": \"d1\", \"title\": \"First\", \"text\": \"Body one.\"}\n"
              "{not json}\n"
              "\n"
              "{\"title\": \"no id\", \"text\": \"x\"}\n"
              "[1, 2]\n"
              "{\"_id\": 42, \"title\": \"\", \"text\": \"Numeric id. Derived title.\", \"date\": \"2020-01-02\"}\n"
              "{\"_id\": \"d3\", \"title\": \"Bad \xff byte\", \"text\": \"t\", \"source\": \"wire\"}\n");
    const auto entries = read_all(dir / "coll/corpus.jsonl");
    REQUIRE(entries.size() == 6);
    CHECK(article(entries[0]).id == "d1");
    CHECK(article(entries[0]).source == "coll");
    CHECK(skipped(entries[1])->reason == "malformed JSON Lines record");
    CHECK(skipped(entries[1])->where.ends_with("corpus.jsonl:2"));
    CHECK(skipped(entries[2])->reason == "record without _id");
    CHECK(skipped(entries[3])->reason == "malformed JSON Lines record");
    CHECK(article(entries[4]).id == "42");
    CHECK(article(entries[4]).title == "Numeric id");
    CHECK(article(entries[4]).title_derived);
    CHECK(article(entries[4]).date == "2020-01-02");
    CHECK(article(entries[5]).title == "Bad \uFFFD byte");
    CHECK(article(entries[5]).source == "wire");
  }

  TEST_CASE("a record whose number overflows is malformed, not a crash (found by fuzzing)") {
    const auto entry = corpus::parse_jsonl_record("9999999e7996", "coll", "f.jsonl:1");
    REQUIRE(skipped(entry));
    CHECK(skipped(entry)->reason == "malformed JSON Lines record");
  }

  TEST_CASE("a path that does not exist, or is neither a folder nor .jsonl, is an error") {
    TempDir dir;
    CHECK_THROWS_WITH(corpus::open_input(dir / "missing"),
                      doctest::Contains("corpus path does not exist"));
    dir.write("notes.csv", "a,b");
    CHECK_THROWS_WITH(corpus::open_input(dir / "notes.csv"),
                      doctest::Contains("not a folder or a .jsonl file"));
  }

  TEST_CASE("a symlink leading out of the corpus folder is skipped with a warning, never read") {
    TempDir dir;
    dir.write("secret.txt", "Secret\nThe password is hunter2.");
    dir.write("c/good.txt", "Title\nBody.");
    std::filesystem::create_symlink(dir / "secret.txt", dir / "c/leak.txt");
    std::filesystem::create_symlink("../secret.txt", dir / "c/relative-leak.md");
    std::filesystem::create_symlink("/proc/self/status", dir / "c/status.txt");
    const auto entries = read_all(dir / "c");
    REQUIRE(entries.size() == 4);
    std::map<std::string, std::string> reasons;
    for (const auto& entry : entries) {
      if (auto* skip = skipped(entry)) {
        reasons[std::filesystem::path(skip->where).filename()] = skip->reason;
      } else {
        CHECK(article(entry).body.find("hunter2") == std::string::npos);
        CHECK(article(entry).body.find("VmRSS") == std::string::npos);
      }
    }
    CHECK(reasons["leak.txt"] == "symlink out of the corpus folder");
    CHECK(reasons["relative-leak.md"] == "symlink out of the corpus folder");
    CHECK(reasons["status.txt"] == "symlink out of the corpus folder");
  }

  TEST_CASE("a symlink inside the corpus folder is read once: never twice under two names") {
    TempDir dir;
    dir.write("c/a/real.txt", "Real\nBody.");
    dir.write("c/.drafts/draft.txt", "Draft\nLinked in on purpose.");
    std::filesystem::create_directories(dir / "c/b");
    std::filesystem::create_symlink("../a/real.txt", dir / "c/b/alias.txt");
    std::filesystem::create_symlink("../.drafts/draft.txt", dir / "c/b/draft.txt");
    std::filesystem::create_symlink("draft.txt", dir / "c/b/second-alias.txt");
    std::filesystem::create_symlink("loop.txt", dir / "c/b/loop.txt");
    std::filesystem::create_symlink("..", dir / "c/b/up");  // a folder: not followed
    const auto entries = read_all(dir / "c");
    std::vector<std::string> ids;
    std::map<std::string, std::string> reasons;
    for (const auto& entry : entries) {
      if (auto* skip = skipped(entry)) {
        reasons[std::filesystem::path(skip->where).filename()] = skip->reason;
      } else {
        ids.push_back(article(entry).id);
      }
    }
    CHECK(ids == std::vector<std::string>{"a/real", "b/draft"});
    CHECK(reasons["alias.txt"] == "symlink to a file read already");
    CHECK(reasons["second-alias.txt"] == "symlink to a file read already");
    CHECK(reasons.size() == 2);
  }

  TEST_CASE("a read stops at the size limit, whatever stat says (a /proc file says 0)") {
    corpus::Input input;
    input.path = "/proc/self";
    input.files = {"/proc/self/status"};
    corpus::ReadOptions options;
    options.max_file_bytes = 100;
    std::vector<corpus::Entry> entries;
    corpus::read_input(input, options, [&](corpus::Entry&& entry, std::uintmax_t) { entries.push_back(std::move(entry)); });
    REQUIRE(entries.size() == 1);
    REQUIRE(skipped(entries[0]));
    CHECK(skipped(entries[0])->reason == "file too large");
    CHECK(skipped(entries[0])->detail == "more than the limit of 100 bytes");
  }

  TEST_CASE("a JSON Lines record over the size limit is skipped by line; the others are read") {
    TempDir dir;
    const std::string big = "{\"_id\": \"big\", \"text\": \"" + std::string(3u << 20, 'x') + "\"}\n";
    dir.write("coll/corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"One.\"}\n" + big +
                                       "{\"_id\": \"d3\", \"text\": \"Three.\"}\n" +
                                       "{\"_id\": \"d4\", \"text\": \"" + std::string(2000, 'y') + "\"}");
    corpus::ReadOptions options;
    options.max_file_bytes = 1u << 20;
    const auto entries = read_all(dir / "coll/corpus.jsonl", options);
    REQUIRE(entries.size() == 4);
    CHECK(article(entries[0]).id == "d1");
    REQUIRE(skipped(entries[1]));
    CHECK(skipped(entries[1])->reason == "record too large");
    CHECK(skipped(entries[1])->where.ends_with("corpus.jsonl:2"));
    CHECK(article(entries[2]).id == "d3");
    CHECK(article(entries[2]).path == "corpus.jsonl:3");
    CHECK(article(entries[3]).id == "d4");  // the last line, without a newline

    options.max_file_bytes = 1000;  // now the last line is too large too, and nothing else
    const auto small = read_all(dir / "coll/corpus.jsonl", options);
    REQUIRE(small.size() == 4);
    CHECK(skipped(small[3])->reason == "record too large");
    CHECK(skipped(small[3])->where.ends_with("corpus.jsonl:4"));
    CHECK(article(small[2]).id == "d3");
  }

  TEST_CASE("the stored path is relative to the corpus folder; messages name the file as given") {
    TempDir dir;
    dir.write("news/sport/001.txt", "Cup final\nThe final was played.");
    const auto entries = read_all(std::filesystem::absolute(dir / "news"));
    REQUIRE(entries.size() == 1);
    const auto& item = std::get<corpus::Item>(entries[0]);
    CHECK(item.article.path == "sport/001.txt");
    CHECK(item.where == (std::filesystem::absolute(dir / "news") / "sport/001.txt").string());
  }

  TEST_CASE("JSON Lines records carry the news fields by name") {
    const auto entry = corpus::parse_jsonl_record(
        R"({"_id":"r1","title":"T","text":"Body.","url":"https://example.com/r1",)"
        R"("authors":["Jane Doe","jane doe","Tom Roe"],"section":" World ","tags":"a, b,,c",)"
        R"("language":"fr","description":"Short.","modified":"Tue, 16 Jul 2024 21:08:57 GMT",)"
        R"("date":"2024-07-15"})",
        "c", "c.jsonl:1");
    const auto& item = std::get<corpus::Item>(entry);
    CHECK(item.warnings.empty());
    const Article& a = item.article;
    CHECK(a.url == "https://example.com/r1");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe", "Tom Roe"});
    CHECK(a.section == "World");
    CHECK(a.tags == std::vector<std::string>{"a", "b", "c"});
    CHECK(a.language == "fr");
    CHECK(a.description == "Short.");
    CHECK(a.date == "2024-07-15");
    const auto single = corpus::parse_jsonl_record(R"({"_id":"r2","text":"x","author":"Ann Lee"})", "c", "c:2");
    CHECK(std::get<corpus::Item>(single).article.authors == std::vector<std::string>{"Ann Lee"});
    const auto cased = corpus::parse_jsonl_record(R"({"_id":"r3","text":"x","language":"EN_us"})", "c", "c:3");
    CHECK(std::get<corpus::Item>(cased).article.language == "en-US");  // as pages' tags are read
  }

  TEST_CASE("a news field of the wrong type is a warning naming it, and the record is still read") {
    const auto entry = corpus::parse_jsonl_record(
        R"({"_id":"r1","text":"Body.","url":"ftp://x/y","authors":{"name":"x"},"tags":[1,2],)"
        R"("section":["a"],"language":"not a language","modified":"yesterday"})",
        "c", "c.jsonl:1");
    const auto& item = std::get<corpus::Item>(entry);
    CHECK(item.article.body == "Body.");
    CHECK(item.article.url.empty());
    CHECK(item.article.authors.empty());
    CHECK(item.article.tags.empty());
    CHECK(item.article.section.empty());
    CHECK(item.article.language.empty());
    CHECK(item.article.modified.empty());
    std::string all;
    for (const auto& warning : item.warnings) all += warning + "\n";
    for (const char* key : {"`url`", "`authors`", "`tags`", "`section`", "`language`", "`modified`"}) {
      CHECK_MESSAGE(all.find(key) != std::string::npos, key);
    }
  }

  TEST_CASE("a folder mixes text, pages, feeds and JSON Lines; other files are passed over") {
    TempDir dir;
    dir.write("mix/a.txt", "Plain\nA text article.");
    dir.write("mix/b.md", "# Marked\nA Markdown article.");
    dir.write("mix/pages/c.html",
              "<html><head><title>Page</title></head><body><article><p>A page with enough text "
              "in its paragraph to count as the article a reader came for, with more words.</p>"
              "<p>A second paragraph of the same page, so it reads as an article.</p></article>"
              "</body></html>");
    dir.write("mix/feeds/d.rss",
              "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
              "<item><guid>1</guid><title>One</title><description>First.</description></item>"
              "<item><guid>2</guid><title>Two</title><description>Second.</description></item>"
              "</channel></rss>");
    dir.write("mix/sitemap.xml", "<?xml version='1.0'?><urlset><url>x</url></urlset>");
    dir.write("mix/export/e.jsonl", "{\"_id\":\"e1\",\"text\":\"One.\"}\n{\"_id\":\"e2\",\"text\":\"Two.\"}\n");
    dir.write("mix/notes.csv", "not,read");
    std::vector<std::string> ids;
    std::vector<std::string> reasons;
    for (const auto& entry : read_all(dir / "mix")) {
      if (const auto* skip = skipped(entry)) {
        reasons.push_back(skip->reason);
      } else {
        ids.push_back(article(entry).id);
      }
    }
    std::sort(ids.begin(), ids.end());
    REQUIRE(ids.size() == 7);
    CHECK(ids[0] == "a");
    CHECK(ids[1] == "b");
    CHECK(ids[2] == "e1");
    CHECK(ids[3] == "e2");
    CHECK(ids[4].starts_with("feeds/d/"));
    CHECK(ids[5].starts_with("feeds/d/"));
    CHECK(ids[6] == "pages/c");
    CHECK(reasons == std::vector<std::string>{"unreadable feed"});  // the sitemap
  }
}
