/// @file The schema: boolean terms stay unique and within Xapian's term length limit.
#include "schema.h"

#include <doctest/doctest.h>

using namespace article_search;

TEST_SUITE("schema") {
  TEST_CASE("boolean terms are prefix plus value, with ':' before a capital after a long prefix") {
    CHECK(schema::id_term("business/001") == "Qbusiness/001");
    CHECK(schema::boolean_term(schema::prefix::source, "sport") == "XSOURCEsport");
    CHECK(schema::boolean_term(schema::prefix::source, "Sport") == "XSOURCE:Sport");
    CHECK(schema::boolean_term(schema::prefix::year, "2024") == "Y2024");
  }

  TEST_CASE("long values are cut and hashed: within 245 bytes, still unique, still stable") {
    const std::string a(1000, 'a');
    const std::string b = std::string(999, 'a') + "b";
    const std::string term_a = schema::id_term(a);
    CHECK(term_a.size() <= schema::max_term_bytes);
    CHECK(term_a != schema::id_term(b));
    CHECK(term_a == schema::id_term(a));
  }

  TEST_CASE("a cut never splits a UTF-8 character") {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "\u00e9";
    const std::string term = schema::id_term(text);
    const std::string kept = term.substr(1, term.size() - 1 - 16);
    CHECK(kept.size() % 2 == 0);
  }
}
