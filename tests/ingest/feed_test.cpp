/// @file read_feed and looks_like_feed on small hand-written feeds of each kind, and on
/// the hostile ones: XML bombs, external entities, truncation, things that are not feeds.
#include "feed.h"

#include "temp_dir.h"
#include "utf8.h"

#include <doctest/doctest.h>

#include <sys/resource.h>

#include <chrono>
#include <string>

using namespace article_search::ingest;

namespace {

Feed must_read(std::string_view bytes) {
  std::string error;
  auto feed = read_feed(bytes, error);
  INFO("error: " << error);
  REQUIRE(feed.has_value());
  CHECK(error.empty());
  return std::move(*feed);
}

std::string read_error(std::string_view bytes) {
  std::string error;
  const auto feed = read_feed(bytes, error);
  CHECK_FALSE(feed.has_value());
  return error;
}

/// Every string a feed gives, joined: for checks that something appears nowhere.
std::string everything(const Feed& feed) {
  std::string all = feed.title + feed.url + feed.language;
  for (const auto& w : feed.warnings) all += w;
  for (const FeedEntry& e : feed.entries) {
    all += e.key + e.title + e.url + e.published + e.updated + e.content + e.summary;
    for (const auto& a : e.authors) all += a;
    for (const auto& c : e.categories) all += c;
  }
  return all;
}

long max_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

constexpr std::string_view kRss2 = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>The Daily &amp; Weekly</title>
    <link>https://news.example.com/</link>
    <atom:link rel="self" href="https://news.example.com/feed.xml"/>
    <language>en-us</language>
    <image><title>Logo title</title><url>https://news.example.com/logo.png</url></image>
    <item>
      <guid isPermaLink="false">urn:story:1</guid>
      <title>Mayor&#8217;s plan &amp; the budget</title>
      <link>https://news.example.com/a/1</link>
      <pubDate>Tue, 16 Jul 2024 21:08:57 +0200</pubDate>
      <author>jo@example.com (Jo Doe)</author>
      <dc:creator>Sam Roe</dc:creator>
      <category>Politics</category>
      <category>City</category>
      <category>politics</category>
      <description><![CDATA[<p>The <b>plan</b> in brief.</p>]]></description>
      <content:encoded><![CDATA[<p>Full text &amp; more.</p>]]></content:encoded>
    </item>
    <item>
      <title>Second</title>
      <link>https://news.example.com/a/2</link>
    </item>
    <item>
      <title>Third, with neither guid nor link</title>
      <description>Plain</description>
    </item>
  </channel>
</rss>)";

}  // namespace

TEST_CASE("RSS 2.0: channel and items, every field") {
  const Feed feed = must_read(kRss2);
  CHECK(feed.title == "The Daily & Weekly");
  CHECK(feed.url == "https://news.example.com/");
  CHECK(feed.language == "en-US");
  CHECK(feed.warnings.empty());
  REQUIRE(feed.entries.size() == 3);

  const FeedEntry& first = feed.entries[0];
  CHECK(first.key == "urn:story:1");
  CHECK(first.title == "Mayor\u2019s plan & the budget");
  CHECK(first.url == "https://news.example.com/a/1");
  CHECK(first.published == "2024-07-16T19:08:57");
  CHECK(first.updated.empty());
  CHECK(first.authors == std::vector<std::string>{"Jo Doe", "Sam Roe"});
  CHECK(first.categories == std::vector<std::string>{"Politics", "City"});
  CHECK(first.summary == "<p>The <b>plan</b> in brief.</p>");  // CDATA is text, kept as given
  CHECK(first.summary_is_html);
  CHECK(first.content == "<p>Full text &amp; more.</p>");
  CHECK(first.content_is_html);
  CHECK(first.where == "item 1");
}

TEST_CASE("an item without a guid is keyed by its link; with neither, the key is empty") {
  const Feed feed = must_read(kRss2);
  REQUIRE(feed.entries.size() == 3);
  CHECK(feed.entries[1].key == "https://news.example.com/a/2");
  CHECK(feed.entries[1].published.empty());  // no date: none is made up
  CHECK(feed.entries[2].key.empty());
  CHECK(feed.entries[2].url.empty());
  CHECK(feed.entries[2].title == "Third, with neither guid nor link");
  CHECK(feed.entries[2].where == "item 3");
}

