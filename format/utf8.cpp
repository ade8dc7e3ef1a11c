/// @file UTF-8 validation and repair.
#include "utf8.h"

#include <xapian.h>

#include <cstdio>

namespace article_search::text {

int sequence_length(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) {
    return pos + i < s.size() ? static_cast<unsigned char>(s[pos + i]) : 0u;
  };
  const unsigned lead = byte(0);
  if (lead < 0x80) return 1;
  int length = 0;
  unsigned low = 0x80, high = 0xBF;  // the range allowed for the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;  // no overlongs
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return -1;  // a continuation byte or a byte that never occurs in UTF-8
  }
  for (int i = 1; i < length; ++i) {
    const unsigned next = byte(static_cast<std::size_t>(i));
    const bool ok = i == 1 ? (next >= low && next <= high) : (next >= 0x80 && next <= 0xBF);
    if (!ok) return -i;  // the subpart is the lead and the i-1 bytes that fitted
  }
  return length;
}

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t pos = 0; pos < bytes.size();) {
    const int length = sequence_length(bytes, pos);
    if (length < 0) return false;
    pos += static_cast<std::size_t>(length);
  }
  return true;
}

Utf8Repair repair_utf8(std::string_view bytes) {
  Utf8Repair out;
  out.text.reserve(bytes.size());
  for (std::size_t pos = 0; pos < bytes.size();) {
    const int length = sequence_length(bytes, pos);
    if (length > 0) {
      out.text.append(bytes.substr(pos, static_cast<std::size_t>(length)));
    } else {
      out.text += "\xEF\xBF\xBD";
      ++out.invalid_sequences;
    }
    pos += static_cast<std::size_t>(length > 0 ? length : -length);
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
    const int length = sequence_length(text, pos);
    const auto len = static_cast<std::size_t>(length);
    if (length < 0) {
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

std::string fold_case(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    Xapian::Unicode::append_utf8(folded, Xapian::Unicode::tolower(*it));
  }
  return folded;
}

}  // namespace article_search::text
