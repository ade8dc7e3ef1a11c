/// @file The TIME magazine collection: `*TEXT` articles, `*FIND` queries, TREC qrels.
#include "collection.h"

#include "text_lines.h"

#include <stdexcept>

namespace article_search::relevance {
namespace {

struct Starred {
  std::string keyword;  ///< "TEXT", "FIND", "STOP"
  std::string number;   ///< the first word after the keyword, may be empty
  std::vector<std::string_view> lines;
};

/// Splits a file into `*KEYWORD number ...` sections. Header lines are read leniently:
/// spacing and the date/page fields vary, only the keyword and the number count.
std::vector<Starred> parse_starred(std::string_view text, const char* what) {
  std::vector<Starred> sections;
  std::size_t number = 0;
  for (std::string_view line : text::lines(text)) {
    ++number;
    if (!line.empty() && line[0] == '*') {
      const auto fields = text::words(line.substr(1));
      sections.push_back({fields.empty() ? "" : std::string(fields[0]),
                          fields.size() > 1 ? std::string(fields[1]) : "", {}});
      continue;
    }
    if (sections.empty()) {
      if (text::trim(line).empty()) continue;
      throw std::runtime_error(std::string(what) + " line " + std::to_string(number) +
                               ": text before the first * header");
    }
    sections.back().lines.push_back(line);
  }
  return sections;
}

}  // namespace

std::vector<Doc> parse_time_articles(std::string_view text) {
  std::vector<Doc> docs;
  for (const Starred& section : parse_starred(text, "TIME.ALL")) {
    if (section.keyword == "STOP") break;
    if (section.keyword != "TEXT" || section.number.empty()) {
      throw std::runtime_error("TIME.ALL: unexpected header *" + section.keyword);
    }
    // The number stays as written ("017"): qrels-trec.txt uses the same form.
    docs.push_back({section.number, "", text::join_trimmed(section.lines)});
  }
  return docs;
}

std::vector<Query> parse_time_queries(std::string_view text) {
  std::vector<Query> queries;
  for (const Starred& section : parse_starred(text, "TIME.QUE")) {
    if (section.keyword == "STOP") break;
    if (section.keyword != "FIND" || section.number.empty()) {
      throw std::runtime_error("TIME.QUE: unexpected header *" + section.keyword);
    }
    queries.push_back({std::to_string(text::parse_int(section.number, "TIME.QUE *FIND")),
                       text::join_trimmed(section.lines)});
  }
  return queries;
}

Qrels parse_trec_qrels(std::string_view text) {
  Qrels qrels;
  const auto add = [&](const std::vector<std::string_view>& fields, const std::string& where) {
    qrels[std::string(fields[0])][std::string(fields[2])] = text::parse_int(fields[3], where);
  };
  text::for_each_row(text, "qrels", 0, 4, "`qid iter doc rel`", add);
  return qrels;
}

Collection load_time(const std::filesystem::path& dir) {
  return make_collection("time", parse_time_articles(read_file(dir / "TIME.ALL")),
                         parse_time_queries(read_file(dir / "TIME.QUE")),
                         parse_trec_qrels(read_file(dir / "qrels-trec.txt")));
}

}  // namespace article_search::relevance
