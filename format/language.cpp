/// @file Accent folding, stemmers and the analysis language of an article.
#include "language.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <utility>

#include <cld2/public/compact_lang_det.h>

namespace article_search::language {
namespace {
using namespace std::string_view_literals;

/// The base letter of each code point from U+00C0 to U+017F, '\0' where the point has no
/// single base letter (the ligatures and ß, spelt out by fold_code_point; × and ÷).
constexpr std::string_view latin_bases =
    "AAAAAA\0CEEEEIIIIDNOOOOO\0OUUUUY\0\0aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0y"  // U+00C0-U+00FF
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi\0\0JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo\0\0"
    "RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs"sv;  // U+0100-U+017F
static_assert(latin_bases.size() == 0x180 - 0xC0);

/// What a code point folds to, or nothing to keep it.
std::optional<std::string_view> fold_code_point(char32_t cp) {
  if (cp >= 0x300 && cp <= 0x36F) return std::string_view();  // combining marks
  if (cp >= 0x218 && cp <= 0x21B) return std::string_view(&"SsTt"[cp - 0x218], 1);  // Ș ș Ț ț
  if (cp < 0xC0 || cp >= 0x180) return std::nullopt;
  switch (cp) {
    case 0xC6: return "AE";
    case 0xE6: return "ae";
    case 0xDE: return "TH";
    case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: return "IJ";
    case 0x133: return "ij";
    case 0x152: return "OE";
    case 0x153: return "oe";
    default: break;
  }
  const char base = latin_bases[cp - 0xC0];
  if (base == '\0') return std::nullopt;  // × ÷
  return std::string_view(&latin_bases[cp - 0xC0], 1);
}

/// The code point of the two-byte UTF-8 sequence at `text[i]` (every point folded is
/// below U+0800), or nothing.
std::optional<char32_t> two_byte_point(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0xC2 || lead > 0xDF || i + 1 >= text.size()) return std::nullopt;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  if ((next & 0xC0) != 0x80) return std::nullopt;
  return static_cast<char32_t>(((lead & 0x1F) << 6) | (next & 0x3F));
}

struct NamedLanguage {
  std::string_view name, code;
};
/// Names and ISO 639-2 codes people write for the languages Xapian 1.4 stems.
constexpr std::array<NamedLanguage, 46> language_names = {{
    {"arabic", "ar"},     {"ara", "ar"},        {"armenian", "hy"},  {"arm", "hy"},
    {"hye", "hy"},        {"basque", "eu"},     {"baq", "eu"},       {"eus", "eu"},
    {"catalan", "ca"},    {"cat", "ca"},        {"danish", "da"},    {"dan", "da"},
    {"dutch", "nl"},      {"dut", "nl"},        {"nld", "nl"},       {"english", "en"},
    {"eng", "en"},        {"finnish", "fi"},    {"fin", "fi"},       {"french", "fr"},
    {"fra", "fr"},        {"fre", "fr"},        {"german", "de"},    {"deu", "de"},
    {"ger", "de"},        {"hungarian", "hu"},  {"hun", "hu"},       {"indonesian", "id"},
    {"irish", "ga"},      {"italian", "it"},    {"ita", "it"},       {"lithuanian", "lt"},
    {"norwegian", "no"},  {"nor", "no"},        {"portuguese", "pt"}, {"por", "pt"},
    {"romanian", "ro"},   {"ron", "ro"},        {"russian", "ru"},   {"rus", "ru"},
    {"spanish", "es"},    {"spa", "es"},        {"swedish", "sv"},   {"swe", "sv"},
    {"turkish", "tr"},    {"tur", "tr"},
}};

/// The ISO 639-1 codes Xapian 1.4's Stem accepts.
constexpr std::array<std::string_view, 26> stemmed_codes = {
    "ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "hu", "id", "ga",
    "it", "lt", "ne", "nb", "nn", "no", "pt", "ro", "ru", "es", "sv", "ta", "tr"};

/// The articles and pronouns French, Italian and Catalan join to the next word with an
/// apostrophe (`l'élection`, `dell'arte`): Xapian keeps the apostrophe inside the word,
/// so the stemmer drops them first, as Lucene's elision filter does.
constexpr std::array<std::string_view, 20> elided_words = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    "dell", "all", "dall", "nell", "sull", "un", "quest"};

