/// @file The stored fields of a document, read from its JSON data (schema::stored keys).
#include "stored_data.h"

#include "schema.h"

#include <nlohmann/json.hpp>

namespace article_search::search {
namespace sc = schema;
namespace {

/// A JSON reader over the indexer's flat objects. Every method returns false on anything
/// it does not handle (the caller then falls back to the full parser), never a wrong value.
class FlatReader {
 public:
  explicit FlatReader(std::string_view text) : text_(text) {}

  bool read(StoredArticle& article) {
    skip_space();
    if (!eat('{')) return false;
    skip_space();
    if (eat('}')) return at_end();
    std::string key, value;
    for (;;) {
      skip_space();
      if (!string(key)) return false;
      skip_space();
      if (!eat(':')) return false;
      skip_space();
      if (!field(key, article, value)) return false;
      skip_space();
      if (eat('}')) return at_end();
      if (!eat(',')) return false;
    }
  }

 private:
  /// One value, stored in `article` when `key` is one of its fields.
  bool field(const std::string& key, StoredArticle& article, std::string& value) {
    std::string* target = text_field(key, article);
    if (pos_ < text_.size() && text_[pos_] == '"') {
      if (!string(value)) return false;
      if (target != nullptr) *target = std::move(value);
      if (key == sc::stored::title_derived) article.title_derived = false;
      return true;
    }
    for (const std::string_view literal : {"true", "false", "null"}) {
      if (text_.compare(pos_, literal.size(), literal) != 0) continue;
      pos_ += literal.size();
      if (target != nullptr) target->clear();
      if (key == sc::stored::title_derived) article.title_derived = literal == "true";
      return true;
    }
    return false;  // numbers, arrays, objects: not written by the indexer
  }

  static std::string* text_field(const std::string& key, StoredArticle& article) {
    if (key == sc::stored::body) return &article.body;
    if (key == sc::stored::title) return &article.title;
    if (key == sc::stored::id) return &article.id;
    if (key == sc::stored::date) return &article.date;
    if (key == sc::stored::source) return &article.source;
    if (key == sc::stored::path) return &article.path;
    return nullptr;
  }

  /// A JSON string into `out`: runs of plain bytes are copied at once.
  bool string(std::string& out) {
    out.clear();
    if (!eat('"')) return false;
    for (;;) {
      const std::size_t run = pos_;
      while (pos_ < text_.size() && is_plain(text_[pos_])) ++pos_;
      out.append(text_.data() + run, pos_ - run);
      if (pos_ >= text_.size()) return false;
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (c >= 0x80) {
        if (!utf8_sequence(out)) return false;
      } else {
        return false;  // a raw control character is not JSON
      }
    }
  }

  static bool is_plain(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x80 && u != '"' && u != '\\';
  }

  bool escape(std::string& out) {
    if (pos_ + 1 >= text_.size()) return false;
    const char c = text_[pos_ + 1];
    pos_ += 2;
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': return unicode_escape(out);
      default: return false;
    }
  }

  bool hex4(unsigned& value) {
    if (pos_ + 4 > text_.size()) return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
      else return false;
    }
    return true;
  }

  /// \uXXXX (after the \u), with a surrogate pair as one character.
  bool unicode_escape(std::string& out) {
    unsigned code = 0;
    if (!hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;
    if (code >= 0xD800 && code <= 0xDBFF) {
      unsigned low = 0;
      if (text_.compare(pos_, 2, "\\u") != 0) return false;
      pos_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, code);
    return true;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  /// One well-formed UTF-8 sequence (Unicode table 3-7), copied.
  bool utf8_sequence(std::string& out) {
    const auto byte = [&](std::size_t i) {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0u;
    };
    const auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
      return byte(i) >= lo && byte(i) <= hi;
    };
    const unsigned lead = byte(0);
    std::size_t length = 0;
    if (lead >= 0xC2 && lead <= 0xDF) length = cont(1) ? 2 : 0;
    else if (lead == 0xE0) length = cont(1, 0xA0) && cont(2) ? 3 : 0;
    else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) length = cont(1) && cont(2) ? 3 : 0;
    else if (lead == 0xED) length = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    else if (lead == 0xF0) length = cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    else if (lead >= 0xF1 && lead <= 0xF3) length = cont(1) && cont(2) && cont(3) ? 4 : 0;
    else if (lead == 0xF4) length = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    if (length == 0) return false;
    out.append(text_.data() + pos_, length);
    pos_ += length;
    return true;
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool eat(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  bool at_end() {
    skip_space();
    return pos_ == text_.size();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<StoredArticle> parse_flat_stored(std::string_view data) {
  StoredArticle article;
  if (!FlatReader(data).read(article)) return std::nullopt;
  return article;
}

std::optional<StoredArticle> parse_stored(std::string_view data) {
  if (auto article = parse_flat_stored(data)) return article;
  const nlohmann::json json = nlohmann::json::parse(data, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  const auto text = [&](const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  StoredArticle article;
  article.id = text(sc::stored::id);
  article.title = text(sc::stored::title);
  article.date = text(sc::stored::date);
  article.source = text(sc::stored::source);
  article.body = text(sc::stored::body);
  article.path = text(sc::stored::path);
  const auto derived = json.find(sc::stored::title_derived);
  article.title_derived = derived != json.end() && derived->is_boolean() && derived->get<bool>();
  return article;
}

}  // namespace article_search::search
