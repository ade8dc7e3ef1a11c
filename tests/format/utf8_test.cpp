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

  TEST_CASE("each maximal ill-formed subpart is replaced with one U+FFFD (Unicode's and WHATWG's rule)") {
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
        {"\xF0\x9F\x98" "x", "\uFFFD" "x", 1},      // a 4-byte character cut after 3
        {"\x80\x80", "\uFFFD\uFFFD", 2},              // stray continuation bytes: one each
        {"\xE2\x82\xC3\xA9", "\uFFFD\u00e9", 1},     // a cut sequence, then a whole one
        {"\xE2\x82\x80\x80", "\u2080\uFFFD", 1},     // a whole sequence, then a stray byte
        {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD", 3},    // a UTF-16 surrogate: no subpart is valid
        {"\xC0\xAF", "\uFFFD\uFFFD", 2},              // an overlong '/': C0 never occurs
        {"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD", 4},  // above U+10FFFF
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

  TEST_CASE("sequence_length gives a character's length, or minus its ill-formed subpart's") {
    CHECK(sequence_length("a", 0) == 1);
    CHECK(sequence_length("\u00e9", 0) == 2);
    CHECK(sequence_length("\U0001F600", 0) == 4);
    CHECK(sequence_length("\x80", 0) == -1);
    CHECK(sequence_length("\xE2\x82", 0) == -2);
    CHECK(sequence_length("\xF0\x9F\x98", 0) == -3);
    CHECK(sequence_length("\xED\xA0\x80", 0) == -1);
  }

  TEST_CASE("binary data is recognised, text with a stray control character is not") {
    CHECK(looks_binary(std::string("ab\0cd", 5)));
    CHECK(looks_binary(std::string(100, '\x01')));
    CHECK_FALSE(looks_binary("text with a tab\tand\r\nline ends and a form feed\f"));
    CHECK_FALSE(looks_binary(std::string(1000, 'a') + "\x1b"));
  }

  TEST_CASE("printable escapes control characters, backslashes and invalid UTF-8, nothing else") {
    struct Row {
      std::string in, out;
    };
    const Row rows[] = {
        // Unchanged: text, including non-ASCII UTF-8
        {"corpus/business/001.txt", "corpus/business/001.txt"},
        {"caf\u00e9 \u2014 \u65e5\u672c.md", "caf\u00e9 \u2014 \u65e5\u672c.md"},
        // A newline would forge a log line; escape codes move the cursor or recolour
        {"a\nwarning: forged.txt", "a\\x0awarning: forged.txt"},
        {"\x1b[2K\x1b[1Aclean.txt", "\\x1b[2K\\x1b[1Aclean.txt"},
        {"tab\there\r\x7f", "tab\\x09here\\x0d\\x7f"},
        {std::string("nul\0byte", 8), "nul\\x00byte"},
        {"c1 \xc2\x9b control", "c1 \\xc2\\x9b control"},
        // A backslash is doubled, so an escape in the output is never ambiguous
        {"a\\x0ab", "a\\\\x0ab"},
        // Invalid UTF-8, byte by byte
        {"latin1 \xa3 and \xff\xfe", "latin1 \\xa3 and \\xff\\xfe"},
        {"cut \xe2\x82", "cut \\xe2\\x82"},
    };
    for (const auto& row : rows) {
      CAPTURE(row.in);
      CHECK(printable(row.in) == row.out);
      CHECK(is_valid_utf8(printable(row.in)));
    }
    CHECK(printable(std::string(400, 'a'), 300) == std::string(300, 'a') + "...");
  }
}

