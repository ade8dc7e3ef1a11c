/// @file A streaming JSON writer (see json_writer.h for why it exists).
#include "json_writer.h"

#include "utf8.h"

#include <array>
#include <charconv>
#include <cmath>

namespace article_search::search {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD

void append_escaped_control(std::string& out, unsigned char c) {
  switch (c) {
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  constexpr std::string_view hex = "0123456789abcdef";
  out += "\\u00";
  out += hex[c >> 4];
  out += hex[c & 0xF];
}

using NumberBuffer = std::array<char, 32>;

/// The number in the shortest form that reads back exactly (std::to_chars), in `buffer`.
template <class Number>
std::string_view format_number(Number number, NumberBuffer& buffer) {
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  return {buffer.data(), error == std::errc() ? static_cast<std::size_t>(end - buffer.data()) : 0};
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t pos = 0, plain_from = 0;
  const auto flush = [&] { out.append(text, plain_from, pos - plain_from); };
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++pos;  // the common case: copied in one append with its neighbours
      continue;
    }
    if (c >= 0x80) {
      const int length = text::sequence_length(text, pos);
      if (length > 0) {
        pos += static_cast<std::size_t>(length);
        continue;
      }
      flush();
      out += replacement_character;
      pos += static_cast<std::size_t>(-length);
      plain_from = pos;
      continue;
    }
    flush();
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      append_escaped_control(out, c);
    }
    plain_from = ++pos;
  }
  flush();
  out += '"';
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (needs_comma_.empty()) return;
  if (needs_comma_.back()) out_ += ',';
  needs_comma_.back() = true;
}

void JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  needs_comma_.push_back(false);
}

void JsonWriter::close(char bracket) {
  out_ += bracket;
  if (!needs_comma_.empty()) needs_comma_.pop_back();
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::token(std::string_view text) {
  separate();
  out_ += text;
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) { return token(flag ? "true" : "false"); }

JsonWriter& JsonWriter::value(std::int64_t number) {
  NumberBuffer buffer;
  return token(format_number(number, buffer));
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
  NumberBuffer buffer;
  return token(format_number(number, buffer));
}

JsonWriter& JsonWriter::value(double number) {
  if (!std::isfinite(number)) return null();
  NumberBuffer buffer;
  const std::string_view text = format_number(number, buffer);
  token(text);
  if (text.find_first_of(".e") == std::string_view::npos) out_ += ".0";
  return *this;
}

JsonWriter& JsonWriter::null() { return token("null"); }

}  // namespace article_search::search