TEST_CASE("RSS 1.0 (RDF): items beside the channel, rdf:about as the key, dc:date") {
  const Feed feed = must_read(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.org/">
    <title>RDF news</title>
    <link>https://rdf.example.org/</link>
    <dc:language>fr</dc:language>
  </channel>
  <image rdf:about="https://rdf.example.org/logo.png"><title>Not the title</title></image>
  <item rdf:about="https://rdf.example.org/story/9">
    <title>Neuf</title>
    <link>https://rdf.example.org/story/9?from=rss</link>
    <dc:date>2024-07-16T10:00:00+02:00</dc:date>
    <dc:creator>Ana Lima</dc:creator>
    <dc:subject>Science</dc:subject>
    <description>Résumé</description>
  </item>
</rdf:RDF>)");
  CHECK(feed.title == "RDF news");
  CHECK(feed.url == "https://rdf.example.org/");
  CHECK(feed.language == "fr");
  REQUIRE(feed.entries.size() == 1);
  const FeedEntry& item = feed.entries[0];
  CHECK(item.key == "https://rdf.example.org/story/9");
  CHECK(item.url == "https://rdf.example.org/story/9?from=rss");
  CHECK(item.published == "2024-07-16T08:00:00");
  CHECK(item.authors == std::vector<std::string>{"Ana Lima"});
  CHECK(item.categories == std::vector<std::string>{"Science"});
  CHECK(item.summary == "Résumé");
}

TEST_CASE("Atom: text constructs, alternate links, several authors, categories") {
  const Feed feed = must_read(R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pt_br">
  <title type="text">Notícias</title>
  <link rel="self" href="https://atom.example.net/feed"/>
  <link rel="alternate" type="text/html" href="https://atom.example.net/"/>
  <updated>2024-07-16T12:00:00Z</updated>
  <entry>
    <id>tag:atom.example.net,2024:1</id>
    <title type="html">&lt;em&gt;Big&lt;/em&gt; news &amp;amp; more</title>
    <link rel="edit" href="https://atom.example.net/edit/1"/>
    <link rel="alternate" href="https://atom.example.net/1"/>
    <published>2024-07-16T09:00:00-03:00</published>
    <updated>2024-07-16T10:30:00Z</updated>
    <author><name>Ana</name><email>ana@example.net</email></author>
    <author><name>Bia</name></author>
    <category term="economy" label="Economia"/>
    <category term="brasil"/>
    <summary>Plain &lt;not a tag&gt;</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b></p></div></content>
  </entry>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <i>styled</i> title</div></title>
    <link href="https://atom.example.net/2"/>
    <content type="html">&lt;p&gt;Escaped&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="text">1 &lt; 2</title>
    <content>Just text</content>
  </entry>
</feed>)");
  CHECK(feed.title == "Notícias");
  CHECK(feed.url == "https://atom.example.net/");
  CHECK(feed.language == "pt-BR");
  REQUIRE(feed.entries.size() == 3);

  const FeedEntry& first = feed.entries[0];
  CHECK(first.key == "tag:atom.example.net,2024:1");
  CHECK(first.title == "Big news & more");
  CHECK(first.url == "https://atom.example.net/1");
  CHECK(first.published == "2024-07-16T12:00:00");
  CHECK(first.updated == "2024-07-16T10:30:00");
  CHECK(first.authors == std::vector<std::string>{"Ana", "Bia"});
  CHECK(first.categories == std::vector<std::string>{"Economia", "brasil"});
  CHECK(first.summary == "Plain <not a tag>");
  CHECK_FALSE(first.summary_is_html);
  CHECK(first.content.find("<p>Hello <b>world</b></p>") != std::string::npos);
  CHECK(first.content_is_html);
  CHECK(first.where == "entry 1");

  const FeedEntry& second = feed.entries[1];
  CHECK(second.key == "https://atom.example.net/2");  // no id: the link
  CHECK(second.title == "A styled title");
  CHECK(second.content == "<p>Escaped</p>");
  CHECK(second.content_is_html);

  const FeedEntry& third = feed.entries[2];
  CHECK(third.title == "1 < 2");
  CHECK(third.content == "Just text");
  CHECK_FALSE(third.content_is_html);
  CHECK(third.key.empty());
}

TEST_CASE("namespaces are matched by URI, whatever the prefix") {
  const Feed atom = must_read(R"(<a:feed xmlns:a="http://www.w3.org/2005/Atom">
  <a:title>Prefixed</a:title>
  <a:entry><a:id>x1</a:id><a:title>One</a:title>
    <a:author><a:name>Zed</a:name></a:author></a:entry>
  <entry><title>Not Atom: no namespace</title></entry>
</a:feed>)");
  CHECK(atom.title == "Prefixed");
  REQUIRE(atom.entries.size() == 1);
  CHECK(atom.entries[0].key == "x1");
  CHECK(atom.entries[0].authors == std::vector<std::string>{"Zed"});

  const Feed rss = must_read(R"(<rss version="2.0" xmlns:zz="http://purl.org/dc/elements/1.1/"
    xmlns:body="http://purl.org/rss/1.0/modules/content/" xmlns:dc="urn:not-dublin-core">
  <channel><title>T</title><item><title>I</title>
    <zz:creator>Real Creator</zz:creator><dc:creator>Impostor</dc:creator>
    <zz:date>2024-01-02</zz:date>
    <body:encoded>&lt;p&gt;Body&lt;/p&gt;</body:encoded>
  </item></channel></rss>)");
  REQUIRE(rss.entries.size() == 1);
  CHECK(rss.entries[0].authors == std::vector<std::string>{"Real Creator"});
  CHECK(rss.entries[0].published == "2024-01-02");
  CHECK(rss.entries[0].content == "<p>Body</p>");
}

