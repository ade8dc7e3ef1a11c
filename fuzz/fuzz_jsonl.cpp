/// @file Fuzz target: any bytes as one JSON Lines record → corpus::parse_jsonl_record.
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
  return 0;
}
