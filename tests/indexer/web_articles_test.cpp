/// @file Articles from saved pages, feeds and JSON Lines records with the news fields.
#include "web_articles.h"

#include "temp_dir.h"
#include "web_urls.h"

#include <doctest/doctest.h>

using namespace article_search;

namespace {

const Article& article_of(const corpus::Entry& entry) {
  const auto* item = std::get_if<corpus::Item>(&entry);
  REQUIRE_MESSAGE(item != nullptr, std::get<corpus::Skipped>(entry).reason);
  return item->article;
}

const corpus::Item& item_of(const corpus::Entry& entry) { return std::get<corpus::Item>(entry); }

const char* const page = R"(<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Storm hits the coast | The Daily Example</title>
<link rel="canonical" href="https://www.example.com/news/storm">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Storm hits the coast","datePublished":"2024-07-16T21:08:57+02:00",
 "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Tom Roe"}],
 "publisher":{"@type":"Organization","name":"The Daily Example"},
 "articleSection":"Weather","keywords":["storms","coast"]}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Storm hits the coast</h1>
<p>A storm with winds of a hundred miles an hour hit the coast on Tuesday night, cutting
power to thousands of homes and closing the main roads along the shore.</p>
<p>Forecasters said the worst had passed by the morning, but warned of flooding in the
low-lying towns as the rivers rose through the day and the tide came in.</p>
<p>Crews worked through the night to clear fallen trees from the railway lines, and the
first trains ran again shortly after noon on Wednesday.</p>
</article>
<footer>Copyright The Daily Example. All rights reserved. Privacy policy.</footer>
</body></html>)";

const char* const rss = R"(<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example.org/</link><language>en</language>
<item><guid isPermaLink="false">wire-1</guid><title>Markets rally</title>
 <link>https://wire.example.org/markets-rally</link><pubDate>Tue, 16 Jul 2024 21:08:57 GMT</pubDate>
 <dc:creator>Ann Lee</dc:creator><category>Markets</category><category>Stocks</category>
 <description>Shares rose sharply.</description>
 <content:encoded><![CDATA[<p>Shares rose sharply on Tuesday.</p><p>Bonds fell.</p>]]></content:encoded></item>
<item><title>No guid here</title><link>https://wire.example.org/second</link>
 <description>The second item.</description></item>
</channel></rss>)";

}  // namespace

