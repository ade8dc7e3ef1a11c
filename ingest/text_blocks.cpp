/// @file Reading a tree as text blocks (see text_blocks.h).
#include "text_blocks.h"

#include "boilerplate.h"

#include <string_view>

namespace article_search::ingest {
namespace {

bool is_text(const xmlNode* node) {
  return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

std::string_view content_of(const xmlNode* node) {
  return node->content ? std::string_view(reinterpret_cast<const char*>(node->content))
                       : std::string_view();
}

// Collapses runs of white space (ASCII and U+00A0) into one space as text is added.
class BlockBuilder {
 public:
  void add(std::string_view text, bool in_link) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        pending_space_ = true;
        continue;
      }
      if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
        pending_space_ = true;
        ++i;
        continue;
      }
      if (pending_space_ && !text_.empty()) text_ += ' ';
      pending_space_ = false;
      text_ += c;
      if (in_link) ++link_bytes_;
    }
  }
  void space() { pending_space_ = true; }
  void flush(xmlNode* owner, std::vector<TextBlock>& out) {
    if (!text_.empty()) out.push_back({std::move(text_), link_bytes_, owner});
    text_.clear();
    link_bytes_ = 0;
    pending_space_ = false;
  }

 private:
  std::string text_;
  std::size_t link_bytes_ = 0;
  bool pending_space_ = false;
};

struct Step {
  xmlNode* node;
  bool leaving;
};

// Pushes the children of `node` so that the first is taken first.
void push_children(std::vector<Step>& stack, xmlNode* node) {
  for (xmlNode* child = node->last; child != nullptr; child = child->prev)
    stack.push_back({child, false});
}

/// Walks the tree below `root` in document order with an explicit stack (no recursion, so
/// no depth can overflow it): `on_text(node, in_link)` for each text node, `enter(element)`
/// for each element (false: leave it and its children out), `leave(element)` after its
/// children. `in_link` says whether the text lies inside an `<a>`.
template <class OnText, class Enter, class Leave>
void walk_elements(xmlNode* root, OnText on_text, Enter enter, Leave leave) {
  std::vector<Step> stack{{root, false}};
  std::size_t link_depth = 0;
  while (!stack.empty()) {
    const Step step = stack.back();
    stack.pop_back();
    xmlNode* node = step.node;
    if (step.leaving) {
      if (tag_name(node) == "a") --link_depth;
      leave(node);
      continue;
    }
    if (is_text(node)) {
      on_text(node, link_depth > 0);
      continue;
    }
    if (node->type != XML_ELEMENT_NODE || !enter(node)) continue;
    if (tag_name(node) == "a") ++link_depth;
    stack.push_back({node, true});
    push_children(stack, node);
  }
}

}  // namespace

bool is_unreadable(const xmlNode* element) { return is_never_text(element) || is_hidden(element); }

std::unordered_map<const xmlNode*, SubtreeText> measure_text(xmlNode* root, const SkipRule& skip) {
  std::unordered_map<const xmlNode*, SubtreeText> sizes;
  if (root == nullptr) return sizes;
  walk_elements(
      root,
      [&](const xmlNode* text, bool in_link) {
        if (text->parent == nullptr) return;
        std::size_t bytes = 0;
        for (char c : content_of(text)) bytes += (c != ' ' && c != '\n' && c != '\t' && c != '\r');
        SubtreeText& parent = sizes[text->parent];
        parent.bytes += bytes;
        if (in_link) parent.link_bytes += bytes;
      },
      [&](xmlNode* element) {
        if (skip(element)) return false;
        sizes[element];
        return true;
      },
      [&](xmlNode* element) {
        if (element == root || element->parent == nullptr) return;
        const SubtreeText own = sizes[element];
        SubtreeText& parent = sizes[element->parent];
        parent.bytes += own.bytes;
        parent.link_bytes += own.link_bytes;
      });
  return sizes;
}

std::vector<TextBlock> read_blocks(xmlNode* root, const SkipRule& skip) {
  std::vector<TextBlock> blocks;
  if (root == nullptr) return blocks;
  BlockBuilder builder;
  std::vector<xmlNode*> owners{root};
  const auto starts_block = [&](const xmlNode* element) {
    return element != root && is_block_level(element);
  };
  walk_elements(
      root, [&](const xmlNode* text, bool in_link) { builder.add(content_of(text), in_link); },
      [&](xmlNode* element) {
        if (element != root && skip(element)) return false;
        if (tag_name(element) == "br") {  // a line break inside a paragraph: a space is enough
          builder.space();
          return false;
        }
        if (starts_block(element)) {
          builder.flush(owners.back(), blocks);
          owners.push_back(element);
        }
        return true;
      },
      [&](xmlNode* element) {
        if (!starts_block(element)) return;
        builder.flush(owners.back(), blocks);
        owners.pop_back();
      });
  builder.flush(owners.back(), blocks);
  return blocks;
}

}  // namespace article_search::ingest
