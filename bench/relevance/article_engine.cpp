/// @file article-search itself: the project's indexer, the server's search code.
#include "article_engine.h"

#include "indexer.h"

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

}  // namespace

void write_jsonl(const std::vector<Doc>& docs, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  for (const Doc& doc : docs) {
    out << nlohmann::json{{"_id", doc.id}, {"title", doc.title}, {"text", doc.text}}.dump() << '\n';
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

ArticleEngine::ArticleEngine() = default;

void ArticleEngine::index(const std::vector<Doc>& docs) {
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
}

}  // namespace article_search::relevance
