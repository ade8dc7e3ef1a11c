/// @file read_metadata on small hand-written pages, one source at a time and in
/// competition (JSON-LD beats OpenGraph beats <meta> beats <title>), and on the shipped
/// real pages when ../shared/corpora/html-articles is beside the checkout.
#include "metadata.h"

#include "language_tag.h"
#include "temp_dir.h"
#include "utf8.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace article_search::ingest;
using Strings = std::vector<std::string>;

namespace {

PageMetadata metadata_of(std::string_view html) { return read_metadata(HtmlPage::parse(html)); }

std::string page(std::string_view head, std::string_view body = "") {
  return "<!DOCTYPE html><html><head>" + std::string(head) + "</head><body>" + std::string(body) +
         "</body></html>";
}

std::string json_ld(std::string_view json) {
  return "<script type=\"application/ld+json\">" + std::string(json) + "</script>";
}

}  // namespace

TEST_CASE("JSON-LD NewsArticle: every field") {
  const PageMetadata meta = metadata_of(page(json_ld(R"({
    "@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "Council votes &amp; the city&#8217;s budget",
    "datePublished": "2024-07-16T21:08:57+02:00", "dateModified": "2024-07-17T08:00:00Z",
    "author": [{"@type": "Person", "name": "By Ana Lima"}, "Bo Chen", {"name": "ana lima"}],
    "publisher": {"@type": "Organization", "name": "The Daily"},
    "articleSection": ["Politics", "City"], "keywords": "budget, council,Budget",
    "inLanguage": "pt_br", "url": "https://daily.example/2024/budget",
    "description": "  What the   council   decided. "})")));
  CHECK(meta.title == "Council votes & the city\u2019s budget");
  CHECK(meta.published == "2024-07-16T19:08:57");
  CHECK(meta.modified == "2024-07-17T08:00:00");
  CHECK(meta.authors == Strings{"Ana Lima", "Bo Chen"});
  CHECK(meta.publisher == "The Daily");
  CHECK(meta.section == "Politics");
  CHECK(meta.tags == Strings{"budget", "council"});
  CHECK(meta.language == "pt-BR");
  CHECK(meta.url == "https://daily.example/2024/budget");
  CHECK(meta.description == "What the council decided.");
}

TEST_CASE("JSON-LD: @graph, @type arrays and @id references; the article beats the WebPage") {
  const PageMetadata meta = metadata_of(page(json_ld(R"({"@context": "https://schema.org",
    "@graph": [
      {"@type": "WebPage", "@id": "https://site.example/a#webpage", "name": "Page name",
       "url": "https://site.example/a"},
      {"@type": "Organization", "@id": "https://site.example/#org", "name": "Site Org"},
      {"@type": "Person", "@id": "https://site.example/#p1", "name": "Cy Dee"},
      {"@type": ["Article", "NewsArticle"], "headline": "Graph headline",
       "author": {"@id": "https://site.example/#p1"},
       "publisher": {"@id": "https://site.example/#org"},
       "mainEntityOfPage": {"@id": "https://site.example/a#webpage"},
       "keywords": ["one", "two, three"], "datePublished": "2024-01-02"}
    ]})")));
  CHECK(meta.title == "Graph headline");
  CHECK(meta.authors == Strings{"Cy Dee"});
  CHECK(meta.publisher == "Site Org");
  CHECK(meta.url == "https://site.example/a");  // the fragment is no part of the page's url
  CHECK(meta.tags == Strings{"one", "two", "three"});
  CHECK(meta.published == "2024-01-02");
}

TEST_CASE("JSON-LD: a top-level array, schema.org URLs as types, WebPage as the last resort") {
  const PageMetadata array = metadata_of(page(json_ld(
      R"([{"@type": "BreadcrumbList"}, {"@type": "http://schema.org/BlogPosting",
          "headline": "Post", "author": "Dee Eff"}])")));
  CHECK(array.title == "Post");
  CHECK(array.authors == Strings{"Dee Eff"});

  const PageMetadata web_page = metadata_of(page(json_ld(
      R"({"@type": "WebPage", "name": "Only a web page", "inLanguage": "fr"})")));
  CHECK(web_page.title == "Only a web page");
  CHECK(web_page.language == "fr");

  const PageMetadata other = metadata_of(page(
      json_ld(R"({"@type": "Recipe", "name": "Soup"})") + "<title>Real title</title>"));
  CHECK(other.title == "Real title");
}

TEST_CASE("malformed JSON-LD is passed over; the next block and the other sources still count") {
  const PageMetadata meta = metadata_of(page(
      json_ld(R"({"@type": "NewsArticle", "headline": "broken",)") +
      json_ld(R"(<!-- {"@type": "NewsArticle", "headline": "Wrapped in a comment"} -->)") +
      "<meta property=\"og:site_name\" content=\"OG Site\">"));
  CHECK(meta.title == "Wrapped in a comment");
  CHECK(meta.publisher == "OG Site");

  const PageMetadata raw_newline = metadata_of(page(
      json_ld("{\"@type\": \"Article\", \"headline\": \"Two\nlines\"}")));
  CHECK(raw_newline.title == "Two lines");

  const PageMetadata junk = metadata_of(page(json_ld("not json at all") + "<title>T</title>"));
  CHECK(junk.title == "T");
}

TEST_CASE("OpenGraph and article:* tags") {
  const PageMetadata meta = metadata_of(page(R"(
    <meta property="og:title" content="OG title">
    <meta property="og:url" content="https://og.example/story">
    <meta property="og:site_name" content="OG Site">
    <meta property="og:description" content="OG description">
    <meta property="og:locale" content="en_US">
    <meta property="article:published_time" content="2024-07-16T10:00:00-04:00">
    <meta property="article:modified_time" content="2024-07-16T11:00:00Z">
    <meta property="article:author" content="https://www.facebook.com/someone">
    <meta property="article:author" content="Gus Hale">
    <meta property="article:section" content="World">
    <meta property="article:tag" content="Floods">
    <meta property="article:tag" content="Weather">
    <meta property="article:tag" content="floods">)"));
  CHECK(meta.title == "OG title");
  CHECK(meta.url == "https://og.example/story");
  CHECK(meta.publisher == "OG Site");
  CHECK(meta.description == "OG description");
  CHECK(meta.language == "en-US");
  CHECK(meta.published == "2024-07-16T14:00:00");
  CHECK(meta.modified == "2024-07-16T11:00:00");
  CHECK(meta.authors == Strings{"Gus Hale"});  // a profile URL is no name
  CHECK(meta.section == "World");
  CHECK(meta.tags == Strings{"Floods", "Weather"});
}

TEST_CASE("plain <meta> names, canonical, lang, and the common vendor names") {
  const PageMetadata meta = metadata_of(
      "<html lang=\"EN_gb\"><head><title>Headline here | Paper</title>"
      "<meta name=\"author\" content=\"Ida Jones and Kai Long\">"
      "<meta name=\"description\" content=\"Meta &amp; description\">"
      "<meta name=\"news_keywords\" content=\"alpha, beta\">"
      "<meta name=\"keywords\" content=\"gamma\">"
      "<meta name=\"parsely-pub-date\" content=\"2024-03-04T05:06:07Z\">"
      "<meta name=\"parsely-section\" content=\"Sports\">"
      "<link rel=\"canonical\" href=\"https://paper.example/headline\"></head><body></body></html>");
  CHECK(meta.title == "Headline here");
  CHECK(meta.authors == Strings{"Ida Jones", "Kai Long"});
  CHECK(meta.description == "Meta & description");
  CHECK(meta.tags == Strings{"alpha", "beta"});
  CHECK(meta.published == "2024-03-04T05:06:07");
  CHECK(meta.section == "Sports");
  CHECK(meta.url == "https://paper.example/headline");
  CHECK(meta.language == "en-GB");

  const PageMetadata dublin_core = metadata_of(page(
      "<meta name=\"DC.creator\" content=\"Lee Moss\"><meta name=\"DC.date.issued\" "
      "content=\"2023-12-01\"><meta http-equiv=\"Content-Language\" content=\"de\">"
      "<meta name=\"sailthru.tags\" content=\"x,y\">"));
  CHECK(dublin_core.authors == Strings{"Lee Moss"});
  CHECK(dublin_core.published == "2023-12-01");
  CHECK(dublin_core.language == "de");
  CHECK(dublin_core.tags == Strings{"x", "y"});
}

TEST_CASE("precedence: JSON-LD beats OpenGraph beats <meta> beats <title>") {
  const std::string og = "<meta property=\"og:title\" content=\"From OG\">"
                         "<meta property=\"article:published_time\" content=\"2024-02-02\">"
                         "<meta property=\"article:author\" content=\"Og Author\">";
  const std::string plain = "<meta name=\"title\" content=\"From meta\">"
                            "<meta name=\"author\" content=\"Meta Author\">"
                            "<meta name=\"date\" content=\"2024-03-03\">";
  const std::string title = "<title>From title</title>";
  const std::string ld = json_ld(
      R"({"@type": "NewsArticle", "headline": "From JSON-LD", "datePublished": "2024-01-01",
          "author": "Ld Author"})");

  const PageMetadata all = metadata_of(page(title + plain + og + ld));
  CHECK(all.title == "From JSON-LD");
  CHECK(all.published == "2024-01-01");
  CHECK(all.authors == Strings{"Ld Author"});

  const PageMetadata no_ld = metadata_of(page(title + plain + og));
  CHECK(no_ld.title == "From OG");
  CHECK(no_ld.published == "2024-02-02");
  CHECK(no_ld.authors == Strings{"Og Author"});

  const PageMetadata no_og = metadata_of(page(title + plain));
  CHECK(no_og.title == "From meta");
  CHECK(no_og.published == "2024-03-03");
  CHECK(no_og.authors == Strings{"Meta Author"});

  CHECK(metadata_of(page(title)).title == "From title");
  CHECK(metadata_of(page("", "<div><h1>From <em>h1</em></h1><h1>Second</h1></div>")).title == "From h1");
}

TEST_CASE("the title loses its site suffix, and only that") {
  const auto title_of = [](std::string_view head) { return metadata_of(page(head)).title; };
  const std::string site = "<meta property=\"og:site_name\" content=\"The Daily Planet\">";
  CHECK(title_of(site + "<title>Storm hits the coast | The Daily Planet</title>") == "Storm hits the coast");
  CHECK(title_of(site + "<title>Storm hits the coast - Daily Planet</title>") == "Storm hits the coast");
  CHECK(title_of(site + "<title>Storm hits the coast \u2014 The Daily Planet</title>") == "Storm hits the coast");
  CHECK(title_of(site + "<title>Storm hits the coast | Weather | The Daily Planet</title>") ==
        "Storm hits the coast");
  CHECK(title_of(site + "<title>The Daily Planet | Storm hits the coast tonight</title>") ==
        "Storm hits the coast tonight");
  // No site name stated: a short tail after a bar still reads as one.
  CHECK(title_of("<title>Storm hits the coast tonight | Planet News</title>") == "Storm hits the coast tonight");
  // A dash inside a headline is part of it.
  CHECK(title_of("<title>Biden - what happens next for the party</title>") ==
        "Biden - what happens next for the party");
  CHECK(title_of("<title>Storm hits the coast - and the city braces</title>") ==
        "Storm hits the coast - and the city braces");
  // The host names the site too.
  CHECK(title_of("<link rel=canonical href=\"https://www.planet.example/x\">"
                 "<title>Storm hits the coast - planet.example</title>") == "Storm hits the coast");
  CHECK(title_of("<title>Just a title</title>") == "Just a title");
  CHECK(title_of("<title>  Spaced \n\t out &amp; decoded </title>") == "Spaced out & decoded");
}

TEST_CASE("urls: absolute http(s) only; a relative canonical resolves against og:url") {
  const auto url_of = [](std::string_view head) { return metadata_of(page(head)).url; };
  CHECK(url_of("<link rel=\"canonical\" href=\"/news/a?x=1\">").empty());
  CHECK(url_of("<meta property=\"og:url\" content=\"https://og.example/base/page\">"
               "<link rel=\"canonical\" href=\"/news/a?x=1\">") == "https://og.example/base/page");
  CHECK(url_of(json_ld(R"({"@type": "Article", "url": "/relative"})") +
               "<meta property=\"og:url\" content=\"https://og.example/base/page\">") ==
        "https://og.example/relative");
  CHECK(url_of("<link rel=\"canonical\" href=\"javascript:alert(1)\">").empty());
  CHECK(url_of("<link rel=\"canonical\" href=\"ftp://files.example/a\">").empty());
  CHECK(url_of("<link rel=\"alternate canonical\" href=\"https://c.example/x#top\">") == "https://c.example/x");
  // A front page in JSON-LD gives way to the page named elsewhere.
  CHECK(url_of(json_ld(R"({"@type": "NewsArticle", "url": "http://www.site.example"})") +
               "<link rel=\"canonical\" href=\"https://www.site.example/2024/story\">") ==
        "https://www.site.example/2024/story");
}

TEST_CASE("authors: trimmed, 'By' dropped, bylines split with care, no duplicates") {
  const auto authors_of = [](std::string_view byline) {
    return metadata_of(page("<meta name=\"author\" content=\"" + std::string(byline) + "\">")).authors;
  };
  CHECK(authors_of("  By   Ana Lima ") == Strings{"Ana Lima"});
  CHECK(authors_of("BY ANA LIMA") == Strings{"ANA LIMA"});
  CHECK(authors_of("Ana Lima and Bo Chen") == Strings{"Ana Lima", "Bo Chen"});
  CHECK(authors_of("Ana Lima, Bo Chen and Cy Dee") == Strings{"Ana Lima", "Bo Chen", "Cy Dee"});
  CHECK(authors_of("Ana Lima &amp; Bo Chen") == Strings{"Ana Lima", "Bo Chen"});
  CHECK(authors_of("Lima, Ana") == Strings{"Lima, Ana"});
  CHECK(authors_of("Ilana Muhlstein, MS, RDN") == Strings{"Ilana Muhlstein"});
  CHECK(authors_of("TOM KRISHER, AP Auto Writer") == Strings{"TOM KRISHER"});
  CHECK(authors_of("Amy Kuperinsky | NJ Advance Media for NJ.com") == Strings{"Amy Kuperinsky"});
  CHECK(authors_of("https://twitter.com/someone").empty());
  CHECK(authors_of("Ana Lima, ana lima") == Strings{"Ana Lima"});
  // The site's own name beside a person is not an author.
  const PageMetadata beside = metadata_of(page(
      "<meta property=\"og:site_name\" content=\"CNN\">" +
      json_ld(R"({"@type": "NewsArticle", "author": [{"name": "Jill Disis"}, {"name": "CNN Business"}]})")));
  CHECK(beside.authors == Strings{"Jill Disis"});
}

TEST_CASE("<time datetime>: only for the published date, only inside <article> or marked") {
  const std::string in_article =
      "<header><time datetime=\"2020-01-01\">nav</time></header>"
      "<article><p>x</p><time datetime=\"2024-05-06T07:08:09Z\">May 6</time>"
      "<time datetime=\"2024-05-07\">later</time></article>";
  CHECK(metadata_of(page("", in_article)).published == "2024-05-06T07:08:09");
  CHECK(metadata_of(page("", "<time itemprop=\"datePublished\" datetime=\"2024-05-06\">x</time>")).published ==
        "2024-05-06");
  CHECK(metadata_of(page("", "<time pubdate datetime=\"2024-05-06\">x</time>")).published == "2024-05-06");
  CHECK(metadata_of(page("", "<div><time datetime=\"2024-05-06\">x</time></div>")).published.empty());
  // Anything stated beats it.
  CHECK(metadata_of(page("<meta property=\"article:published_time\" content=\"2024-01-01\">", in_article))
            .published == "2024-01-01");
  // Dates are read, never guessed; placeholders are not dates.
  CHECK(metadata_of(page("<meta property=\"article:published_time\" content=\"last Tuesday\">")).published.empty());
  CHECK(metadata_of(page(json_ld(R"({"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00"})")))
            .published.empty());
}

TEST_CASE("language tags are normalised, or dropped when they are not tags") {
  CHECK(language_tag("en") == "en");
  CHECK(language_tag("EN_us") == "en-US");
  CHECK(language_tag("pt-br") == "pt-BR");
  CHECK(language_tag("zh-hant-tw") == "zh-Hant-TW");
  CHECK(language_tag("es-419") == "es-419");
  CHECK(language_tag(" fr ") == "fr");
  CHECK(language_tag("English").empty());
  CHECK(language_tag("en-US,fr").empty());
  CHECK(language_tag("*").empty());
  CHECK(language_tag("").empty());
  CHECK(language_tag("e").empty());
  CHECK(metadata_of("<html lang=\"klingon-language\"><head></head></html>").language.empty());
}

TEST_CASE("tags: deduplicated, machine marks dropped, bounded") {
  std::string many;
  for (int i = 0; i < 200; ++i) many += "tag" + std::to_string(i) + ",";
  const PageMetadata meta = metadata_of(page("<meta name=\"keywords\" content=\"@river, /article, Real, real," + many + "\">"));
  REQUIRE(meta.tags.size() == 50);
  CHECK(meta.tags[0] == "Real");
  CHECK(meta.tags[1] == "tag0");
}

TEST_CASE("fields are bounded, valid UTF-8 and never throw, whatever the page") {
  const std::string huge(100'000, 'a');
  const PageMetadata meta = metadata_of(page("<title>" + huge + "</title><meta name=\"description\" content=\"" +
                                             huge + "\">"));
  CHECK(meta.title.size() <= 2048);
  CHECK(meta.description.size() <= 2048);
  const PageMetadata bad = metadata_of(page("<title>caf\xC3\xA9 \xFF\xFE</title>"));
  CHECK(article_search::text::is_valid_utf8(bad.title));
  CHECK(metadata_of("").title.empty());
  CHECK(metadata_of("plain text, not HTML").url.empty());
  const std::string deep = std::string(20'000, '[') + std::string(20'000, ']');
  CHECK(metadata_of(page(json_ld(deep) + "<title>Deep</title>")).title == "Deep");
}

TEST_SUITE("collections") {
TEST_CASE("the shipped real news pages: titles found, canonical urls on the right host") {
  const std::filesystem::path corpus = article_search::testing::shared_dir() / "corpora" / "html-articles";
  if (!std::filesystem::exists(corpus / "ground-truth.json")) {
    MESSAGE("no " << corpus.string() << ": skipped");
    return;
  }
  const auto read_file = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  };
  const auto host_of = [](const std::string& url) {
    const std::size_t start = url.find("://") + 3;
    return url.substr(start, url.find_first_of("/?#:", start) - start);
  };
  const auto truth = nlohmann::json::parse(read_file(corpus / "ground-truth.json"));
  std::size_t pages = 0, titles = 0, urls = 0, same_host = 0, dates = 0, authors = 0, languages = 0;
  for (const auto& [id, expected] : truth.items()) {
    const std::string html = read_file(corpus / "html" / (id + ".html"));
    const PageMetadata meta = read_metadata(HtmlPage::parse(html));
    ++pages;
    titles += meta.title.empty() ? 0 : 1;
    dates += meta.published.empty() ? 0 : 1;
    authors += meta.authors.empty() ? 0 : 1;
    languages += meta.language.empty() ? 0 : 1;
    if (!meta.url.empty()) {
      ++urls;
      same_host += host_of(meta.url) == host_of(expected.at("url").get<std::string>()) ? 1 : 0;
    }
    CHECK(article_search::text::is_valid_utf8(meta.title));
  }
  MESSAGE(pages << " pages: " << titles << " titles, " << urls << " urls (" << same_host
                << " on the ground truth's host), " << dates << " dates, " << authors
                << " with authors, " << languages << " languages");
  REQUIRE(pages >= 85);
  CHECK(titles * 100 >= pages * 85);
  CHECK(same_host * 100 >= urls * 85);
}
}
