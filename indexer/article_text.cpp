/// @file Parsing an article's text into its fields (format documented in article_text.h).
#include "article_text.h"

#include "dates.h"

#include <algorithm>
#include <array>
#include <vector>

namespace article_search {
namespace {

constexpr std::size_t max_headline_bytes = 160;
constexpr std::size_t max_headline_words = 24;
constexpr std::size_t max_date_line_bytes = 100;
constexpr std::size_t header_lines_scanned = 8;  // a date is looked for this near the top
constexpr std::size_t max_front_matter_lines = 50;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  for (auto& line : lines) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  }
  return lines;
}

/// A Markdown thematic break: three or more of the same '-', '*' or '_', spaces allowed.
bool is_rule(std::string_view line) {
  line = trim(line);
  if (line.size() < 3) return false;
  const char mark = line.front();
  if (mark != '-' && mark != '*' && mark != '_') return false;
  std::size_t marks = 0;
  for (char c : line) {
    if (c == mark) ++marks;
    else if (!is_space(c)) return false;
  }
  return marks >= 3;
}

bool is_setext_underline(std::string_view line) {
  line = trim(line);
  return line.size() >= 3 && line.find_first_not_of('=') == std::string_view::npos;
}

/// "# Title ##" -> "Title"; nothing if the line is not an ATX heading of level 1.
std::optional<std::string_view> atx_heading(std::string_view line) {
  line = trim(line);
  if (line.size() < 2 || line[0] != '#' || !is_space(line[1])) return std::nullopt;
  line.remove_prefix(2);
  while (!line.empty() && line.back() == '#') line.remove_suffix(1);
  line = trim(line);
  if (line.empty()) return std::nullopt;
  return line;
}

std::size_t count_words(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = is_space(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool reads_as_headline(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > max_headline_bytes) return false;
  if (count_words(line) > max_headline_words) return false;
  const char last = line.back();
  return last != '.' && last != ',' && last != ';' && last != ':';
}

/// The date stated by a short metadata line ("Published: `2024-07-16 21:08:57`",
/// "Date: 2024-07-16", a bare "2024-07-16"), or nothing for any other line.
std::optional<std::string> date_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > max_date_line_bytes) return std::nullopt;
  std::optional<std::string> date;
  std::size_t date_at = 0;
  for (std::size_t i = 0; i + 10 <= line.size() && !date; ++i) {
    if (i > 0 && is_digit(line[i - 1])) continue;
    if ((date = dates::parse_iso_date(line.substr(i)))) date_at = i;
  }
  if (!date) return std::nullopt;
  // Beside the date, allow only a label of at most three words ("Published on:").
  std::size_t date_len = 10;
  while (date_at + date_len < line.size() &&
         (is_digit(line[date_at + date_len]) || line[date_at + date_len] == ':' ||
          line[date_at + date_len] == 'T' || line[date_at + date_len] == ' ') &&
         date_len < 19) {
    ++date_len;
  }
  std::string rest(line.substr(0, date_at));
  rest += ' ';
  rest += line.substr(date_at + date_len);
  std::size_t words = 0;
  bool in_word = false;
  for (char c : rest) {
    if (is_alpha(c)) {
      if (!in_word) ++words;
      in_word = true;
      continue;
    }
    in_word = false;
    if (!is_space(c) && c != ':' && c != '`' && c != '*' && c != '_' && c != '-' && c != '|') {
      return std::nullopt;
    }
  }
  if (words > 3) return std::nullopt;
  return date;
}

/// The next place at or after `from` where `needle` occurs, remembering the last answer:
/// a line is scanned left to right, so each byte is searched at most once per needle
/// (searching afresh at every '[' made a line of "[]" quadratic).
class NextOccurrence {
 public:
  NextOccurrence(std::string_view line, std::string_view needle) : line_(line), needle_(needle) {}
  std::size_t from(std::size_t at) {
    if (found_ == std::string_view::npos && searched_ && at >= searched_from_) return found_;
    if (searched_ && found_ != std::string_view::npos && found_ >= at) return found_;
    searched_ = true;
    searched_from_ = at;
    found_ = line_.find(needle_, at);
    return found_;
  }

