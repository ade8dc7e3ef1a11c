/// @file Articles from pages and feeds (see web_articles.h).
#include "web_articles.h"

#include "article_text.h"
#include "dates.h"
#include "feed.h"
#include "html_page.h"
#include "main_text.h"
#include "metadata.h"
#include "schema.h"
#include "utf8.h"
#include "web_urls.h"

#include <cstdio>

namespace article_search::corpus {
using ingest::http_url;
using ingest::url_host;

namespace {

bool blank(std::string_view text) { return field_value(text).empty(); }

/// A stated date as the index keeps it, or empty (never guessed).
std::string checked_date(std::string_view date) {
  return dates::parse_iso_date(date).value_or("");
}

/// Fills the title (derived from the body when none is stated) and the source.
void finish(Article& article, std::string title, std::string stated_source,
            const std::string& folder_source) {
  article.title = field_value(title, 1000);
  if (article.title.empty()) {
    article.title = derive_title(article.body);
    article.title_derived = true;
  }
  article.source = field_value(stated_source, 200);
  if (article.source.empty()) article.source = url_host(article.url);
  if (article.source.empty()) article.source = folder_source;
}

std::string item_hash(std::string_view key) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(schema::fnv1a64(key)));
  return hex;
}

std::string item_text(const std::string& text, bool is_html) {
  return is_html ? ingest::fragment_text(text) : field_value(text, text.size());
}

Entry item_entry(const ingest::Feed& feed, const ingest::FeedEntry& entry, const std::string& relative,
                 const std::string& folder_source, const std::string& where) {
  const std::string at = where + " " + entry.where;
  Item item;
  item.where = at;
  Article& article = item.article;
  article.body = item_text(entry.content, entry.content_is_html);
  const std::string summary = item_text(entry.summary, entry.summary_is_html);
  if (blank(article.body)) {
    article.body = summary;
  } else {
    article.description = field_value(summary, 2000);
  }
  if (blank(article.body) && blank(entry.title)) return Skipped{at, "empty feed item", {}};
  std::string key = entry.key;
  if (key.empty()) {
    key = entry.title + '\n' + entry.published;
    item.warnings.push_back("no guid, id or link: its id comes from its title and date");
  }
  article.id = id_from_relative_path(relative) + "/" + item_hash(key);
  article.path = relative;
  article.feed = relative;
  article.url = http_url(entry.url);
  article.date = checked_date(entry.published.empty() ? entry.updated : entry.published);
  article.modified = checked_date(entry.updated);
  article.authors = field_values(entry.authors);
  article.tags = field_values(entry.categories);
  article.language = field_value(feed.language, 35);
  std::string source = feed.title;
  if (blank(source)) source = url_host(http_url(feed.url));
  finish(article, entry.title, source, folder_source);
  return item;
}

}  // namespace

Entry page_entry(std::string_view bytes, const std::string& relative,
                 const std::string& folder_source, const std::string& where) {
  if (bytes.size() > max_page_bytes) {
    return Skipped{where, "page too large",
                   std::to_string(bytes.size()) + " bytes, limit " + std::to_string(max_page_bytes)};
  }
  const ingest::HtmlPage page = ingest::HtmlPage::parse(bytes);
  if (page.root() == nullptr) return Skipped{where, "unreadable HTML", "nothing could be parsed"};
  Item item;
  item.where = where;
  item.warnings = page.warnings();
  Article& article = item.article;
  article.body = ingest::main_text(page);
  if (blank(article.body)) return Skipped{where, "no article text", {}};
  const ingest::PageMetadata meta = ingest::read_metadata(page);
  article.id = id_from_relative_path(relative);
  article.path = relative;
  article.url = http_url(meta.url);
  article.date = checked_date(meta.published);
  article.modified = checked_date(meta.modified);
  article.authors = field_values(meta.authors);
  article.section = field_value(meta.section, 200);
  article.tags = field_values(meta.tags);
  article.language = field_value(meta.language, 35);
  article.description = field_value(meta.description, 2000);
  finish(article, meta.title, meta.publisher, folder_source);
  return item;
}

std::vector<Entry> feed_entries(std::string_view bytes, const std::string& relative,
                                const std::string& folder_source, const std::string& where) {
  std::string error;
  const auto feed = ingest::read_feed(bytes, error);
  if (!feed) return {Skipped{where, "unreadable feed", error, relative}};
  std::vector<Entry> entries;
  for (const std::string& warning : feed->warnings) {
    entries.push_back(Skipped{where, "feed partly read", warning, relative});
  }
  for (const ingest::FeedEntry& entry : feed->entries) {
    entries.push_back(item_entry(*feed, entry, relative, folder_source, where));
  }
  if (feed->entries.empty()) entries.push_back(Skipped{where, "feed without items", {}, relative});
  return entries;
}

}  // namespace article_search::corpus
