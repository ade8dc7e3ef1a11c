/// @file article-indexer --shards: updates and deletes find their shard again, a
/// different shard count needs --rebuild, and resharding swaps the whole set.
#include "shard_fixture.h"

#include "schema.h"
#include "layout.h"

#include <xapian.h>

#include <fstream>
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
}
