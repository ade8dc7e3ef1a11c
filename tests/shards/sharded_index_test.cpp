/// @file article-indexer --shards: updates and deletes find their shard again, a
/// different shard count needs --rebuild, and resharding swaps the whole set.
#include "shard_fixture.h"

#include "schema.h"
#include "layout.h"

#include <xapian.h>

#include "stored.h"

#include <fstream>
#include <map>
#include <sstream>

namespace {
namespace fs = std::filesystem;
namespace sh = article_search::layout;
using namespace article_search::testing;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A copy of corpus/ that a test may edit.
fs::path copy_corpus(const TempDir& dir) {
  const fs::path corpus = dir / "corpus";
  fs::copy(source_dir() / "corpus", corpus);
  return corpus;
}

Xapian::doccount documents(const fs::path& db) { return Xapian::Database(db.string()).get_doccount(); }

/// Every article's story and copy_of ("story|copy_of"), by its stored id.
std::map<std::string, std::string> groups_of(const fs::path& db_path) {
  namespace sc = article_search::schema;
  Xapian::Database db(db_path.string());
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    out[article_search::stored::decode(doc.get_data()).value().id] =
        doc.get_value(sc::slot(sc::Slot::story)) + "|" + doc.get_value(sc::slot(sc::Slot::copy_of));
  }
  return out;
}

/// How many of the `shards` shards of `db` hold a member of `story`.
unsigned shards_holding(const fs::path& db, unsigned shards, const std::string& story) {
  const std::string term = article_search::schema::boolean_term(article_search::schema::prefix::story, story);
  unsigned holding = 0;
  for (unsigned i = 0; i < shards; ++i) {
    holding += Xapian::Database((db / sh::shard_folder(i, shards)).string()).term_exists(term);
  }
  return holding;
}

/// The story of the seed articles (one story of five) in `db`.
std::string seed_story(const fs::path& db) {
  const auto groups = groups_of(db);
  const std::string value = groups.at("003_3e77c303cd71c53b");
  return value.substr(0, value.find('|'));
}

}  // namespace

