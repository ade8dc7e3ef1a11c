/// @file article-search itself: the project's indexer, the server's search code.
#include "article_engine.h"

#include "indexer.h"
#include "query.h"
#include "search.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

namespace article_search::relevance {
namespace {

/// The indexer's warnings would mean the collection was not indexed as given: fail.
class StrictReporter : public indexer::Reporter {
 public:
  void warning(const std::string& message) override {
    throw std::runtime_error("indexer warning: " + message);
  }
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

}  // namespace

void write_jsonl(const std::vector<Doc>& docs, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  for (const Doc& doc : docs) {
    out << nlohmann::json{{"_id", doc.id}, {"title", doc.title}, {"text", doc.text}}.dump() << '\n';
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

ArticleEngine::ArticleEngine(const search::RankingConfig& config) : config_(config) {}

void ArticleEngine::index(const std::vector<Doc>& all_docs) {
  // The indexer skips records with no text at all (Cranfield has two); nothing could find
  // them anyway, and any other skip is an error.
  std::vector<Doc> docs;
  for (const Doc& doc : all_docs) {
    if (!is_blank(doc.title) || !is_blank(doc.text)) docs.push_back(doc);
  }
  const std::filesystem::path input = work_.path() / "collection.jsonl";
  write_jsonl(docs, input);
  indexer::Options options;
  options.db = work_.path() / "db";
  options.inputs = {input};
  StrictReporter reporter;
  const indexer::Summary summary = indexer::run(options, reporter);
  if (summary.articles() != docs.size()) {
    throw std::runtime_error("the indexer kept " + std::to_string(summary.articles()) + " of " +
                             std::to_string(docs.size()) + " documents");
  }
  std::filesystem::remove(input);
  db_.emplace(options.db.string());
  parser_.emplace(search::make_parser(*db_, config_));
}

void ArticleEngine::set_ranking(const search::RankingConfig& config) {
  config_ = config;
  if (db_) parser_.emplace(search::make_parser(*db_, config_));
}

Ranking ArticleEngine::search(const std::string& query, std::size_t depth) {
  if (!db_ || !parser_) throw std::logic_error("ArticleEngine::search before index");
  search::SearchRequest request;
  request.q = query;
  request.limit = static_cast<int>(depth);
  request.highlight = false;
  const search::SearchResult result = search::run_search(*db_, *parser_, request, config_, {}, &typos_);
  Ranking ranking;
  ranking.reserve(result.hits.size());
  for (const search::Hit& hit : result.hits) ranking.push_back({hit.id, hit.score});
  return ranking;
}

}  // namespace article_search::relevance