TEST_SUITE("web articles") {
  TEST_CASE("http_url keeps absolute http(s) URLs only; url_host gives the host without www") {
    CHECK(ingest::http_url("https://example.com/a?b#c") == "https://example.com/a?b#c");
    CHECK(ingest::http_url("HTTP://Example.com") == "HTTP://Example.com");
    CHECK(ingest::http_url("javascript:alert(1)").empty());
    CHECK(ingest::http_url("/relative/path").empty());
    CHECK(ingest::http_url("https://").empty());
    CHECK(ingest::http_url("https://a b.com/").empty());
    CHECK(ingest::http_url("https://example.com/\nx").empty());
    CHECK(ingest::http_url("\n  https://example.com/a \n") == "https://example.com/a");  // as feeds lay out <link>
    CHECK(ingest::url_host("https://www.BBC.co.uk/news") == "bbc.co.uk");
    CHECK(ingest::url_host("http://user@host.example:8080/x") == "host.example");
    CHECK(ingest::url_host("not a url").empty());
  }

  TEST_CASE("a saved page is one article: its main text and the metadata it states") {
    const auto entry = corpus::page_entry(page, "2024/storm.html", "pages", "/c/2024/storm.html");
    const Article& a = article_of(entry);
    CHECK(a.id == "2024/storm");
    CHECK(a.path == "2024/storm.html");
    CHECK(a.title == "Storm hits the coast");
    CHECK_FALSE(a.title_derived);
    CHECK(a.date == "2024-07-16T19:08:57");  // UTC
    CHECK(a.url == "https://www.example.com/news/storm");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe", "Tom Roe"});
    CHECK(a.source == "The Daily Example");
    CHECK(a.section == "Weather");
    CHECK(a.tags == std::vector<std::string>{"storms", "coast"});
    CHECK(a.language == "en-GB");
    CHECK(a.body.find("cutting power to thousands") != std::string::npos);
    CHECK(a.body.find("first trains ran again") != std::string::npos);
    CHECK(a.body.find("All rights reserved") == std::string::npos);
    CHECK(a.body.find("Sport") == std::string::npos);
  }

  TEST_CASE("a page without a publisher is sourced by its host, else by its folder") {
    const std::string bare =
        "<html><head><link rel=canonical href='https://www.news.example/x'></head><body><article>"
        "<p>Enough words of article text here to count as the main text of this small page, "
        "written as a reader would see them in a paragraph of a news story.</p>"
        "<p>And a second paragraph that carries on with the story for a while longer.</p>"
        "</article></body></html>";
    CHECK(article_of(corpus::page_entry(bare, "x.html", "folder", "x.html")).source == "news.example");
    std::string no_url = bare;
    no_url.replace(no_url.find("<link"), no_url.find("</head>") - no_url.find("<link"), "");
    const auto entry = corpus::page_entry(no_url, "x.html", "folder", "x.html");
    const Article& a = article_of(entry);
    CHECK(a.source == "folder");
    CHECK(a.title_derived);  // no title stated: cut from the text
  }

  TEST_CASE("a page with no article text, or too large, is skipped with its reason") {
    const auto empty = corpus::page_entry("<html><body><nav><a href=/>Home</a></nav></body></html>",
                                          "e.html", "f", "e.html");
    REQUIRE(std::holds_alternative<corpus::Skipped>(empty));
    CHECK(std::get<corpus::Skipped>(empty).reason == "no article text");
    const std::string huge(corpus::max_page_bytes + 1, 'x');
    const auto big = corpus::page_entry(huge, "h.html", "f", "h.html");
    REQUIRE(std::holds_alternative<corpus::Skipped>(big));
    CHECK(std::get<corpus::Skipped>(big).reason == "page too large");
  }

  TEST_CASE("a feed is one article per item, with ids stable across versions of the feed") {
    const auto entries = corpus::feed_entries(rss, "feeds/wire.rss", "feeds", "/c/feeds/wire.rss");
    REQUIRE(entries.size() == 2);
    const Article& first = article_of(entries[0]);
    CHECK(first.id.starts_with("feeds/wire/"));
    CHECK(first.id.size() == std::string("feeds/wire/").size() + 16);
    CHECK(first.title == "Markets rally");
    CHECK(first.url == "https://wire.example.org/markets-rally");
    CHECK(first.date == "2024-07-16T21:08:57");
    CHECK(first.authors == std::vector<std::string>{"Ann Lee"});
    CHECK(first.tags == std::vector<std::string>{"Markets", "Stocks"});
    CHECK(first.source == "Example Wire");
    CHECK(first.language == "en");
    CHECK(first.feed == "feeds/wire.rss");
    CHECK(first.body.find("Shares rose sharply on Tuesday.") != std::string::npos);
    CHECK(first.body.find("<p>") == std::string::npos);
    CHECK(first.description == "Shares rose sharply.");
    const Article& second = article_of(entries[1]);
    CHECK(second.body == "The second item.");  // no content: the description is the body
    CHECK(second.id != first.id);
    CHECK(item_of(entries[1]).where == "/c/feeds/wire.rss item 2");

    // The same items in another order, one edited: the same ids.
    std::string edited = rss;
    edited.replace(edited.find("Markets rally"), 13, "Markets rally on");
    const auto again = corpus::feed_entries(edited, "feeds/wire.rss", "feeds", "x");
    REQUIRE(again.size() == 2);
    CHECK(article_of(again[0]).id == first.id);
    CHECK(article_of(again[1]).id == second.id);
  }

  TEST_CASE("a file that is not a feed is skipped, and keeps the feed's items") {
    const auto entries = corpus::feed_entries("<html><body>not a feed</body></html>", "f/x.xml", "f", "x.xml");
    REQUIRE(entries.size() == 1);
    const auto* skipped = std::get_if<corpus::Skipped>(&entries[0]);
    REQUIRE(skipped != nullptr);
    CHECK(skipped->reason == "unreadable feed");
    CHECK(skipped->feed == "f/x.xml");
  }
}
