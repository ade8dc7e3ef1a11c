/// @file Indexing runs, asserted on the database's contents: schema, incremental updates,
/// rebuild swaps and bad input. (Every field searched back through the search's own parser
/// is tests/round_trip_test.cpp.)
#include "indexer.h"

#include "layout.h"
#include "schema.h"
#include "stored.h"
#include "temp_dir.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>

using namespace article_search;
using article_search::testing::TempDir;
namespace fs = std::filesystem;

namespace {

struct CollectingReporter : indexer::Reporter {
  std::vector<std::string> warnings;
  void warning(const std::string& message) override { warnings.push_back(message); }
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

indexer::Summary index(const fs::path& db, std::vector<fs::path> inputs, bool rebuild = false,
                       CollectingReporter* reporter = nullptr) {
  indexer::Options options;
  options.db = db;
  options.inputs = std::move(inputs);
  options.rebuild = rebuild;
  CollectingReporter local;
  return indexer::run(options, reporter ? *reporter : local);
}

/// The ids of documents holding `word` (stemmed as the indexer stems it), sorted.
std::vector<std::string> ids_with_word(const fs::path& db_path, const std::string& word) {
  Xapian::Database db(db_path.string());
  const std::string term = Xapian::Stem(schema::stem_language)(word);
  std::vector<std::string> ids;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    ids.push_back(stored::decode(db.get_document(*it).get_data()).value().id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Article stored_article(const fs::path& db_path, const std::string& id) {
  Xapian::Database db(db_path.string());
  const std::string term = schema::id_term(id);
  auto posting = db.postlist_begin(term);
  REQUIRE(posting != db.postlist_end(term));
  const auto article = stored::decode(db.get_document(*posting).get_data());
  REQUIRE(article.has_value());
  return *article;
}

std::string value_of(const fs::path& db_path, const std::string& id, schema::Slot slot) {
  Xapian::Database db(db_path.string());
  const std::string term = schema::id_term(id);
  return db.get_document(*db.postlist_begin(term)).get_value(schema::slot(slot));
}

Xapian::rev revision(const fs::path& db_path) { return Xapian::Database(db_path.string()).get_revision(); }

const fs::path corpus_dir = testing::source_dir() / "corpus";

}  // namespace

TEST_SUITE("indexer") {
  TEST_CASE("the project's corpus indexes into one document per article, with every field") {
    TempDir tmp;
    const auto summary = index(tmp / "db", {corpus_dir});
    CHECK(summary.added == 5);
    CHECK(summary.committed);
    Xapian::Database db((tmp / "db").string());
    CHECK(db.get_doccount() == 5);
    CHECK(db.get_metadata(std::string(schema::format_key)) == std::to_string(schema::format_version));

    const auto article = stored_article(tmp / "db", "004_8f0669f797f6f4f0");
    CHECK(article.title == "Russian cyber firm Kaspersky to shut down US operations after ban");
    CHECK(article.date == "2024-07-16T21:08:57");
    CHECK(article.source == "corpus");
    CHECK(value_of(tmp / "db", "004_8f0669f797f6f4f0", schema::Slot::date) == "20240716");
    CHECK(value_of(tmp / "db", "004_8f0669f797f6f4f0", schema::Slot::year) == "2024");
    CHECK(value_of(tmp / "db", "000_a79eae3ea510d341", schema::Slot::date).empty());
  }

  TEST_CASE("a second run over the same corpus changes nothing and says so") {
    TempDir tmp;
    index(tmp / "db", {corpus_dir});
    const auto before = revision(tmp / "db");
    const auto summary = index(tmp / "db", {corpus_dir});
    CHECK(summary.unchanged == 5);
    CHECK(summary.added + summary.updated + summary.deleted == 0);
    CHECK_FALSE(summary.committed);
    CHECK(revision(tmp / "db") == before);
    CHECK(indexer::format_summary(summary).find("no changes") != std::string::npos);
  }

  TEST_CASE("an edited article is replaced, a new one added, a vanished one deleted") {
    TempDir tmp;
    tmp.write("c/a.txt", "Alpha headline\nThe original zebra text.");
    tmp.write("c/b.txt", "Beta headline\nUnchanged text.");
    tmp.write("c/gone.txt", "Gone headline\nThis article will vanish.");
    index(tmp / "db", {tmp / "c"});

    tmp.write("c/a.txt", "Alpha headline\nThe edited giraffe text.");
    fs::remove(tmp / "c/gone.txt");
    tmp.write("c/new.txt", "New headline\nA fresh article.");
    const auto summary = index(tmp / "db", {tmp / "c"});
    CHECK(summary.updated == 1);
    CHECK(summary.added == 1);
    CHECK(summary.deleted == 1);
    CHECK(summary.unchanged == 1);
    CHECK(summary.committed);
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 3);
    CHECK(ids_with_word(tmp / "db", "giraffe") == std::vector<std::string>{"a"});
    CHECK(ids_with_word(tmp / "db", "zebra").empty());
    CHECK(ids_with_word(tmp / "db", "vanish").empty());
    CHECK(ids_with_word(tmp / "db", "fresh") == std::vector<std::string>{"new"});
  }

  TEST_CASE("a fresh build is compacted, and later runs and rebuilds still write into it") {
    TempDir tmp;
    tmp.write("c/a.txt", "Alpha headline\nThe original zebra text.");
    tmp.write("c/b.txt", "Beta headline\nUnchanged text.");
    fs::create_directories(tmp / "db/gen-1.compact");  // a leftover of a killed run
    tmp.write("db/gen-1.compact/junk", "x");
    index(tmp / "db", {tmp / "c"});
    std::vector<std::string> entries;
    for (const auto& entry : fs::directory_iterator(tmp / "db")) {
      entries.push_back(entry.path().filename().string());
    }
    std::sort(entries.begin(), entries.end());
    CHECK(entries == std::vector<std::string>{"XAPIANDB", "gen-1"});
    // A compacted glass database is an ordinary one: no single file, so Xapian updates it.
    CHECK(fs::is_directory(tmp / "db/gen-1"));
    CHECK(fs::exists(tmp / "db/gen-1/postlist.glass"));
    CHECK(Xapian::Database((tmp / "db").string()).get_spelling_suggestion("zebro") == "zebra");

    tmp.write("c/a.txt", "Alpha headline\nThe edited giraffe text.");
    tmp.write("c/new.txt", "New headline\nA fresh article.");
    const auto summary = index(tmp / "db", {tmp / "c"});
    CHECK(summary.updated == 1);
    CHECK(summary.added == 1);
    CHECK(summary.committed);
    CHECK(ids_with_word(tmp / "db", "giraffe") == std::vector<std::string>{"a"});
    CHECK(ids_with_word(tmp / "db", "fresh") == std::vector<std::string>{"new"});

    CHECK(index(tmp / "db", {tmp / "c"}, /*rebuild=*/true).added == 3);
    tmp.write("c/later.txt", "Later headline\nAn okapi arrives.");
    CHECK(index(tmp / "db", {tmp / "c"}).added == 1);
    CHECK(ids_with_word(tmp / "db", "okapi") == std::vector<std::string>{"later"});
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 4);
  }

