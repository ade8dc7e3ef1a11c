/// @file Escaping, highlighting and snippets: table-driven, no database.
#include "snippet.h"

#include "schema.h"

#include <doctest/doctest.h>

namespace {
using namespace article_search::search;

MatchTerms stems(std::set<std::string> words) { return MatchTerms{std::move(words), {}}; }

std::string highlight(std::string_view text, const MatchTerms& terms) {
  return mark_matches(text, find_matches(text, terms, Xapian::Stem("english")));
}

}  // namespace

TEST_SUITE("html_escape") {
  TEST_CASE("escapes the five special characters and nothing else") {
    struct Row {
      const char* in;
      const char* out;
    };
    const Row rows[] = {
        // markup
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
        // quotes and ampersands
        {"\"a\" & 'b'", "&quot;a&quot; &amp; &#39;b&#39;"},
        {"&amp;", "&amp;amp;"},
        // untouched
        {"", ""},
        {"plain “curly” text", "plain “curly” text"},
    };
    for (const Row& row : rows) CHECK(html_escape(row.in) == row.out);
  }
}

TEST_SUITE("highlighting") {
  TEST_CASE("marks words whose stem is a query term") {
    struct Row {
      const char* text;
      std::set<std::string> terms;
      const char* html;
    };
    const Row rows[] = {
        // stemmed forms
        {"The ban: banned, bans, Ban.", {"ban"}, "The <mark>ban</mark>: <mark>banned</mark>, <mark>bans</mark>, <mark>Ban</mark>."},
        // possessives with straight and curly apostrophes
        {"Kaspersky's and Kaspersky’s", {"kasperski"}, "<mark>Kaspersky&#39;s</mark> and <mark>Kaspersky’s</mark>"},
        // a word that merely contains a term is not marked
        {"banner bandit", {"ban"}, "banner bandit"},
        // markup around a match stays escaped
        {"<b>ban</b>", {"ban"}, "&lt;b&gt;<mark>ban</mark>&lt;/b&gt;"},
        // no terms, nothing marked
        {"ban", {}, "ban"},
    };
    for (const Row& row : rows) {
      INFO(row.text);
      CHECK(highlight(row.text, stems(row.terms)) == row.html);
    }
  }

  TEST_CASE("wildcard words mark every word they start") {
    const MatchTerms terms{{}, {"kasp"}};
    CHECK(highlight("Kaspersky, kasbah", terms) == "<mark>Kaspersky</mark>, kasbah");
  }

  TEST_CASE("field terms: the title gets S terms, the body XB terms, both unprefixed ones") {
    const Xapian::Query query(Xapian::Query::OP_OR,
                              Xapian::Query("Skaspersky"), Xapian::Query(Xapian::Query::OP_OR,
                                                                         Xapian::Query("XBban"),
                                                                         Xapian::Query("russia")));
    const auto title = terms_for_field(query, article_search::schema::prefix::title, {});
    const auto body = terms_for_field(query, article_search::schema::prefix::body, {});
    CHECK(title.stems == std::set<std::string>{"kaspersky", "russia"});  // terms as given
    CHECK(body.stems == std::set<std::string>{"ban", "russia"});
  }

  TEST_CASE("match offsets are byte offsets of whole words") {
    const auto matches = find_matches("Café ban", stems({"ban"}), Xapian::Stem("english"));
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].begin == 6);
    CHECK(matches[0].end == 9);
  }
}

