/// @file What a page says about its article, from the most reliable source present:
/// JSON-LD (NewsArticle, Article and their kin), then OpenGraph and `article:*` meta
/// tags, then `<meta name=author|description|keywords|news_keywords>`, `<link
/// rel=canonical>`, `<html lang>`, `<time datetime>`, then `<title>` (without its
/// " | Site name" suffix) or the first `<h1>`.
#pragma once

#include "html_page.h"

#include <string>
#include <vector>

namespace article_search::ingest {

struct PageMetadata {
  std::string title;
  std::string url;          ///< canonical, absolute http(s); empty when none is stated
  std::string published;    ///< "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (UTC); never guessed
  std::string modified;     ///< same form as published
  std::vector<std::string> authors;  ///< people (or bylines), in page order, no duplicates
  std::string publisher;    ///< the publisher's or site's name ("Reuters"); may be empty
  std::string section;
  std::vector<std::string> tags;     ///< keywords, in page order, no duplicates
  std::string language;     ///< BCP 47 ("en", "fr", "pt-BR"); empty when not stated
  std::string description;
};

/// The metadata of `page`; fields it does not state are empty. Pure; never throws.
PageMetadata read_metadata(const HtmlPage& page);

}  // namespace article_search::ingest
