/// @file BEIR JSON Lines and qrels TSV (SciFact).
#include "collection.h"

#include "text_lines.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace article_search::relevance {
namespace {

/// Each non-blank line parsed as a JSON object, with its 1-based line number.
template <typename Visit>
void for_each_record(std::string_view jsonl, const char* what, Visit visit) {
  std::size_t number = 0;
  for (std::string_view line : text::lines(jsonl)) {
    ++number;
    if (text::trim(line).empty()) continue;
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (!record.is_object() || !record.contains("_id")) {
      throw std::runtime_error(std::string(what) + " line " + std::to_string(number) +
                               ": not a JSON object with an _id");
    }
    visit(record);
  }
}

/// A string member, or "" when absent; BEIR ids are strings but accept numbers too.
std::string member(const nlohmann::json& record, const char* key) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

}  // namespace

std::vector<Doc> parse_beir_corpus(std::string_view jsonl) {
  std::vector<Doc> docs;
  for_each_record(jsonl, "corpus", [&](const nlohmann::json& record) {
    docs.push_back({member(record, "_id"), member(record, "title"), member(record, "text")});
  });
  return docs;
}

std::vector<Query> parse_beir_queries(std::string_view jsonl) {
  std::vector<Query> queries;
  // "metadata" holds the evidence documents: reading it would leak the answers.
  for_each_record(jsonl, "queries", [&](const nlohmann::json& record) {
    queries.push_back({member(record, "_id"), member(record, "text")});
  });
  return queries;
}

Qrels parse_beir_qrels(std::string_view tsv) {
  Qrels qrels;
  // The first line is the header "query-id corpus-id score".
  text::for_each_row(tsv, "qrels", 1, 3, "3 fields", [&](const auto& fields, const auto& where) {
    qrels[std::string(fields[0])][std::string(fields[1])] = text::parse_int(fields[2], where);
  });
  return qrels;
}

Collection load_scifact(const std::filesystem::path& dir, const std::string& split) {
  if (split != "test" && split != "train") {
    throw std::runtime_error("SciFact split must be test or train, got `" + split + "`");
  }
  return make_collection("scifact-" + split, parse_beir_corpus(read_file(dir / "corpus.jsonl")),
                         parse_beir_queries(read_file(dir / "queries.jsonl")),
                         parse_beir_qrels(read_file(dir / "qrels" / (split + ".tsv"))));
}

}  // namespace article_search::relevance