TEST_SUITE("make_snippet") {
  const Xapian::Stem stemmer("english");

  TEST_CASE("a short text is kept whole") {
    const std::string text = "A ban on Kaspersky.";
    const auto snippet = make_snippet(text, find_matches(text, stems({"ban"}), stemmer));
    CHECK(snippet.text == text);
    CHECK(snippet.html == "A <mark>ban</mark> on Kaspersky.");
  }

  TEST_CASE("a long text is cut around the window with most distinct terms") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "filler words here. ";
    text += "Kaspersky alone. ";
    for (int i = 0; i < 40; ++i) text += "more filler text. ";
    text += "Here the ban hit Kaspersky hard. ";
    for (int i = 0; i < 40; ++i) text += "trailing filler. ";
    const auto matches = find_matches(text, stems({"ban", "kasperski"}), stemmer);
    const auto snippet = make_snippet(text, matches, 120);
    CHECK(snippet.text.find("the ban hit Kaspersky hard") != std::string::npos);
    CHECK(snippet.text.rfind("\xE2\x80\xA6 ", 0) == 0);
    CHECK(snippet.text.size() <= 120 + 8);
    REQUIRE(snippet.matches.size() == 2);
    for (const auto& match : snippet.matches) {
      const std::string word = snippet.text.substr(match.begin, match.end - match.begin);
      CHECK((word == "ban" || word == "Kaspersky"));
    }
  }

  TEST_CASE("without matches the snippet is the start of the text") {
    std::string text(1000, 'x');
    for (std::size_t i = 10; i < text.size(); i += 11) text[i] = ' ';
    const auto snippet = make_snippet(text, {}, 100);
    CHECK(snippet.text.rfind("xxxxxxxxxx xxx", 0) == 0);
    CHECK(snippet.text.size() <= 104);
    CHECK(snippet.matches.empty());
  }

  TEST_CASE("a text without spaces is never cut inside a UTF-8 sequence") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "é";
    const auto snippet = make_snippet(text, {}, 101);
    const std::string body = snippet.text.substr(0, snippet.text.size() - 4);
    CHECK(body.size() % 2 == 0);
  }
}

TEST_SUITE("find_matches shortcuts") {
  TEST_CASE("is_word_char agrees with Xapian's is_wordchar") {
    for (unsigned ch = 0; ch < 0x3000; ++ch) {
      INFO(ch);
      CHECK(is_word_char(ch) == Xapian::Unicode::is_wordchar(ch));
    }
  }

  TEST_CASE("possible_first_bytes: the first bytes of stems and wildcard words") {
    const auto first = possible_first_bytes(MatchTerms{{"ban", "école"}, {"kasp"}});
    CHECK(first.count() == 3);
    CHECK(first['b']);
    CHECK(first['k']);
    CHECK(first[0xC3]);  // é
    CHECK(possible_first_bytes(MatchTerms{{""}, {}}).all());
    CHECK(possible_first_bytes(MatchTerms{{}, {""}}).all());
    CHECK(possible_first_bytes(MatchTerms{}).none());
  }

  TEST_CASE("the stemmer keeps a word's first byte, which find_matches relies on") {
    const Xapian::Stem stemmer(article_search::schema::stem_language);
    // The stemmer's irregular forms and suffix rules that rewrite the most of a word.
    for (const char* word : {"dying", "lying", "tying", "skies", "ies", "ied", "ing", "ed", "s",
                             "generously", "early", "only", "news", "yelling", "éclairs", "ūnus"}) {
      INFO(word);
      const std::string stem = stemmer(word);
      REQUIRE(!stem.empty());
      CHECK(stem.front() == word[0]);
    }
  }

  TEST_CASE("upper-case and non-ASCII first letters still match") {
    const Xapian::Stem stemmer(article_search::schema::stem_language);
    CHECK(highlight("École, ÉCOLES and écoles", stems({stemmer("écoles")})) ==
          "<mark>École</mark>, <mark>ÉCOLES</mark> and <mark>écoles</mark>");
    CHECK(highlight("Dying and dies", stems({"die"})) == "<mark>Dying</mark> and <mark>dies</mark>");
    CHECK(highlight("O’Neill’s OBAN ban", stems({stemmer("o'neill's"), "ban"})) ==
          "<mark>O’Neill’s</mark> OBAN <mark>ban</mark>");
  }
}
