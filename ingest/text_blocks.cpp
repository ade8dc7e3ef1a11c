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

}  // namespace

bool is_unreadable(const xmlNode* element) { return is_never_text(element) || is_hidden(element); }

std::unordered_map<const xmlNode*, SubtreeText> measure_text(xmlNode* root, const SkipRule& skip) {
  std::unordered_map<const xmlNode*, SubtreeText> sizes;
  if (root == nullptr) return sizes;
  std::vector<Step> stack{{root, false}};
  std::size_t link_depth = 0;
  while (!stack.empty()) {
    const Step step = stack.back();
    stack.pop_back();
    xmlNode* node = step.node;
    if (step.leaving) {
      if (tag_name(node) == "a") --link_depth;
      if (node != root && node->parent != nullptr) {
        const SubtreeText own = sizes[node];
        SubtreeText& parent = sizes[node->parent];
        parent.bytes += own.bytes;
        parent.link_bytes += own.link_bytes;
      }
      continue;
    }
    if (is_text(node) && node->parent != nullptr) {
      std::size_t bytes = 0;
      for (char c : content_of(node)) bytes += (c != ' ' && c != '\n' && c != '\t' && c != '\r');
      SubtreeText& parent = sizes[node->parent];
      parent.bytes += bytes;
      if (link_depth > 0) parent.link_bytes += bytes;
      continue;
    }
    if (node->type != XML_ELEMENT_NODE || skip(node)) continue;
    sizes[node];
    if (tag_name(node) == "a") ++link_depth;
    stack.push_back({node, true});
    push_children(stack, node);
  }
  return sizes;
}

std::vector<TextBlock> read_blocks(xmlNode* root, const SkipRule& skip) {
  std::vector<TextBlock> blocks;
  if (root == nullptr) return blocks;
  BlockBuilder builder;
  std::vector<xmlNode*> owners{root};
  std::vector<Step> stack{{root, false}};
  std::size_t link_depth = 0;
  while (!stack.empty()) {
    const Step step = stack.back();
    stack.pop_back();
    xmlNode* node = step.node;
    if (step.leaving) {
      if (tag_name(node) == "a") --link_depth;
      if (is_block_level(node) && node != root) {
        builder.flush(owners.back(), blocks);
        owners.pop_back();
      }
      continue;
    }
    if (is_text(node)) {
      builder.add(content_of(node), link_depth > 0);
      continue;
    }
    if (node->type != XML_ELEMENT_NODE || (node != root && skip(node))) continue;
    if (tag_name(node) == "br") {  // a line break inside a paragraph: a space is enough
      builder.space();
      continue;
    }
    if (is_block_level(node) && node != root) {
      builder.flush(owners.back(), blocks);
      owners.push_back(node);
    }
    if (tag_name(node) == "a") ++link_depth;
    stack.push_back({node, true});
    push_children(stack, node);
  }
  builder.flush(owners.back(), blocks);
  return blocks;
}

}  // namespace article_search::ingest