TEST_SUITE("shards") {
  TEST_CASE("incremental runs update and delete articles in their own shard") {
    TempDir dir;
    const fs::path corpus = copy_corpus(dir);
    const fs::path db = dir / "db";
    auto summary = index_shards(db, {corpus}, 3);
    CHECK(summary.added == 5);
    CHECK(read(db / "XAPIANDB") == sh::shard_stub_text(3));
    CHECK(documents(db) == 5);
    for (unsigned i = 0; i < 3; ++i) {
      CHECK(Xapian::Database((db / sh::shard_folder(i, 3)).string()).get_metadata("article-search:shard") ==
            std::to_string(i) + "/3");
    }

    summary = index_shards(db, {corpus}, 0);  // no --shards: as the database is
    CHECK(summary.unchanged == 5);
    CHECK_FALSE(summary.committed);

    fs::remove(corpus / "001_1fd2f5100bbb1d64.txt");
    std::ofstream(corpus / "002_50ed439707b20fb7.txt", std::ios::app) << "\nAn added closing line.\n";
    summary = index_shards(db, {corpus}, 3);
    CHECK(summary.deleted == 1);
    CHECK(summary.updated == 1);
    CHECK(summary.unchanged == 3);
    CHECK(documents(db) == 4);
    Xapian::Database all(db.string());
    CHECK_FALSE(all.term_exists(article_search::schema::id_term("001_1fd2f5100bbb1d64")));
  }

  TEST_CASE("a different shard count is refused without --rebuild, and resharded with it") {
    TempDir dir;
    const fs::path db = dir / "db";
    index_shards(db, {source_dir() / "corpus"}, 3);
    const std::string before = read(db / "XAPIANDB");
    CHECK_THROWS_WITH_AS(index_shards(db, {source_dir() / "corpus"}, 2),
                         doctest::Contains("has 3 shards but --shards 2 was given; use --rebuild"),
                         std::runtime_error);
    CHECK(read(db / "XAPIANDB") == before);

    const auto summary = index_shards(db, {source_dir() / "corpus"}, 2, true);
    CHECK(summary.added == 5);
    CHECK(read(db / "XAPIANDB") == sh::shard_stub_text(2));
    CHECK(documents(db) == 5);
    CHECK_FALSE(fs::exists(db / sh::shard_folder(0, 3)));
    CHECK(fs::exists(db / sh::shard_folder(1, 2)));
  }

  TEST_CASE("an unsharded database is split only by --rebuild") {
    TempDir dir;
    const fs::path db = dir / "db";
    index_shards(db, {source_dir() / "corpus"}, 0);
    CHECK_THROWS_WITH_AS(index_shards(db, {source_dir() / "corpus"}, 2),
                         doctest::Contains("holds an unsharded database; use --rebuild"),
                         std::runtime_error);
    CHECK(documents(db) == 5);
    index_shards(db, {source_dir() / "corpus"}, 2, true);
    CHECK(read(db / "XAPIANDB") == sh::shard_stub_text(2));
    CHECK(documents(db) == 5);
    CHECK_FALSE(fs::exists(db / "gen-1"));
  }

  TEST_CASE("stories and copies cross shards: the groups are those of one database") {
    TempDir dir;
    const fs::path corpus = copy_corpus(dir);
    const std::vector<fs::path> inputs{corpus, source_dir() / "tests" / "data" / "copies"};
    const fs::path single = dir / "single", sharded = dir / "sharded";
    index_shards(single, inputs, 0);
    index_shards(sharded, inputs, 3);
    REQUIRE(groups_of(sharded).size() == groups_of(single).size());
    CHECK(groups_of(sharded) == groups_of(single));
    // The seeds' story is one story of five, spread over shards.
    const std::string story = seed_story(sharded);
    CHECK(Xapian::Database(sharded.string()).get_termfreq(
              article_search::schema::boolean_term(article_search::schema::prefix::story, story)) == 5);
    CHECK(shards_holding(sharded, 3, story) >= 2);

    // An incremental run regroups across shards what its edits touched.
    fs::remove(corpus / "003_3e77c303cd71c53b.txt");
    std::ofstream(corpus / "002_50ed439707b20fb7.txt", std::ios::app) << "\nAn added closing line.\n";
    index_shards(single, inputs, 0);
    const auto summary = index_shards(sharded, inputs, 0);
    CHECK(summary.deleted == 1);
    CHECK(summary.updated == 1);
    CHECK(groups_of(sharded) == groups_of(single));

    // --rebuild gives the groups the incremental runs did.
    const auto before = groups_of(sharded);
    index_shards(sharded, inputs, 0, true);
    CHECK(groups_of(sharded) == before);
  }

  TEST_CASE("shards grouped by different runs (a run cut off between commits) are regrouped whole") {
    TempDir dir;
    const fs::path db = dir / "db";
    const std::vector<fs::path> inputs{source_dir() / "corpus"};
    index_shards(db, inputs, 2);
    const auto grouped = groups_of(db);
    // Shard 0 as a run that committed it alone would leave it: another run's name, and
    // its articles in stories of their own.
    {
      namespace sc = article_search::schema;
      Xapian::WritableDatabase shard((db / sh::shard_folder(0, 2)).string(), Xapian::DB_OPEN);
      shard.set_metadata(std::string(sc::grouping_run_key), "an-older-run");
      for (auto it = shard.postlist_begin(""); it != shard.postlist_end(""); ++it) {
        Xapian::Document doc = shard.get_document(*it);
        doc.add_value(sc::slot(sc::Slot::story), "0000000000000000");
        shard.replace_document(*it, doc);
      }
      shard.commit();
    }
    REQUIRE(groups_of(db) != grouped);
    const auto summary = index_shards(db, inputs, 0);  // the same articles
    CHECK(summary.unchanged == 5);
    CHECK(summary.regrouped > 0);
    CHECK(groups_of(db) == grouped);
  }
}
