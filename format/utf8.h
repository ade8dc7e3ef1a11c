/// @file UTF-8: validation, repair, and text safe for a log line. The one decoder of the
/// project: the indexer, the stored-data codec and the JSON writers all use it.
///
/// Replacement policy (Unicode's "maximal subparts", as WHATWG's decoder and browsers
/// do): each maximal ill-formed subsequence becomes one U+FFFD. A truncated sequence
/// ("\xE2\x82") is one subpart; each stray continuation byte is one of its own, so
/// "\x80\x80" becomes two U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace article_search::text {

/// The length of the character that starts at `pos` (`pos` < `bytes.size()`): 1 to 4
/// when it is well-formed (RFC 3629: no overlongs, surrogates or values above
/// U+10FFFF), else minus the length of the maximal ill-formed subpart there (-1 to -3),
/// which is what one U+FFFD replaces. Pure.
int sequence_length(std::string_view bytes, std::size_t pos);

/// Result of repair_utf8: the text with every invalid byte sequence replaced by U+FFFD.
struct Utf8Repair {
  std::string text;
  std::size_t invalid_sequences = 0;  ///< how many replacements were made
};

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

/// Replaces each maximal ill-formed subpart with one U+FFFD (the policy above), so the
/// text stays readable and searchable. Pure.
Utf8Repair repair_utf8(std::string_view bytes);

/// True when the bytes look like a binary file rather than text: a NUL byte, or many
/// control characters other than tab, CR and LF.
bool looks_binary(std::string_view bytes);

/// `text` in lower case, character by character (Unicode's simple case mapping, as
/// Xapian's own), for comparing names and keywords case-insensitively. Pure.
std::string fold_case(std::string_view text);

/// `text` made safe to print on one log line: control characters (C0, DEL, C1), a
/// backslash and every byte of invalid UTF-8 become `\xNN` escapes (a backslash `\\`),
/// so a file name cannot forge a line or move the cursor. Text beyond `max_bytes` is cut
/// and marked with "...". Pure.
std::string printable(std::string_view text, std::size_t max_bytes = std::string_view::npos);

}  // namespace article_search::text
