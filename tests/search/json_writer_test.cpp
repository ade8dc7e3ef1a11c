/// @file JsonWriter: separators, escaping, numbers, and invalid UTF-8.
#include "json_writer.h"

#include "render.h"
#include "utf8.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace {
using article_search::search::append_json_string;
using article_search::search::JsonWriter;
using nlohmann::json;

std::string as_json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}
}  // namespace

TEST_SUITE("json_writer") {
  TEST_CASE("commas and colons go between members and elements, at every depth") {
    JsonWriter out;
    out.begin_object().key("a").value(1).key("b").begin_array().value(true).null();
    out.begin_object().end_object().begin_array().end_array().value("x").end_array();
    out.key("c").begin_object().key("d").value(false).end_object().end_object();
    CHECK(out.str() == R"({"a":1,"b":[true,null,{},[],"x"],"c":{"d":false}})");
  }

  TEST_CASE("strings are escaped as RFC 8259 asks, and read back unchanged") {
    CHECK(as_json_string("plain") == R"("plain")");
    CHECK(as_json_string("say \"hi\" \\ bye") == R"("say \"hi\" \\ bye")");
    CHECK(as_json_string("a\nb\tc\rd\be\ff") == R"("a\nb\tc\rd\be\ff")");
    CHECK(as_json_string(std::string("\x01\x1f\x00", 3)) == R"("\u0001\u001f\u0000")");
    CHECK(as_json_string("</script> & é — 😀") == "\"</script> & é — 😀\"");
    const std::string every_ascii = [] {
      std::string all;
      for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
      return all;
    }();
    CHECK(json::parse(as_json_string(every_ascii)) == every_ascii);
  }

  TEST_CASE("every JSON writer replaces invalid UTF-8 by the one policy of text::repair_utf8") {
    // The streaming writer, nlohmann's dump (search::dump) and the stored-data encoder must
    // show a broken article the same way: random bytes, heavy in lead and continuation bytes.
    std::uint64_t state = 88172645463325252ULL;
    const auto next = [&] {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      return state;
    };
    const unsigned char bytes[] = {'a', ' ', 0x80, 0xBF, 0xC2, 0xC3, 0xE0, 0xE2, 0xED, 0xF0,
                                   0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x8F, 0x90};
    for (int round = 0; round < 3000; ++round) {
      std::string text;
      const auto length = next() % 12;
      for (std::uint64_t i = 0; i < length; ++i) text += static_cast<char>(bytes[next() % std::size(bytes)]);
      CAPTURE(json(article_search::text::repair_utf8(text).text).dump());
      const std::string want = article_search::text::repair_utf8(text).text;
      CHECK(json::parse(as_json_string(text)).get<std::string>() == want);
      CHECK(json::parse(article_search::search::dump(json(text))).get<std::string>() == want);
    }
    CHECK(json::parse(as_json_string("\x80\x80")).get<std::string>() == "\uFFFD\uFFFD");
  }

  TEST_CASE("invalid UTF-8 becomes U+FFFD and the output stays valid JSON") {
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(as_json_string("a\xff" "b") == "\"a" + fffd + "b\"");
    CHECK(as_json_string("\xC3") == "\"" + fffd + "\"");                 // cut short at the end
    CHECK(as_json_string("\xC3(") == "\"" + fffd + "(\"");               // a missing continuation
    CHECK(as_json_string("\xC0\xAF") == "\"" + fffd + fffd + "\"");      // overlong '/'
    CHECK(as_json_string("\xED\xA0\x80") == "\"" + fffd + fffd + fffd + "\"");  // a surrogate
    CHECK(as_json_string("\xF4\x90\x80\x80").find(fffd) != std::string::npos);  // above U+10FFFF
    CHECK(as_json_string("\xE2\x82") == "\"" + fffd + "\"");             // two of three bytes
    CHECK(as_json_string("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");  // four bytes, valid
    for (int byte = 0x80; byte < 0x100; ++byte) {
      const std::string text = std::string("x") + static_cast<char>(byte) + "y";
      CHECK(json::accept(as_json_string(text)));
    }
  }

  TEST_CASE("numbers: integers as they are, doubles in shortest form and always as floats") {
    JsonWriter out;
    out.begin_array().value(-42).value(4294967295u).value(std::uint64_t{18446744073709551615u});
    out.value(1.5).value(100.0).value(22.451471515358726).value(1e-7);
    out.value(std::nan("")).value(std::numeric_limits<double>::infinity()).end_array();
    CHECK(out.str() ==
          "[-42,4294967295,18446744073709551615,1.5,100.0,22.451471515358726,1e-07,null,null]");
    const json parsed = json::parse(out.str());
    CHECK(parsed[4].is_number_float());
    CHECK(parsed[5].get<double>() == 22.451471515358726);
  }
}