std::string_view without_elision(std::string_view word, std::string_view language) {
  if (language != "fr" && language != "it" && language != "ca") return word;
  for (std::string_view apostrophe : {"'"sv, "\u2019"sv}) {
    const std::size_t at = word.find(apostrophe);
    if (at == std::string_view::npos || at == 0 || at > 6) continue;
    if (std::find(elided_words.begin(), elided_words.end(), word.substr(0, at)) == elided_words.end()) continue;
    const std::string_view rest = word.substr(at + apostrophe.size());
    if (!rest.empty()) return rest;
  }
  return word;
}

/// A stemmer that folds the accents of what it stems.
class FoldingStem final : public Xapian::StemImplementation {
 public:
  explicit FoldingStem(std::string_view language)
      : inner_(language == unstemmed ? Xapian::Stem() : Xapian::Stem(std::string(language))),
        language_(language) {}
  std::string operator()(const std::string& word) override {
    const std::string_view elided = without_elision(word, language_);
    const std::string bare(elided);
    return fold_accents(inner_.is_none() ? bare : inner_(bare));
  }
  std::string get_description() const override { return "folded(" + language_ + ")"; }

 private:
  Xapian::Stem inner_;
  std::string language_;
};

constexpr std::size_t max_detected_bytes = 16 * 1024;

}  // namespace

std::string fold_accents(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::optional<char32_t> cp = two_byte_point(text, i);
    const std::optional<std::string_view> base = cp ? fold_code_point(*cp) : std::nullopt;
    if (!base) {
      folded += text[i];
      continue;
    }
    folded += *base;
    ++i;
  }
  return folded;
}

std::optional<std::string> stemmer_language(std::string_view tag) {
  std::string lower;
  for (char c : tag.substr(0, 32)) {
    if (c == '-' || c == '_') break;
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const NamedLanguage& named : language_names) {
    if (named.name == lower) return std::string(named.code);
  }
  if (std::find(stemmed_codes.begin(), stemmed_codes.end(), lower) != stemmed_codes.end()) return lower;
  return std::nullopt;
}

Xapian::Stem folding_stemmer(std::string_view language) {
  return Xapian::Stem(new FoldingStem(language));
}

std::string detect_language(std::string_view text) {
  std::size_t size = std::min(text.size(), max_detected_bytes);
  // Never cut inside a UTF-8 sequence: CLD2 would call the whole text invalid.
  while (size > 0 && size < text.size() && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  bool reliable = false;
  int valid_bytes = 0;
  const CLD2::Language found = CLD2::DetectLanguageCheckUTF8(text.data(), static_cast<int>(size), true,
                                                             &reliable, &valid_bytes);
  if (!reliable || found == CLD2::UNKNOWN_LANGUAGE) return {};
  std::string code = CLD2::LanguageCode(found);
  const std::size_t dash = code.find('-');
  if (dash != std::string::npos) code.resize(dash);
  return code;
}

std::string analysis_language(const Article& article, std::string_view fallback) {
  if (!article.language.empty()) {
    return stemmer_language(article.language).value_or(std::string(unstemmed));
  }
  std::string text = article.title;
  text += "\n";
  text.append(article.body, 0, std::min(article.body.size(), max_detected_bytes));
  const std::string detected = detect_language(text);
  if (!detected.empty()) return stemmer_language(detected).value_or(std::string(unstemmed));
  return stemmer_language(fallback).value_or(std::string(unstemmed));
}

}  // namespace article_search::language
