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

#include "article.h"

#include <optional>
#include <string>
#include <string_view>

namespace article_search {

/// Splits UTF-8 article text into title, date and body (the Article's other fields are left
/// empty: they come from where the text was read). Pure; never throws on content.
Article parse_article_text(std::string_view text);

/// Builds an article from a structured record (JSON Lines): the title is taken as given,
/// or derived from the text when empty; `date` is kept only if it parses as an ISO date.
Article article_from_record(std::string_view title, std::string_view text,
                                std::string_view date);

/// A title cut from the opening sentence of `body`: at most `max_bytes`, ending at a word
/// boundary, with an ellipsis when cut.
std::string derive_title(std::string_view body, std::size_t max_bytes = 80);

}  // namespace article_search
