/// @file bench-fts5: the SQLite FTS5 peer, through its C API (no interpreter in the way).
///
///   bench-fts5 index DB INPUT...        one contentful FTS5 table (title, body; porter)
///   bench-fts5 search DB QUERIES RUNS   top 10 by bm25() with snippet(), per-query latency
///
/// Articles are read with the project's own corpus reader, so both engines index the very
/// same fields and pay the same parsing cost.
#include "corpus.h"
#include "latency.h"
#include "query_mix.h"

#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
using namespace article_search;

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) fail("open");
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  void exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
  }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) fail(sql);
    return stmt;
  }
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_ = nullptr;
};

void bind_text(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

int index_corpus(const std::string& path, const std::vector<std::string>& inputs) {
  Db db(path);
  db.exec("CREATE VIRTUAL TABLE articles USING fts5(title, body, id UNINDEXED, "
          "source UNINDEXED, date UNINDEXED, tokenize='porter unicode61')");
  db.exec("BEGIN");
  sqlite3_stmt* insert =
      db.prepare("INSERT INTO articles(title, body, id, source, date) VALUES (?,?,?,?,?)");
  std::size_t count = 0;
  for (const auto& input_path : inputs) {
    corpus::read_input(corpus::open_input(input_path), {}, [&](corpus::Entry&& entry, std::uintmax_t) {
      const auto* item = std::get_if<corpus::Item>(&entry);
      if (item == nullptr) return;
      const Article& a = item->article;
      bind_text(insert, 1, a.title);
      bind_text(insert, 2, a.body);
      bind_text(insert, 3, a.id);
      bind_text(insert, 4, a.source);
      bind_text(insert, 5, a.date);
      if (sqlite3_step(insert) != SQLITE_DONE) db.fail("insert");
      sqlite3_reset(insert);
      ++count;
    });
  }
  sqlite3_finalize(insert);
  db.exec("COMMIT");
  std::printf("articles %zu\n", count);
  return 0;
}

/// FTS5 syntax for one query of the mix: every word quoted (so no word reads as an
/// operator), implicit AND, phrases in quotes, a field as a column filter.
std::string fts5_query(const bench::Query& q) {
  std::string text;
  if (q.kind == bench::QueryKind::phrase) {
    text = "\"";
    for (const auto& w : q.words) text += (text.size() > 1 ? " " : "") + w;
    return text + "\"";
  }
  for (const auto& w : q.words) text += (text.empty() ? "\"" : " \"") + w + "\"";
  if (q.kind == bench::QueryKind::field) return q.field + " : (" + text + ")";
  return text;
}

int search(const std::string& path, const std::string& queries_path, int runs) {
  Db db(path);
  const auto queries = bench::read_query_mix(queries_path);
  sqlite3_stmt* plain = db.prepare(
      "SELECT id, title, snippet(articles, 1, '<b>', '</b>', '…', 24), bm25(articles, 5.0, 1.0) AS s "
      "FROM articles WHERE articles MATCH ?1 ORDER BY s LIMIT 10");
  sqlite3_stmt* filtered = db.prepare(
      "SELECT id, title, snippet(articles, 1, '<b>', '</b>', '…', 24), bm25(articles, 5.0, 1.0) AS s "
      "FROM articles WHERE articles MATCH ?1 AND source = ?2 ORDER BY s LIMIT 10");
  bench::Latencies latencies;
  std::size_t hits = 0;
  for (int run = 0; run < runs; ++run) {
    for (const auto& q : queries) {
      const auto started = std::chrono::steady_clock::now();
      sqlite3_stmt* stmt = q.filter_source.empty() ? plain : filtered;
      bind_text(stmt, 1, fts5_query(q));
      if (!q.filter_source.empty()) bind_text(stmt, 2, q.filter_source);
      int rc = SQLITE_ROW;
      for (int row = 0; row < 11 && (rc = sqlite3_step(stmt)) == SQLITE_ROW; ++row) {
        hits += sqlite3_column_bytes(stmt, 2) > 0;
      }
      if (rc != SQLITE_DONE && rc != SQLITE_ROW) db.fail("query " + fts5_query(q));
      sqlite3_reset(stmt);
      latencies.add(std::chrono::steady_clock::now() - started);
    }
  }
  sqlite3_finalize(plain);
  sqlite3_finalize(filtered);
  std::printf("%s hits %zu\n", latencies.summary().c_str(), hits);
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 3 && args[0] == "index") {
    return index_corpus(args[1], {args.begin() + 2, args.end()});
  }
  int runs = 0;
  if (args.size() == 4 && args[0] == "search" &&
      std::from_chars(args[3].data(), args[3].data() + args[3].size(), runs).ec == std::errc() &&
      runs >= 1 && runs <= 1000) {
    return search(args[1], args[2], runs);
  }
  std::fputs("Usage: bench-fts5 index DB INPUT... | bench-fts5 search DB QUERIES RUNS(1-1000)\n",
             stderr);
  return 2;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-fts5: %s\n", e.what());
  return 1;
}