  TEST_CASE("--rebuild builds a new generation beside the old and swaps the stub to it") {
    TempDir tmp;
    index(tmp / "db", {corpus_dir});
    CHECK(layout::find(tmp / "db")->generation == 1u);
    Xapian::Database reader((tmp / "db").string());  // a reader holding the old generation

    const auto summary = index(tmp / "db", {corpus_dir}, /*rebuild=*/true);
    CHECK(summary.added == 5);
    CHECK(layout::find(tmp / "db")->generation == 2u);
    CHECK(fs::exists(tmp / "db/gen-1"));  // kept for readers still using it
    CHECK(reader.get_doccount() == 5);
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 5);

    index(tmp / "db", {corpus_dir}, /*rebuild=*/true);
    CHECK(layout::find(tmp / "db")->generation == 3u);
    CHECK_FALSE(fs::exists(tmp / "db/gen-1"));
    CHECK(fs::exists(tmp / "db/gen-2"));
    // Incremental runs after a rebuild update the new generation.
    CHECK(index(tmp / "db", {corpus_dir}).unchanged == 5);
  }

  TEST_CASE("several inputs index into one database, folders and JSON Lines alike") {
    TempDir tmp;
    tmp.write("coll/corpus.jsonl", "{\"_id\": \"j1\", \"title\": \"Json\", \"text\": \"From a record.\"}\n");
    const auto summary = index(tmp / "db", {corpus_dir, tmp / "coll/corpus.jsonl"});
    CHECK(summary.added == 6);
    CHECK(stored_article(tmp / "db", "j1").source == "coll");
  }

