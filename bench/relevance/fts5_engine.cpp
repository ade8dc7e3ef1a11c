/// @file The peer: SQLite FTS5 with its bm25() ranking and the porter tokenizer.
#include "fts5_engine.h"

#include <sqlite3.h>

#include <stdexcept>

namespace article_search::relevance {
namespace {

bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Finalizes a prepared statement whatever happens.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

void bind_text(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::string fts5_query(const std::string& text) {
  std::string query;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(text[i])) ++i;
    if (i == start) continue;
    if (!query.empty()) query += " OR ";
    // Words hold no '"' (not a word byte), so quoting needs no escaping.
    query += '"' + text.substr(start, i - start) + '"';
  }
  return query;
}

Fts5Engine::Fts5Engine() {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("sqlite: " + message);
  }
  exec("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
       "tokenize='porter unicode61')");
}

Fts5Engine::~Fts5Engine() { sqlite3_close(db_); }

void Fts5Engine::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("sqlite: " + message);
  }
}

void Fts5Engine::index(const std::vector<Doc>& docs) {
  exec("BEGIN");
  {
    Statement insert(db_, "INSERT INTO docs(id, title, body) VALUES (?1, ?2, ?3)");
    for (const Doc& doc : docs) {
      bind_text(insert.get(), 1, doc.id);
      bind_text(insert.get(), 2, doc.title);
      bind_text(insert.get(), 3, doc.text);
      if (sqlite3_step(insert.get()) != SQLITE_DONE) {
        throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
      }
      sqlite3_reset(insert.get());
    }
  }
  exec("COMMIT");
}

Ranking Fts5Engine::search(const std::string& query, std::size_t depth) {
  Ranking ranking;
  const std::string match = fts5_query(query);
  if (match.empty()) return ranking;
  Statement select(db_,
                   "SELECT id, bm25(docs) FROM docs WHERE docs MATCH ?1 "
                   "ORDER BY bm25(docs) LIMIT ?2");
  bind_text(select.get(), 1, match);
  sqlite3_bind_int64(select.get(), 2, static_cast<sqlite3_int64>(depth));
  int status = SQLITE_ROW;
  while ((status = sqlite3_step(select.get())) == SQLITE_ROW) {
    const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0));
    // bm25() is negated so that better is lower; the evaluation wants higher = better.
    ranking.push_back({id != nullptr ? id : "", -sqlite3_column_double(select.get(), 1)});
  }
  if (status != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
  return ranking;
}

}  // namespace article_search::relevance
