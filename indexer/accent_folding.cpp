/// @file Accent folding (see accent_folding.h).
#include "accent_folding.h"

namespace article_search::schema {
namespace {

/// ASCII for U+00C0..U+017F, one entry per code point ("" = keep the character).
constexpr const char* latin_folds[] = {
    // U+00C0..U+00FF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100..U+017F
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};
constexpr unsigned first_folded = 0xC0;
constexpr unsigned last_folded = 0x17F;
static_assert(std::size(latin_folds) == last_folded - first_folded + 1);

bool is_combining_mark(unsigned ch) { return ch >= 0x300 && ch <= 0x36F; }

class FoldingStemmer : public Xapian::StemImplementation {
 public:
  explicit FoldingStemmer(const char* language) : stem_(language) {}
  std::string operator()(const std::string& word) override { return stem_(fold_accents(word)); }
  std::string get_description() const override { return "folded " + stem_.get_description(); }

 private:
  Xapian::Stem stem_;
};

}  // namespace

std::string fold_accents(std::string_view word) {
  // Pure ASCII (nearly every English word) is returned as it is, without decoding.
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(word);
  std::string folded;
  folded.reserve(word.size());
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (is_combining_mark(ch)) continue;
    if (ch >= first_folded && ch <= last_folded && *latin_folds[ch - first_folded] != '\0') {
      folded += latin_folds[ch - first_folded];
    } else {
      Xapian::Unicode::append_utf8(folded, ch);
    }
  }
  return folded;
}

Xapian::Stem folding_stemmer(const char* language) {
  return Xapian::Stem(new FoldingStemmer(language));
}

}  // namespace article_search::schema
