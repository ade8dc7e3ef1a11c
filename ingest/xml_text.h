/// @file Text out of libxml2 trees, for the metadata and feed readers: the text of a node
/// (never expanding entity references), markup reduced to text, and strings made clean
/// (valid UTF-8, whitespace collapsed, bounded).
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace article_search::ingest::xml_text {

/// The text and CDATA below `node`, in document order, up to about `max_bytes`. Entity
/// references are skipped, not looked up: xmlNodeGetContent would expand them, which is
/// what an XML bomb wants.
std::string node_text(const xmlNode* node, std::size_t max_bytes);

/// The value of attribute `name` (no namespace) of `node`, or "".
std::string attribute(const xmlNode* node, const char* name);

/// The local name of an element, "" for other nodes.
std::string_view local_name(const xmlNode* node);

/// The namespace URI of an element, "" when it has none.
std::string_view namespace_uri(const xmlNode* node);

/// `text` with runs of white space (including no-break spaces) made one space, trimmed.
std::string collapse_whitespace(std::string_view text);

/// Whether `text` holds something an HTML parser would change: a tag or an entity.
bool looks_like_markup(std::string_view text);

/// The text of an HTML fragment ("<b>Big</b> news &amp; more" → "Big news & more"),
/// scripts and styles left out. Text without markup comes back as it is.
std::string html_to_text(std::string_view html);

/// `text` cut to at most `max_bytes` without splitting a UTF-8 character.
std::string truncate_utf8(std::string text, std::size_t max_bytes);

/// `text` as one clean line: invalid UTF-8 repaired, white space collapsed, at most
/// `max_bytes`. What every short field (title, author, tag) goes through.
std::string clean_line(std::string_view text, std::size_t max_bytes);

/// ASCII lower case.
std::string lower_ascii(std::string_view text);

/// Whether `a` and `b` are equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

}  // namespace article_search::ingest::xml_text
