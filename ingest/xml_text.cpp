/// @file Text out of libxml2 trees (see xml_text.h).
#include "xml_text.h"

#include "utf8.h"

#include <libxml/HTMLparser.h>

#include <array>
#include <cstring>
#include <memory>

namespace article_search::ingest::xml_text {
namespace {

std::string_view view(const xmlChar* text) {
  return text == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(text));
}

bool is_unseen_element(std::string_view name) {
  return iequals(name, "script") || iequals(name, "style") || iequals(name, "noscript") ||
         iequals(name, "template");
}

/// Elements that end a line when shown, so their texts do not run together.
bool is_block_element(std::string_view name) {
  static constexpr std::array<std::string_view, 16> blocks{
      "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote",
      "section", "article"};
  for (const std::string_view block : blocks) {
    if (iequals(name, block)) return true;
  }
  return false;
}

/// Depth-first without recursion, so a deeply nested fragment cannot exhaust the stack.
void append_text(const xmlNode* top, std::size_t max_bytes, std::string& out) {
  const xmlNode* node = top->children;
  while (node != nullptr && out.size() < max_bytes) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      out += view(node->content);
    } else if (node->type == XML_ELEMENT_NODE) {
      if (node->children != nullptr && !is_unseen_element(view(node->name))) {
        node = node->children;
        continue;
      }
      if (is_block_element(view(node->name))) out += ' ';
    }
    // On to the next sibling, closing (and spacing) the elements finished on the way up.
    while (node->next == nullptr) {
      node = node->parent;
      if (node == nullptr || node == top) return;
      if (is_block_element(view(node->name))) out += ' ';
    }
    node = node->next;
  }
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// The length of the white space starting at `pos` (ASCII, U+00A0, U+2000..U+200A,
/// U+202F, U+3000), 0 when there is none.
std::size_t space_length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (is_ascii_space(text[pos])) return 1;
  if (byte(pos) == 0xC2 && pos + 1 < text.size() && byte(pos + 1) == 0xA0) return 2;
  if (pos + 2 < text.size()) {
    if (byte(pos) == 0xE2 && byte(pos + 1) == 0x80 &&
        ((byte(pos + 2) >= 0x80 && byte(pos + 2) <= 0x8A) || byte(pos + 2) == 0xAF)) {
      return 3;
    }
    if (byte(pos) == 0xE3 && byte(pos + 1) == 0x80 && byte(pos + 2) == 0x80) return 3;
  }
  return 0;
}

struct FreeDoc {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

}  // namespace

std::string node_text(const xmlNode* node, std::size_t max_bytes) {
  std::string out;
  if (node == nullptr) return out;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    out = view(node->content);
  } else {
    append_text(node, max_bytes, out);
  }
  return out;
}

std::string attribute(const xmlNode* node, const char* name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
  // Attribute values are text children of the attribute; entity references in them are
  // skipped like anywhere else.
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (attr->ns == nullptr && view(attr->name) == name) {
      std::string value;
      for (const xmlNode* child = attr->children; child != nullptr; child = child->next) {
        if (child->type == XML_TEXT_NODE) value += view(child->content);
      }
      return value;
    }
  }
  return {};
}

std::string_view local_name(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
  return view(node->name);
}

std::string_view namespace_uri(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->ns == nullptr) return {};
  return view(node->ns->href);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t pos = 0; pos < text.size();) {
    if (const std::size_t space = space_length(text, pos)) {
      pending_space = !out.empty();
      pos += space;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += text[pos++];
  }
  return out;
}

bool looks_like_markup(std::string_view text) {
  for (std::size_t pos = 0; pos + 1 < text.size(); ++pos) {
    const char next = text[pos + 1];
    const bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    if (text[pos] == '<' && (letter || next == '/' || next == '!')) return true;
    if (text[pos] == '&' && (letter || next == '#')) {
      const std::size_t semicolon = text.find(';', pos);
      if (semicolon != std::string_view::npos && semicolon - pos <= 32) return true;
    }
  }
  return false;
}

std::string html_to_text(std::string_view html) {
  if (!looks_like_markup(html)) return std::string(html);
  // The fragment goes in a body of its own, so that a fragment starting like a <head>
  // element ("<title>") is still text of the body.
  std::string page = "<html><body>";
  page += html;
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_NODEFDTD;
  const std::unique_ptr<xmlDoc, FreeDoc> doc(
      htmlReadMemory(page.data(), static_cast<int>(page.size()), nullptr, "UTF-8", options));
  if (!doc) return {};
  return node_text(xmlDocGetRootElement(doc.get()), html.size() + 64);
}

std::string truncate_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // Back off continuation bytes (10xxxxxx) to the start of the character cut in two.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

std::string clean_line(std::string_view text, std::size_t max_bytes) {
  std::string line;
  if (text::is_valid_utf8(text)) {
    line = collapse_whitespace(text);
  } else {
    line = collapse_whitespace(text::repair_utf8(text).text);
  }
  line = truncate_utf8(std::move(line), max_bytes);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace article_search::ingest::xml_text
