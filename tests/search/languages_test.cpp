/// @file Searching across languages and accents: each article stemmed in its language,
/// every word folded, and a query stemmed in the languages the index holds.
#include "document.h"
#include "documents.h"
#include "hits.h"
#include "languages.h"
#include "search.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {
using namespace article_search;
using namespace article_search::search;

Article article(std::string id, std::string language, std::string title, std::string body) {
  Article a;
  a.id = std::move(id);
  a.language = std::move(language);
  a.title = std::move(title);
  a.body = std::move(body);
  a.source = "fixture";
  a.date = "2024-07-01";
  return a;
}

/// On disk: the in-memory backend keeps no spelling data, which completions read.
struct Index {
  testing::TempDir dir;
  Xapian::WritableDatabase db{(dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE};
  explicit Index(const std::vector<Article>& articles) {
    Xapian::TermGenerator generator = make_term_generator(&db);  // with spelling data
    for (const Article& a : articles) db.add_document(make_document(a, generator));
    db.commit();
  }
  SearchResult search(const std::string& q, const std::string& language = {}) {
    Xapian::QueryParser parser = make_parser(db, default_ranking);
    SearchRequest request;
    request.q = q;
    if (!language.empty()) filter_values(request, "language") = {language};
    return run_search(db, parser, request, default_ranking);
  }
  SearchResult search_with_typos(const std::string& q) {
    Xapian::QueryParser parser = make_parser(db, default_ranking);
    SearchRequest request;
    request.q = q;
    return run_search(db, parser, request, default_ranking, {}, &lexicons);
  }
  TypoLexicons lexicons;
};

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> found;
  for (const Hit& hit : result.hits) found.push_back(hit.id);
  return found;
}

bool has(const SearchResult& result, const std::string& id) {
  const auto found = ids(result);
  return std::find(found.begin(), found.end(), id) != found.end();
}

const Hit& hit(const SearchResult& result, const std::string& id) {
  for (const Hit& h : result.hits) {
    if (h.id == id) return h;
  }
  FAIL("no hit " << id);
  return result.hits.front();
}

std::vector<Article> news() {
  return {
      article("fr-1", "fr", "Le second tour", "Les électeurs ont voté dimanche pour l'élection du maire."),
      article("de-1", "de", "Die Wahl", "Die Wahl des Bürgermeisters fand am Sonntag in Zürich statt."),
      article("en-1", "en", "Storm in Zürich", "A storm hit Zürich and the café on the lake was closed."),
      article("en-2", "", "Rail strike",
              "The rail strike closed the lines between the capital and the coast on Monday, "
              "the union said, and more strikes were called for the weekend."),
  };
}

}  // namespace

