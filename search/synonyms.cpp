/// @file Synonyms: the Solr-format rules file, and their expansion of a query's words.
#include "synonyms.h"

#include "schema.h"
#include "utf8.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <filesystem>
#include <iterator>
#include <optional>
#include <system_error>

namespace article_search::search {
namespace utf8 = article_search::text;
namespace {

/// A byte of a word, as the query budget and the highlighter see it: ASCII letters and
/// digits, and any byte of a UTF-8 sequence.
bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

/// The words of `text`, lower case, joined by one space ("" when it has none).
std::string joined_words(std::string_view text, std::size_t& words) {
  std::string key;
  words = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_byte(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(text[i])) ++i;
    if (!key.empty()) key += ' ';
    key += utf8::fold_case(text.substr(start, i - start));
    ++words;
  }
  return key;
}

SynonymsError line_error(std::size_t line, std::string message) { return {line, std::move(message)}; }

/// The entries of one side of a rule (or of a group), each as its key.
std::variant<std::vector<std::string>, SynonymsError> parse_entries(std::string_view side,
                                                                    std::size_t line) {
  std::vector<std::string> entries;
  for (std::size_t start = 0; start <= side.size();) {
    const std::size_t comma = std::min(side.find(',', start), side.size());
    const std::string_view entry = trimmed(side.substr(start, comma - start));
    start = comma + 1;
    if (entry.empty()) continue;  // Solr skips empty entries, such as after a trailing comma
    if (entry.size() > max_synonym_entry_bytes) {
      return line_error(line, "an entry is longer than " + std::to_string(max_synonym_entry_bytes) +
                                  " bytes: `" + utf8::printable(entry, 40) + "`");
    }
    std::size_t words = 0;
    std::string key = joined_words(entry, words);
    if (words == 0) return line_error(line, "the entry `" + utf8::printable(entry) + "` has no word");
    if (words > max_synonym_entry_words) {
      return line_error(line, "an entry has more than " + std::to_string(max_synonym_entry_words) +
                                  " words: `" + utf8::printable(entry) + "`");
    }
    if (std::find(entries.begin(), entries.end(), key) == entries.end()) entries.push_back(std::move(key));
    if (entries.size() > max_synonym_line_entries) {
      return line_error(line, "more than " + std::to_string(max_synonym_line_entries) + " entries on one line");
    }
  }
  return entries;
}

/// Why `rule` (a trimmed line that is not a comment) is malformed before its entries are
/// read, or "".
std::string malformed(std::string_view rule) {
  if (rule.find('\\') != std::string_view::npos) {
    return "a backslash: escapes are not read (a word never holds `,` or `=>`)";
  }
  if (rule.find('#') != std::string_view::npos) return "`#` inside a rule: a comment takes a line of its own";
  const std::size_t arrow = rule.find("=>");
  if (arrow != std::string_view::npos && rule.find("=>", arrow + 2) != std::string_view::npos) {
    return "`=>` more than once";
  }
  return {};
}

/// Adds the rule on `line` to `synonyms`; an error when it is malformed.
std::optional<SynonymsError> add_rule(Synonyms& synonyms, std::string_view rule, std::size_t line) {
  if (std::string problem = malformed(rule); !problem.empty()) return line_error(line, std::move(problem));
  const std::size_t arrow = rule.find("=>");
  const bool mapping = arrow != std::string_view::npos;
  auto left = parse_entries(rule.substr(0, mapping ? arrow : rule.size()), line);
  if (auto* error = std::get_if<SynonymsError>(&left)) return *error;
  auto right = mapping ? parse_entries(rule.substr(arrow + 2), line) : left;
  if (auto* error = std::get_if<SynonymsError>(&right)) return *error;
  const auto& from = std::get<std::vector<std::string>>(left);
  const auto& to = std::get<std::vector<std::string>>(right);
  if (from.empty()) return line_error(line, mapping ? "no entry before `=>`" : "no entry");
  if (to.empty()) return line_error(line, "no entry after `=>`");
  for (const std::string& key : from) {
    if (!synonyms.add(key, to, line)) {
      return line_error(line, "`" + key + "` would search more than " +
                                  std::to_string(max_synonym_alternatives) + " alternatives");
    }
  }
  synonyms.count_rule();
  return std::nullopt;
}

/// The line (1-based) holding byte `pos` of `text`.
std::size_t line_of(std::string_view text, std::size_t pos) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

/// The first byte of invalid UTF-8 in `text`, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const int length = utf8::sequence_length(text, pos);
    if (length < 0) return pos;
    pos += static_cast<std::size_t>(length);
  }
  return std::string_view::npos;
}

}  // namespace

const SynonymAlternatives* Synonyms::find(const std::string& key) const {
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &it->second;
}

