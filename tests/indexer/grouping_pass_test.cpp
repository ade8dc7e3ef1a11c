/// @file Stories and copies as the indexer keeps them: a copy names its original, an edit or
/// a deletion regroups what it touched, and incremental runs end where a rebuild does.
#include "indexer.h"

#include "schema.h"
#include "stored.h"
#include "temp_dir.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fstream>
#include <map>
#include <sstream>

using namespace article_search;
using article_search::testing::TempDir;
namespace fs = std::filesystem;

namespace {

struct QuietReporter : indexer::Reporter {
  void warning(const std::string&) override {}
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

indexer::Summary index(const fs::path& db, const fs::path& input, bool rebuild = false) {
  indexer::Options options;
  options.db = db;
  options.inputs = {input};
  options.rebuild = rebuild;
  QuietReporter reporter;
  return indexer::run(options, reporter);
}

struct Groups {
  std::string story, copy_of;
  bool operator==(const Groups&) const = default;
};

/// Every article's story and copy_of, by id.
std::map<std::string, Groups> groups_of(const fs::path& db_path) {
  Xapian::Database db(db_path.string());
  std::map<std::string, Groups> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    out[stored::decode(doc.get_data()).value().id] = {
        doc.get_value(schema::slot(schema::Slot::story)),
        doc.get_value(schema::slot(schema::Slot::copy_of))};
  }
  return out;
}

std::string seed_text(int n) {
  for (const auto& entry : fs::directory_iterator(testing::source_dir() / "corpus")) {
    if (entry.path().filename().string().rfind("00" + std::to_string(n), 0) == 0) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    }
  }
  FAIL("no seed article " << n);
  return {};
}

nlohmann::json record(const std::string& id, const std::string& title, const std::string& text,
                      const std::string& date) {
  return {{"_id", id}, {"title", title}, {"text", text}, {"date", date}, {"source", "wire"}};
}

void write_records(const fs::path& folder, const std::vector<nlohmann::json>& records) {
  fs::create_directories(folder);
  std::ofstream out(folder / "news.jsonl");
  for (const auto& r : records) out << r.dump() << '\n';
}

/// The last paragraph cut off.
std::string trimmed(const std::string& text) {
  const auto end = text.find_last_of('\n', text.size() - 2);
  return text.substr(0, end);
}

const std::string unrelated =
    "The city council approved a new budget for the public library on Tuesday, adding evening "
    "hours at three branches and funding for a mobile reading van that will visit schools in "
    "the outer districts. Librarians welcomed the decision after years of cuts, and the mayor "
    "said the van would start its rounds in September once drivers had been hired and trained.";

}  // namespace

TEST_CASE("a copy names its earliest original, and copies share the original's story") {
  TempDir dir;
  const std::string text = seed_text(0);
  write_records(dir.path() / "in", {
      record("original", "Kaspersky to leave the US", text, "2024-06-20"),
      record("dateline", "Kaspersky quits US market", "MOSCOW (Wire) - " + text, "2024-06-21"),
      record("trimmed", "Kaspersky exits", trimmed(text), "2024-06-22"),
      record("library", "Library hours extended", unrelated, "2024-06-21"),
  });
  index(dir.path() / "db", dir.path() / "in");
  const auto groups = groups_of(dir.path() / "db");
  CHECK(groups.at("original").copy_of.empty());
  CHECK(groups.at("dateline").copy_of == "original");
  CHECK(groups.at("trimmed").copy_of == "original");
  CHECK(groups.at("dateline").story == groups.at("original").story);
  CHECK(groups.at("trimmed").story == groups.at("original").story);
  CHECK(groups.at("library").story != groups.at("original").story);
  CHECK(groups.at("library").copy_of.empty());
  for (const auto& [id, g] : groups) CHECK(g.story.size() == 16);
}

TEST_CASE("an article too far away in time is not in the story, but a copy always is") {
  TempDir dir;
  const std::string text = seed_text(1);
  write_records(dir.path() / "in", {
      record("june", "Kaspersky leaves", text, "2024-06-20"),
      record("reprint", "Kaspersky leaves (reprint)", text, "2025-01-05"),
  });
  index(dir.path() / "db", dir.path() / "in");
  const auto groups = groups_of(dir.path() / "db");
  CHECK(groups.at("reprint").copy_of == "june");
  CHECK(groups.at("reprint").story == groups.at("june").story);
}

