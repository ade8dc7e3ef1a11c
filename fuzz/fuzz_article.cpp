/// @file Fuzz target: any bytes as an article file → parse_article_text, the corpus
/// reader's per-file path (UTF-8 repair, binary detection, id from the path) and the
/// Xapian document the indexer builds from it. Parsing must stay linear: an input over
/// 4 KiB that takes more than 5 µs a byte twice running (ten times and more the cost
/// with ASan; a quadratic path at the 8 KiB -max_len costs more) aborts, so a quadratic
/// path shows up as a crash with its input saved. Timed twice so that being preempted
/// once on a loaded machine is not a crash.
#include "article_text.h"
#include "dates.h"
#include "corpus.h"
#include "document.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

namespace {

/// A date, when one is found, is always a valid ISO date.
void check(const article_search::Article& text) {
  if (!text.date.empty() && !article_search::dates::parse_iso_date(text.date)) std::abort();
}

/// Parses `bytes` as an article, aborting when that took super-linear time.
article_search::Article timed_parse(std::string_view bytes) {
  constexpr std::size_t checked_from_bytes = 4096;
  constexpr double max_seconds_per_byte = 5e-6;
  const double budget = max_seconds_per_byte * static_cast<double>(bytes.size());
  const auto timed = [&](article_search::Article& out) {
    const auto started = std::chrono::steady_clock::now();
    out = article_search::parse_article_text(bytes);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  article_search::Article text;
  double seconds = timed(text);
  if (bytes.size() >= checked_from_bytes && seconds > budget) seconds = timed(text);
  if (bytes.size() >= checked_from_bytes && seconds > budget) {
    std::fprintf(stderr, "parse_article_text: %zu bytes took %.3f s: super-linear?\n",
                 bytes.size(), seconds);
    std::abort();
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check(timed_parse(bytes));
  const auto entry = article_search::corpus::parse_file_bytes(bytes, "topic/article.md", "topic",
                                                              "fuzz/topic/article.md");
  if (const auto* item = std::get_if<article_search::corpus::Item>(&entry)) {
    if (item->article.id.empty()) std::abort();
    check(item->article);
    // And the document the indexer would write for it (terms, values, stored JSON).
    static Xapian::TermGenerator generator = article_search::make_term_generator(nullptr);
    const Xapian::Document document = article_search::make_document(item->article, generator);
    if (document.get_data().empty()) std::abort();
  }
  return 0;
}
