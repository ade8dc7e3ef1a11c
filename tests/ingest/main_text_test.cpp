#include "main_text.h"

#include "utf8.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

using article_search::ingest::fragment_text;
using article_search::ingest::HtmlPage;
using article_search::ingest::main_text;

std::string extract(const std::string& html) { return main_text(HtmlPage::parse(html)); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kFirst =
    "The city council voted on Tuesday to extend the tram line to the harbour, ending a "
    "decade of argument about the route, the cost and the trees along the old canal.";
const std::string kSecond =
    "Work starts in the spring, and the first trams should run by the end of next year, "
    "according to the council's transport committee, which met for six hours.";
const std::string kThird =
    "Residents of the harbour district, who had campaigned for the line since 2014, "
    "welcomed the decision, though some shop owners worry about two years of roadworks.";

// A news page as sites make them: chrome all around three paragraphs of article.
std::string news_page() {
  return "<!DOCTYPE html><html><head><title>Tram line</title><style>p{color:red}</style>"
         "<script>var tracking = 'SCRIPT TEXT';</script></head><body>"
         "<div id=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies.</div>"
         "<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News section</a></li>"
         "<li><a href=\"/sport\">Sport section</a></li></ul></nav></header>"
         "<div class=\"breadcrumb\"><a href=\"/\">Home</a> &gt; <a href=\"/local\">Local news</a></div>"
         "<main><article><h1>Tram line to reach the harbour</h1>"
         "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on Twitter</a></div>"
         "<div class=\"article-body\"><p>" + kFirst + "</p><p>" + kSecond + "</p>"
         "<div class=\"ad-slot\">Advertisement: buy the new phone today</div>"
         "<p>" + kThird + "</p><p style=\"display:none\">Hidden paragraph of tracking text</p></div>"
         "<aside class=\"related-stories\"><h2>Related stories</h2><ul><li><a href=\"/a\">Bus lanes "
         "come to the old town after years of delay</a></li></ul></aside>"
         "<section id=\"comments\"><h2>Comments</h2><div class=\"comment\"><p>I think this is a "
         "terrible waste of money and nobody will ever ride it, mark my words.</p></div></section>"
         "</article></main><div class=\"newsletter-signup\"><p>Sign up for our daily newsletter and "
         "never miss a story from the harbour district again.</p><form><input type=email>"
         "<button>Subscribe</button></form></div>"
         "<footer><p>Copyright 2024 The Harbour Gazette. All rights reserved. Terms of use.</p></footer>"
         "</body></html>";
}

}  // namespace

TEST_CASE("main_text: the article's paragraphs, and none of the page's chrome") {
  const std::string text = extract(news_page());
  CHECK(article_search::text::is_valid_utf8(text));
  CHECK(has(text, kFirst));
  CHECK(has(text, kSecond));
  CHECK(has(text, kThird));
  CHECK(has(text, kFirst + "\n\n" + kSecond));
  for (const char* boilerplate :
       {"SCRIPT TEXT", "color:red", "cookies", "News section", "Local news", "Share on",
        "Advertisement", "Hidden paragraph", "Related stories", "Bus lanes", "terrible waste",
        "newsletter", "Subscribe", "Copyright", "Tram line</"}) {
    INFO(boilerplate);
    CHECK_FALSE(has(text, boilerplate));
  }
}

TEST_CASE("main_text: white space is collapsed within a paragraph") {
  const std::string text = extract("<html><body><article><p>  one\n\t two&nbsp;&nbsp;three, "
                                   "<b>four</b> <i>five</i>, six seven eight nine ten  </p></article></body></html>");
  CHECK(text == "one two three, four five, six seven eight nine ten");
}

TEST_CASE("main_text: paragraphs split over sibling containers are all kept") {
  const std::string text = extract(
      "<html><body><div class=\"menu\"><a href=\"/\">Home</a></div><div id=\"content\">"
      "<div class=\"text-block\"><p>" + kFirst + "</p></div><div class=\"text-block\"><p>" +
      kSecond + "</p></div><div class=\"text-block\"><p>" + kThird + "</p></div></div></body></html>");
  CHECK(has(text, kFirst));
  CHECK(has(text, kSecond));
  CHECK(has(text, kThird));
  CHECK_FALSE(has(text, "Home"));
}

TEST_CASE("main_text: headings, lists and quotes inside the article are kept") {
  const std::string text = extract(
      "<html><body><article><p>" + kFirst + "</p><h2>What happens next</h2><ul><li>Surveys of "
      "the canal banks in March</li><li>Tenders for the track in June</li></ul><blockquote>"
      "<p>We listened to everyone, and the harbour route is the best one.</p></blockquote><p>" +
      kSecond + "</p></article></body></html>");
  CHECK(has(text, "What happens next"));
  CHECK(has(text, "Surveys of the canal banks in March"));
  CHECK(has(text, "We listened to everyone"));
  CHECK(has(text, kSecond));
}

TEST_CASE("main_text: a page with no article text gives nothing") {
  CHECK(extract("").empty());
  CHECK(extract("<html><body></body></html>").empty());
  CHECK(extract("<html><body><nav><a href=\"/\">Home</a> <a href=\"/a\">About us</a></nav>"
                "<footer>Copyright 2024</footer><script>document.write('x')</script></body></html>")
            .empty());
  CHECK(extract("<html><body><ul><li><a href=\"/1\">First story headline goes right here</a></li>"
                "<li><a href=\"/2\">Second story headline goes right here</a></li></ul></body></html>")
            .empty());
}

