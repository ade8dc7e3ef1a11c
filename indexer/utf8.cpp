/// @file UTF-8 validation and repair.
#include "utf8.h"

#include <cstdio>

namespace article_search::text {
namespace {

/// Length of the well-formed UTF-8 sequence starting at `pos`, or 0 if it is invalid.
std::size_t valid_sequence_length(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return 1;
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    if (lead == 0xE0) lo = 0xA0;  // no overlongs
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  if (byte(pos + 1) < lo || byte(pos + 1) > hi) return 0;
  for (std::size_t i = 2; i < len; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
  }
  return len;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t pos = 0; pos < bytes.size();) {
    const std::size_t len = valid_sequence_length(bytes, pos);
    if (len == 0) return false;
    pos += len;
  }
  return true;
}

Utf8Repair repair_utf8(std::string_view bytes) {
  Utf8Repair out;
  out.text.reserve(bytes.size());
  for (std::size_t pos = 0; pos < bytes.size();) {
    const std::size_t len = valid_sequence_length(bytes, pos);
    if (len > 0) {
      out.text.append(bytes.substr(pos, len));
      pos += len;
      continue;
    }
    out.text += "\xEF\xBF\xBD";
    ++out.invalid_sequences;
    // Skip the lead byte and any continuation bytes that belong to the broken sequence.
    ++pos;
    while (pos < bytes.size() && (static_cast<unsigned char>(bytes[pos]) & 0xC0) == 0x80 &&
           valid_sequence_length(bytes, pos) == 0) {
      ++pos;
    }
  }
  return out;
}

bool looks_binary(std::string_view bytes) {
  std::size_t controls = 0;
  for (unsigned char c : bytes) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
  }
  // A few stray control characters happen in real text; binary data is full of them.
  return controls > 8 && controls * 100 > bytes.size();
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  const bool cut = text.size() > max_bytes;
  if (cut) text = text.substr(0, max_bytes);
  std::string out;
  out.reserve(text.size());
  const auto escape = [&](unsigned char byte) {
    char escaped[5];
    std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
    out += escaped;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    const std::size_t len = valid_sequence_length(text, pos);
    if (len == 0) {
      escape(byte);  // invalid UTF-8 (or a sequence the cut split): byte by byte
      ++pos;
    } else if (byte < 0x20 || byte == 0x7f) {
      escape(byte);
      ++pos;
    } else if (byte == '\\') {
      out += "\\\\";
      ++pos;
    } else if (byte == 0xC2 && static_cast<unsigned char>(text[pos + 1]) < 0xA0) {
      escape(byte);  // a C1 control (U+0080-U+009F), which some terminals obey
      escape(static_cast<unsigned char>(text[pos + 1]));
      pos += 2;
    } else {
      out.append(text.substr(pos, len));
      pos += len;
    }
  }
  if (cut) out += "...";
  return out;
}

}  // namespace article_search::text
