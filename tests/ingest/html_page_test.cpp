#include "html_page.h"

#include "charset.h"
#include "main_text.h"
#include "utf8.h"

#include <doctest/doctest.h>

#include <string>

namespace {

using article_search::ingest::HtmlPage;

// The text of the whole body, as main_text's sibling fragment_text reads it.
std::string body_text(const HtmlPage& page) {
  xmlNode* root = page.root();
  REQUIRE(root != nullptr);
  xmlChar* raw = xmlNodeGetContent(root);
  std::string text(reinterpret_cast<const char*>(raw));
  xmlFree(raw);
  return text;
}

}  // namespace

TEST_CASE("HtmlPage: charset labels resolve the way browsers resolve them") {
  using article_search::ingest::canonical_charset;
  CHECK(canonical_charset("UTF-8") == "utf-8");
  CHECK(canonical_charset(" utf8 ") == "utf-8");
  CHECK(canonical_charset("ISO-8859-1") == "windows-1252");
  CHECK(canonical_charset("latin1") == "windows-1252");
  CHECK(canonical_charset("us-ascii") == "windows-1252");
  CHECK(canonical_charset("Shift_JIS") == "shift_jis");
  CHECK(canonical_charset("gb2312") == "gbk");
  CHECK(canonical_charset("koi8-r") == "koi8-r");
  CHECK_FALSE(canonical_charset("x-no-such-charset").has_value());
}

TEST_CASE("HtmlPage: <meta> declarations are found in both forms") {
  using article_search::ingest::declared_charset;
  CHECK(declared_charset("<head><meta charset=\"ISO-8859-1\">") == "iso-8859-1");
  CHECK(declared_charset("<META CHARSET=koi8-r>") == "koi8-r");
  CHECK(declared_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">") ==
        "shift_jis");
  CHECK_FALSE(declared_charset("<meta name=viewport content=width=device-width>").has_value());
  CHECK_FALSE(declared_charset("<p>charset=utf-8 is not a declaration</p>").has_value());
}

TEST_CASE("HtmlPage: a windows-1252 page declared by <meta charset> reads as UTF-8") {
  const auto page = HtmlPage::parse(
      "<html><head><meta charset=windows-1252></head><body><p>caf\xE9 \x93quoted\x94</p></body></html>");
  CHECK(page.charset() == "windows-1252");
  const std::string text = body_text(page);
  CHECK(article_search::text::is_valid_utf8(text));
  CHECK(text.find("caf\xC3\xA9") != std::string::npos);
  CHECK(text.find("\xE2\x80\x9Cquoted\xE2\x80\x9D") != std::string::npos);
}

TEST_CASE("HtmlPage: iso-8859-1 is read as windows-1252, as browsers do") {
  const auto page = HtmlPage::parse(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
      "</head><body><p>\x80 5 \xE9t\xE9</p></body></html>");
  CHECK(page.charset() == "windows-1252");
  const std::string text = body_text(page);
  CHECK(text.find("\xE2\x82\xAC 5 \xC3\xA9t\xC3\xA9") != std::string::npos);  // € 5 été
}

TEST_CASE("HtmlPage: Shift_JIS and KOI8-R pages") {
  // 日本 in Shift_JIS is 93 FA 96 7B.
  const auto japanese = HtmlPage::parse(
      "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=Shift_JIS\">"
      "</head><body><p>\x93\xFA\x96\x7B</p></body></html>");
  CHECK(japanese.charset() == "shift_jis");
  CHECK(body_text(japanese).find("\xE6\x97\xA5\xE6\x9C\xAC") != std::string::npos);
  // "мир" in KOI8-R is CD C9 D2.
  const auto russian =
      HtmlPage::parse("<html><head><meta charset=koi8-r></head><body><p>\xCD\xC9\xD2</p></body></html>");
  CHECK(russian.charset() == "koi8-r");
  CHECK(body_text(russian).find("\xD0\xBC\xD0\xB8\xD1\x80") != std::string::npos);
}

TEST_CASE("HtmlPage: a byte order mark wins over the <meta>") {
  const auto page = HtmlPage::parse(
      "\xEF\xBB\xBF<html><head><meta charset=windows-1252></head><body><p>caf\xC3\xA9</p></body></html>");
  CHECK(page.charset() == "utf-8");
  CHECK(body_text(page).find("caf\xC3\xA9") != std::string::npos);
  // UTF-16LE with a BOM: "<p>é</p>"
  const std::string utf16("\xFF\xFE<\0p\0>\0\xE9\0<\0/\0p\0>\0", 18);
  const auto wide = HtmlPage::parse(utf16);
  CHECK(wide.charset() == "utf-16le");
  CHECK(body_text(wide).find("\xC3\xA9") != std::string::npos);
}

TEST_CASE("HtmlPage: without a declaration, UTF-8 if valid, else windows-1252") {
  const auto utf8 = HtmlPage::parse("<p>na\xC3\xAFve</p>");
  CHECK(utf8.charset() == "utf-8");
  CHECK(body_text(utf8).find("na\xC3\xAFve") != std::string::npos);
  const auto legacy = HtmlPage::parse("<p>na\xEFve</p>");
  CHECK(legacy.charset() == "windows-1252");
  CHECK(body_text(legacy).find("na\xC3\xAFve") != std::string::npos);
}

TEST_CASE("HtmlPage: a page lying about UTF-8 keeps all its text, invalid bytes as U+FFFD") {
  const auto page = HtmlPage::parse(
      "<html><head><meta charset=utf-8></head><body><p>bad \xE9 byte</p><p>and the rest</p></body></html>");
  CHECK(page.charset() == "utf-8");
  const std::string text = body_text(page);
  CHECK(article_search::text::is_valid_utf8(text));
  CHECK(text.find("bad \xEF\xBF\xBD byte") != std::string::npos);
  CHECK(text.find("and the rest") != std::string::npos);
}

TEST_CASE("HtmlPage: an unknown charset is a warning, and the page is still read") {
  const auto page = HtmlPage::parse(
      "<html><head><meta charset=x-martian></head><body><p>caf\xE9</p></body></html>");
  CHECK(page.charset() == "windows-1252");
  REQUIRE(page.warnings().size() == 1);
  CHECK(page.warnings()[0] == "unknown charset `x-martian`, read as windows-1252");
  CHECK(body_text(page).find("caf\xC3\xA9") != std::string::npos);
}

TEST_CASE("HtmlPage: malformed and empty input") {
  const auto empty = HtmlPage::parse("");
  CHECK(article_search::ingest::main_text(empty).empty());
  const auto broken = HtmlPage::parse("<p>one<p>two</div></span><b>three");
  REQUIRE(broken.root() != nullptr);
  const std::string text = body_text(broken);
  CHECK(text.find("one") != std::string::npos);
  CHECK(text.find("three") != std::string::npos);
  const auto binary = HtmlPage::parse(std::string("\0\x01\x02\xFF\xFE\0", 6));
  CHECK(article_search::text::is_valid_utf8(article_search::ingest::main_text(binary)));
}

TEST_CASE("HtmlPage: external entities are never loaded") {
  const auto page = HtmlPage::parse(
      "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><html><body><p>a &x; b</p></body></html>");
  if (page.root() != nullptr) CHECK(body_text(page).find("root:") == std::string::npos);
}
