/// @file Fuzz target: any bytes as an article file → parse_article_text, the corpus
/// reader's per-file path (UTF-8 repair, binary detection, id from the path) and the
/// Xapian document the indexer builds from it.
#include "article.h"
#include "corpus.h"
#include "document.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

namespace {

/// A date, when one is found, is always a valid ISO date.
void check(const article_search::ArticleText& text) {
  if (!text.date.empty() && !article_search::parse_iso_date(text.date)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check(article_search::parse_article_text(bytes));
  const auto entry = article_search::corpus::parse_file_bytes(bytes, "topic/article.md", "topic",
                                                              "fuzz/topic/article.md");
  if (const auto* item = std::get_if<article_search::corpus::Item>(&entry)) {
    if (item->article.id.empty()) std::abort();
    check({item->article.title, item->article.title_derived, item->article.date, item->article.body});
    // And the document the indexer would write for it (terms, values, stored JSON).
    static Xapian::TermGenerator generator = article_search::make_term_generator(nullptr);
    const Xapian::Document document = article_search::make_document(item->article, generator);
    if (document.get_data().empty()) std::abort();
  }
  return 0;
}
