/// @file Accent folding, stemmer languages, detection, and the language of an article.
#include "language.h"

#include <doctest/doctest.h>

namespace {
using namespace article_search;
using namespace article_search::language;

Article article(std::string language, std::string title, std::string body) {
  Article a;
  a.language = std::move(language);
  a.title = std::move(title);
  a.body = std::move(body);
  return a;
}

}  // namespace

TEST_SUITE("language") {
  TEST_CASE("fold_accents removes the diacritics of Latin letters and nothing else") {
    CHECK(fold_accents("Zürich café São Paulo") == "Zurich cafe Sao Paulo");
    CHECK(fold_accents("Łódź Ærø Straße Œuvre ĳs Ș") == "Lodz AEro Strasse OEuvre ijs S");
    CHECK(fold_accents("cafe\xcc\x81") == "cafe");  // a combining acute accent
    CHECK(fold_accents("× ÷ € Москва 東京") == "× ÷ € Москва 東京");
    CHECK(fold_accents("plain ascii") == "plain ascii");
    // Invalid UTF-8 is kept byte for byte.
    CHECK(fold_accents("a\xc3") == "a\xc3");
    CHECK(fold_accents("\xc3(") == "\xc3(");
    CHECK(fold_accents("\xff\xfe") == "\xff\xfe");
  }

  TEST_CASE("stemmer_language reads tags, names and three-letter codes") {
    CHECK(stemmer_language("fr") == "fr");
    CHECK(stemmer_language("fr-FR") == "fr");
    CHECK(stemmer_language("pt_BR") == "pt");
    CHECK(stemmer_language("German") == "de");
    CHECK(stemmer_language("eng") == "en");
    CHECK_FALSE(stemmer_language("ja"));
    CHECK_FALSE(stemmer_language("el"));
    CHECK_FALSE(stemmer_language(""));
  }

  TEST_CASE("the folding stemmer stems in its language, then folds") {
    Xapian::Stem french = folding_stemmer("fr");
    CHECK(french("élections") == french("election"));
    CHECK(french("élections") == "elect");
    Xapian::Stem german = folding_stemmer("de");
    CHECK(german("wahlen") == german("wahl"));
    Xapian::Stem english = folding_stemmer("en");
    CHECK(english("zürich") == "zurich");
    CHECK(english("banned") == "ban");
    CHECK(french("l'élection") == "elect");
    CHECK(french("l\u2019élection") == "elect");
    CHECK(folding_stemmer("it")("dell'arte") == folding_stemmer("it")("arte"));
    CHECK(english("l'election") != "elect");  // English keeps its apostrophes
    CHECK(french("aujourd'hui").substr(0, 7) == "aujourd");  // not an elision
    Xapian::Stem none = folding_stemmer(unstemmed);
    CHECK(none("élections") == "elections");
  }

  TEST_CASE("detect_language is sure of real sentences and silent on scraps") {
    CHECK(detect_language("Les élections présidentielles auront lieu dimanche en France, selon le "
                          "gouvernement.") == "fr");
    CHECK(detect_language("Die Wahlen in Deutschland finden am Sonntag statt, sagte die Regierung.") == "de");
    CHECK(detect_language("The storm hit the coast on Monday, officials said, closing rail lines.") == "en");
    CHECK(detect_language("storm").empty());
    CHECK(detect_language("").empty());
    CHECK(detect_language("\xff\xfe not UTF-8 at all").empty());
  }

  TEST_CASE("analysis_language: stated, else detected, else the fallback") {
    CHECK(analysis_language(article("fr-CA", "Storm", "The storm hit the coast."), "en") == "fr");
    CHECK(analysis_language(article("ja", "東京", "東京"), "en") == unstemmed);
    CHECK(analysis_language(article("", "Wahlen", "Die Wahlen in Deutschland finden am Sonntag statt, "
                                                  "sagte die Regierung am Montag."), "en") == "de");
    CHECK(analysis_language(article("", "Storm", "Storm."), "en") == "en");
    CHECK(analysis_language(article("", "Storm", "Storm."), "fr") == "fr");
    CHECK(analysis_language(article("", "Storm", "Storm."), "klingon") == unstemmed);
  }
}
