/// @file Parsing a saved page (see html_page.h).
#include "html_page.h"

#include "charset.h"

#include <climits>

namespace article_search::ingest {
namespace {

// No network, no external entities (the HTML parser never loads a DTD; NONET guards the
// rest), and no error output: a page is parsed the way libxml2 repairs it.
constexpr int kParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | HTML_PARSE_COMPACT;

}  // namespace

HtmlPage HtmlPage::parse(std::string_view bytes) {
  HtmlPage page;
  DetectedCharset charset = detect_charset(bytes);
  page.charset_ = charset.name;
  page.warnings_ = std::move(charset.warnings);
  // The bytes go to libxml2 already decoded, as UTF-8 declared explicitly: its own
  // converters would stop the parse at the first byte they reject, and an explicit
  // encoding also keeps its <meta> sniffing from switching charsets mid-document.
  const std::string utf8 = decode_to_utf8(bytes.substr(charset.bom_length), charset.name);
  if (utf8.size() > static_cast<std::size_t>(INT_MAX)) return page;
  page.doc_.reset(htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                                 kParseOptions));
  return page;
}

xmlNode* HtmlPage::root() const { return doc_ ? xmlDocGetRootElement(doc_.get()) : nullptr; }

}  // namespace article_search::ingest
