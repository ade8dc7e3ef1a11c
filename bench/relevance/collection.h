/// @file Test collections with relevance judgments, and loaders for the formats they ship in.
///
/// Formats read (see ../shared/corpora/README.md for where each comes from):
/// - BEIR (SciFact): `corpus.jsonl` of {"_id","title","text"}, `queries.jsonl` of
///   {"_id","text","metadata"} (metadata leaks the answers and is never read), and
///   `qrels/<split>.tsv` with a header line, then `query-id<TAB>corpus-id<TAB>score`.
/// - Cranfield (SMART text): records opened by `.I n`, fields `.T` title, `.A`, `.B`, `.W`
///   text. Queries in cran.qry are numbered by POSITION in `cranqrel` (their `.I` numbers
///   have gaps). cranqrel lines are `qid docid code`: code 1 (complete answer) .. 4 (least
///   relevant), -1 (no interest). The gain is 5 - code (4..1) so nDCG rewards the most
///   relevant first; -1 is judged non-relevant (gain 0).
/// - TIME: `*TEXT nnn mm/dd/yy PAGE nnn` headers (read leniently: only the number
///   matters), `*FIND n` queries, `*STOP` at the end, and TREC qrels `qid 0 doc rel`.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::relevance {

struct Doc {
  std::string id;
  std::string title;  ///< may be empty (TIME has none)
  std::string text;
};

struct Query {
  std::string id;
  std::string text;
};

/// Doc id -> gain. Gain 0 means judged non-relevant; 1 and up is relevant.
using Judgments = std::map<std::string, int>;
/// Query id -> its judgments.
using Qrels = std::map<std::string, Judgments>;

struct Collection {
  std::string name;
  std::vector<Doc> docs;
  std::vector<Query> queries;  ///< only the queries that have judgments, in file order
  Qrels qrels;
};

// Pure parsers: each takes a file's text. They throw std::runtime_error on text that
// does not have the expected shape, naming the line.

std::vector<Doc> parse_beir_corpus(std::string_view jsonl);
std::vector<Query> parse_beir_queries(std::string_view jsonl);
/// BEIR's qrels TSV (header line first). Scores are kept as gains.
Qrels parse_beir_qrels(std::string_view tsv);

/// One record of a SMART-style file: its `.I` number and its fields by letter.
struct SmartRecord {
  std::string number;
  std::map<char, std::string> fields;
};
std::vector<SmartRecord> parse_smart_records(std::string_view text);
/// cranqrel: query ids stay as given (they are positions in cran.qry), gain = 5 - code.
Qrels parse_cranfield_qrels(std::string_view text);

std::vector<Doc> parse_time_articles(std::string_view text);
std::vector<Query> parse_time_queries(std::string_view text);
/// TREC qrels: `qid iteration doc rel` per line.
Qrels parse_trec_qrels(std::string_view text);

/// Keeps the queries that have judgments, and the judgments of the queries kept.
Collection make_collection(std::string name, std::vector<Doc> docs, std::vector<Query> queries,
                           Qrels qrels);

// Loaders: read a collection's folder. Throw std::runtime_error when a file is missing.

/// `split` is "test" or "train".
Collection load_scifact(const std::filesystem::path& dir, const std::string& split);
Collection load_cranfield(const std::filesystem::path& dir);
Collection load_time(const std::filesystem::path& dir);

/// Reads a whole file; throws std::runtime_error naming it when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace article_search::relevance