TEST_CASE("entities and character references come out as UTF-8 text") {
  const Feed feed = must_read(R"(<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>caf)" "\xE9" R"(</title>
<item><title>Tom &amp; Jerry&#8217;s &#x201C;show&#x201D; &lt;3</title>
<description>caf)" "\xE9" R"( &amp;nbsp; &#233;</description></item></channel></rss>)");
  CHECK(feed.title == "café");
  REQUIRE(feed.entries.size() == 1);
  CHECK(feed.entries[0].title == "Tom & Jerry\u2019s \u201Cshow\u201D <3");
  CHECK(feed.entries[0].summary == "café &nbsp; é");
}

TEST_CASE("markup in RSS titles is reduced to its text") {
  const Feed feed = must_read(
      "<rss><channel><item><title>&lt;b&gt;Breaking:&lt;/b&gt;   storm\n hits &amp;amp; "
      "floods</title></item><item><title><![CDATA[<i>Opinion</i>: yes]]></title></item>"
      "</channel></rss>");
  REQUIRE(feed.entries.size() == 2);
  CHECK(feed.entries[0].title == "Breaking: storm hits & floods");
  CHECK(feed.entries[1].title == "Opinion: yes");
}

TEST_CASE("a date that is written but not understood is left empty, with a warning") {
  const Feed feed = must_read(
      "<rss><channel><item><guid>g</guid><pubDate>sometime last week</pubDate></item>"
      "</channel></rss>");
  REQUIRE(feed.entries.size() == 1);
  CHECK(feed.entries[0].published.empty());
  REQUIRE(feed.warnings.size() == 1);
  CHECK(feed.warnings[0] == "item 1: date `sometime last week` not understood");
}

TEST_CASE("links that are not http(s) are not urls") {
  const Feed feed = must_read(
      "<rss><channel><link>javascript:alert(1)</link><item><link>ftp://x/y</link></item>"
      "<item><link>/relative/path</link></item><item><link> HTTPS://Ok.example/a </link></item>"
      "</channel></rss>");
  CHECK(feed.url.empty());
  REQUIRE(feed.entries.size() == 3);
  CHECK(feed.entries[0].url.empty());
  CHECK(feed.entries[0].key == "ftp://x/y");
  CHECK(feed.entries[1].url.empty());
  CHECK(feed.entries[2].url == "HTTPS://Ok.example/a");
}

TEST_CASE("a billion laughs does not expand, and stays small and quick") {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    bomb += "<!ENTITY lol" + std::to_string(level) + " \"";
    const std::string inner = level == 1 ? "lol" : "lol" + std::to_string(level - 1);
    for (int i = 0; i < 10; ++i) bomb += "&" + inner + ";";
    bomb += "\">\n";
  }
  bomb += "]>\n<rss><channel><title>&lol9;</title><item><title>a &lol9; b</title>"
          "<description>&lol9;&lol9;</description></item></channel></rss>";
  const long rss_before = max_rss_kb();
  const auto start = std::chrono::steady_clock::now();
  std::string error;
  const auto feed = read_feed(bomb, error);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(2));
  CHECK(max_rss_kb() - rss_before < 64 * 1024);
  if (feed) {
    const std::string all = everything(*feed);
    CHECK(all.size() < 10'000);
    CHECK(all.find("lollol") == std::string::npos);
  }
  CHECK(looks_like_feed(bomb));
}

TEST_CASE("an external entity is never loaded") {
  const article_search::testing::TempDir dir;
  const auto secret = dir.write("secret.txt", "TOP-SECRET-7f3a9\n");
  const std::string uri = "file://" + secret.string();
  const std::string xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY x SYSTEM \"" + uri +
                          "\">\n]>\n"
                          "<rss><channel><title>&x;</title><item><title>t &x;</title>"
                          "<description>&x;</description><link>https://e.x/&x;</link></item>"
                          "</channel></rss>";
  std::string error;
  const auto feed = read_feed(xxe, error);
  CHECK(error.find("TOP-SECRET") == std::string::npos);
  if (feed) {
    CHECK(everything(*feed).find("TOP-SECRET") == std::string::npos);
    REQUIRE(feed->entries.size() == 1);
    CHECK(feed->entries[0].title == "t");
  }
  // A parameter entity, which would be read while the DTD is.
  const auto parameter = read_feed("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY % p SYSTEM \"" +
                                       uri + "\">\n%p;\n]>\n<rss><channel><title>t</title></channel></rss>",
                                   error);
  CHECK(error.find("TOP-SECRET") == std::string::npos);
  if (parameter) CHECK(everything(*parameter).find("TOP-SECRET") == std::string::npos);
  // Through /etc/passwd too, the classic probe.
  const auto passwd = read_feed(
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<rss><channel><item><title>&x;</title></item></channel></rss>",
      error);
  if (passwd) CHECK(everything(*passwd).find("root:") == std::string::npos);
}

