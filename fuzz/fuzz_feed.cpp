/// @file Fuzz target: any bytes as a feed → looks_like_feed, read_feed.
#include "feed.h"
#include "utf8.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace article_search;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)ingest::looks_like_feed(bytes);
  std::string error;
  const auto feed = ingest::read_feed(bytes, error);
  if (!feed) return 0;
  // Every field read out of a feed is UTF-8.
  for (const auto& entry : feed->entries) {
    if (!text::is_valid_utf8(entry.title) || !text::is_valid_utf8(entry.content) ||
        !text::is_valid_utf8(entry.key)) {
      std::abort();
    }
  }
  return 0;
}