TEST_CASE("main_text: an article inside a boilerplate-named layout is still found") {
  const std::string text = extract("<html><body><div class=\"page has-sidebar\"><div class=\"layout-footer-wrap\">"
                                   "<p>" + kFirst + "</p><p>" + kSecond + "</p></div></div></body></html>");
  CHECK(has(text, kFirst));
  CHECK(has(text, kSecond));
}

TEST_CASE("main_text: malformed markup is read as libxml2 repairs it") {
  const std::string text = extract("<html><body><div class=entry-content><p>" + kFirst + "<p>" + kSecond +
                                   "</span></div></div><p>" + kThird);
  CHECK(has(text, kFirst));
  CHECK(has(text, kSecond));
}

TEST_CASE("main_text: markup nested 100,000 deep neither crashes nor overflows the stack") {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>" + kFirst + "</p>";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "</body></html>";
  const std::string text = extract(html);
  CHECK(article_search::text::is_valid_utf8(text));
  std::string spans = "<html><body><p>";
  for (int i = 0; i < 100000; ++i) spans += "<span><b>";
  spans += kFirst;
  const std::string deep_inline = extract(spans);
  CHECK(article_search::text::is_valid_utf8(deep_inline));
  CHECK(article_search::text::is_valid_utf8(fragment_text(spans)));
}

TEST_CASE("main_text: a 20 MB page finishes in reasonable time") {
  std::string html = "<html><body><nav><a href=\"/\">Home</a></nav><article>";
  while (html.size() < 20u * 1024 * 1024) html += "<p>" + kFirst + " <a href=\"/x\">link</a></p>\n<div class=\"ad\">Ad</div>";
  html += "</article></body></html>";
  const auto start = std::chrono::steady_clock::now();
  const std::string text = extract(html);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(text.size() > 10u * 1024 * 1024);
  CHECK(seconds < 60);
}

TEST_CASE("main_text: text from a windows-1252 page comes out as UTF-8") {
  const std::string text = extract("<html><head><meta charset=windows-1252></head><body><article><p>"
                                   "Le caf\xE9 du port ferme ses portes apr\xE8s quarante ans, "
                                   "dit le patron.</p></article></body></html>");
  CHECK(has(text, "Le caf\xC3\xA9 du port ferme ses portes apr\xC3\xA8s quarante ans"));
}

TEST_CASE("fragment_text: a feed item's content without scripts, styles and widgets") {
  const std::string text = fragment_text(
      "<p>First paragraph of the item.</p><script>alert('x')</script><style>p{}</style>"
      "<iframe src=\"https://video.example/embed\">Video player</iframe><p>Second <b>bold</b> one.</p>");
  CHECK(text == "First paragraph of the item.\n\nSecond bold one.");
  CHECK(fragment_text("").empty());
  CHECK(fragment_text("plain words, no markup") == "plain words, no markup");
  CHECK(article_search::text::is_valid_utf8(fragment_text("bad \xFF byte")));
}

TEST_CASE("main_text: an embedded post quoted by the article stays, a lone ad label goes") {
  const std::string text = extract(
      "<html><body><article><div class=\"entry-content\"><p>" + kFirst + "</p><p>ADVERTISEMENT</p>"
      "<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>The harbour line "
      "is finally happening, and about time too.</p></blockquote></div><p>" + kSecond +
      "</p></div></article></body></html>");
  CHECK(has(text, "The harbour line is finally happening"));
  CHECK_FALSE(has(text, "ADVERTISEMENT"));
  CHECK(has(text, kSecond));
}

TEST_CASE("main_text: old-style pages, text in <br>-separated divs and table cells") {
  const std::string divs = extract(
      "<html><body><div class=\"menu\"><a href=\"/\">Home</a> | <a href=\"/a\">Archive</a></div>"
      "<div id=\"story\">" + kFirst + "<br><br>" + kSecond + "<br><br>" + kThird + "</div>"
      "<div id=\"footer\">Copyright 2003 The Harbour Gazette</div></body></html>");
  CHECK(has(divs, kFirst));
  CHECK(has(divs, kThird));
  CHECK_FALSE(has(divs, "Archive"));
  CHECK_FALSE(has(divs, "Copyright"));
  const std::string table = extract(
      "<html><body><table><tr><td class=\"nav\"><a href=\"/\">Home</a><br><a href=\"/b\">Back issues</a></td>"
      "<td><p>" + kFirst + "</p><p>" + kSecond + "</p></td></tr></table></body></html>");
  CHECK(has(table, kFirst));
  CHECK(has(table, kSecond));
  CHECK_FALSE(has(table, "Back issues"));
}

TEST_CASE("main_text: a comment thread longer than the article stays out") {
  std::string comments;  // paragraphs straight in the thread, more text than the article
  for (int i = 0; i < 12; ++i)
    comments += "<p>Reader comment number " + std::to_string(i) +
                ", which goes on at length, with commas, opinions, and more opinions about trams.</p>";
  const std::string text = extract("<html><body><article><div class=\"story\"><p>" + kFirst + "</p><p>" +
                                   kSecond + "</p></div></article><section id=\"comments\">" +
                                   comments + "</section></body></html>");
  CHECK(has(text, kFirst));
  CHECK(has(text, kSecond));
  CHECK_FALSE(has(text, "Reader comment"));
}
