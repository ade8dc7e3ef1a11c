/// @file Typo tolerance: which words may be widened, the distance, the lexicon, and
/// searches over a small database with a common word, its misspellings and a number.
#include "typos.h"

#include "document.h"
#include "render.h"
#include "search.h"
#include "temp_dir.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {
using namespace article_search;
using search::osa_distance;
using search::typo_edits;

unsigned distance(std::string_view a, std::string_view b, unsigned max = 3) {
  return osa_distance(search::code_points(a), search::code_points(b), max);
}

/// 120 articles on Kaspersky (`kaspersky` is common), one on "Kaspresky" (a misspelling
/// in the text itself: the exact match of the query `kaspresky`), 40 on the budget, one
/// on "budgte", and one on the year "20245" against 30 on "20244".
struct Fixture {
  Fixture() {
    Xapian::WritableDatabase writable((dir / "db").string(), Xapian::DB_CREATE);
    Xapian::TermGenerator generator = make_term_generator(&writable);
    int n = 0;
    const auto add = [&](const std::string& title, const std::string& body, int copies) {
      for (int i = 0; i < copies; ++i, ++n) {
        Article article;
        article.id = "a" + std::to_string(n);
        article.title = title;
        article.body = body + " Item " + std::to_string(n) + ".";
        article.source = "wire";
        article.path = article.id + ".txt";
        writable.add_document(make_document(article, generator));
      }
    };
    add("Kaspersky report", "The antivirus maker Kaspersky said so in its report.", 120);
    add("Kaspresky report", "The antivirus maker Kaspresky said so in its report.", 1);
    add("The budget", "The budget was voted.", 40);
    add("The budgte", "The budgte was voted.", 1);
    add("Numbers", "The year 20244 came.", 30);
    writable.commit();
    db = Xapian::Database((dir / "db").string());
    parser = search::make_parser(db, search::default_ranking);
  }

  search::SearchResult search(const std::string& q, bool typos = true, int limit = 10,
                              search::Typing typing = search::Typing::complete) {
    search::SearchRequest request;
    request.q = q;
    request.typos = typos;
    request.limit = limit;
    request.typing = typing;
    return search::run_search(db, parser, request, search::default_ranking, {}, &lexicons);
  }

  testing::TempDir dir;
  Xapian::Database db;
  Xapian::QueryParser parser;
  search::TypoLexicons lexicons;
};

bool found_nothing(const search::SearchResult& result) { return result.hits.empty(); }

}  // namespace

TEST_SUITE("typo rule") {
  TEST_CASE("a word may be one edit away from 5 letters, two from 9; never under 5 or with a digit") {
    // Too short.
    CHECK(typo_edits("") == 0);
    CHECK(typo_edits("ban") == 0);
    CHECK(typo_edits("stom") == 0);
    // 5 to 8 letters: one edit.
    CHECK(typo_edits("storm") == 1);
    CHECK(typo_edits("kaspersy") == 1);
    // Letters are code points, not bytes: "zürich" has 6.
    CHECK(typo_edits("zürich") == 1);
    CHECK(typo_edits("día") == 0);
    // 9 and more: two.
    CHECK(typo_edits("kaspresky") == 2);
    CHECK(typo_edits("goverment") == 2);
    CHECK(typo_edits("administration") == 2);
    // Numbers, and words with a digit, never.
    CHECK(typo_edits("20245") == 0);
    CHECK(typo_edits("covid19") == 0);
    CHECK(typo_edits("b2b2b2b2b2") == 0);
    // Over max_typo_word_letters: never.
    CHECK(typo_edits(std::string(search::max_typo_word_letters + 1, 'a')) == 0);
  }

  TEST_CASE("the distance counts a swap of neighbours as one edit (optimal string alignment)") {
    // One edit of each kind.
    CHECK(distance("kaspersky", "kaspresky") == 1);  // swap
    CHECK(distance("form", "from") == 1);            // swap
    CHECK(distance("storm", "stormy") == 1);         // insertion
    CHECK(distance("government", "goverment") == 1); // deletion
    CHECK(distance("budget", "budgat") == 1);        // substitution
    CHECK(distance("zürich", "zurich") == 1);        // one code point, two bytes
    // Two and more.
    CHECK(distance("government", "govermnet") == 2);
    CHECK(distance("budget", "bidgat") == 2);
    CHECK(distance("kaspersky", "kapsersyk") == 2);
    CHECK(distance("kitten", "sitting") == 3);
    // OSA edits no substring twice: "ca" -> "abc" is 3, not Damerau's 2.
    CHECK(distance("ca", "abc") == 3);
    // Equal words, empty words.
    CHECK(distance("storm", "storm") == 0);
    CHECK(distance("", "abc") == 3);
    CHECK(distance("", "") == 0);
  }

  TEST_CASE("a distance above the bound is the bound plus one, however far") {
    CHECK(distance("kitten", "sitting", 2) == 3);
    CHECK(distance("kitten", "sitting", 1) == 2);
    CHECK(distance("a", "abcdefgh", 2) == 3);
    CHECK(distance("abcdefghij", "jihgfedcba", 2) == 3);
    // Longer than the stack rows hold.
    const std::string long_word(100, 'a');
    CHECK(distance(long_word, long_word + "b", 2) == 1);
    CHECK(distance(long_word, "b" + long_word + "b", 1) == 2);
  }
}

