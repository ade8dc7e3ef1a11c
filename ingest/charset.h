/// @file The charset of a saved page, and its bytes decoded to UTF-8 (html_page's internals).
///
/// Labels are resolved the way browsers resolve them (WHATWG Encoding: "latin1",
/// "iso-8859-1" and "ascii" all mean windows-1252, "gb2312" means GBK, ...), and decoding
/// is done here with glibc's iconv rather than inside libxml2: libxml2 stops the whole
/// parse at the first byte its converter rejects, where a browser writes U+FFFD and goes on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::ingest {

/// How a page's charset was found.
struct DetectedCharset {
  std::string name;                   ///< WHATWG name, lower case: "utf-8", "windows-1252", ...
  std::size_t bom_length = 0;         ///< bytes of byte order mark to skip
  std::vector<std::string> warnings;  ///< e.g. "unknown charset `x`, read as utf-8"
};

/// The WHATWG name for a charset label ("Latin1" → "windows-1252", "utf8" → "utf-8"),
/// or nothing when the label is unknown. Pure.
std::optional<std::string> canonical_charset(std::string_view label);

/// The charset declared by `<meta charset>` or `<meta http-equiv=Content-Type
/// content="...; charset=...">` in the first 4 KB of `bytes`, as written (not resolved).
std::optional<std::string> declared_charset(std::string_view bytes);

/// The charset of a page: byte order mark, else the <meta> declaration, else UTF-8 when the
/// bytes are valid UTF-8, else windows-1252. Pure.
DetectedCharset detect_charset(std::string_view bytes);

/// `bytes` (without BOM) decoded from `charset` (a name canonical_charset returns) into
/// UTF-8; every byte sequence the charset does not define becomes U+FFFD. Pure.
std::string decode_to_utf8(std::string_view bytes, const std::string& charset);

}  // namespace article_search::ingest
