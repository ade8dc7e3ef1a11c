/// @file "Did you mean": spelling corrections, offered only when they would help.
#include "spelling.h"

#include "language.h"
#include "schema.h"
#include "snippet.h"

#include <algorithm>
#include <cctype>

namespace article_search::search {
namespace {

/// A correction must be this many times more frequent than the word it replaces.
constexpr Xapian::doccount min_frequency_ratio = 10;
/// Edits allowed for a suggestion, by word length (as Elasticsearch's AUTO fuzziness):
/// a short word is one edit away from too many others for two to be a good guess.
unsigned max_edit_distance(std::size_t word_bytes) {
  if (word_bytes <= 2) return 0;
  return word_bytes <= 5 ? 1 : 2;
}
/// A word in more than one document in this many (and more than one document) is a word
/// of the collection, not a typo, and is not looked up when present. Edited text repeats a
/// misspelling rarely. On bbc-news's benchmark mix, looking up every rare word was a fifth
/// of a search's instructions (1.6 million a word), and its only effect in 300 queries was
/// five wrong corrections of real words (smoking -> making, within -> with, mary -> many).
constexpr Xapian::doccount typo_share = 1000;
/// Words of q looked at, at most (q is at most 1024 bytes anyway).
constexpr std::size_t max_words = 32;

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

std::string lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Whether `matches` documents are few enough for a word that is rare.
bool is_rare(Xapian::doccount matches, Xapian::doccount docs) {
  return static_cast<unsigned long long>(matches) * min_frequency_ratio <= docs;
}

/// Whether a word in `have` of `docs` documents could be a misspelling.
bool could_be_typo(Xapian::doccount have, Xapian::doccount docs) {
  return have <= std::max<Xapian::doccount>(1, docs / typo_share);
}

/// The correction for one word, or empty. `only_absent`: present words are left alone.
std::string correct_word(const Xapian::Database& db, const Xapian::Stem& stemmer,
                         const std::string& word, bool only_absent) {
  const unsigned edits = max_edit_distance(word.size());
  if (edits == 0) return {};
  const std::string stem = stemmer(word);
  const Xapian::doccount have = db.get_termfreq(stem);
  // A word already this common cannot be outnumbered enough, or is no typo: skip the
  // costly lookup.
  const Xapian::doccount docs = db.get_doccount();
  if (have != 0 && (only_absent || !is_rare(have, docs) || !could_be_typo(have, docs))) return {};
  const std::string suggestion = db.get_spelling_suggestion(word, edits);
  if (suggestion.empty() || suggestion == word) return {};
  const std::string suggested_stem = stemmer(suggestion);
  if (stem == suggested_stem) return {};
  const Xapian::doccount would = db.get_termfreq(suggested_stem);
  if (would == 0 || (have != 0 && would < have * min_frequency_ratio)) return {};
  return suggestion;
}

/// Whether some indexed word begins with `prefix`: a half-typed word on its way.
bool begins_indexed_word(const Xapian::Database& db, const std::string& prefix) {
  return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

}  // namespace

std::optional<DidYouMean> did_you_mean(const Xapian::Database& db, std::string_view q,
                                       Xapian::doccount query_matches, Typing typing) {
  const Xapian::Stem stemmer = language::folding_stemmer(schema::stem_language);
  const bool only_absent = !is_rare(query_matches, db.get_doccount());
  DidYouMean result;
  bool changed = false;
  std::size_t i = 0, words = 0;
  while (i < q.size()) {
    if (!is_word_byte(q[i])) {
      result.q += q[i];
      result.html += html_escape(q.substr(i, 1));
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < q.size() && is_word_byte(q[end])) ++end;
    const std::string_view word = q.substr(i, end - i);
    const bool is_field = end < q.size() && q[end] == ':';
    std::string correction;
    const bool being_typed = typing == Typing::partial && end == q.size() &&
                             begins_indexed_word(db, lower(word));
    if (++words <= max_words && !is_field && !schema::is_operator_word(word) && !being_typed) {
      correction = correct_word(db, stemmer, lower(word), only_absent);
    }
    if (correction.empty()) {
      result.q += word;
      result.html += html_escape(word);
    } else {
      changed = true;
      result.q += correction;
      result.html += "<mark>" + html_escape(correction) + "</mark>";
    }
    i = end;
  }
  if (!changed) return std::nullopt;
  return result;
}

}  // namespace article_search::search
