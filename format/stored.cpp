/// @file The stored data of a document: encoder and decoder (layout in stored.h).
#include "stored.h"

#include "utf8.h"

#include <nlohmann/json.hpp>
#include <zstd.h>

#include <algorithm>

namespace article_search::stored {
namespace {

/// nlohmann's SAX events for one flat JSON object: each wanted value goes straight into
/// the Article, and nothing else is kept (no JSON tree, which cost a sixth of a
/// search). Values nested deeper than the top object are skipped.
class StoredFieldsReader {
 public:
  using json = nlohmann::json;
  explicit StoredFieldsReader(Article& article) : article_(article) {}

  bool null() { return other_value(); }
  bool boolean(bool value) {
    if (depth_ == 1 && derived_key_) {
      article_.title_derived = value;
      if (field_ != nullptr) field_->clear();
      return true;
    }
    return other_value();
  }
  bool number_integer(json::number_integer_t) { return other_value(); }
  bool number_unsigned(json::number_unsigned_t) { return other_value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return other_value(); }
  bool binary(json::binary_t&) { return other_value(); }
  bool string(json::string_t& value) {
    if (depth_ == 2 && list_ != nullptr && in_list_) {
      list_->push_back(std::move(value));
      return true;
    }
    if (depth_ != 1) return depth_ > 1;
    if (field_ != nullptr) *field_ = std::move(value);
    if (list_ != nullptr) list_->clear();
    if (derived_key_) article_.title_derived = false;
    return true;
  }
  bool start_object(std::size_t) { return open(); }
  bool start_array(std::size_t) {
    if (depth_ == 0) return false;
    if (depth_ == 1 && list_ != nullptr) {
      // A list field's array: its strings are the list (of a repeated key, the last).
      list_->clear();
      if (field_ != nullptr) field_->clear();
      in_list_ = true;
      ++depth_;
      return true;
    }
    return open();
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(json::string_t& name) {
    if (depth_ == 1) {
      field_ = text_field(name);
      list_ = list_field(name);
      in_list_ = false;
      derived_key_ = name == title_derived_key;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

 private:
  /// A value that is not what the key holds: of a wanted key, it reads as empty (false).
  bool other_value() {
    if (depth_ == 0) return false;  // the data is not an object
    if (depth_ == 1) {
      if (field_ != nullptr) field_->clear();
      if (list_ != nullptr) list_->clear();
      if (derived_key_) article_.title_derived = false;
    }
    return true;
  }
  bool open() {
    if (depth_ >= 1 && !other_value()) return false;
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    if (depth_ == 1) in_list_ = false;
    return true;
  }

  std::vector<std::string>* list_field(const std::string& name) {
    for (const ListField& field : list_fields) {
      if (name == field.key) return &(article_.*field.member);
    }
    return nullptr;
  }

  std::string* text_field(const std::string& name) {
    if (name == body_key) return &article_.body;
    for (const TextField& field : fields) {
      if (name == field.key) return &(article_.*field.member);
    }
    return nullptr;
  }

  Article& article_;
  std::string* field_ = nullptr;
  std::vector<std::string>* list_ = nullptr;
  bool in_list_ = false;  ///< inside the array of list_
  bool derived_key_ = false;
  int depth_ = 0;
};

/// `text` as it may be stored: UTF-8, repaired when it is not.
std::string_view valid_utf8(const std::string& text, std::string& repaired) {
  if (text::is_valid_utf8(text)) return text;
  repaired = text::repair_utf8(text).text;
  return repaired;
}

bool is_zstd_frame(std::string_view data) {
  return data.size() >= 4 && static_cast<unsigned char>(data[0]) == 0x28 &&
         static_cast<unsigned char>(data[1]) == 0xB5 && static_cast<unsigned char>(data[2]) == 0x2F &&
         static_cast<unsigned char>(data[3]) == 0xFD;
}

std::string compress(std::string_view plain) {
  std::string frame(ZSTD_compressBound(plain.size()), '\0');
  const std::size_t size = ZSTD_compress(frame.data(), frame.size(), plain.data(), plain.size(), zstd_level);
  if (ZSTD_isError(size)) return std::string(plain);  // never for a bound-sized buffer
  frame.resize(size);
  return frame;
}

/// The frame's content, or nothing when it is damaged, of unknown size or too big.
std::optional<std::string> decompress(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > max_data_bytes) {
    return std::nullopt;
  }
  std::string plain(static_cast<std::size_t>(size), '\0');
  const std::size_t got = ZSTD_decompress(plain.data(), plain.size(), frame.data(), frame.size());
  if (ZSTD_isError(got) || got != plain.size()) return std::nullopt;
  return plain;
}

}  // namespace

std::string encode(const Article& article) { return compress(encode_plain(article)); }

std::string encode_plain(const Article& article) {
  nlohmann::json object = {{title_derived_key, article.title_derived}};
  std::string repaired;
  std::size_t index = 0;
  for (const TextField& field : fields) {
    const std::string& value = article.*field.member;
    if (index++ < always_stored_fields || !value.empty()) {
      object[field.key] = valid_utf8(value, repaired);
    }
  }
  for (const ListField& field : list_fields) {
    const std::vector<std::string>& values = article.*field.member;
    if (values.empty()) continue;
    nlohmann::json& array = object[field.key] = nlohmann::json::array();
    for (const std::string& value : values) array.push_back(valid_utf8(value, repaired));
  }
  std::string data = object.dump();
  const std::string_view body = valid_utf8(article.body, repaired);
  data.reserve(data.size() + 1 + body.size());
  data += body_separator;
  data += body;
  return data;
}

std::optional<Article> decode(std::string_view data) {
  std::optional<std::string> plain;
  if (is_zstd_frame(data)) {
    plain = decompress(data);
    if (!plain) return std::nullopt;
    data = *plain;
  }
  const std::size_t separator = data.find(body_separator);
  const std::string_view json_part = data.substr(0, separator);
  Article article;
  StoredFieldsReader reader(article);
  if (!nlohmann::json::sax_parse(json_part, &reader)) return std::nullopt;
  if (separator != std::string_view::npos) article.body = data.substr(separator + 1);
  article.path = public_path(article.path, article.id);
  return article;
}

std::string public_path(std::string_view path, std::string_view id) {
  const auto has_dot_dot = [](std::string_view p) {
    return p == ".." || p.starts_with("../") || p.ends_with("/..") ||
           p.find("/../") != std::string_view::npos;
  };
  if (path.empty() || (path.front() != '/' && !has_dot_dot(path))) return std::string(path);
  // As many trailing components as the id has: "business/001" names two.
  const std::size_t components = static_cast<std::size_t>(std::count(id.begin(), id.end(), '/')) + 1;
  std::size_t start = path.size();
  for (std::size_t found = 0; found < components; ++found) {
    const std::size_t slash = path.rfind('/', start == 0 ? 0 : start - 1);
    if (slash == std::string_view::npos || start == 0) return {};
    start = slash;
  }
  const std::string_view tail = path.substr(start + 1);
  if (tail.empty() || has_dot_dot(tail) || id_from_relative_path(tail) != id) return {};
  return std::string(tail);
}

}  // namespace article_search::stored
