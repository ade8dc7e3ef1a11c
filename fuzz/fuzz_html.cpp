/// @file Fuzz target: any bytes as a saved page → HtmlPage::parse, main_text, read_metadata.
#include "html_page.h"
#include "main_text.h"
#include "metadata.h"
#include "utf8.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace article_search;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto page = ingest::HtmlPage::parse(bytes);
  const std::string text = ingest::main_text(page);
  const ingest::PageMetadata meta = ingest::read_metadata(page);
  // Whatever the bytes, what comes out is UTF-8.
  if (!text::is_valid_utf8(text) || !text::is_valid_utf8(meta.title)) std::abort();
  if (!text::is_valid_utf8(ingest::fragment_text(bytes))) std::abort();
  return 0;
}
