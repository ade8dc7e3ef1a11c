/// @file Main text extraction (see main_text.h).
///
/// The method is Readability's, on libxml2's tree, with trafilatura's habit of trusting
/// markup that names the article:
///  1. measure the text under every element (scripts, hidden elements left out);
///  2. leave out boilerplate subtrees: nav/aside/footer/header, and classes, ids and
///     roles of menus, share bars, comments, related stories, ads, cookie banners... —
///     unless the element holds most of the page's text (a site that calls its whole
///     layout "has-sidebar" must not lose its article);
///  3. score every paragraph of 25+ bytes (1 + commas + a point per 100 bytes, up to 3)
///     into its parent (fully), grandparent (half) and three more ancestors (less),
///     with Readability's bonus for the tag and for article-like classes and ids, and
///     scale each candidate by its share of text outside links;
///  4. take the best candidate (or the ancestor several good candidates share), with the
///     siblings that score close to it or read like paragraphs;
///  5. emit its paragraphs, headings, list items and quotes, dropping link lists.
/// When that yields almost nothing (a page whose article sits in a "boilerplate"-named
/// element), it runs again without step 2 and keeps the longer result.
#include "main_text.h"

#include "boilerplate.h"
#include "text_blocks.h"
#include "utf8.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace article_search::ingest {
namespace {

constexpr std::size_t kMinParagraphBytes = 25;
constexpr std::size_t kScoredAncestors = 5;
// Below this many bytes the strict pass probably threw the article away with the chrome.
constexpr std::size_t kRetryBelowBytes = 250;
constexpr double kMaxLinkDensity = 0.5;

using TextSizes = std::unordered_map<const xmlNode*, SubtreeText>;
using Scores = std::unordered_map<const xmlNode*, double>;

struct Page {
  xmlNode* body = nullptr;
  TextSizes sizes;
  std::size_t total_bytes = 0;
  bool drop_boilerplate = true;
};

SubtreeText size_of(const Page& page, const xmlNode* element) {
  const auto found = page.sizes.find(element);
  return found == page.sizes.end() ? SubtreeText{} : found->second;
}

double link_density(const Page& page, const xmlNode* element) {
  const SubtreeText size = size_of(page, element);
  return size.bytes == 0 ? 0 : static_cast<double>(size.link_bytes) / static_cast<double>(size.bytes);
}

double text_share(const Page& page, const xmlNode* element) {
  return page.total_bytes == 0 ? 0
                               : static_cast<double>(size_of(page, element).bytes) /
                                     static_cast<double>(page.total_bytes);
}

// Boilerplate by its markup, unless it holds so much of the page's text that it must be
// the layout around the article rather than a region beside it. A widget's names
// (comments, related stories) never get that benefit: a long thread is still a thread.
bool is_boilerplate(const Page& page, const xmlNode* element) {
  if (!looks_like_boilerplate(element)) return false;
  if (has_widget_names(element) && !looks_like_article(element)) return true;
  const double share = text_share(page, element);
  return share < 0.5 && !(looks_like_article(element) && share >= 0.3);
}

SkipRule skip_rule(const Page& page) {
  return [&page](const xmlNode* element) {
    return is_unreadable(element) || (page.drop_boilerplate && is_boilerplate(page, element));
  };
}

xmlNode* find_body(xmlNode* root) {
  if (root == nullptr) return nullptr;
  for (xmlNode* child = root->children; child != nullptr; child = child->next)
    if (tag_name(child) == "body") return child;
  return root;
}

// Readability's prior for a container by its tag and its class and id names.
double initial_score(const xmlNode* element) {
  const std::string_view tag = tag_name(element);
  double score = 0;
  if (tag == "div" || tag == "article" || tag == "section" || tag == "main") score = 5;
  else if (tag == "pre" || tag == "td" || tag == "blockquote") score = 3;
  else if (tag == "address" || tag == "ol" || tag == "ul" || tag == "dl" || tag == "dd" ||
           tag == "dt" || tag == "li" || tag == "form")
    score = -3;
  else if (tag.size() == 2 && tag[0] == 'h') score = -5;
  score += class_weight(element);
  if (looks_like_article(element)) score += 25;
  return score;
}

double paragraph_score(const std::string& text) {
  double commas = 0;
  for (std::size_t at = text.find(','); at != std::string::npos; at = text.find(',', at + 1)) ++commas;
  return 1 + commas + std::min(3.0, static_cast<double>(text.size()) / 100.0);
}

bool is_scored_paragraph(const TextBlock& block) {
  const std::string_view tag = tag_name(block.owner);
  if (tag == "li" || tag == "dt" || tag == "dd" || tag == "th" || tag == "figcaption" ||
      (tag.size() == 2 && tag[0] == 'h'))
    return false;
  return block.text.size() >= kMinParagraphBytes;
}

Scores score_candidates(const Page& page, const std::vector<TextBlock>& blocks) {
  Scores content;  // what the paragraphs give each ancestor
  for (const TextBlock& block : blocks) {
    if (!is_scored_paragraph(block)) continue;
    const double score = paragraph_score(block.text);
    xmlNode* ancestor = block.owner->parent;
    for (std::size_t level = 0; level < kScoredAncestors && ancestor != nullptr &&
                                ancestor->type == XML_ELEMENT_NODE;
         ++level, ancestor = ancestor->parent) {
      const double divider = level == 0 ? 1 : level == 1 ? 2 : static_cast<double>(level) * 3;
      content[ancestor] += score / divider;
    }
  }
  // The prior for tag and names counts at most as much as the paragraphs do: an id
  // "main" on the page's outer layout must not outweigh the article's own paragraphs.
  Scores scores;
  for (const auto& [element, paragraphs] : content) {
    const double prior = initial_score(element);
    scores[element] = (paragraphs + std::min(prior, paragraphs)) * (1 - link_density(page, element));
  }
  return scores;
}

double score_of(const Scores& scores, const xmlNode* element) {
  const auto found = scores.find(element);
  return found == scores.end() ? 0 : found->second;
}

bool is_inside(const xmlNode* element, const xmlNode* ancestor) {
  for (; element != nullptr; element = element->parent)
    if (element == ancestor) return true;
  return false;
}

// When several strong candidates (3 of the best 5 within 75% of the top) sit under one
// ancestor of the top, the article is that ancestor (paragraphs split over sibling divs).
const xmlNode* shared_ancestor(const Scores& scores, const xmlNode* top, const xmlNode* body) {
  std::vector<std::pair<double, const xmlNode*>> ranked;
  for (const auto& [element, score] : scores) ranked.emplace_back(score, element);
  const std::size_t keep = std::min<std::size_t>(ranked.size(), 5);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<const xmlNode*> close;
  for (std::size_t i = 0; i < keep; ++i)
    if (ranked[i].second != top && ranked[i].first >= 0.75 * score_of(scores, top))
      close.push_back(ranked[i].second);
  if (close.size() < 3) return top;
  for (const xmlNode* ancestor = top->parent; ancestor != nullptr && ancestor != body;
       ancestor = ancestor->parent) {
    const auto inside = std::count_if(close.begin(), close.end(),
                                      [&](const xmlNode* e) { return is_inside(e, ancestor); });
    if (inside >= 3) return ancestor;
  }
  return top;
}

// Readability: a parent that scores more than the top (and not much less on the way up)
// holds more of the article than the top does.
const xmlNode* climb_to_better_parent(const Scores& scores, const xmlNode* top, const xmlNode* body) {
  double last = score_of(scores, top);
  const double threshold = last / 3;
  for (const xmlNode* parent = top->parent; parent != nullptr && parent != body;
       parent = parent->parent) {
    if (!scores.contains(parent)) continue;
    const double score = score_of(scores, parent);
    if (score < threshold) break;
    if (score > last) return parent;
    last = score;
  }
  return top;
}

const xmlNode* best_candidate(const Scores& scores, const xmlNode* body) {
  const xmlNode* top = nullptr;
  for (const auto& [element, score] : scores)
    if (top == nullptr || score > score_of(scores, top)) top = element;
  if (top == nullptr) return body;
  top = shared_ancestor(scores, top, body);
  return climb_to_better_parent(scores, top, body);
}

std::string attribute(const xmlNode* element, const char* name) {
  xmlChar* raw = xmlGetProp(element, reinterpret_cast<const xmlChar*>(name));
  if (raw == nullptr) return {};
  std::string value(reinterpret_cast<const char*>(raw));
  xmlFree(raw);
  return value;
}

// A sibling that reads as a paragraph of the article: long with few links, or a short
// sentence with none.
bool reads_like_paragraph(const Page& page, const xmlNode* sibling) {
  const std::string_view tag = tag_name(sibling);
  if (tag != "p" && tag != "blockquote" && tag != "pre") return false;
  const std::size_t bytes = size_of(page, sibling).bytes;
  const double links = link_density(page, sibling);
  return (bytes > 80 && links < 0.25) || (bytes > 0 && bytes <= 80 && links == 0);
}

std::vector<const xmlNode*> article_containers(const Page& page, const Scores& scores,
                                               const xmlNode* top) {
  if (top == page.body || top->parent == nullptr) return {top};
  const double threshold = std::max(10.0, score_of(scores, top) * 0.2);
  const std::string top_class = attribute(top, "class");
  std::vector<const xmlNode*> containers;
  for (const xmlNode* sibling = top->parent->children; sibling != nullptr; sibling = sibling->next) {
    if (sibling->type != XML_ELEMENT_NODE) continue;
    if (sibling == top) {
      containers.push_back(sibling);
      continue;
    }
    if (is_unreadable(sibling) || (page.drop_boilerplate && is_boilerplate(page, sibling))) continue;
    const double bonus = !top_class.empty() && attribute(sibling, "class") == top_class
                             ? score_of(scores, top) * 0.2 : 0;
    if ((scores.contains(sibling) && score_of(scores, sibling) + bonus >= threshold) ||
        reads_like_paragraph(page, sibling))
      containers.push_back(sibling);
  }
  return containers;
}

std::string join_paragraphs(const std::vector<TextBlock>& blocks) {
  std::string out;
  bool has_paragraph = false;
  for (const TextBlock& block : blocks) {
    if (block.link_density() > kMaxLinkDensity) continue;
    if (tag_name(block.owner) == "h1") continue;  // the headline, a field of its own
    if (block.text.size() < 40 && is_boilerplate_label(block.text)) continue;
    has_paragraph = has_paragraph || block.text.size() >= kMinParagraphBytes;
    if (!out.empty()) out += "\n\n";
    out += block.text;
  }
  // Only stray labels and headings left: the page has no article text.
  if (!has_paragraph) return {};
  return text::repair_utf8(out).text;
}

std::string extract(Page& page) {
  const SkipRule skip = skip_rule(page);
  const Scores scores = score_candidates(page, read_blocks(page.body, skip));
  const xmlNode* top = best_candidate(scores, page.body);
  std::vector<TextBlock> blocks;
  for (const xmlNode* container : article_containers(page, scores, top)) {
    std::vector<TextBlock> more = read_blocks(const_cast<xmlNode*>(container), skip);
    blocks.insert(blocks.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
  }
  return join_paragraphs(blocks);
}

}  // namespace

std::string main_text(const HtmlPage& page) {
  Page tree;
  tree.body = find_body(page.root());
  if (tree.body == nullptr) return {};
  tree.sizes = measure_text(tree.body, is_unreadable);
  tree.total_bytes = size_of(tree, tree.body).bytes;
  std::string text = extract(tree);
  if (text.size() >= kRetryBelowBytes) return text;
  tree.drop_boilerplate = false;
  std::string relaxed = extract(tree);
  return relaxed.size() > text.size() ? relaxed : text;
}

std::string fragment_text(std::string_view html) {
  const std::string wrapped = "<html><head><meta charset=\"utf-8\"></head><body>" +
                              std::string(html) + "</body></html>";
  const HtmlPage page = HtmlPage::parse(wrapped);
  xmlNode* body = find_body(page.root());
  if (body == nullptr) return {};
  std::string out;
  for (const TextBlock& block : read_blocks(body, is_unreadable)) {
    if (!out.empty()) out += "\n\n";
    out += block.text;
  }
  return text::repair_utf8(out).text;
}

}  // namespace article_search::ingest
