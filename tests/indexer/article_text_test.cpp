/// @file Parsing article text: title, date and body, pinned on the project's articles.
#include "article_text.h"

#include "temp_dir.h"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>

using namespace article_search;

namespace {
std::string read_corpus_file(const std::string& name) {
  std::ifstream in(testing::source_dir() / "corpus" / name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  REQUIRE_MESSAGE(!bytes.str().empty(), "missing corpus file " << name);
  return bytes.str();
}
}  // namespace

TEST_SUITE("article parsing") {
  TEST_CASE("each of the project's five articles parses to its title, date and body") {
    struct Expected {
      const char* file;
      const char* title;
      bool derived;
      const char* date;
      const char* body_starts;
    };
    const Expected rows[] = {
        // No headline: the title is cut from the opening sentence and marked derived.
        {"000_a79eae3ea510d341.txt",
         "Cybersecurity firm Kaspersky has announced its decision to cease all operations\u2026",
         true, "", "Cybersecurity firm Kaspersky has announced"},
        {"001_1fd2f5100bbb1d64.txt",
         "Russian security vendor Kaspersky has said it\u2019s exiting the U.S. market nearly\u2026",
         true, "", "Russian security vendor Kaspersky"},
        // A first line that reads as a headline is the title and leaves the body.
        {"002_50ed439707b20fb7.txt", "Gov Ban Forces Kaspersky to Shut Down US Operations", false,
         "", "Kaspersky Lab, the Russian cybersecurity giant"},
        {"003_3e77c303cd71c53b.txt",
         "Russian cybersecurity giant Kaspersky Labs has announced its withdrawal from the\u2026",
         true, "", "Russian cybersecurity giant Kaspersky Labs"},
        // Markdown heading, a "Published :`...`" line and --- rules.
        {"004_8f0669f797f6f4f0.txt", "Russian cyber firm Kaspersky to shut down US operations after ban",
         false, "2024-07-16T21:08:57", "Russian cybersecurity company Kaspersky Lab will"},
    };
    for (const auto& row : rows) {
      CAPTURE(row.file);
      const Article article = parse_article_text(read_corpus_file(row.file));
      CHECK(article.title == row.title);
      CHECK(article.title_derived == row.derived);
      CHECK(article.date == row.date);
      CHECK(article.body.rfind(row.body_starts, 0) == 0);
      CHECK(article.body.find("---") == std::string::npos);
      CHECK(article.body.find("Published") == std::string::npos);
      CHECK(article.body.find("# ") == std::string::npos);
    }
  }

  TEST_CASE("a derived title keeps the whole opening sentence in the body") {
    const Article article = parse_article_text(read_corpus_file("000_a79eae3ea510d341.txt"));
    CHECK(article.body.find("within the country.") != std::string::npos);
  }

  TEST_CASE("titles come from a heading, a headline line, front matter, or the first sentence") {
    struct Row {
      const char* text;
      const char* title;
      bool derived;
    };
    const Row rows[] = {
        {"# Heading ##\n\nBody text.", "Heading", false},
        {"Setext Heading\n===\nBody text.", "Setext Heading", false},
        {"---\ntitle: \"From front matter\"\ndate: 2020-02-29\n---\nBody.", "From front matter", false},
        {"Short headline\nBody text follows.", "Short headline", false},
        // A line ending in a full stop is a sentence, not a headline.
        {"One sentence only. Another one.\nMore.", "One sentence only", true},
        // A lone line is body text, never its own title.
        {"Just one line", "Just one line", true},
        {"Is this a question? Yes.", "Is this a question?", true},
        {"**Bold** [linked](http://x.example) headline\nBody.", "Bold linked headline", false},
        // A lone "__" or "**" is text, not emphasis.
        {"The window.__xss flag and 2**10\nBody.", "The window.__xss flag and 2**10", false},
        {"__Under__ and **bold** mixed\nBody.", "Under and bold mixed", false},
    };
    for (const auto& row : rows) {
      CAPTURE(row.text);
      const Article article = parse_article_text(row.text);
      CHECK(article.title == row.title);
      CHECK(article.title_derived == row.derived);
    }
  }

  TEST_CASE("a date is read from a short metadata line near the top, never from running text") {
    struct Row {
      const char* text;
      const char* date;
    };
    const Row rows[] = {
        {"# T\nPublished :`2024-07-16 21:08:57`\nBody.", "2024-07-16T21:08:57"},
        {"# T\nDate: 2023-01-02\nBody.", "2023-01-02"},
        {"# T\n2023-01-02T03:04\nBody.", "2023-01-02T03:04:00"},
        {"---\ndate: 2020-02-29\n---\nBody.", "2020-02-29"},
        // Running text mentioning a date does not date the article.
        {"# T\nThe ban takes effect on 2024-07-20, officials said in a long statement.\n", ""},
        {"# T\nBody without any date at all.\n", ""},
        // Invalid calendar dates are not dates.
        {"# T\nDate: 2023-02-30\nBody.", ""},
        {"# T\nDate: 2021-02-29\nBody.", ""},
        {"# T\nDate: 2023-13-01\nBody.", ""},
    };
    for (const auto& row : rows) {
      CAPTURE(row.text);
      CHECK(parse_article_text(row.text).date == row.date);
    }
  }

  TEST_CASE("derive_title cuts at a word boundary and never inside a UTF-8 character") {
    CHECK(derive_title("Short sentence. More.") == "Short sentence");
    CHECK(derive_title("The U.S. market and Mr. Smith agreed. Next.") ==
          "The U.S. market and Mr. Smith agreed");
    CHECK(derive_title("Version 2.5 shipped. Next.") == "Version 2.5 shipped");
    CHECK(derive_title("aaa bbb ccc ddd", 9) == "aaa bbb\u2026");
    const std::string word(100, 'x');
    CHECK(derive_title(word, 10) == std::string(10, 'x') + "\u2026");
    const std::string accents = "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9";  // 2 bytes each
    CHECK(derive_title(accents, 5) == "\u00e9\u00e9\u2026");
  }

  TEST_CASE("records from JSON Lines keep their title, or derive one when it is empty") {
    const Article given = article_from_record("  A title ", "Text.", "2021-05-06");
    CHECK(given.title == "A title");
    CHECK_FALSE(given.title_derived);
    CHECK(given.date == "2021-05-06");
    const Article derived = article_from_record("", "First sentence here. Second.", "not a date");
    CHECK(derived.title == "First sentence here");
    CHECK(derived.title_derived);
    CHECK(derived.date.empty());
  }

  TEST_CASE("about 1 MB of each pathological shape parses in linear time") {
    // Each of these took seconds to minutes (a parse holds the indexer's write lock):
    // a search afresh from every '[' or "**", a walk back from every full stop.
    const auto repeat = [](std::string_view unit, std::size_t bytes) {
      std::string out;
      out.reserve(bytes + unit.size());
      while (out.size() < bytes) out += unit;
      return out;
    };
    constexpr std::size_t size = 1 << 20;
    struct Shape {
      const char* name;
      std::string text;
    };
    const Shape shapes[] = {
        // Markdown stripping
        {"[] repeated", "Title\n" + repeat("[]", size)},
        {"[a]( without a closing parenthesis", "Title\n" + repeat("[a](", size)},
        {"![ repeated", "Title\n" + repeat("![", size)},
        {"** and __ pairs", "Title\n" + repeat("**a__b", size)},
        {"a lone ** then text", "Title\n**" + repeat("ab ", size)},
        {"> quotes", "Title\n" + repeat(">", size) + "x"},
        {"# heading of #", "# " + repeat("#", size) + " x"},
        // Title derivation, without a heading
        {"A.A.A. as the first line", repeat("A.", size) + "\nmore"},
        {"U.S. initialisms with spaces", repeat("U.S. ", size)},
        {"full stops before lower case", repeat("x. a", size)},
        {"one word", repeat("a", size)},
        {"spaces then a word", repeat(" ", size) + "a"},
        // Dates, front matter, rules, blank lines
        {"date-like digits", "Title\n" + repeat("2024-07-16 ", size)},
        {"front matter never closed", "---\n" + repeat("title: x\n", size)},
        {"front matter with a long line", "---\ntitle: " + repeat("x", size) + "\n---\nBody."},
        {"rules", repeat("---\n", size) + "Body."},
        {"blank lines", "Title\n" + repeat("\n", size) + "Body."},
        {"setext underline", "Title\n" + repeat("=", size) + "\nBody."},
    };
    for (const auto& shape : shapes) {
      CAPTURE(shape.name);
      const auto started = std::chrono::steady_clock::now();
      const Article article = parse_article_text(shape.text);
      const Article record = article_from_record("", shape.text, "");
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      CHECK(article.body.size() <= shape.text.size());
      CHECK(article.title.size() <= shape.text.size());
      CHECK(record.title.size() <= 80 + 3);  // a derived title is cut, with an ellipsis
      CHECK((!article.title.empty() || article.body.empty()));
      // Linear: milliseconds in a normal build. Loose enough for ASan+UBSan on a loaded
      // 2-core machine; the quadratic versions took from 4 s (80 KB) to minutes.
      CHECK(seconds < 4.0);
    }
  }
}