TEST_SUITE("languages and accents") {
  TEST_CASE("a word without its accents finds and marks the accented spelling, and back") {
    Index index(news());
    const SearchResult zurich = index.search("zurich");
    CHECK(has(zurich, "en-1"));
    CHECK(has(zurich, "de-1"));
    CHECK(hit(zurich, "en-1").title_html == "Storm in <mark>Zürich</mark>");
    CHECK(hit(zurich, "en-1").snippet.html.find("<mark>Zürich</mark>") != std::string::npos);
    const SearchResult cafe = index.search("cafe");
    CHECK(ids(cafe) == std::vector<std::string>{"en-1"});
    CHECK(cafe.hits.front().snippet.html.find("<mark>café</mark>") != std::string::npos);
    CHECK(ids(index.search("CAFÉ")) == std::vector<std::string>{"en-1"});
    CHECK(ids(index.search("\"storm in zurich\"")) == std::vector<std::string>{"en-1"});
  }

  TEST_CASE("a start typed without its accents completes to the accented word") {
    Index index(news());
    const auto completions = [&](const std::string& q) { return suggest(index.db, q, 8, {}).completions; };
    const auto zur = completions("storm zur");
    CHECK(std::find(zur.begin(), zur.end(), "storm zürich") != zur.end());
    const auto zuer = completions("ZÜR");
    CHECK(std::find(zuer.begin(), zuer.end(), "zürich") != zuer.end());
    const auto caf = completions("caf");
    CHECK(std::find(caf.begin(), caf.end(), "café") != caf.end());
    CHECK(completions("qqq").empty());
  }

  TEST_CASE("each language's words are found by their other forms") {
    Index index(news());
    // The French stemmer joins élection and élections; English alone would not reach "élect".
    const SearchResult elections = index.search("élections");
    CHECK(has(elections, "fr-1"));
    CHECK(hit(elections, "fr-1").snippet.html.find("élection</mark>") != std::string::npos);
    CHECK(has(index.search("elections"), "fr-1"));
    CHECK(has(index.search("Wahlen"), "de-1"));
    CHECK(ids(index.search("strikes")) == std::vector<std::string>{"en-2"});
  }

  TEST_CASE("a typo is measured on folded words: zurch is one edit from Zürich") {
    Index index(news());
    const SearchResult found = index.search_with_typos("zurch");
    CHECK(has(found, "en-1"));
    CHECK(has(found, "de-1"));
    REQUIRE(found.typos.size() == 1);
    CHECK(found.typos[0].word == "zurch");
    CHECK(found.typos[0].matches == std::vector<std::string>{"zürich"});
    CHECK(hit(found, "en-1").snippet.html.find("<mark>Zürich</mark>") != std::string::npos);
  }

  TEST_CASE("a query drops the stopwords of the language it is read in") {
    Index index(news());
    // The index is mostly English: `war` and `die` stay words, English's `the` goes.
    const SearchResult english = index.search("the war die");
    CHECK(english.understood.find("the") == std::string::npos);
    CHECK(english.understood.find("war") != std::string::npos);
    CHECK(english.understood.find("die") != std::string::npos);
    // Read as French, French's function words go and its words stay.
    const SearchResult french = index.search("les élections de la ville", "fr");
    CHECK(french.understood.find("les") == std::string::npos);
    CHECK(french.understood.find(" de ") == std::string::npos);
    CHECK(french.understood.find("elect") != std::string::npos);  // stems are folded
    CHECK(has(french, "fr-1"));
    // Read as German, `die` and `war` are function words.
    const SearchResult german = index.search("die Wahl war", "de");
    CHECK(german.understood.find("die") == std::string::npos);
    CHECK(german.understood.find("war") == std::string::npos);
    CHECK(has(german, "de-1"));
  }

  TEST_CASE("the language filter chooses the stemmer and widens nothing") {
    Index index(news());
    const SearchResult french = index.search("élections", "fr");
    CHECK(ids(french) == std::vector<std::string>{"fr-1"});
    CHECK(french.understood.find("SYNONYM") == std::string::npos);
  }

  TEST_CASE("an index of one language is searched exactly as before: no widening") {
    Index index({news()[2], news()[3]});
    const SearchResult result = index.search("strikes closed");
    CHECK(result.understood.find("SYNONYM") == std::string::npos);
    CHECK(result.understood.find("strike") != std::string::npos);
    CHECK(ids(result).front() == "en-2");
  }

  TEST_CASE("query_languages: most common first, the filter's when asked, English when none") {
    Index index(news());
    const QueryLanguages present = query_languages(index.db, {});
    CHECK(present.primary == "en");
    CHECK(present.others.size() == 2);
    CHECK(query_languages(index.db, {"de-CH"}).primary == "de");
    CHECK(query_languages(index.db, {"ja"}).primary == "en");  // no stemmer: what the index holds
    Xapian::WritableDatabase empty{std::string(), Xapian::DB_BACKEND_INMEMORY};
    CHECK(query_languages(empty, {}).primary == "en");
    CHECK(query_languages(empty, {}).others.empty());
  }
}
