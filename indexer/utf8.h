/// @file UTF-8 validation and repair.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace article_search::text {

/// Result of repair_utf8: the text with every invalid byte sequence replaced by U+FFFD.
struct Utf8Repair {
  std::string text;
  std::size_t invalid_sequences = 0;  ///< how many replacements were made
};

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

/// Replaces each invalid byte sequence (a bad lead byte with its stray continuation
/// bytes) with one U+FFFD, so the text stays readable and searchable.
Utf8Repair repair_utf8(std::string_view bytes);

/// True when the bytes look like a binary file rather than text: a NUL byte, or many
/// control characters other than tab, CR and LF.
bool looks_binary(std::string_view bytes);

/// `text` made safe to print on one log line: control characters (C0, DEL, C1), a
/// backslash and every byte of invalid UTF-8 become `\xNN` escapes (a backslash `\\`),
/// so a file name cannot forge a line or move the cursor. Text beyond `max_bytes` is cut
/// and marked with "...". Pure.
std::string printable(std::string_view text, std::size_t max_bytes = std::string_view::npos);

}  // namespace article_search::text
