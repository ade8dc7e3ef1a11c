/// @file Parsing an article's text into its fields.
///
/// The article format accepted (plain text or light Markdown, UTF-8):
///
///     ---                         optional YAML-style front matter: `title:` and
///     title: ...                  `date:` keys are read, the rest is ignored
///     date: 2024-07-16
///     ---
///     # Headline                  a Markdown `# ` heading (or a setext `===` one),
///                                 else a first line that reads as a headline: short,
///                                 followed by more text, not ending in . , ; or :
///     Published: `2024-07-16 21:08:57`
///                                 a short line near the top that states an ISO date,
///                                 with at most a label beside it, is the date
///     ---                         rules and Markdown markup are dropped from the body
///     Body paragraphs...
///
/// Without a headline the title is derived from the opening sentence, cut at a word
/// boundary, and marked as derived. A date is never guessed from running text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace article_search {

/// One article, as indexed and as the server renders it.
struct Article {
  std::string id;      ///< stable, unique within the corpus, safe in a URL
  std::string title;
  bool title_derived = false;  ///< true when the title was cut from the opening sentence
  std::string date;    ///< "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"; empty when not stated
  std::string body;    ///< the text without title, date and markup
  std::string source;  ///< the folder or collection it came from
  std::string path;    ///< where it was read from, for messages
};

/// The fields found in an article's text (id, source and path come from its location).
struct ArticleText {
  std::string title;
  bool title_derived = false;
  std::string date;
  std::string body;
};

/// Splits UTF-8 article text into title, date and body. Pure; never throws on content.
ArticleText parse_article_text(std::string_view text);

/// Builds an article from a structured record (JSON Lines): the title is taken as given,
/// or derived from the text when empty; `date` is kept only if it parses as an ISO date.
ArticleText article_from_record(std::string_view title, std::string_view text,
                                std::string_view date);

/// Parses an ISO 8601 date, optionally with a time ("2024-07-16", "2024-07-16 21:08:57",
/// "2024-07-16T21:08"), at the start of `text`. Returns "YYYY-MM-DD" or
/// "YYYY-MM-DDTHH:MM:SS", or nothing when it is not a valid calendar date.
std::optional<std::string> parse_iso_date(std::string_view text);

/// A title cut from the opening sentence of `body`: at most `max_bytes`, ending at a word
/// boundary, with an ellipsis when cut.
std::string derive_title(std::string_view body, std::size_t max_bytes = 80);

/// An id safe in a URL: ASCII letters, digits and `-_./` are kept, anything else becomes
/// '_' (the indexer reports the rare collisions this can cause as duplicate ids).
std::string safe_id(std::string_view raw);

/// The id for a file: its path relative to the corpus folder, without extension, with
/// '/' separators, made safe by safe_id.
std::string id_from_relative_path(std::string_view relative_path);

}  // namespace article_search
