/// @file SMART-style text (Cranfield): `.I n` records with `.X` fields.
#include "collection.h"

#include "text_lines.h"

#include <stdexcept>

namespace article_search::relevance {
namespace {

bool is_field_marker(std::string_view line) {
  return line.size() >= 2 && line[0] == '.' && line[1] >= 'A' && line[1] <= 'Z' &&
         (line.size() == 2 || line[2] == ' ');
}

void close_field(SmartRecord* record, char field, std::vector<std::string_view>& lines) {
  if (record != nullptr && field != 0) record->fields[field] = text::join_trimmed(lines);
  lines.clear();
}

}  // namespace

std::vector<SmartRecord> parse_smart_records(std::string_view text) {
  std::vector<SmartRecord> records;
  char field = 0;
  std::vector<std::string_view> field_lines;
  std::size_t number = 0;
  for (std::string_view line : text::lines(text)) {
    ++number;
    SmartRecord* current = records.empty() ? nullptr : &records.back();
    if (!is_field_marker(line)) {
      if (current == nullptr && !text::trim(line).empty()) {
        throw std::runtime_error("line " + std::to_string(number) + ": text before the first .I");
      }
      field_lines.push_back(line);
      continue;
    }
    close_field(current, field, field_lines);
    field = line[1];
    if (field == 'I') {
      records.push_back({std::string(text::trim(line.substr(2))), {}});
      field = 0;
    } else if (current == nullptr) {
      throw std::runtime_error("line " + std::to_string(number) + ": field before the first .I");
    }
  }
  close_field(records.empty() ? nullptr : &records.back(), field, field_lines);
  return records;
}

Qrels parse_cranfield_qrels(std::string_view text) {
  Qrels qrels;
  const auto add = [&](const std::vector<std::string_view>& fields, const std::string& where) {
    const int code = text::parse_int(fields[2], where);
    if (code != -1 && (code < 1 || code > 4)) {
      throw std::runtime_error(where + ": relevance code must be -1 or 1..4");
    }
    // Code 1 is the most relevant, 4 the least, -1 "no interest" (judged non-relevant).
    const int gain = code == -1 ? 0 : 5 - code;
    const std::string query = std::to_string(text::parse_int(fields[0], where));
    const std::string doc = std::to_string(text::parse_int(fields[1], where));
    qrels[query][doc] = gain;
  };
  text::for_each_row(text, "cranqrel", 0, 3, "`qid docid code`", add);
  return qrels;
}

Collection load_cranfield(const std::filesystem::path& dir) {
  std::vector<Doc> docs;
  for (SmartRecord& record : parse_smart_records(read_file(dir / "cran.all.1400"))) {
    // .W repeats the title; authors (.A) and the citation (.B) are not article text.
    docs.push_back({std::to_string(text::parse_int(record.number, "cran.all.1400 .I")),
                    record.fields['T'], record.fields['W']});
  }
  std::vector<Query> queries;
  for (SmartRecord& record : parse_smart_records(read_file(dir / "cran.qry"))) {
    // cranqrel numbers queries by their position in cran.qry, not by their .I numbers.
    queries.push_back({std::to_string(queries.size() + 1), record.fields['W']});
  }
  return make_collection("cranfield", std::move(docs), std::move(queries),
                         parse_cranfield_qrels(read_file(dir / "cranqrel")));
}

}  // namespace article_search::relevance