TEST_CASE("edits and deletions regroup, and incremental runs end where a rebuild does") {
  TempDir dir;
  const fs::path in = dir.path() / "in", db = dir.path() / "db";
  std::vector<nlohmann::json> records;
  for (int n = 0; n < 5; ++n) {
    records.push_back(record("seed" + std::to_string(n), "Seed " + std::to_string(n), seed_text(n),
                             "2024-06-2" + std::to_string(n)));
  }
  records.push_back(record("library", "Library", unrelated, "2024-06-22"));
  write_records(in, records);
  index(db, in);

  // Copies arrive in a later run.
  records.push_back(record("copy-a", "A copy", "PARIS (AFP) - " + seed_text(2), "2024-06-24"));
  records.push_back(record("copy-b", "Another copy", trimmed(seed_text(2)), "2024-06-23"));
  write_records(in, records);
  index(db, in);
  auto groups = groups_of(db);
  CHECK(groups.at("copy-a").copy_of == "seed2");
  CHECK(groups.at("copy-b").copy_of == "seed2");

  // The original goes: its copies now name the earliest of them.
  records.erase(records.begin() + 2);
  write_records(in, records);
  const indexer::Summary deleted = index(db, in);
  CHECK(deleted.deleted == 1);
  groups = groups_of(db);
  CHECK(groups.count("seed2") == 0);
  CHECK(groups.at("copy-b").copy_of.empty());
  CHECK(groups.at("copy-a").copy_of == "copy-b");
  CHECK(groups.at("copy-a").story == groups.at("copy-b").story);

  // An edit that makes the library story a different text leaves it alone still.
  records.back()["text"] = unrelated + " The van will carry two thousand books.";
  write_records(in, records);
  index(db, in);

  const auto incremental = groups_of(db);
  index(db, in, /*rebuild=*/true);
  CHECK(groups_of(db) == incremental);
  TempDir fresh;
  index(fresh.path() / "db", in);
  CHECK(groups_of(fresh.path() / "db") == incremental);
}

TEST_CASE("a run that changes nothing rewrites no group") {
  TempDir dir;
  write_records(dir.path() / "in", {record("one", "One", seed_text(3), "2024-06-20"),
                                    record("two", "Two", "LONDON - " + seed_text(3), "2024-06-21")});
  // Each is written as a story of its own; only the copy's changes (the story and copy_of
  // of the earlier one).
  CHECK(index(dir.path() / "db", dir.path() / "in").regrouped == 1);
  const indexer::Summary again = index(dir.path() / "db", dir.path() / "in");
  CHECK(again.regrouped == 0);
  CHECK_FALSE(again.committed);
}

TEST_CASE("a fresh build's pass in parallel readers finds the groups the walk over every article does") {
  TempDir dir;
  const fs::path in = dir.path() / "in", db = dir.path() / "db";
  std::vector<nlohmann::json> records;
  for (int n = 0; n < 5; ++n) {
    const std::string day = "2024-06-2" + std::to_string(n);
    records.push_back(record("seed" + std::to_string(n), "Seed", seed_text(n), day));
    records.push_back(record("copy" + std::to_string(n), "Copy", "ROME (Wire) - " + seed_text(n),
                             "2024-06-2" + std::to_string(n + 1)));
    records.push_back(record("later" + std::to_string(n), "Reprint", trimmed(seed_text(n)),
                             "2025-03-0" + std::to_string(n + 1)));
  }
  records.push_back(record("library", "Library", unrelated, "2024-06-22"));
  write_records(in, records);
  indexer::Options options;
  options.db = db;
  options.inputs = {in};
  options.threads = 3;
  QuietReporter reporter;
  CHECK(indexer::run(options, reporter).regrouped > 0);
  const auto parallel = groups_of(db);
  CHECK(parallel.at("copy2").copy_of == "seed2");
  CHECK(parallel.at("later2").copy_of == "seed2");
  CHECK(parallel.at("seed2").story == parallel.at("seed4").story);
  CHECK(parallel.at("library").story != parallel.at("seed2").story);

  // An older grouping version makes the next run regroup everything with the walk: it
  // agrees, so nothing is rewritten.
  {
    Xapian::WritableDatabase writable(db.string());
    writable.set_metadata(std::string(schema::grouping_key), "0");
    writable.commit();
  }
  CHECK(index(db, in).regrouped == 0);
  CHECK(groups_of(db) == parallel);
}
