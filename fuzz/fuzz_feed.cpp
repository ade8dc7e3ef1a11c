/// @file Fuzz target: any bytes as a feed → looks_like_feed, read_feed.
#include "feed.h"
#include "utf8.h"

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require_utf8(std::string_view text) {
  if (!article_search::text::is_valid_utf8(text)) std::abort();
}

/// The header's promise: a url is http(s) or empty (schemes are case-insensitive).
void require_http_or_empty(std::string_view url) {
  if (url.empty()) return;
  std::string scheme(url.substr(0, url.find(':')));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace article_search;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)ingest::looks_like_feed(bytes);
  std::string error;
  const auto feed = ingest::read_feed(bytes, error);
  require_utf8(error);
  if (!feed) {
    if (error.empty()) std::abort();  // nothing read, and no reason given
    return 0;
  }
  // Every field read out of a feed is UTF-8.
  require_utf8(feed->title);
  require_utf8(feed->url);
  require_utf8(feed->language);
  require_http_or_empty(feed->url);
  for (const auto& warning : feed->warnings) require_utf8(warning);
  for (const auto& entry : feed->entries) {
    for (const std::string* field : {&entry.key, &entry.title, &entry.url, &entry.published,
                                     &entry.updated, &entry.content, &entry.summary, &entry.where}) {
      require_utf8(*field);
    }
    for (const auto& author : entry.authors) require_utf8(author);
    for (const auto& category : entry.categories) require_utf8(category);
    require_http_or_empty(entry.url);
  }
  return 0;
}