TEST_SUITE("typo lexicon") {
  TEST_CASE("near gives the close words, fewest edits first, then the most frequent") {
    const search::TypoLexicon lexicon({{"government", 50}, {"governments", 20}, {"govern", 9},
                                       {"goverment", 1}, {"budget", 40}, {"covid19", 7}});
    CHECK(lexicon.size() == 5);  // not the word with a digit
    const auto close = lexicon.near("govermnet", 2);
    REQUIRE(close.size() == 2);
    CHECK(close[0].word == "goverment");
    CHECK(close[0].edits == 1);
    CHECK(close[1].word == "government");
    CHECK(close[1].edits == 2);
    CHECK(close[1].frequency == 50);
    // Itself is not a close word; one edit allows one.
    const auto one = lexicon.near("goverment", 1);
    REQUIRE(one.size() == 1);
    CHECK(one[0].word == "government");
    CHECK(lexicon.near("budget", 1).empty());
    CHECK(lexicon.near("budget", 0).empty());
    // At most `limit`.
    CHECK(lexicon.near("govermnet", 2, 1).size() == 1);
  }

  TEST_CASE("a lexicon over a database holds its spelling table") {
    const Fixture f;
    const search::TypoLexicon lexicon(f.db);
    const auto close = lexicon.near("kasperksy", 1);
    REQUIRE(close.size() == 1);
    CHECK(close[0].word == "kaspersky");
    CHECK(close[0].frequency == 240);  // title and body of 120 articles
    const search::TypoLexicon none(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY));
    CHECK(none.size() == 0);
    CHECK(none.near("kasperksy", 1).empty());
  }
}

