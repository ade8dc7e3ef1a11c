/// @file Phrases within `body:`: how they are written before parsing (body_phrase.h).
#include "body_phrase.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using article_search::search::body_phrases_as_words;
using article_search::search::body_value_words;
using article_search::search::max_body_phrase_words;

TEST_SUITE("body_phrase") {
  TEST_CASE("a body: phrase is the phrase in the text with each word in the body") {
    struct Row {
      const char* text;
      const char* written;
    };
    const Row rows[] = {
        // phrases, quoted or split by the parser
        {"body:\"shut down\"", "(\"shut down\" AND body:shut AND body:down)"},
        {"kaspersky -body:\"shut down\" x", "kaspersky -(\"shut down\" AND body:shut AND body:down) x"},
        {"+body:\"U.S. sanctions\"", "+(\"U.S. sanctions\" AND body:U.S AND body:sanctions)"},
        {"(body:e-mail OR spam)", "((\"e-mail\" AND body:e AND body:mail) OR spam)"},
        {"body:foo/bar", "(\"foo/bar\" AND body:foo AND body:bar)"},
        // one word, a group, a wildcard, another field: as they were
        {"body:kaspersky", "body:kaspersky"},
        {"body:\"kaspersky\"", "body:\"kaspersky\""},
        {"body:kaspersky's body:C++ body:AT&T", "body:kaspersky's body:C++ body:AT&T"},
        {"body:(shut down)", "body:(shut down)"},
        {"body:kasp*", "body:kasp*"},
        {"title:\"shut down\" nobody:\"a b\"", "title:\"shut down\" nobody:\"a b\""},
        // an unclosed quote is the parser's to read
        {"body:\"shut down", "body:\"shut down"},
        // proximity is matched in the whole text
        {"body:storm NEAR body:surge", "storm NEAR surge"},
        {"+body:storm ADJ/2 body:surge", "+storm ADJ/2 surge"},
        {"body:storm body:surge", "body:storm body:surge"},
    };
    for (const Row& row : rows) {
      CAPTURE(row.text);
      CHECK(body_phrases_as_words(row.text) == row.written);
    }
  }

  TEST_CASE("a body: value splits into words as the parser splits it") {
    CHECK(body_value_words("Kaspersky's C++ U.S. 3.5 AT&T") ==
          std::vector<std::string>{"Kaspersky's", "C++", "U.S", "3.5", "AT&T"});
    CHECK(body_value_words("anti-virus, software.") ==
          std::vector<std::string>{"anti", "virus", "software"});
    CHECK(body_value_words("  ").empty());
  }

  TEST_CASE("the words a query's body phrases add are bounded") {
    std::string phrase = "body:\"";
    for (std::size_t i = 0; i < 3 * max_body_phrase_words; ++i) phrase += "w" + std::to_string(i) + ' ';
    phrase += '"';
    const std::string written = body_phrases_as_words(phrase + ' ' + phrase);
    std::size_t added = 0;
    for (std::size_t at = written.find("AND body:"); at != std::string::npos;
         at = written.find("AND body:", at + 1)) {
      ++added;
    }
    CHECK(added == max_body_phrase_words);
  }
}