bool Synonyms::add(const std::string& from, const std::vector<std::string>& to, std::size_t line) {
  SynonymAlternatives& known = by_key_[from];
  for (const std::string& alternative : to) {
    if (std::find(known.alternatives.begin(), known.alternatives.end(), alternative) !=
        known.alternatives.end()) {
      continue;
    }
    if (known.alternatives.size() >= max_synonym_alternatives) return false;
    known.alternatives.push_back(alternative);
  }
  if (known.lines.empty() || known.lines.back() != line) known.lines.push_back(line);
  const auto words = static_cast<std::size_t>(std::count(from.begin(), from.end(), ' ')) + 1;
  longest_key_words_ = std::max(longest_key_words_, words);
  return true;
}

std::variant<Synonyms, SynonymsError> parse_synonyms(std::string_view text) {
  if (text.size() > max_synonyms_file_bytes) {
    return SynonymsError{0, "larger than " + std::to_string(max_synonyms_file_bytes >> 20) + " MiB"};
  }
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    return line_error(line_of(text, bad), "not UTF-8 text");
  }
  Synonyms synonyms;
  std::size_t line = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t newline = std::min(text.find('\n', start), text.size());
    const std::string_view rule = trimmed(text.substr(start, newline - start));
    start = newline + 1;
    ++line;
    if (rule.empty() || rule.front() == '#') continue;
    if (synonyms.rule_count() >= max_synonym_rules) {
      return line_error(line, "more than " + std::to_string(max_synonym_rules) + " rules");
    }
    if (auto error = add_rule(synonyms, rule, line)) return *error;
  }
  return synonyms;
}

