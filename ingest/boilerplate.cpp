/// @file Tag and attribute signals (see boilerplate.h).
#include "boilerplate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace article_search::ingest {
namespace {

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string lower_attribute(const xmlNode* element, const char* name) {
  std::string value;
  if (element == nullptr || element->type != XML_ELEMENT_NODE) return value;
  xmlChar* raw = xmlGetProp(element, reinterpret_cast<const xmlChar*>(name));
  if (raw == nullptr) return value;
  value = reinterpret_cast<const char*>(raw);
  xmlFree(raw);
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value;
}

bool has_attribute(const xmlNode* element, const char* name) {
  return xmlHasProp(element, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

template <typename Words>
bool contains_any(std::string_view text, const Words& words) {
  return std::any_of(std::begin(words), std::end(words),
                     [&](std::string_view word) { return text.find(word) != std::string_view::npos; });
}

// Words of class and id names that Readability counts in a container's favour.
constexpr std::string_view kPositiveWords[] = {
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text",
    "blog", "story"};

// Words inside class and id names that mark boilerplate. Substrings, so "share" also
// finds "social-share-bar" and "sharing"; "ad" needs the token rules below.
// Strong ones mark a widget whatever else the names say ("article-share-bar" is a share
// bar); weak ones name layout regions that an article container may be named after too
// ("content-with-sidebar"), so an article-like word next to them wins, as in Readability.
constexpr std::string_view kStrongBoilerplateWords[] = {
    "comment", "disqus", "share", "sharing", "social", "related", "recommend", "promo",
    "newsletter", "subscri", "signup", "sign-up", "breadcrumb", "cookie", "consent", "gdpr",
    "popup", "modal", "sponsor", "outbrain", "taboola", "advert", "skip-link", "most-popular",
    "mostpopular", "trending", "more-stories", "read-more", "readmore", "next-article",
    "paywall", "login", "author-bio", "byline", "tag-list", "print-only", "screen-reader",
    "sr-only", "visually-hidden", "jump-link", "donate", "affiliate", "upsell", "caption",
    "gallery", "credit", "header"};
constexpr std::string_view kWeakBoilerplateWords[] = {
    "footer", "sidebar", "banner", "menu", "navbar", "navigation", "masthead", "pagination",
    "pager", "toolbar", "widget", "tags", "topics", "rss", "supplemental"};

// Words that mark the article's own container.
constexpr std::string_view kArticleWords[] = {
    "article-body", "articlebody", "article__body", "article-content", "article_body",
    "story-body", "storybody", "story-content", "post-content", "post-body", "postbody",
    "entry-content", "entry-body", "article-text", "story-text", "body-text", "main-content",
    "content-body", "page-content", "rich-text", "article__content", "post__content"};


// An ad container by a class or id token: "ad", "ads", "ad-slot", "top_ad", "dfp-ad".
bool is_ad_token(std::string_view token) {
  if (is_one_of(token, {"ad", "ads", "adv", "advert", "adslot", "dfp", "gpt"})) return true;
  for (std::string_view affix : {"ad-", "ads-", "ad_", "ads_"})
    if (token.starts_with(affix)) return true;
  for (std::string_view affix : {"-ad", "-ads", "_ad", "_ads"})
    if (token.ends_with(affix)) return true;
  return token.find("-ad-") != std::string_view::npos ||
         token.find("_ad_") != std::string_view::npos;
}

template <typename Predicate>
bool any_token(std::string_view names, Predicate matches) {
  std::size_t start = 0;
  while (start < names.size()) {
    const std::size_t end = std::min(names.find_first_of(" \t\n", start), names.size());
    if (end > start && matches(names.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

bool has_ad_token(std::string_view names) { return any_token(names, is_ad_token); }

bool has_token(std::string_view names, std::initializer_list<std::string_view> tokens) {
  return any_token(names, [&](std::string_view token) { return is_one_of(token, tokens); });
}

std::string class_and_id(const xmlNode* element) {
  return lower_attribute(element, "class") + " " + lower_attribute(element, "id");
}

// Embedded posts (a tweet, an Instagram post) quoted by the article are its text, even
// inside a "social-embed" wrapper.
constexpr std::string_view kEmbedWords[] = {"embed", "tweet"};

bool boilerplate_names(std::string_view names) {
  if (contains_any(names, kEmbedWords)) return false;
  if (contains_any(names, kStrongBoilerplateWords) || has_ad_token(names)) return true;
  return contains_any(names, kWeakBoilerplateWords) && !contains_any(names, kPositiveWords);
}

int weight_of(std::string_view names) {
  if (names.empty()) return 0;
  int weight = 0;
  if (boilerplate_names(names)) weight -= 25;
  if (contains_any(names, kPositiveWords)) weight += 25;
  return weight;
}

}  // namespace

bool has_widget_names(const xmlNode* element) {
  const std::string names = class_and_id(element);
  if (contains_any(names, kEmbedWords)) return false;
  return contains_any(names, kStrongBoilerplateWords) || has_ad_token(names);
}

std::string_view tag_name(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
  return reinterpret_cast<const char*>(node->name);
}

bool is_never_text(const xmlNode* element) {
  return is_one_of(tag_name(element),
                   {"script", "style", "noscript", "template", "iframe", "svg", "math",
                    "canvas", "video", "audio", "object", "embed", "applet", "button",
                    "input", "select", "option", "textarea", "label", "head", "title",
                    "meta", "link", "map", "picture", "source", "dialog", "menu", "figcaption",
                    "time", "address"});
}

bool is_hidden(const xmlNode* element) {
  if (has_attribute(element, "hidden")) return true;
  if (has_token(lower_attribute(element, "class"), {"hidden", "hide", "is-hidden", "d-none", "invisible"}))
    return true;
  if (lower_attribute(element, "aria-hidden") == "true") return true;
  std::string style = lower_attribute(element, "style");
  style.erase(std::remove_if(style.begin(), style.end(),
                             [](unsigned char c) { return std::isspace(c) != 0; }),
              style.end());
  constexpr std::string_view kHidingStyles[] = {"display:none", "visibility:hidden"};
  return contains_any(style, kHidingStyles);
}

bool is_block_level(const xmlNode* element) {
  return is_one_of(tag_name(element),
                   {"p", "div", "section", "article", "main", "aside", "header", "footer",
                    "nav", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
                    "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td",
                    "th", "caption", "figure", "figcaption", "form", "fieldset", "address",
                    "hr", "br", "body", "html", "center", "details", "summary", "hgroup"});
}

bool looks_like_boilerplate(const xmlNode* element) {
  const std::string_view tag = tag_name(element);
  if (is_one_of(tag, {"nav", "aside", "footer", "header"})) return true;
  if (is_one_of(tag, {"html", "body"})) return false;
  const std::string role = lower_attribute(element, "role");
  if (is_one_of(role, {"navigation", "complementary", "contentinfo", "banner", "menu",
                       "menubar", "dialog", "alertdialog", "search"}))
    return true;
  return boilerplate_names(class_and_id(element));
}

bool looks_like_article(const xmlNode* element) {
  const std::string_view tag = tag_name(element);
  if (tag == "article" || tag == "main") return true;
  if (lower_attribute(element, "itemprop") == "articlebody") return true;
  if (lower_attribute(element, "role") == "main") return true;
  return contains_any(class_and_id(element), kArticleWords);
}

int class_weight(const xmlNode* element) {
  return weight_of(lower_attribute(element, "class")) + weight_of(lower_attribute(element, "id"));
}

bool is_boilerplate_label(std::string_view text) {
  std::string letters;
  for (unsigned char c : text) {
    if (c >= 0x80) return false;  // the labels below are ASCII; anything else is text
    if (std::isalpha(c)) letters += static_cast<char>(std::tolower(c));
  }
  return is_one_of(letters, {"advertisement", "advert", "ad", "ads", "sponsored", "comments",
                             "comment", "share", "sharethis", "related", "relatedarticles",
                             "relatedstories", "readmore", "continuereading", "loading",
                             "skipadvert", "skipad", "trending", "tags"});
}

}  // namespace article_search::ingest
