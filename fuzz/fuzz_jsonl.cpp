/// @file Fuzz target: any bytes as one JSON Lines record, read by the indexer
/// (corpus::parse_jsonl_record) and by the document API (corpus::parse_api_record).
#include "article_text.h"
#include "dates.h"
#include "corpus.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto entry = article_search::corpus::parse_jsonl_record(line, "collection", "fuzz.jsonl:1");
  if (const auto* item = std::get_if<article_search::corpus::Item>(&entry)) {
    // A record that is accepted has an id that is safe in a URL, and a checked date.
    if (item->article.id.empty() || article_search::safe_id(item->article.id) != item->article.id) {
      std::abort();
    }
    if (!item->article.date.empty() && !article_search::dates::parse_iso_date(item->article.date)) {
      std::abort();
    }
  }
  // The API's reader: an article it accepts has a valid id and is the API's; a refusal says why.
  for (const std::string_view path_id : {std::string_view{}, std::string_view("fuzz/id")}) {
    const auto record = article_search::corpus::parse_api_record(line, path_id);
    if (record.article) {
      if (!article_search::corpus::api_id_problem(record.article->id).empty()) std::abort();
      if (!path_id.empty() && record.article->id != path_id) std::abort();
      if (record.article->origin != article_search::origin_api) std::abort();
    } else if (record.error.empty()) {
      std::abort();
    }
  }
  return 0;
}