TEST_SUITE("typo tolerance") {
  TEST_CASE("an absent word finds the common close word, and the answer says so") {
    Fixture f;
    const auto result = f.search("kaspersy");
    CHECK(result.total == 120);
    REQUIRE(result.typos.size() == 1);
    CHECK(result.typos[0].word == "kaspersy");
    CHECK(result.typos[0].matches == std::vector<std::string>{"kaspersky"});
    const auto json = nlohmann::json::parse(search::search_json(result));
    CHECK(json["query"]["typos"] ==
          nlohmann::json::parse(R"([{"word":"kaspersy","matches":["kaspersky"]}])"));
    // The matched spelling is marked, in the title and the snippet.
    REQUIRE_FALSE(result.hits.empty());
    CHECK(result.hits[0].title_html == "<mark>Kaspersky</mark> report");
    CHECK(result.hits[0].snippet.html.find("maker <mark>Kaspersky</mark> said") != std::string::npos);
  }

  TEST_CASE("typos=false finds only exact matches") {
    Fixture f;
    const auto result = f.search("kaspersy", false);
    CHECK(found_nothing(result));
    CHECK(result.typos.empty());
    CHECK_FALSE(nlohmann::json::parse(search::search_json(result))["query"].contains("typos"));
    search::RankingConfig off = search::default_ranking;
    off.typo_tolerance = false;
    search::SearchRequest request;
    request.q = "kaspersy";
    CHECK(found_nothing(search::run_search(f.db, f.parser, request, off, {}, &f.lexicons)));
  }

  TEST_CASE("an exact match of a rare word ranks above the close common word's matches") {
    Fixture f;
    // "kaspresky" is in 1 article, "kaspersky" (one swap away) in 120.
    const auto result = f.search("kaspresky", true, 200);
    CHECK(result.total == 121);
    REQUIRE(result.hits.size() == 121);
    CHECK(result.hits[0].id == "a120");
    CHECK(result.hits[0].score > result.hits[1].score);
    REQUIRE(result.typos.size() == 1);
    CHECK(result.typos[0].matches == std::vector<std::string>{"kaspersky"});
    // Without typo tolerance only the exact match.
    CHECK(f.search("kaspresky", false).total == 1);
  }

  TEST_CASE("the same document scores lower through a close word than through the word") {
    Fixture f;
    const auto exact = f.search("kaspersky");
    const auto widened = f.search("kaspersy");
    REQUIRE_FALSE(exact.hits.empty());
    REQUIRE_FALSE(widened.hits.empty());
    CHECK(widened.hits[0].score < exact.hits[0].score);
  }

  TEST_CASE("a 6-letter word two edits from a common word is not widened; a 9-letter one is") {
    Fixture f;
    // "bidgat" is two edits from "budget" (40 articles): too far for 6 letters.
    const auto six = f.search("bidgat");
    CHECK(found_nothing(six));
    CHECK(six.typos.empty());
    // One edit from it is: "budgte" is in 1 article only, "budget" in 40 (fewer than
    // 100 times as many): the rare word is left alone.
    CHECK(f.search("budgte").total == 1);
    CHECK(f.search("budgte").typos.empty());
    // Absent and one edit away: widened.
    CHECK(f.search("budgett").total == 40);
    // Two edits from "kaspersky", 9 letters: widened.
    const auto nine = f.search("kapsersyk");
    CHECK(nine.total == 120);
    REQUIRE(nine.typos.size() == 1);
    CHECK(nine.typos[0].matches == std::vector<std::string>{"kaspersky"});
  }

  TEST_CASE("a common word is never widened, numbers and short words never are") {
    Fixture f;
    CHECK(f.search("budget").typos.empty());
    CHECK(f.search("budget").total == 40);
    // "20245" is one substitution from "20244" (30 articles), but a number.
    CHECK(found_nothing(f.search("20245")));
    // "repor" has 5 letters (widened to "report"), "repo" and "bugt" 4 (never).
    CHECK(f.search("repor").total == 121);
    CHECK(found_nothing(f.search("repo")));
    CHECK(found_nothing(f.search("bugt")));
  }

  TEST_CASE("phrases, filter values, wildcards and the word being typed are not widened") {
    Fixture f;
    CHECK(found_nothing(f.search("\"kaspersy report\"")));
    CHECK(found_nothing(f.search("source:wirre")));
    CHECK(found_nothing(f.search("kasperks*")));
    CHECK(f.search("kaspersy", true, 10, search::Typing::partial).typos.empty());
    // A finished word before it is.
    CHECK(f.search("kaspersy rep", true, 10, search::Typing::partial).typos.size() == 1);
  }

  TEST_CASE("a field's words are widened within the field") {
    Fixture f;
    const auto result = f.search("title:kaspersy");
    CHECK(result.total == 120);
    CHECK(result.understood.find("Skasperski") != std::string::npos);
    CHECK(f.search("body:kaspersy").total == 120);
  }

  TEST_CASE("each word is reported once, in query order, however often it is parsed") {
    Fixture f;
    const auto result = f.search("budgett kaspersy budgett");
    REQUIRE(result.typos.size() == 2);
    CHECK(result.typos[0].word == "budgett");
    CHECK(result.typos[1].word == "kaspersy");
  }

  TEST_CASE("without spelling data nothing is widened, and the answer says why") {
    Fixture f;
    topology::Capabilities remote;
    remote.spelling = false;
    search::SearchRequest request;
    request.q = "kaspersy";
    const auto result = search::run_search(f.db, f.parser, request, search::default_ranking, remote);
    CHECK(found_nothing(result));
    CHECK(result.warnings == std::vector<std::string_view>{search::warning::no_did_you_mean,
                                                           search::warning::no_typos});
    request.q = "kaspersky";
    CHECK(search::run_search(f.db, f.parser, request, search::default_ranking, remote).warnings ==
          std::vector<std::string_view>{search::warning::no_did_you_mean});
  }

  TEST_CASE("without a lexicon cache a search reads the spelling table itself") {
    Fixture f;
    search::SearchRequest request;
    request.q = "kaspersy";
    CHECK(search::run_search(f.db, f.parser, request, search::default_ranking).total == 120);
  }
}

TEST_SUITE("typo lexicons") {
  TEST_CASE("one lexicon is shared until the database changes, then built again") {
    Fixture f;
    const auto first = f.lexicons.lexicon_for(f.db);
    CHECK(f.lexicons.lexicon_for(f.db) == first);
    // Another database (a new generation): built again at once.
    const testing::TempDir other;
    Xapian::WritableDatabase writable((other / "db").string(), Xapian::DB_CREATE);
    writable.add_spelling("storm", 3);
    writable.commit();
    const auto second = f.lexicons.lexicon_for(Xapian::Database((other / "db").string()));
    CHECK(second != first);
    CHECK(second->size() == 1);
    // A commit to it: the lexicon is kept for a while (lexicon_refresh_interval).
    writable.add_spelling("stormy", 3);
    writable.commit();
    CHECK(f.lexicons.lexicon_for(Xapian::Database((other / "db").string())) == second);
  }
}
