/// @file Collections: keeping judged queries only, reading files.
#include "collection.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace article_search::relevance {

Collection make_collection(std::string name, std::vector<Doc> docs, std::vector<Query> queries,
                           Qrels qrels) {
  Collection collection;
  collection.name = std::move(name);
  collection.docs = std::move(docs);
  for (Query& query : queries) {
    const auto judged = qrels.find(query.id);
    if (judged == qrels.end()) continue;
    collection.qrels.insert(*judged);
    collection.queries.push_back(std::move(query));
  }
  if (collection.qrels.size() != qrels.size()) {
    throw std::runtime_error(collection.name + ": " +
                             std::to_string(qrels.size() - collection.qrels.size()) +
                             " judged queries are missing from the query file");
  }
  return collection;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace article_search::relevance