  TEST_CASE("a corpus path that does not exist is an error and leaves the database untouched") {
    TempDir tmp;
    index(tmp / "db", {corpus_dir});
    const auto before = revision(tmp / "db");
    CHECK_THROWS_WITH(index(tmp / "db", {tmp / "missing"}), doctest::Contains("does not exist"));
    CHECK_THROWS_WITH(index(tmp / "db", {corpus_dir, tmp / "missing"}), doctest::Contains("does not exist"));
    CHECK(revision(tmp / "db") == before);
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 5);
  }

  TEST_CASE("a database path that cannot be written is a clear error") {
    TempDir tmp;
    tmp.write("file", "not a folder");
    CHECK_THROWS_WITH(index(tmp / "file", {corpus_dir}), doctest::Contains("not a folder"));
    CHECK_THROWS_WITH(index(tmp / "file/db", {corpus_dir}), doctest::Contains("cannot create database folder"));
    tmp.write("other/notes.txt", "someone's files");
    CHECK_THROWS_WITH(index(tmp / "other", {corpus_dir}), doctest::Contains("not an article-search database"));
    CHECK(fs::exists(tmp / "other/notes.txt"));
  }

  TEST_CASE("bad files are skipped or repaired, counted, and the rest of the run completes") {
    TempDir tmp;
    tmp.write("c/good.txt", "Good headline\nGood text.");
    tmp.write("c/empty.txt", "");
    tmp.write("c/binary.txt", std::string("\0\1\2\3", 4));
    tmp.write("c/latin1.txt", "Price headline\nIt cost \xA3" "5.");
    tmp.write("c/long.txt", "Long headline\n" + std::string(1000, 'w') + " findable");
    const std::string long_id = std::string(150, 'n') + "/" + std::string(150, 'n');
    tmp.write("c/" + long_id + ".txt", "Long id headline\nText.");
    tmp.write("j/corpus.jsonl", "{\"_id\": \"ok\", \"text\": \"fine\"}\n{broken\n");
    CollectingReporter reporter;
    const auto summary = index(tmp / "db", {tmp / "c", tmp / "j/corpus.jsonl"}, false, &reporter);
    CHECK(summary.added == 5);
    CHECK(summary.skipped.at("empty file") == 1);
    CHECK(summary.skipped.at("binary file") == 1);
    CHECK(summary.skipped.at("malformed JSON Lines record") == 1);
    CHECK(summary.warnings == 1);
    CHECK(reporter.warnings.size() == 4);
    CHECK(ids_with_word(tmp / "db", "findable") == std::vector<std::string>{"long"});
    CHECK(stored_article(tmp / "db", long_id).title == "Long id headline");
    CHECK(stored_article(tmp / "db", "latin1").body == "It cost \uFFFD" "5.");
    const std::string line = indexer::format_summary(summary);
    CHECK(line.find("binary file: 1") != std::string::npos);
  }

  TEST_CASE("duplicate ids across inputs are skipped, not silently merged") {
    TempDir tmp;
    tmp.write("one/x.txt", "First\nFirst copy.");
    tmp.write("two/x.txt", "Second\nSecond copy.");
    const auto summary = index(tmp / "db", {tmp / "one", tmp / "two"});
    CHECK(summary.added == 1);
    CHECK(summary.skipped.at("duplicate id") == 1);
    CHECK(stored_article(tmp / "db", "x").title == "First");
  }

  TEST_CASE("another indexer holding the write lock is a clear error") {
    TempDir tmp;
    index(tmp / "db", {corpus_dir});
    Xapian::WritableDatabase holder((tmp / "db/gen-1").string(), Xapian::DB_OPEN);
    CHECK_THROWS_WITH(index(tmp / "db", {corpus_dir}), doctest::Contains("write lock"));
    CHECK_THROWS_WITH(index(tmp / "db", {corpus_dir}, true), doctest::Contains("write lock"));
    holder.close();
    CHECK(index(tmp / "db", {corpus_dir}).unchanged == 5);
  }

  TEST_CASE("a feed is a window: items that leave it stay, changed ones are updated") {
    TempDir tmp;
    const auto rss = [](const std::string& items) {
      return "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>" + items +
             "</channel></rss>";
    };
    const auto item = [](const std::string& guid, const std::string& text) {
      return "<item><guid>" + guid + "</guid><title>" + guid + " title</title><description>" +
             text + "</description></item>";
    };
    tmp.write("c/wire.rss", rss(item("a", "alpha first") + item("b", "bravo first")));
    tmp.write("c/note.txt", "Note\nA plain article.");
    CHECK(index(tmp / "db", {tmp / "c"}).added == 3);

    tmp.write("c/wire.rss", rss(item("b", "bravo second") + item("c", "charlie first")));
    auto summary = index(tmp / "db", {tmp / "c"});
    CHECK(summary.added == 1);    // c
    CHECK(summary.updated == 1);  // b
    CHECK(summary.kept == 1);     // a, gone from the feed
    CHECK(summary.deleted == 0);
    CHECK(ids_with_word(tmp / "db", "alpha").size() == 1);
    CHECK(ids_with_word(tmp / "db", "bravo").size() == 1);
    CHECK(ids_with_word(tmp / "db", "second").size() == 1);

    // A feed that cannot be read this time loses nothing either.
    tmp.write("c/wire.rss", "<?xml version='1.0'?><rss><channel><item><title>cut");
    summary = index(tmp / "db", {tmp / "c"});
    CHECK(summary.deleted == 0);
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 4);

    // A rebuild starts from the files, and still keeps what the feed once had.
    tmp.write("c/wire.rss", rss(item("c", "charlie first")));
    summary = index(tmp / "db", {tmp / "c"}, /*rebuild=*/true);
    CHECK(summary.kept == 2);  // a and b
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 4);
    CHECK(ids_with_word(tmp / "db", "alpha").size() == 1);

    // The note removed is deleted as before; a feed removed takes its items with it.
    std::filesystem::remove(tmp / "c/note.txt");
    std::filesystem::remove(tmp / "c/wire.rss");
    tmp.write("c/other.txt", "Other\nSomething else.");
    summary = index(tmp / "db", {tmp / "c"});
    CHECK(summary.deleted == 4);
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 1);
  }

  TEST_CASE("hostile pages and feeds are skipped or repaired, each named, and the rest is indexed") {
    TempDir tmp;
    const std::string paragraph =
        "<p>Enough words of article text to be the main text of this page, as a reader sees it "
        "in a paragraph of a news story about the harbour and its boats.</p>";
    tmp.write("secret.txt", "TOPSECRET-7f3a");
    tmp.write("c/good.txt", "Good\nA plain article.");
    tmp.write("c/malformed.html", "<html><body><div><p>unclosed <b>bold" + paragraph + paragraph +
                                      "<table><tr><td>cell</div></span></body>");
    tmp.write("c/nav-only.html", "<html><body><nav><a href=/>Home</a><a href=/x>X</a></nav></body></html>");
    tmp.write("c/klingon.html", "<html><head><meta charset='x-klingon'></head><body><article>" +
                                    paragraph + paragraph + "</article></body></html>");
    tmp.write("c/not-xml.rss", "this is not XML at all");
    tmp.write("c/truncated.atom",
              "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
              "<entry><id>e1</id><title>Complete</title><summary>Whole entry.</summary></entry>"
              "<entry><id>e2</id><title>Cut off");
    std::string lols = "<!ENTITY lol0 'lol'>";
    for (int i = 1; i < 10; ++i) {
      lols += "<!ENTITY lol" + std::to_string(i) + " '";
      for (int j = 0; j < 10; ++j) lols += "&lol" + std::to_string(i - 1) + ";";
      lols += "'>";
    }
    tmp.write("c/bomb.xml", "<?xml version='1.0'?><!DOCTYPE rss [" + lols +
                                "]><rss version='2.0'><channel><title>B</title><item><guid>1</guid>"
                                "<title>Bomb</title><description>&lol9;</description></item></channel></rss>");
    tmp.write("c/xxe.rss", "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file://" +
                               (tmp / "secret.txt").string() +
                               "'>]><rss version='2.0'><channel><title>X</title><item><guid>1</guid>"
                               "<title>Entity</title><description>before &x; after</description>"
                               "</item></channel></rss>");
    CollectingReporter reporter;
    const auto summary = index(tmp / "db", {tmp / "c"}, false, &reporter);
    CHECK(summary.committed);
    CHECK(summary.skipped.count("no article text") == 1);
    CHECK(summary.skipped.count("unreadable feed") == 1);
    std::string warnings;
    for (const auto& warning : reporter.warnings) warnings += warning + "\n";
    CAPTURE(warnings);
    for (const char* name : {"nav-only.html", "klingon.html", "not-xml.rss", "truncated.atom"}) {
      CHECK_MESSAGE(warnings.find(name) != std::string::npos, name);
    }
    Xapian::Database db((tmp / "db").string());
    std::size_t lol_bytes = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const std::string data = db.get_document(*it).get_data();
      CHECK(data.find("TOPSECRET") == std::string::npos);
      for (std::size_t at = data.find("lol"); at != std::string::npos; at = data.find("lol", at + 1)) {
        lol_bytes += 3;
      }
    }
    CHECK(lol_bytes < 1000);  // never expanded (10^9 of them would be 3 GB)
    CHECK(stored_article(tmp / "db", "good").title == "Good");
    CHECK(stored_article(tmp / "db", "malformed").body.find("harbour and its boats") != std::string::npos);
    CHECK(stored_article(tmp / "db", "klingon").body.find("harbour") != std::string::npos);
    CHECK(ids_with_word(tmp / "db", "whole").size() == 1);  // the complete entry of the cut feed
  }
}
