/// @file What the evaluation needs of a search engine: index documents, rank a query.
#pragma once

#include "collection.h"
#include "metrics.h"

#include <string>
#include <vector>

namespace article_search::relevance {

class Engine {
 public:
  virtual ~Engine() = default;
  /// A short name for the results table.
  virtual std::string name() const = 0;
  /// Indexes the collection's documents (once, before any search).
  virtual void index(const std::vector<Doc>& docs) = 0;
  /// The best `depth` documents for the query text, best first, with their scores.
  virtual Ranking search(const std::string& query, std::size_t depth) = 0;
};

}  // namespace article_search::relevance
