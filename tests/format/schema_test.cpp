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

  TEST_CASE("folded filter fields match whole values whatever the case") {
    const auto* author = article_search::schema::filter_field("author");
    REQUIRE(author != nullptr);
    CHECK(author->folded);
    CHECK(filter_term(*author, "Jane Doe") == filter_term(*author, "jane  DOE"));
    CHECK(filter_term(*author, "Émile Zola") == filter_term(*author, "émile zola"));
    CHECK(filter_term(*author, "Jane Doe") != filter_term(*author, "Jane"));
    const auto* source = article_search::schema::filter_field("source");
    REQUIRE(source != nullptr);
    CHECK(filter_term(*source, "Wire") != filter_term(*source, "wire"));  // as before
    CHECK(article_search::schema::filter_field("lang") == nullptr);  // the parameter is `language`
    CHECK(article_search::schema::filter_field("language")->query_name == "lang");
  }

  TEST_CASE("a list field's slot holds its values joined, and gives them back") {
    const auto* tag = article_search::schema::filter_field("tag");
    REQUIRE(tag != nullptr);
    CHECK(slot_values(*tag, "a\nb c\n\nd") == std::vector<std::string>{"a", "b c", "d"});
    CHECK(slot_values(*tag, "").empty());
    const auto* year = article_search::schema::filter_field("year");
    CHECK(slot_values(*year, "2024") == std::vector<std::string>{"2024"});
  }

  TEST_CASE("field values: whitespace collapsed, control characters gone, repeats dropped") {
    using article_search::field_value;
    using article_search::field_values;
    CHECK(field_value("  Jane\n\tDoe \x01 ") == "Jane Doe");
    CHECK(field_value(std::string(2000, 'x')).size() == 1000);
    CHECK(field_value("\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9");  // never half a character
    CHECK(field_values({"Jane Doe", " jane doe", "", "  ", "Tom"}) ==
          std::vector<std::string>{"Jane Doe", "Tom"});
    CHECK(field_values(std::vector<std::string>(100, "x")).size() == 1);
  }
}