std::variant<Synonyms, std::string> load_synonyms(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return path + ": " + ec.message();
  if (size > max_synonyms_file_bytes) {
    return path + ": larger than " + std::to_string(max_synonyms_file_bytes >> 20) + " MiB";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot be read";
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto parsed = parse_synonyms(text);
  if (auto* error = std::get_if<SynonymsError>(&parsed)) {
    return path + (error->line ? ":" + std::to_string(error->line) : std::string()) + ": " + error->message;
  }
  return std::move(std::get<Synonyms>(parsed));
}

// ---------------------------------------------------------------------------------------
// Expansion

namespace {

/// A whitespace-separated token of a query, as expansion sees it.
struct QueryToken {
  std::size_t begin = 0, end = 0;  ///< the word itself: no sign, brackets or punctuation
  std::string key;                 ///< the word in lower case
  bool plain = false;              ///< a word expansion may rewrite
  bool alone = false;              ///< `+word`/`-word`: only a one-word entry matches it
  bool starts_run = false;         ///< a bracket or a sign before it: a new run of words
  bool ends_run = false;           ///< a bracket or punctuation after it
};

bool is_trailing_mark(char c) {
  return c == ')' || c == ',' || c == '.' || c == ';' || c == '!' || c == '?';
}

/// True for NEAR, ADJ, NEAR/n and ADJ/n, whose operands must stay single terms.
bool is_proximity_operator(std::string_view token) {
  while (!token.empty() && token.front() == '(') token.remove_prefix(1);
  for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
    if (token.substr(0, op.size()) == op && (token.size() == op.size() || token[op.size()] == '/')) {
      return true;
    }
  }
  return false;
}

/// Reads a token outside quotes and field values: plain when it is a word, optionally
/// signed, in brackets and followed by punctuation.
void read_word(std::string_view text, QueryToken& token, std::size_t begin, std::size_t end) {
  std::size_t pos = begin;
  while (pos < end && text[pos] == '(') ++pos;
  token.starts_run = pos > begin;
  if (pos + 1 < end && (text[pos] == '+' || text[pos] == '-') && is_word_byte(text[pos + 1])) {
    token.alone = true;
    ++pos;
  }
  token.begin = pos;
  while (pos < end && is_word_byte(text[pos])) ++pos;
  token.end = pos;
  token.ends_run = pos < end;
  for (; pos < end; ++pos) {
    if (!is_trailing_mark(text[pos])) return;  // `kiev*`, `o'neill`, `u.s.`: not plain
  }
  const std::string_view word = text.substr(token.begin, token.end - token.begin);
  if (word.empty() || schema::is_operator_word(word)) return;
  token.key = utf8::fold_case(word);
  token.plain = true;
}

/// The tokens of `text`, each marked plain or not.
std::vector<QueryToken> tokenize(std::string_view text, bool partial_last) {
  std::vector<QueryToken> tokens;
  bool in_phrase = false;
  long field_depth = 0;  // inside `title:(...)`
  std::vector<std::size_t> proximity;  // tokens that are NEAR or ADJ
  for (std::size_t pos = 0; pos < text.size();) {
    if (std::isspace(static_cast<unsigned char>(text[pos]))) {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    const std::string_view raw = text.substr(pos, end - pos);
    QueryToken& token = tokens.emplace_back();
    token.begin = pos;
    token.end = end;
    const bool quoted = in_phrase || raw.find('"') != std::string_view::npos;
    const std::size_t colon = raw.find(':');
    const auto depth_change = [](std::string_view part) {
      return static_cast<long>(std::count(part.begin(), part.end(), '(')) -
             static_cast<long>(std::count(part.begin(), part.end(), ')'));
    };
    if (field_depth > 0) {
      field_depth = std::max(0L, field_depth + depth_change(raw));
    } else if (colon != std::string_view::npos) {
      field_depth = std::max(0L, depth_change(raw.substr(colon)));
    } else if (!quoted) {
      read_word(text, token, pos, end);
      if (is_proximity_operator(raw)) proximity.push_back(tokens.size() - 1);
    }
    if (std::count(raw.begin(), raw.end(), '"') % 2 == 1) in_phrase = !in_phrase;
    pos = end;
  }
  // The operands of NEAR and ADJ must be terms, never a bracketed expansion.
  for (std::size_t at : proximity) {
    if (at > 0) tokens[at - 1].plain = false;
    if (at + 1 < tokens.size()) tokens[at + 1].plain = false;
  }
  const bool typing = partial_last && !text.empty() && !std::isspace(static_cast<unsigned char>(text.back()));
  if (typing && !tokens.empty()) tokens.back().plain = false;
  return tokens;
}

/// The number of words of an alternative (words joined by one space).
std::size_t word_count(const std::string& words) {
  return static_cast<std::size_t>(std::count(words.begin(), words.end(), ' ')) + 1;
}

/// What the span `original` (matching `key`) is written as.
std::string rewritten(std::string_view original, const std::string& key,
                      const std::vector<std::string>& alternatives) {
  std::vector<std::string> pieces;
  for (const std::string& alternative : alternatives) {
    if (alternative == key) {
      pieces.emplace_back(original);
    } else {
      pieces.push_back(alternative.find(' ') == std::string::npos ? alternative : '"' + alternative + '"');
    }
  }
  if (pieces.size() == 1) return pieces.front();
  std::string out = "(";
  for (std::size_t i = 0; i < pieces.size(); ++i) out += (i ? " OR " : "") + pieces[i];
  return out + ')';
}

/// `alternatives` with `key` first when it is one of them: the user's words lead.
std::vector<std::string> key_first(const std::vector<std::string>& alternatives, const std::string& key) {
  std::vector<std::string> ordered;
  if (std::find(alternatives.begin(), alternatives.end(), key) != alternatives.end()) ordered.push_back(key);
  for (const std::string& alternative : alternatives) {
    if (alternative != key) ordered.push_back(alternative);
  }
  return ordered;
}

/// Whether tokens[i] and tokens[i + 1] may belong to one multi-word match.
bool joined(const std::vector<QueryToken>& tokens, std::size_t i) {
  const QueryToken& a = tokens[i];
  const QueryToken& b = tokens[i + 1];
  return a.plain && b.plain && !a.alone && !b.alone && !a.ends_run && !b.starts_run;
}

/// The longest entry matching the words from tokens[at]: its number of words, 0 if none.
std::size_t longest_match(const std::vector<QueryToken>& tokens, std::size_t at,
                          const Synonyms& synonyms, const SynonymAlternatives*& found) {
  std::size_t reach = 1;  // words joined to tokens[at], within the longest entry
  while (reach < synonyms.longest_key_words() && at + reach < tokens.size() &&
         joined(tokens, at + reach - 1)) {
    ++reach;
  }
  for (std::size_t words = reach; words > 0; --words) {
    std::string key = tokens[at].key;
    for (std::size_t i = 1; i < words; ++i) key += ' ' + tokens[at + i].key;
    if ((found = synonyms.find(key)) != nullptr) return words;
  }
  return 0;
}

}  // namespace

ExpandedText expand_synonyms(std::string_view text, const Synonyms& synonyms, bool partial_last) {
  ExpandedText expanded;
  if (synonyms.empty()) {
    expanded.text = std::string(text);
    return expanded;
  }
  const std::vector<QueryToken> tokens = tokenize(text, partial_last);
  std::size_t copied = 0, added = 0;
  for (std::size_t at = 0; at < tokens.size() && !expanded.cut;) {
    const SynonymAlternatives* found = nullptr;
    const std::size_t words = tokens[at].plain ? longest_match(tokens, at, synonyms, found) : 0;
    if (words == 0) {
      ++at;
      continue;
    }
    std::string key = tokens[at].key;
    for (std::size_t i = 1; i < words; ++i) key += ' ' + tokens[at + i].key;
    const std::size_t begin = tokens[at].begin, end = tokens[at + words - 1].end;
    at += words;
    std::vector<std::string> searched = key_first(found->alternatives, key);
    if (searched == std::vector<std::string>{key}) continue;  // `a => a`
    std::size_t adds = 0;
    for (const std::string& alternative : searched) adds += alternative == key ? 0 : word_count(alternative);
    if (added + adds > max_synonym_added_words) {
      expanded.cut = true;
      break;
    }
    added += adds;
    expanded.text.append(text.substr(copied, begin - copied));
    expanded.text += rewritten(text.substr(begin, end - begin), key, searched);
    copied = end;
    expanded.used.push_back({std::move(key), std::move(searched), found->lines});
  }
  expanded.text.append(text.substr(copied));
  return expanded;
}

}  // namespace article_search::search
