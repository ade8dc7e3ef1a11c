/// @file Phrases within `body:` (see body_phrase.h).
#include "body_phrase.h"

#include <cctype>

namespace article_search::search {
namespace {

constexpr std::string_view field = "body:";

bool word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

bool blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

/// Whether a `body:` at `i` starts a clause (not `nobody:`).
bool clause_start(std::string_view text, std::size_t i) {
  if (text.compare(i, field.size(), field) != 0) return false;
  if (i == 0) return true;
  const char before = text[i - 1];
  return blank(before) || before == '(' || before == '+' || before == '-';
}

bool proximity_operator(std::string_view token) {
  for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
    if (token == op) return true;
    if (token.size() > op.size() + 1 && token.starts_with(op) && token[op.size()] == '/') return true;
  }
  return false;
}

/// The whitespace-separated tokens of `text`, with the blanks before each.
struct Token {
  std::string space, word;
};
std::vector<Token> tokens(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    Token token;
    while (i < text.size() && blank(text[i])) token.space += text[i++];
    while (i < text.size() && !blank(text[i])) token.word += text[i++];
    out.push_back(std::move(token));
  }
  return out;
}

/// `body:x NEAR body:y` → `x NEAR y`: proximity needs positions, kept in the unprefixed text.
std::string unprefix_proximity(std::string_view text) {
  std::vector<Token> list = tokens(text);
  const auto unprefix = [](std::string& word) {
    const std::size_t start = word.find_first_not_of("+-(");
    if (start != std::string::npos && clause_start(word, start)) word.erase(start, field.size());
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!proximity_operator(list[i].word)) continue;
    if (i > 0) unprefix(list[i - 1].word);
    if (i + 1 < list.size()) unprefix(list[i + 1].word);
  }
  std::string out;
  for (const Token& token : list) out += token.space + token.word;
  return out;
}

}  // namespace

std::vector<std::string> body_value_words(std::string_view value) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool next_word = i + 1 < value.size() && word_byte(value[i + 1]);
    const bool inner = (c == '.' || c == '\'' || c == '&') && !word.empty() && next_word;
    const bool suffix = (c == '+' || c == '#') && !word.empty() && !next_word;
    if (word_byte(c) || inner || suffix) {
      word += c;
      continue;
    }
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string body_phrases_as_words(std::string_view original) {
  const std::string text = unprefix_proximity(original);
  std::string out;
  std::size_t added = 0, i = 0;
  while (i < text.size()) {
    if (!clause_start(text, i)) {
      out += text[i++];
      continue;
    }
    const std::size_t start = i + field.size();
    std::size_t end = start;
    std::string_view value;
    if (start < text.size() && text[start] == '"') {
      const std::size_t close = text.find('"', start + 1);
      if (close == std::string::npos) break;  // unclosed: the parser's own reading
      value = std::string_view(text).substr(start + 1, close - start - 1);
      end = close + 1;
    } else {
      while (end < text.size() && !blank(text[end]) && text[end] != ')') ++end;
      value = std::string_view(text).substr(start, end - start);
    }
    const std::vector<std::string> words = body_value_words(value);
    if (words.size() < 2 || (start < text.size() && text[start] == '(')) {
      out.append(text, i, end - i);
      i = end;
      continue;
    }
    out += "(\"";
    out += value;
    out += '"';
    for (std::size_t w = 0; w < words.size() && added < max_body_phrase_words; ++w, ++added) {
      out += " AND body:";
      out += words[w];
    }
    out += ')';
    i = end;
  }
  if (i < text.size()) out.append(text, i, std::string::npos);
  return out;
}

}  // namespace article_search::search
