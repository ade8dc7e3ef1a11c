/// @file Atom feeds of searches (see atom.h).
#include "atom.h"

#include <algorithm>

namespace article_search::search {
namespace {

constexpr std::string_view epoch = "1970-01-01T00:00:00Z";

/// XML-escaped text, without the characters XML 1.0 forbids: C0 controls (tab, LF and CR
/// are kept) and the noncharacters U+FFFE and U+FFFF (text is valid UTF-8 already).
std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (text.substr(i, 3) == "\xEF\xBF\xBE" || text.substr(i, 3) == "\xEF\xBF\xBF") {
      i += 2;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

void element(std::string& out, std::string_view name, std::string_view text) {
  out += '<';
  out += name;
  out += '>';
  out += xml_text(text);
  out += "</";
  out += name;
  out += ">\n";
}

void link(std::string& out, std::string_view rel, std::string_view href, std::string_view type = {}) {
  out += "<link rel=\"";
  out += rel;
  out += "\" href=\"";
  out += xml_text(href);
  if (!type.empty()) {
    out += "\" type=\"";
    out += type;
  }
  out += "\"/>\n";
}

void entry(std::string& out, const Hit& hit, const SearchResult& result, const FeedPlace& place) {
  const bool story = result.group == Group::story && !hit.story.id.empty();
  out += "<entry>\n";
  element(out, "id", story ? "urn:article-search:story:" + hit.story.id
                           : "urn:article-search:article:" + hit.id);
  element(out, "title", hit.title_text);
  element(out, "updated", atom_time(hit.date.value_or("")));
  if (hit.url) link(out, "alternate", *hit.url, "text/html");
  link(out, "related", place.base + "/api/documents/" + hit.id, "application/json");
  if (story) link(out, "via", place.base + "/api/stories/" + hit.story.id, "application/json");
  for (const std::string& author : hit.authors) {
    out += "<author>";
    element(out, "name", author);
    out += "</author>\n";
  }
  if (hit.authors.empty() && !hit.source.empty()) {
    out += "<author>";
    element(out, "name", hit.source);
    out += "</author>\n";
  }
  if (hit.section) out += "<category term=\"" + xml_text(*hit.section) + "\"/>\n";
  for (const std::string& tag : hit.tags) out += "<category term=\"" + xml_text(tag) + "\"/>\n";
  std::string summary = hit.snippet.text;
  if (story && hit.story.size > 1) {
    summary += " (" + std::to_string(hit.story.size) + " reports in this story)";
  }
  out += "<summary type=\"text\">" + xml_text(summary) + "</summary>\n";
  out += "</entry>\n";
}

}  // namespace

std::string atom_time(std::string_view date) {
  if (date.size() == 10) return std::string(date) + "T00:00:00Z";
  if (date.size() == 19 && date[10] == 'T') return std::string(date) + "Z";
  return std::string(epoch);
}

std::string atom_feed(const SearchResult& result, const FeedPlace& place) {
  std::string newest(epoch);
  for (const Hit& hit : result.hits) newest = std::max(newest, atom_time(hit.date.value_or("")));
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  // The feed is named by what it asks, so one search is one feed wherever it is fetched.
  element(out, "id", "urn:article-search:search:" + place.self_path);
  element(out, "title", result.q.empty() ? std::string("article-search: newest articles")
                                         : "article-search: " + result.q);
  element(out, "updated", newest);
  element(out, "generator", "article-search");
  link(out, "self", place.base + place.self_path, "application/atom+xml");
  for (const Hit& hit : result.hits) entry(out, hit, result, place);
  out += "</feed>\n";
  return out;
}

}  // namespace article_search::search
