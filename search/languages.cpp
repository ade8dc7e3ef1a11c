/// @file The stemming languages of a query.
#include "languages.h"

#include "language.h"
#include "query.h"
#include "schema.h"

#include <algorithm>
#include <array>
#include <utility>

namespace article_search::search {
namespace sc = schema;

QueryLanguages query_languages(const Xapian::Database& db, const std::vector<std::string>& asked) {
  std::vector<std::string> chosen;
  const auto add = [&chosen](std::string language) {
    if (chosen.size() < max_query_languages &&
        std::find(chosen.begin(), chosen.end(), language) == chosen.end()) {
      chosen.push_back(std::move(language));
    }
  };
  for (const std::string& tag : asked) {
    if (auto language = language::stemmer_language(tag)) add(std::move(*language));
  }
  if (chosen.empty()) {
    const std::string prefix(sc::prefix::analysis);
    std::vector<std::pair<Xapian::doccount, std::string>> present;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && present.size() < 64; ++it) {
      present.emplace_back(it.get_termfreq(), (*it).substr(prefix.size()));
    }
    std::stable_sort(present.begin(), present.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& [count, language] : present) add(std::move(language));
  }
  if (chosen.empty()) add(sc::stem_language);
  QueryLanguages languages;
  languages.primary = chosen.front();
  languages.others.assign(chosen.begin() + 1, chosen.end());
  return languages;
}

const std::vector<const char*>& query_stopwords(const std::string& language) {
  // The most frequent words of Snowball's lists for each language (articles, pronouns,
  // prepositions, conjunctions, forms of "be" and "have").
  static const std::vector<const char*> none;
  static const std::vector<const char*> french = {
      "le", "la", "les", "de", "des", "du", "un", "une", "et", "en", "au", "aux", "ce", "ces",
      "dans", "par", "pour", "sur", "que", "qui", "il", "elle", "ils", "est", "sont", "ne",
      "pas", "se", "son", "sa", "ses", "leur", "avec", "ou", "mais", "a", "été", "l", "d"};
  static const std::vector<const char*> german = {
      "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "und",
      "oder", "in", "im", "zu", "zum", "zur", "von", "vom", "mit", "auf", "für", "ist", "sind",
      "war", "wurde", "nicht", "sich", "es", "er", "sie", "auch", "an", "am", "als", "bei", "aus"};
  static const std::vector<const char*> spanish = {
      "el", "la", "los", "las", "de", "del", "un", "una", "y", "en", "que", "a", "por", "para",
      "con", "se", "su", "sus", "es", "son", "al", "lo", "no", "o", "como", "más", "pero"};
  static const std::vector<const char*> italian = {
      "il", "lo", "la", "i", "gli", "le", "di", "del", "della", "dei", "un", "una", "e", "in",
      "che", "a", "per", "con", "su", "da", "non", "è", "si", "al", "alla", "nel", "nella"};
  static const std::vector<const char*> portuguese = {
      "o", "a", "os", "as", "de", "do", "da", "dos", "das", "um", "uma", "e", "em", "no", "na",
      "que", "para", "por", "com", "se", "é", "não", "ao", "seu", "sua"};
  static const std::vector<const char*> dutch = {
      "de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "is", "zijn", "met",
      "voor", "niet", "aan", "er", "om", "ook", "als", "bij", "of", "was", "werd"};
  if (language == "fr") return french;
  if (language == "de") return german;
  if (language == "es") return spanish;
  if (language == "it") return italian;
  if (language == "pt") return portuguese;
  if (language == "nl") return dutch;
  return none;
}

void set_query_stopwords(Xapian::QueryParser& parser, const std::string& language) {
  // Built once a language and never freed, so the parser may point at them from any
  // thread (a stopper is only read). Set on every parse: the parser is reused by requests
  // in other languages.
  const auto stopper = [](const std::vector<const char*>& words) {
    return new Xapian::SimpleStopper(words.begin(), words.end());
  };
  static const Xapian::SimpleStopper* const english_stopper = stopper(english_stopwords());
  static const std::array<std::pair<const char*, const Xapian::SimpleStopper*>, 6> others = {{
      {"fr", stopper(query_stopwords("fr"))}, {"de", stopper(query_stopwords("de"))},
      {"es", stopper(query_stopwords("es"))}, {"it", stopper(query_stopwords("it"))},
      {"pt", stopper(query_stopwords("pt"))}, {"nl", stopper(query_stopwords("nl"))}}};
  const Xapian::SimpleStopper* chosen = english_stopper;
  for (const auto& [code, own] : others) {
    if (language == code) chosen = own;
  }
  parser.set_stopper(chosen);
}

TermWidener stem_widener(const Xapian::QueryParser& parser, const QueryLanguages& languages) {
  if (languages.others.empty()) return {};
  std::vector<Xapian::Stem> stemmers;
  for (const std::string& language : languages.others) stemmers.push_back(language::folding_stemmer(language));
  return [&parser, stemmers](const std::string& term, const Xapian::Query& leaf) mutable
         -> std::optional<Xapian::Query> {
    const std::optional<TextTerm> parts = text_term(term);
    if (!parts) return std::nullopt;
    std::vector<std::string> stems{std::string(parts->word)};
    // The parser tells the words as written: they are lower-cased as the indexer's are.
    for (auto word = parser.unstem_begin(term); word != parser.unstem_end(term); ++word) {
      const std::string lower = Xapian::Unicode::tolower(*word);
      for (Xapian::Stem& stemmer : stemmers) {
        std::string stem = stemmer(lower);
        if (!stem.empty() && std::find(stems.begin(), stems.end(), stem) == stems.end()) {
          stems.push_back(std::move(stem));
        }
      }
    }
    if (stems.size() == 1) return std::nullopt;
    std::vector<Xapian::Query> alternatives{leaf};
    for (std::size_t i = 1; i < stems.size(); ++i) {
      alternatives.emplace_back(std::string(parts->prefix) + stems[i]);
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
  };
}

}  // namespace article_search::search
