/// @file The peer: SQLite FTS5 with its bm25() ranking and the porter tokenizer.
///
/// One in-memory FTS5 table `docs(id UNINDEXED, title, body)` with
/// `tokenize='porter unicode61'`, ranked by `bm25(docs)` (k1 1.2, b 0.75, both columns
/// weighted 1): the configuration a developer would write first. Queries are the words
/// of the text, each quoted (so no word is read as FTS5 syntax) and OR-ed.
#pragma once

#include "engine.h"

#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace article_search::relevance {

/// The FTS5 query for natural-language text: `"word1" OR "word2" ...`, words split the
/// way unicode61 splits them (ASCII letters and digits, and every non-ASCII byte, are
/// word characters). Empty when the text has no words. Pure.
std::string fts5_query(const std::string& text);

class Fts5Engine : public Engine {
 public:
  Fts5Engine();
  ~Fts5Engine() override;
  Fts5Engine(const Fts5Engine&) = delete;
  Fts5Engine& operator=(const Fts5Engine&) = delete;

  std::string name() const override { return "FTS5"; }
  void index(const std::vector<Doc>& docs) override;
  Ranking search(const std::string& query, std::size_t depth) override;

 private:
  void exec(const char* sql);
  sqlite3* db_ = nullptr;
};

}  // namespace article_search::relevance
