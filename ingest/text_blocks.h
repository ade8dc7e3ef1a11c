/// @file A page's tree read as blocks of text in reading order (main_text's internals).
///
/// Every walk here is iterative (an explicit stack), so markup nested 100,000 deep costs
/// memory, not the call stack.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace article_search::ingest {

/// A run of text between block-level boundaries: a paragraph, heading, list item, cell...
struct TextBlock {
  std::string text;            ///< whitespace collapsed, trimmed, never empty
  std::size_t link_bytes = 0;  ///< of which inside <a>
  xmlNode* owner = nullptr;    ///< the innermost block-level element holding it
  double link_density() const {
    return text.empty() ? 0 : static_cast<double>(link_bytes) / static_cast<double>(text.size());
  }
};

/// Text under an element (scripts, hidden elements and the like not counted).
struct SubtreeText {
  std::size_t bytes = 0;
  std::size_t link_bytes = 0;
};

/// Which elements a walk leaves out, with all they contain.
using SkipRule = std::function<bool(const xmlNode* element)>;

/// The text bytes (and link text bytes) under every element of `root`'s subtree,
/// counting what `skip` leaves in.
std::unordered_map<const xmlNode*, SubtreeText> measure_text(xmlNode* root, const SkipRule& skip);

/// The blocks of `root`'s subtree in document order, leaving out what `skip` says.
std::vector<TextBlock> read_blocks(xmlNode* root, const SkipRule& skip);

/// True for elements that never hold readable text or are hidden (is_never_text, is_hidden).
bool is_unreadable(const xmlNode* element);

}  // namespace article_search::ingest
