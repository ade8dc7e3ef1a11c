/// @file UTF-8 validation, repair and binary detection.
#include "utf8.h"

#include <doctest/doctest.h>

using namespace article_search::text;

TEST_SUITE("utf8") {
  TEST_CASE("well-formed UTF-8 is accepted and left alone") {
    for (const char* s : {"", "plain ASCII", "\u00a3100", "\u2019quotes\u201d", "\U0001F600"}) {
      CAPTURE(s);
      CHECK(is_valid_utf8(s));
      CHECK(repair_utf8(s).text == s);
      CHECK(repair_utf8(s).invalid_sequences == 0);
    }
  }

  TEST_CASE("invalid sequences are each replaced with one U+FFFD") {
    struct Row {
      std::string in;
      std::string out;
      std::size_t count;
    };
    const Row rows[] = {
        // Latin-1 pound sign, as in the BBC corpus's sport/199.txt
        {"\xA3" "100", "\uFFFD" "100", 1},
        {"a\xC3", "a\uFFFD", 1},                   // truncated at the end
        {"\xE2\x82" "x", "\uFFFD" "x", 1},          // truncated in the middle
        {"\xED\xA0\x80", "\uFFFD", 1},              // a UTF-16 surrogate
        {"\xC0\xAF", "\uFFFD", 1},                  // an overlong '/'
        {"\xF4\x90\x80\x80", "\uFFFD", 1},          // above U+10FFFF
        {"\xFF\xFE", "\uFFFD\uFFFD", 2},
    };
    for (const auto& row : rows) {
      CAPTURE(row.in);
      CHECK_FALSE(is_valid_utf8(row.in));
      const Utf8Repair fix = repair_utf8(row.in);
      CHECK(fix.text == row.out);
      CHECK(fix.invalid_sequences == row.count);
      CHECK(is_valid_utf8(fix.text));
    }
  }

  TEST_CASE("binary data is recognised, text with a stray control character is not") {
    CHECK(looks_binary(std::string("ab\0cd", 5)));
    CHECK(looks_binary(std::string(100, '\x01')));
    CHECK_FALSE(looks_binary("text with a tab\tand\r\nline ends and a form feed\f"));
    CHECK_FALSE(looks_binary(std::string(1000, 'a') + "\x1b"));
  }
}
