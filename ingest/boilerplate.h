/// @file What an element's tag and attributes say about it, for main text extraction:
/// never text (scripts, form controls), hidden, boilerplate (nav, share bars, comments,
/// related stories, ...), or a likely article container. General signals only: class,
/// id, role and itemprop words that sites of every kind use, never rules for one site.
#pragma once

#include <libxml/tree.h>

#include <string_view>

namespace article_search::ingest {

/// The element's name, lower case ("div"), or "" for a node that is not an element.
std::string_view tag_name(const xmlNode* node);

/// Elements whose content is never text a reader reads (script, style, svg, inputs...).
bool is_never_text(const xmlNode* element);

/// `hidden`, `aria-hidden="true"`, or an inline style with display:none / visibility:hidden.
bool is_hidden(const xmlNode* element);

/// Elements that start a new block of text (p, div, li, h2, td, ...), rather than inline.
bool is_block_level(const xmlNode* element);

/// A tag, class, id or role that marks navigation, menus, ads, cookie banners, share
/// buttons, related stories, comments, footers, newsletters or sidebars.
bool looks_like_boilerplate(const xmlNode* element);

/// Class or id words that always mean a widget (comments, share bar, related stories, ad),
/// where a name like "sidebar" or "footer" may also be a layout around the article.
bool has_widget_names(const xmlNode* element);

/// A class, id, itemprop or tag that marks the article's body (article-body, story-body,
/// post-content, entry-content, itemprop=articleBody, <article>, <main>).
bool looks_like_article(const xmlNode* element);

/// Readability's class weight: +25 for an article-like class or id, -25 for a
/// boilerplate-like one, each counted once for class and once for id.
int class_weight(const xmlNode* element);

/// A block that is only a widget's label: "Advertisement", "Share", "Comments (12)",
/// "Read more" (English only; other languages' labels pass).
bool is_boilerplate_label(std::string_view text);

}  // namespace article_search::ingest