TEST_CASE("a truncated feed gives its complete items and a warning") {
  const std::string full(kRss2);
  const std::size_t cut = full.find("<title>Second</title>") + 12;  // inside item 2
  const std::string truncated = full.substr(0, cut);
  std::string error;
  const auto feed = read_feed(truncated, error);
  REQUIRE(feed.has_value());
  REQUIRE(feed->entries.size() == 1);
  CHECK(feed->entries[0].key == "urn:story:1");
  CHECK(feed->title == "The Daily & Weekly");
  REQUIRE(feed->warnings.size() == 1);
  CHECK(feed->warnings[0].rfind("truncated at line ", 0) == 0);
  CHECK(feed->warnings[0].find("1 complete entry kept") != std::string::npos);
}

TEST_CASE("what is not a feed: nothing, with a clear error") {
  CHECK(read_error("") == "not XML: the file is empty");
  CHECK(read_error("  \n ") == "not XML: the file is empty");
  CHECK(read_error("just some words, no markup").rfind("not XML: line 1: ", 0) == 0);
  CHECK(read_error("\x89PNG\r\n\x1a\n\0\0\0").rfind("not XML", 0) == 0);
  CHECK(read_error("<?xml version=\"1.0\"?><note><to>x</to></note>") ==
        "not an RSS or Atom feed: the root element is <note>");
  // An HTML page saved as .xml.
  const std::string html =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page</title>"
      "</head><body><p>Hello<br>there</body></html>";
  CHECK(read_error(html) == "not an RSS or Atom feed: the root element is <html>");
  CHECK_FALSE(looks_like_feed(html));
  CHECK_FALSE(looks_like_feed(""));
  CHECK_FALSE(looks_like_feed("hello"));
}

TEST_CASE("looks_like_feed: rss, rdf:RDF and Atom's feed roots") {
  CHECK(looks_like_feed(kRss2));
  CHECK(looks_like_feed("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\"/>"));
  CHECK(looks_like_feed("<x:RDF xmlns:x=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>"));
  CHECK(looks_like_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"));
  CHECK_FALSE(looks_like_feed("<RDF/>"));
  CHECK_FALSE(looks_like_feed("<feed xmlns=\"urn:something-else\"/>"));
}

TEST_CASE("invalid UTF-8 and stray control characters are repaired, not fatal") {
  const Feed feed = must_read(
      "<rss><channel><item><title>bad \xFF byte</title><description>bell\x07 here"
      "</description></item><item><title>next</title></item></channel></rss>");
  REQUIRE(feed.entries.size() == 2);
  CHECK(feed.entries[0].title == "bad \uFFFD byte");
  CHECK(feed.entries[0].summary == "bell  here");
  CHECK(feed.entries[1].title == "next");
  CHECK(feed.warnings.size() == 2);
  for (const FeedEntry& e : feed.entries) CHECK(article_search::text::is_valid_utf8(e.title));
}

TEST_CASE("10,000 items read quickly, in bounded memory") {
  std::string big = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>";
  const std::string filler(1000, 'x');
  for (int i = 0; i < 10'000; ++i) {
    big += "<item><guid>id-" + std::to_string(i) + "</guid><title>Item " + std::to_string(i) +
           "</title><pubDate>Tue, 16 Jul 2024 21:08:57 GMT</pubDate><description>" + filler +
           "</description></item>";
  }
  big += "</channel></rss>";
  const long rss_before = max_rss_kb();
  const auto start = std::chrono::steady_clock::now();
  const Feed feed = must_read(big);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(feed.entries.size() == 10'000);
  CHECK(feed.entries[9'999].key == "id-9999");
  CHECK(feed.entries[9'999].published == "2024-07-16T21:08:57");
  CHECK(elapsed < std::chrono::seconds(10));
  // The ~11 MB of entries read out, plus little: the parsed tree is not kept.
  const long grown_kb = max_rss_kb() - rss_before;
  MESSAGE("10,000 items: " << grown_kb << " KB more at most, in "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
                           << " ms");
#if defined(__SANITIZE_ADDRESS__)
  // ASan's quarantine holds freed memory back on purpose, so RSS cannot tell here.
  MESSAGE("memory bound not checked under AddressSanitizer");
#else
  CHECK(grown_kb < 60 * 1024);
#endif
}
