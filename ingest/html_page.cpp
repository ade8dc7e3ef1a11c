/// @file Parsing a saved page (see html_page.h).
#include "html_page.h"

namespace article_search::ingest {

HtmlPage HtmlPage::parse(std::string_view bytes) {
  HtmlPage page;
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  page.doc_.reset(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                 nullptr, options));
  page.charset_ = "utf-8";
  return page;
}

xmlNode* HtmlPage::root() const { return doc_ ? xmlDocGetRootElement(doc_.get()) : nullptr; }

}  // namespace article_search::ingest
