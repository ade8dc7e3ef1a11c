/// @file JSON written straight into a string, for the search answer: the server's hottest
/// path, where building an nlohmann::json tree and then dumping it took ~12% of the CPU of
/// a request. Every other answer is small and still goes through nlohmann::json.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

/// Appends JSON tokens, inserting the commas and colons. The caller nests begin/end pairs
/// correctly and gives each object member a key() first; strings are escaped as RFC 8259
/// requires and invalid UTF-8 is replaced with U+FFFD, as `dump` does.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
  JsonWriter& value(double number);  ///< shortest round-trip form, always with a fraction or
                                     ///< exponent (so it reads back as a float); NaN, ±inf: null
  JsonWriter& null();

  /// The text written so far.
  [[nodiscard]] const std::string& str() const { return out_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  void separate();
  JsonWriter& token(std::string_view text);  ///< a literal, number or keyword, as it is
  void open(char bracket);
  void close(char bracket);

  std::string out_;
  std::vector<bool> needs_comma_;  ///< one entry per open object or array
  bool after_key_ = false;
};

/// `text` as a JSON string literal appended to `out` (quotes included).
void append_json_string(std::string& out, std::string_view text);

}  // namespace article_search::search
