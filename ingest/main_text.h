/// @file The article's text in a page, as a reader sees it: the body's paragraphs without
/// navigation, menus, ads, cookie banners, share buttons, related stories, comments,
/// footers, scripts and styles.
#pragma once

#include "html_page.h"

#include <string>
#include <string_view>

namespace article_search::ingest {

/// The main text of `page`: paragraphs separated by a blank line ("\n\n"), whitespace
/// within a paragraph collapsed to single spaces, valid UTF-8. Empty when the page has no
/// article text. Pure.
std::string main_text(const HtmlPage& page);

/// The text of an HTML fragment that is all content (a feed item's `content:encoded`):
/// scripts, styles and embedded widgets dropped, paragraphs kept as in main_text. Pure.
std::string fragment_text(std::string_view html);

}  // namespace article_search::ingest
