/// @file A fresh build with several writer threads gives the same database as one writer:
/// the same documents, terms, positions and spelling data, within the memory bound.
#include "parallel_build.h"

#include "cli.h"
#include "indexer.h"
#include "schema.h"
#include "quiet_indexer.h"
#include "temp_dir.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>

using namespace article_search;
using article_search::testing::TempDir;
namespace fs = std::filesystem;

namespace {

indexer::Summary build(const fs::path& db, const std::vector<fs::path>& inputs, unsigned threads,
                       unsigned memory_mb = 256) {
  indexer::Options options;
  options.db = db;
  options.inputs = inputs;
  options.threads = threads;
  options.memory_mb = memory_mb;
  return testing::run_indexer(std::move(options));
}

/// Every term with its document frequency and collection frequency.
std::map<std::string, std::pair<Xapian::doccount, Xapian::termcount>> term_stats(const fs::path& db_path) {
  Xapian::Database db(db_path.string());
  std::map<std::string, std::pair<Xapian::doccount, Xapian::termcount>> stats;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    stats[*t] = {t.get_termfreq(), db.get_collection_freq(*t)};
  }
  return stats;
}

std::map<std::string, Xapian::doccount> spellings(const fs::path& db_path) {
  Xapian::Database db(db_path.string());
  std::map<std::string, Xapian::doccount> words;
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) words[*w] = w.get_termfreq();
  return words;
}

/// Articles with overlapping vocabularies, so shards share terms and spelling words.
void write_corpus(const TempDir& tmp, int count) {
  for (int i = 0; i < count; ++i) {
    tmp.write("c/a" + std::to_string(i) + ".txt",
              "Headline number " + std::to_string(i % 7) + " about zebras\n\nZebras graze. Giraffe " +
                  std::string(i % 3 == 0 ? "herds migrate" : "calves sleep") + " near the river bank.");
  }
}

}  // namespace

TEST_SUITE("parallel build") {
  TEST_CASE("four writer threads build the same terms and spelling data as one") {
    TempDir tmp;
    write_corpus(tmp, 40);
    CHECK(build(tmp / "one", {tmp / "c"}, 1).added == 40);
    CHECK(build(tmp / "four", {tmp / "c"}, 4).added == 40);
    CHECK(Xapian::Database((tmp / "four").string()).get_doccount() == 40);
    CHECK(term_stats(tmp / "four") == term_stats(tmp / "one"));
    CHECK(spellings(tmp / "four") == spellings(tmp / "one"));
    // Title words count once per occurrence: "zebras" is in every title and body.
    CHECK(spellings(tmp / "four").at("zebras") == 80);
    Xapian::Database db((tmp / "four").string());
    CHECK(db.get_spelling_suggestion("zebbras") == "zebras");
    CHECK(db.get_metadata(std::string(schema::format_key)) == std::to_string(schema::format_version));
  }

  TEST_CASE("phrases match across shards after compaction") {
    TempDir tmp;
    write_corpus(tmp, 12);
    build(tmp / "db", {tmp / "c"}, 3);
    Xapian::Database db((tmp / "db").string());
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem(schema::stem_language));
    parser.set_stemming_strategy(schema::query_stemming);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse_query("\"herds migrate\"", Xapian::QueryParser::FLAG_PHRASE));
    CHECK(enquire.get_mset(0, 100).size() == 4);  // articles 0, 3, 6, 9
  }

  TEST_CASE("a small memory bound commits in small batches and still builds everything") {
    TempDir tmp;
    write_corpus(tmp, 30);
    CHECK(build(tmp / "db", {tmp / "c"}, 2, /*memory_mb=*/16).added == 30);
    CHECK(term_stats(tmp / "db").at("zebra").first == 30);
    CHECK_FALSE(fs::exists(tmp / "db/gen-1.shards"));  // scratch shards are removed
  }

  TEST_CASE("an incremental run counts the spelling of the articles it adds, once each") {
    TempDir tmp;
    write_corpus(tmp, 4);
    build(tmp / "db", {tmp / "c"}, 2);
    CHECK(spellings(tmp / "db").at("zebras") == 8);
    tmp.write("c/new.txt", "Okapis arrive\n\nOkapis and zebras.");
    CHECK(build(tmp / "db", {tmp / "c"}, 2).added == 1);  // incremental: one transaction
    CHECK(spellings(tmp / "db").at("okapis") == 2);
    CHECK(spellings(tmp / "db").at("zebras") == 9);
    CHECK(build(tmp / "db", {tmp / "c"}, 2).unchanged == 5);  // unchanged: nothing counted again
    CHECK(spellings(tmp / "db").at("zebras") == 9);
  }

  TEST_CASE("an empty corpus builds an empty database") {
    TempDir tmp;
    fs::create_directories(tmp / "empty");
    CHECK(build(tmp / "db", {tmp / "empty"}, 2).added == 0);
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 0);
  }

  TEST_CASE("the batch size follows the memory bound, within limits") {
    CHECK(indexer::batch_text_bytes(std::size_t{16} << 20) < indexer::batch_text_bytes(std::size_t{64} << 20));
    CHECK(indexer::batch_text_bytes(0) == 64u << 10);
    CHECK(indexer::batch_text_bytes(std::size_t{64} << 30) == 1u << 20);
  }

  TEST_CASE("--threads and --memory-mb are parsed strictly") {
    using indexer::Command;
    const auto parse = [](std::vector<std::string> args) { return indexer::parse_command_line(args); };
    const auto ok = parse({"--db", "d", "--threads", "3", "--memory-mb", "64", "c"});
    REQUIRE(ok.kind == Command::Kind::run);
    CHECK(ok.options.threads == 3);
    CHECK(ok.options.memory_mb == 64);
    for (const auto& bad : std::vector<std::vector<std::string>>{
             {"--db", "d", "--threads", "0", "c"},
             {"--db", "d", "--threads", "65", "c"},
             {"--db", "d", "--threads", "2x", "c"},
             {"--db", "d", "--memory-mb", "8", "c"},
             {"--db", "d", "--memory-mb", "", "c"},
             {"--db", "d", "c", "--memory-mb"}}) {
      CHECK(parse(bad).kind == Command::Kind::usage_error);
    }
  }
}