 private:
  std::string_view line_, needle_;
  bool searched_ = false;
  std::size_t searched_from_ = 0;
  std::size_t found_ = std::string_view::npos;
};

/// Inline Markdown to plain text: links and images keep their text, emphasis and code
/// marks go, block markers (headings, quotes) go. Linear in the line's length.
std::string strip_inline_markup(std::string_view line) {
  line = trim(line);
  while (!line.empty() && line.front() == '>') line = trim(line.substr(1));
  if (!line.empty() && line.front() == '#') {
    const std::size_t text_at = line.find_first_not_of('#');
    if (text_at != std::string_view::npos && text_at <= 6 && is_space(line[text_at])) {
      line = trim(line.substr(text_at));
    }
  }
  std::string out;
  out.reserve(line.size());
  std::size_t close_stars = std::string_view::npos;  // where the open "**" closes
  std::size_t close_underscores = std::string_view::npos;
  NextOccurrence next_stars(line, "**"), next_underscores(line, "__");
  NextOccurrence next_link_middle(line, "]("), next_paren(line, ")");
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '`') continue;
    if ((c == '*' || c == '_') && i + 1 < line.size() && line[i + 1] == c) {
      // "**bold**" and "__bold__": drop a marker only when its partner closes it, so a
      // lone "__" (as in `window.__name`) stays text.
      std::size_t& pending = c == '*' ? close_stars : close_underscores;
      if (i == pending) {
        pending = std::string_view::npos;
        ++i;
        continue;
      }
      const std::size_t close = pending == std::string_view::npos
                                    ? (c == '*' ? next_stars : next_underscores).from(i + 2)
                                    : std::string_view::npos;
      if (close != std::string_view::npos && close > i + 2) {
        pending = close;
        ++i;
        continue;
      }
    }
    if (c == '!' && i + 1 < line.size() && line[i + 1] == '[') continue;  // image alt text
    if (c == '[') {
      const std::size_t close = next_link_middle.from(i);
      const std::size_t end = close == std::string_view::npos ? close : next_paren.from(close);
      if (end != std::string_view::npos) {
        out.append(line.substr(i + 1, close - i - 1));
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

struct FrontMatter {
  std::string title;
  std::string date;
  std::size_t lines = 0;  ///< how many lines it spans, 0 when there is none
};

FrontMatter read_front_matter(const std::vector<std::string_view>& lines) {
  FrontMatter fm;
  if (lines.empty() || trim(lines[0]) != "---") return fm;
  const std::size_t limit = std::min(lines.size(), max_front_matter_lines);
  for (std::size_t i = 1; i < limit; ++i) {
    const std::string_view line = trim(lines[i]);
    if (line == "---" || line == "...") {
      fm.lines = i + 1;
      return fm;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (key == "title") fm.title = value;
    if (key == "date" || key == "published") fm.date = dates::parse_iso_date(value).value_or("");
  }
  return FrontMatter{};  // no closing line: not front matter after all
}

/// Joins body lines, dropping rules and collapsing runs of blank lines into one.
std::string join_body(const std::vector<std::string>& lines) {
  std::string body;
  bool pending_blank = false;
  for (const auto& line : lines) {
    if (line.empty()) {
      pending_blank = !body.empty();
      continue;
    }
    if (!body.empty()) body += pending_blank ? "\n\n" : "\n";
    pending_blank = false;
    body += line;
  }
  return body;
}

/// Whether the full stop at `dot` ends a sentence: not after an initialism ("U.S."),
/// a single letter or a common abbreviation, and not before a lower-case word.
/// `word` is the word the full stop ends (from the last space up to `dot`), which the
/// caller tracks as it scans: walking back to it from every full stop made a line of
/// "A.A.A..." quadratic.
bool ends_sentence(std::string_view text, std::size_t dot, std::string_view word,
                   bool word_has_dot) {
  std::size_t next = dot + 1;
  while (next < text.size() && is_space(text[next])) ++next;
  if (next < text.size() && text[next] >= 'a' && text[next] <= 'z') return false;
  if (word.size() <= 1 || word_has_dot) return false;
  static constexpr std::string_view abbreviations[] = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr",
                                                       "Inc", "Ltd", "Co", "Corp", "vs", "No",
                                                       "Gov", "Sen", "Rep", "Gen", "Prof"};
  return std::find(std::begin(abbreviations), std::end(abbreviations), word) ==
         std::end(abbreviations);
}

}  // namespace

std::string derive_title(std::string_view body, std::size_t max_bytes) {
  body = trim(body);
  std::size_t end = body.find('\n');
  if (end == std::string_view::npos) end = body.size();
  std::size_t word_start = 0;
  bool word_has_dot = false;  // a full stop in body[word_start, i)
  for (std::size_t i = 0; i + 1 < end; ++i) {
    if (is_space(body[i])) {
      word_start = i + 1;
      word_has_dot = false;
      continue;
    }
    if (body[i] == '.') {
      const std::string_view word = body.substr(word_start, i - word_start);
      const bool in_initialism = word_has_dot;
      word_has_dot = true;
      if (!ends_sentence(body, i, word, in_initialism)) continue;
    }
    if ((body[i] == '.' || body[i] == '?' || body[i] == '!') && is_space(body[i + 1])) {
      end = i + (body[i] == '.' ? 0 : 1);  // keep '?' and '!', drop the full stop
      break;
    }
  }
  std::string_view sentence = trim(body.substr(0, end));
  if (!sentence.empty() && sentence.back() == '.') sentence.remove_suffix(1);
  if (sentence.size() <= max_bytes) return std::string(sentence);
  std::size_t cut = max_bytes;
  while (cut > 0 && !is_space(sentence[cut])) --cut;
  if (cut == 0) {
    cut = max_bytes;  // one very long word: cut it, but not inside a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string_view head = trim(sentence.substr(0, cut));
  while (!head.empty() && (head.back() == ',' || head.back() == ';' || head.back() == ':')) {
    head.remove_suffix(1);
  }
  return std::string(head) + "\u2026";
}

Article parse_article_text(std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  const FrontMatter fm = read_front_matter(lines);
  Article article;
  article.title = fm.title;
  article.date = fm.date;

  std::size_t first = fm.lines;
  while (first < lines.size() && trim(lines[first]).empty()) ++first;

  std::vector<bool> dropped(lines.size(), false);
  if (article.title.empty() && first < lines.size()) {
    const std::string_view line = trim(lines[first]);
    std::size_t next = first + 1;
    while (next < lines.size() && trim(lines[next]).empty()) ++next;
    const bool has_more = next < lines.size();
    if (auto heading = atx_heading(line)) {
      article.title = strip_inline_markup(*heading);
      dropped[first] = true;
    } else if (first + 1 < lines.size() && is_setext_underline(lines[first + 1])) {
      article.title = strip_inline_markup(line);
      dropped[first] = dropped[first + 1] = true;
    } else if (has_more && reads_as_headline(line)) {
      article.title = strip_inline_markup(line);
      dropped[first] = true;
    }
  }

  std::size_t scanned = 0;
  for (std::size_t i = first; i < lines.size() && scanned < header_lines_scanned; ++i) {
    if (dropped[i] || trim(lines[i]).empty()) continue;
    ++scanned;
    if (is_rule(lines[i])) continue;
    if (auto date = date_line(lines[i])) {
      if (article.date.empty()) article.date = *date;
      dropped[i] = true;
      break;
    }
  }

  std::vector<std::string> body_lines;
  for (std::size_t i = fm.lines; i < lines.size(); ++i) {
    if (dropped[i] || is_rule(lines[i])) continue;
    if (trim(lines[i]).empty()) {  // cheap: a million blank lines are a million of these
      if (!body_lines.empty() && !body_lines.back().empty()) body_lines.emplace_back();
      continue;
    }
    body_lines.push_back(strip_inline_markup(lines[i]));
  }
  article.body = join_body(body_lines);
  if (article.title.empty()) {
    article.title = derive_title(article.body);
    article.title_derived = true;
  }
  return article;
}

Article article_from_record(std::string_view title, std::string_view text,
                                std::string_view date) {
  Article article;
  article.title = trim(title);
  article.body = trim(text);
  article.date = dates::parse_iso_date(trim(date)).value_or("");
  if (article.title.empty()) {
    article.title = derive_title(article.body);
    article.title_derived = true;
  }
  return article;
}

}  // namespace article_search
