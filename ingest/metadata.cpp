/// @file Page metadata (see metadata.h).
///
/// One walk over the tree gathers what each source states (JSON-LD blocks, <meta> tags,
/// <link rel=canonical>, <html lang>, <time>, <title>, the first <h1>); then each field
/// is taken from the most reliable source that states it. Values are cleaned the same
/// way whatever their source: entities decoded, markup dropped, white space collapsed,
/// valid UTF-8, bounded.
#include "metadata.h"

#include "language_tag.h"
#include "web_dates.h"
#include "web_urls.h"
#include "xml_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

namespace article_search::ingest {
namespace {

namespace xt = xml_text;
using nlohmann::json;

constexpr std::size_t kMaxField = 2048;               ///< any one string
constexpr std::size_t kMaxList = 50;                  ///< authors, tags
constexpr std::size_t kMaxJsonLdBytes = 1024 * 1024;  ///< one JSON-LD block
constexpr std::size_t kMaxJsonLdBlocks = 16;
constexpr std::size_t kMaxMetaValues = 64;            ///< values kept per <meta> name
constexpr std::size_t kMaxJsonObjects = 256;          ///< objects looked at across blocks

// ---------------------------------------------------------------------------------------
// Cleaning values.

/// A string as a field holds it: entities and markup reduced to text, one clean line.
std::string clean(std::string_view text) {
  const std::string line = xt::clean_line(text, kMaxField * 4);
  return xt::clean_line(xt::html_to_text(line), kMaxField);
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && xt::iequals(text.substr(0, prefix.size()), prefix);
}

/// "scheme://host" of an absolute URL.
std::string_view origin_of(std::string_view url) {
  const std::size_t host = url.find("://");
  if (host == std::string_view::npos) return {};
  const std::size_t path = url.find_first_of("/?#", host + 3);
  return url.substr(0, path == std::string_view::npos ? url.size() : path);
}

/// `url` made absolute against `base` (an absolute http(s) URL); "" when it cannot be, or
/// is not http(s) (javascript:, mailto:, data:).
std::string absolute_url(std::string_view url, std::string_view base) {
  const std::string cleaned = xt::clean_line(url, kMaxField);
  url = cleaned;
  if (url.empty() || url.find(' ') != std::string_view::npos) return {};
  if (is_http_url(url)) return cleaned;
  if (!is_http_url(base)) return {};
  const std::string_view origin = origin_of(base);
  if (url.rfind("//", 0) == 0) return std::string(base.substr(0, base.find("://") + 1)) + cleaned;
  if (url.front() == '/') return std::string(origin) + cleaned;
  if (url.find(':') != std::string_view::npos && url.find(':') < url.find_first_of("/?#")) {
    return {};  // another scheme
  }
  std::string_view directory = base.substr(0, base.find_first_of("?#"));
  const std::size_t slash = directory.rfind('/');
  directory = slash > origin.size() ? directory.substr(0, slash + 1) : origin;
  std::string resolved(directory);
  if (resolved.back() != '/') resolved += '/';
  return resolved + cleaned;
}

/// Lower case letters and digits only, for comparing site names ("The Verge" ~ "theverge").
std::string comparable(std::string_view text) {
  std::string out;
  for (const char c : xt::lower_ascii(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80) {
      out += c;
    }
  }
  return out;
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (value.empty() || list.size() >= kMaxList) return;
  for (const std::string& have : list) {
    if (xt::iequals(have, value)) return;
  }
  list.push_back(std::move(value));
}

std::vector<std::string> split(std::string_view text, std::string_view separators) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size() && parts.size() < kMaxList * 2) {
    const std::size_t end = text.find_first_of(separators, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// ---------------------------------------------------------------------------------------
// Authors: bylines are written for people, so "By Ana Lima and Bo Chen" is two authors,
// but "Lima, Ana" is one.

std::string without_by(std::string name) {
  name = clean(name);
  if (starts_with_ci(name, "by ")) name = xt::clean_line(std::string_view(name).substr(3), kMaxField);
  return name;
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool looks_like_a_name(std::string_view part) {
  const std::size_t words = word_count(part);
  return words >= 1 && words <= 5 && part.size() <= 80 &&
         part.find_first_of("0123456789@/") == std::string_view::npos;
}

/// "MS", "RDN", "PhD", "Jr.": a short word of capitals after a name, not a person.
bool is_credential(std::string_view part) {
  if (word_count(part) != 1) return false;
  std::size_t letters = 0, lower_case = 0;
  for (const char c : part) {
    if (c == '.') continue;
    ++letters;
    if (c >= 'a' && c <= 'z') ++lower_case;
  }
  return letters >= 2 && letters <= 4 && lower_case <= 1;
}

/// "AP National Security Writer", "Staff Reporter": a job, written after the name.
bool names_a_role(std::string_view part) {
  const std::string lower = xt::lower_ascii(part);
  for (const std::string_view role : {"writer", "editor", "correspondent", "reporter", "staff",
                                      "contributor", "columnist", "producer"}) {
    if (lower.find(role) != std::string::npos) return true;
  }
  return false;
}

/// "A, B and C" and "A & B" as "A, B, C" and "A, B".
std::string with_joiners_as_commas(std::string_view byline) {
  std::string out;
  for (std::size_t pos = 0; pos < byline.size();) {
    bool joined = false;
    for (const std::string_view joiner : {" and ", " And ", " & "}) {
      if (byline.substr(pos, joiner.size()) == joiner) {
        out += ',';
        pos += joiner.size();
        joined = true;
        break;
      }
    }
    if (!joined) out += byline[pos++];
  }
  return out;
}

/// "A and B", "A, B and C", "A & B": the people; anything else stays as written.
std::vector<std::string> byline_people(const std::string& byline) {
  const std::string text = with_joiners_as_commas(byline);
  std::vector<std::string> people;
  for (const std::string& part : split(text, ",;")) {
    std::string name = without_by(part);
    if (!name.empty()) people.push_back(std::move(name));
  }
  const bool all_names = std::all_of(people.begin(), people.end(), [](const std::string& p) {
    return looks_like_a_name(p);
  });
  // "Lima, Ana": two single words around a comma are a surname and a given name.
  const bool surname_first = people.size() == 2 && byline.find(',') != std::string::npos &&
                             word_count(people[0]) == 1 && word_count(people[1]) == 1 &&
                             !is_credential(people[1]);
  if (people.size() <= 1 || !all_names || surname_first) return {without_by(byline)};
  // "Ilana Muhlstein, MS, RDN" and "TOM KRISHER, AP Auto Writer" are one person.
  std::vector<std::string> kept{people.front()};
  for (std::size_t i = 1; i < people.size(); ++i) {
    if (!is_credential(people[i]) && !names_a_role(people[i])) kept.push_back(people[i]);
  }
  return kept;
}

void add_author(std::vector<std::string>& authors, std::string_view value) {
  // "Amy Kuperinsky | NJ Advance Media for NJ.com": the affiliation after a bar is no one.
  value = value.substr(0, value.find(" | "));
  const std::string name = without_by(std::string(value));
  // article:author and friends often hold a profile URL, which is no name.
  if (name.empty() || is_http_url(name) || name.rfind("www.", 0) == 0) return;
  for (std::string& person : byline_people(name)) add_unique(authors, std::move(person));
}

/// "@river", "/article": a content system's internal marks, not keywords.
bool is_machine_tag(std::string_view tag) {
  return tag.empty() || tag.front() == '@' || tag.front() == '/';
}

void add_tags(std::vector<std::string>& tags, std::string_view value) {
  for (const std::string& tag : split(value, ",;")) {
    std::string cleaned = clean(tag);
    if (!is_machine_tag(cleaned)) add_unique(tags, std::move(cleaned));
  }
}

// ---------------------------------------------------------------------------------------
// What the page states, gathered in one walk.

struct PageFacts {
  std::vector<std::string> json_ld;
  /// <meta> values by lower-case key: name and property share ("og:title"), itemprop
  /// is "itemprop:datepublished", http-equiv is "http-equiv:content-language".
  std::map<std::string, std::vector<std::string>> meta;
  std::string canonical;
  std::string html_lang;
  std::string title;
  std::string first_h1;
  std::string time_datetime;
};

std::string_view name_of(const xmlNode* node) { return xt::local_name(node); }

bool is_inside(const xmlNode* node, std::string_view ancestor) {
  for (const xmlNode* up = node->parent; up != nullptr; up = up->parent) {
    if (up->type == XML_ELEMENT_NODE && name_of(up) == ancestor) return true;
  }
  return false;
}

void add_meta(PageFacts& facts, std::string key, const std::string& content) {
  if (key.empty() || content.empty()) return;
  auto& values = facts.meta[xt::lower_ascii(key)];
  if (values.size() < kMaxMetaValues) values.push_back(xt::truncate_utf8(content, kMaxField * 4));
}

void gather_meta(const xmlNode* node, PageFacts& facts) {
  const std::string content = xt::attribute(node, "content");
  if (content.empty()) return;
  // property="og:title", name="og:title", and property="og:title article:x" (RDFa lists).
  for (const char* attribute : {"property", "name"}) {
    for (const std::string& key : split(xt::attribute(node, attribute), " ")) add_meta(facts, key, content);
  }
  for (const char* attribute : {"itemprop", "http-equiv"}) {
    const std::string key = xt::attribute(node, attribute);
    if (!key.empty()) add_meta(facts, std::string(attribute) + ":" + key, content);
  }
}

bool is_json_ld(const xmlNode* script) {
  const std::string type = xt::lower_ascii(xt::clean_line(xt::attribute(script, "type"), 64));
  return type == "application/ld+json";
}

bool has_rel(const xmlNode* link, std::string_view wanted) {
  for (const std::string& rel : split(xt::lower_ascii(xt::attribute(link, "rel")), " ")) {
    if (rel == wanted) return true;
  }
  return false;
}

void gather_time(const xmlNode* node, PageFacts& facts) {
  if (!facts.time_datetime.empty()) return;
  const std::string datetime = xt::attribute(node, "datetime");
  if (datetime.empty()) return;
  const std::string itemprop = xt::lower_ascii(xt::attribute(node, "itemprop"));
  const bool published = itemprop == "datepublished" || xmlHasProp(node, BAD_CAST "pubdate") != nullptr;
  if (published || is_inside(node, "article")) facts.time_datetime = datetime;
}

void gather_element(const xmlNode* node, PageFacts& facts) {
  const std::string_view name = name_of(node);
  if (name == "meta") {
    gather_meta(node, facts);
  } else if (name == "script") {
    if (is_json_ld(node) && facts.json_ld.size() < kMaxJsonLdBlocks) {
      facts.json_ld.push_back(xt::node_text(node, kMaxJsonLdBytes + 1));
    }
  } else if (name == "link") {
    if (facts.canonical.empty() && has_rel(node, "canonical")) facts.canonical = xt::attribute(node, "href");
  } else if (name == "html") {
    if (facts.html_lang.empty()) facts.html_lang = xt::attribute(node, "lang");
    if (facts.html_lang.empty()) facts.html_lang = xt::attribute(node, "xml:lang");
  } else if (name == "title") {
    if (facts.title.empty() && !is_inside(node, "svg")) facts.title = xt::node_text(node, kMaxField * 2);
  } else if (name == "h1") {
    if (facts.first_h1.empty()) facts.first_h1 = xt::node_text(node, kMaxField * 2);
  } else if (name == "time") {
    gather_time(node, facts);
  }
}

/// Every element in document order, without recursion (deep pages do not blow the stack).
void for_each_element(const xmlNode* root, const std::function<void(const xmlNode*)>& visit) {
  const xmlNode* node = root;
  while (node != nullptr) {
    if (node->type == XML_ELEMENT_NODE) visit(node);
    if (node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node != root && node->next == nullptr) node = node->parent;
    if (node == nullptr || node == root) break;
    node = node->next;
  }
}

PageFacts gather_facts(const HtmlPage& page) {
  PageFacts facts;
  if (page.root() == nullptr) return facts;
  for_each_element(page.root(), [&](const xmlNode* node) { gather_element(node, facts); });
  return facts;
}

/// The first value of the first of `keys` the page's <meta> tags state.
std::string first_meta(const PageFacts& facts, std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) {
    const auto found = facts.meta.find(std::string(key));
    if (found == facts.meta.end()) continue;
    for (const std::string& value : found->second) {
      std::string cleaned = clean(value);
      if (!cleaned.empty()) return cleaned;
    }
  }
  return {};
}

const std::vector<std::string>& all_meta(const PageFacts& facts, std::string_view key) {
  static const std::vector<std::string> none;
  const auto found = facts.meta.find(std::string(key));
  return found == facts.meta.end() ? none : found->second;
}

// ---------------------------------------------------------------------------------------
// JSON-LD.

/// The article-like object of a page's JSON-LD, with the objects it refers to by @id.
struct JsonLdArticle {
  json article;                     ///< null when no block has one
  std::map<std::string, json> ids;  ///< "@id" → object, for {"@id": ...} references
};

/// 2 for the kinds of article, 1 for WebPage (a last resort), 0 for anything else.
int article_rank(const json& object) {
  static constexpr std::string_view article_types[] = {
      "NewsArticle",          "Article",           "ReportageNewsArticle", "BlogPosting",
      "AnalysisNewsArticle",  "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
      "LiveBlogPosting",      "SatiricalArticle",   "AskPublicNewsArticle", "ScholarlyArticle",
      "TechArticle",          "Report",             "SocialMediaPosting",   "DiscussionForumPosting"};
  const auto rank_of = [&](const json& type) {
    if (!type.is_string()) return 0;
    std::string_view name = type.get_ref<const std::string&>();
    // "schema:NewsArticle", "https://schema.org/NewsArticle".
    const std::size_t cut = name.find_last_of("/:");
    if (cut != std::string_view::npos) name = name.substr(cut + 1);
    for (const std::string_view wanted : article_types) {
      if (name == wanted) return 2;
    }
    return name == "WebPage" ? 1 : 0;
  };
  const auto type = object.find("@type");
  if (type == object.end()) return 0;
  if (!type->is_array()) return rank_of(*type);
  int best = 0;
  for (const json& each : *type) best = std::max(best, rank_of(each));
  return best;
}

/// Objects at the top of a block, in arrays, and in @graph (which may nest).
void collect_objects(const json& value, std::vector<const json*>& out, int depth) {
  if (depth > 4 || out.size() >= kMaxJsonObjects) return;
  if (value.is_array()) {
    for (const json& each : value) collect_objects(each, out, depth + 1);
  } else if (value.is_object()) {
    out.push_back(&value);
    const auto graph = value.find("@graph");
    if (graph != value.end()) collect_objects(*graph, out, depth + 1);
  }
}

/// The JSON between the first "{"/"[" and the last "}"/"]": drops the "<!--", "//<![CDATA["
/// and stray text some pages wrap their blocks in.
std::string_view json_body(std::string_view block) {
  const std::size_t start = block.find_first_of("{[");
  const std::size_t end = block.find_last_of("}]");
  if (start == std::string_view::npos || end == std::string_view::npos || end < start) return {};
  return block.substr(start, end - start + 1);
}

/// Parsed, or discarded. Raw control characters in strings (which JSON forbids, and pages
/// write) get a second chance as spaces.
json parse_block(std::string_view block) {
  const std::string_view body = json_body(block);
  json parsed = json::parse(body.begin(), body.end(), nullptr, false);
  if (!parsed.is_discarded()) return parsed;
  std::string spaced(body);
  std::replace_if(spaced.begin(), spaced.end(), [](char c) { return c >= 0 && c < 0x20; }, ' ');
  return json::parse(spaced, nullptr, false);
}

JsonLdArticle find_article(const std::vector<std::string>& blocks) {
  JsonLdArticle found;
  std::vector<json> parsed;
  parsed.reserve(blocks.size());
  for (const std::string& block : blocks) {
    if (block.size() > kMaxJsonLdBytes) continue;  // bounded: a block this big is not metadata
    json value = parse_block(block);
    if (!value.is_discarded()) parsed.push_back(std::move(value));
  }
  std::vector<const json*> objects;
  for (const json& value : parsed) collect_objects(value, objects, 0);
  int best_rank = 0;
  for (const json* object : objects) {
    const auto id = object->find("@id");
    if (id != object->end() && id->is_string() && object->size() > 1) {
      found.ids.emplace(id->get<std::string>(), *object);
    }
    const int rank = article_rank(*object);
    if (rank > best_rank) {
      best_rank = rank;
      found.article = *object;
    }
  }
  return found;
}

class JsonLdReader {
 public:
  explicit JsonLdReader(const JsonLdArticle& found) : found_(found) {}

  bool empty() const { return !found_.article.is_object(); }

  /// A string property (or the first string of an array of them), cleaned.
  std::string text(const char* key) const {
    const json* value = property(key);
    if (value == nullptr) return {};
    if (value->is_array() && !value->empty()) value = &value->front();
    return value->is_string() ? clean(value->get_ref<const std::string&>()) : std::string{};
  }

  /// A referenced object's "name" (an object, an {"@id"} reference, or a plain string).
  std::string name_of(const json& value) const {
    if (value.is_string()) return clean(value.get_ref<const std::string&>());
    const json& object = resolved(value);
    if (!object.is_object()) return {};
    const auto name = object.find("name");
    if (name == object.end()) return {};
    if (name->is_string()) return clean(name->get_ref<const std::string&>());
    return {};
  }

  std::vector<std::string> authors() const {
    std::vector<std::string> authors;
    for_each(property("author"), [&](const json& one) { add_author(authors, name_of(one)); });
    return authors;
  }

  std::string publisher() const {
    std::string name;
    for_each(property("publisher"), [&](const json& one) {
      if (name.empty()) name = name_of(one);
    });
    return name;
  }

  std::vector<std::string> keywords() const {
    std::vector<std::string> tags;
    for_each(property("keywords"), [&](const json& one) {
      if (one.is_string()) add_tags(tags, one.get_ref<const std::string&>());
    });
    return tags;
  }

  std::string language() const {
    std::string tag;
    for_each(property("inLanguage"), [&](const json& one) {
      if (!tag.empty()) return;
      if (one.is_string()) tag = language_tag(one.get_ref<const std::string&>());
      // {"@type": "Language", "alternateName": "en"}
      const json& object = resolved(one);
      if (tag.empty() && object.is_object()) {
        const auto code = object.find("alternateName");
        if (code != object.end() && code->is_string()) tag = language_tag(code->get_ref<const std::string&>());
      }
    });
    return tag;
  }

  /// url, else mainEntityOfPage (a string, or an object with @id or url).
  std::string url() const {
    std::string url = text("url");
    if (!url.empty()) return url;
    const json* page = property("mainEntityOfPage");
    if (page == nullptr) return {};
    if (page->is_string()) return clean(page->get_ref<const std::string&>());
    if (page->is_object()) {
      for (const char* key : {"@id", "url"}) {
        const auto value = page->find(key);
        if (value != page->end() && value->is_string()) return clean(value->get_ref<const std::string&>());
      }
    }
    return {};
  }

 private:
  const json* property(const char* key) const {
    if (empty()) return nullptr;
    const auto value = found_.article.find(key);
    return value == found_.article.end() ? nullptr : &*value;
  }

  /// {"@id": "#org"} as the object the graph holds under that id.
  const json& resolved(const json& value) const {
    if (!value.is_object() || value.contains("name")) return value;
    const auto id = value.find("@id");
    if (id == value.end() || !id->is_string()) return value;
    const auto target = found_.ids.find(id->get<std::string>());
    return target == found_.ids.end() ? value : target->second;
  }

  static void for_each(const json* value, const std::function<void(const json&)>& visit) {
    if (value == nullptr) return;
    if (!value->is_array()) {
      visit(*value);
      return;
    }
    std::size_t seen = 0;
    for (const json& each : *value) {
      if (++seen > kMaxList) break;
      visit(each);
    }
  }

  const JsonLdArticle& found_;
};

// ---------------------------------------------------------------------------------------
// The title, without the site's name.

struct TitleSplit {
  std::string head, tail;
};

/// The title split at its last " | ", " - ", " — ", " – ", " :: ", " · " or " » ".
std::optional<TitleSplit> split_last_separator(std::string_view title, bool& is_bar) {
  static constexpr std::string_view separators[] = {" | ", " \u2014 ", " \u2013 ", " - ",
                                                    " :: ", " \u00B7 ", " \u00BB ", " / "};
  std::size_t best = std::string_view::npos;
  std::size_t best_size = 0;
  for (const std::string_view separator : separators) {
    const std::size_t at = title.rfind(separator);
    if (at != std::string_view::npos && (best == std::string_view::npos || at > best)) {
      best = at;
      best_size = separator.size();
      is_bar = separator == " | ";
    }
  }
  if (best == std::string_view::npos || best == 0) return std::nullopt;
  return TitleSplit{std::string(title.substr(0, best)), std::string(title.substr(best + best_size))};
}

bool names_the_site(std::string_view part, const std::vector<std::string>& site_names) {
  const std::string candidate = comparable(part);
  if (candidate.empty()) return false;
  for (const std::string& site : site_names) {
    const std::string name = comparable(site);
    if (name.empty()) continue;
    if (candidate == name) return true;
    // "The Guardian" ~ "Guardian", "BBC News" ~ "BBC", "nytimes.com" ~ "nytimes".
    if (name.size() >= 3 && candidate.size() >= 3 &&
        (candidate.find(name) != std::string::npos || name.find(candidate) != std::string::npos)) {
      return true;
    }
  }
  return false;
}

/// A tail that reads as a site's name even when nothing names the site: a few words after
/// a " | ", or a very short, capitalised one after a dash, behind a much longer headline.
bool looks_like_site_tail(const TitleSplit& split, bool is_bar) {
  const std::size_t tail_words = word_count(split.tail);
  if (tail_words == 0 || split.tail.size() > 40 || word_count(split.head) < 3) return false;
  if (split.head.size() < split.tail.size() * 2) return false;
  if (is_bar) return tail_words <= 4;
  const unsigned char first = static_cast<unsigned char>(split.tail.front());
  const bool capitalised = (first >= 'A' && first <= 'Z') || first >= 0x80 || split.tail.find('.') != std::string::npos;
  return tail_words <= 3 && capitalised;
}

std::string without_site_suffix(std::string title, const std::vector<std::string>& site_names,
                                bool allow_guess) {
  // At most a few tails ("Story | Section | Site").
  for (int round = 0; round < 3; ++round) {
    bool is_bar = false;
    const auto split = split_last_separator(title, is_bar);
    if (!split) break;
    const bool strip = names_the_site(split->tail, site_names) ||
                       (allow_guess && (round == 0 || is_bar) && looks_like_site_tail(*split, is_bar));
    if (!strip) break;
    title = split->head;
  }
  // "Site | Story", the other way round, only when the site is named.
  for (const std::string_view separator : {" | ", " - ", " \u2014 ", " \u2013 "}) {
    const std::size_t at = title.find(separator);
    if (at != std::string::npos && names_the_site(title.substr(0, at), site_names) &&
        word_count(title.substr(at + separator.size())) >= 3) {
      title = title.substr(at + separator.size());
      break;
    }
  }
  return title;
}

/// The host of an absolute URL without "www.", as one more way the site is named.
std::string host_name(std::string_view url) {
  std::string_view origin = origin_of(url);
  const std::size_t host = origin.find("://");
  if (host == std::string_view::npos) return {};
  origin.remove_prefix(host + 3);
  if (starts_with_ci(origin, "www.")) origin.remove_prefix(4);
  const std::size_t port = origin.find(':');
  return std::string(origin.substr(0, port));
}

// ---------------------------------------------------------------------------------------
// Assembling the fields, most reliable source first.

std::string first_of(std::initializer_list<std::string> candidates) {
  for (const std::string& candidate : candidates) {
    if (!candidate.empty()) return candidate;
  }
  return {};
}

/// web_date of a page's date, without the placeholders content systems print for "none"
/// ("0001-01-01T00:00:00").
std::string page_date_of(std::string_view text) {
  std::string date = web_date(text);
  if (date.size() >= 4 && date.compare(0, 4, "1800") < 0) return {};
  return date;
}

std::string page_date(const PageFacts& facts, const std::string& json_ld_value,
                      std::initializer_list<std::string_view> keys) {
  std::string date = page_date_of(json_ld_value);
  if (!date.empty()) return date;
  for (const std::string_view key : keys) {
    for (const std::string& value : all_meta(facts, key)) {
      date = page_date_of(value);
      if (!date.empty()) return date;
    }
  }
  return {};
}

/// The site's own name among several authors ("Jill Disis", "CNN Business") is no person.
void drop_site_authors(std::vector<std::string>& authors, const std::vector<std::string>& site_names) {
  std::vector<std::string> people;
  for (const std::string& author : authors) {
    if (!names_the_site(author, site_names)) people.push_back(author);
  }
  if (!people.empty()) authors = std::move(people);
}

/// A section is one name; "Commercial Real Estate,Home Page,Popular" is a list of them.
std::string first_section(std::string section) {
  return xt::clean_line(std::string_view(section).substr(0, section.find(',')), kMaxField);
}

std::vector<std::string> meta_authors(const PageFacts& facts) {
  std::vector<std::string> authors;
  for (const std::string_view key :
       {"article:author", "author", "parsely-author", "sailthru.author", "dc.creator",
        "citation_author", "byl", "twitter:creator"}) {
    for (const std::string& value : all_meta(facts, key)) {
      if (key == "twitter:creator" && !value.empty() && value.front() == '@') continue;
      if (key == "byl") {
        add_author(authors, value);
      } else {
        add_author(authors, clean(value));
      }
    }
    if (!authors.empty()) break;
  }
  return authors;
}

std::vector<std::string> meta_tags(const PageFacts& facts) {
  std::vector<std::string> tags;
  for (const std::string_view key :
       {"article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags", "dc.subject"}) {
    for (const std::string& value : all_meta(facts, key)) add_tags(tags, value);
    if (!tags.empty()) break;
  }
  return tags;
}

std::string meta_language(const PageFacts& facts) {
  for (const std::string& candidate :
       {first_meta(facts, {"og:locale"}), clean(facts.html_lang),
        first_meta(facts, {"http-equiv:content-language", "content-language", "dc.language",
                           "language"})}) {
    // Content-Language may list several ("en, fr"): only a single tag is the page's.
    std::string tag = language_tag(candidate);
    if (!tag.empty()) return tag;
  }
  return {};
}

/// Whether an absolute URL is a site's front page ("https://site.com", "https://site.com/").
bool is_site_root(std::string_view url) {
  const std::string_view origin = origin_of(url);
  return url.size() <= origin.size() + 1;
}

/// The first absolute http(s) URL the page states for itself, without its fragment (Yoast
/// writes ".../#webpage"). A front page is passed over when another source names a page:
/// some sites put their home in every article's JSON-LD "url".
std::string page_url(const PageFacts& facts, const std::string& json_ld_url) {
  const std::string og_url = first_meta(facts, {"og:url"});
  const std::string base = is_http_url(og_url) ? og_url : std::string{};
  std::string front_page;
  for (const std::string& candidate :
       {json_ld_url, og_url, facts.canonical, first_meta(facts, {"parsely-link", "twitter:url"})}) {
    std::string url = absolute_url(candidate, base);
    url = url.substr(0, url.find('#'));
    if (url.empty() || !is_http_url(url)) continue;
    if (!is_site_root(url)) return url;
    if (front_page.empty()) front_page = url;
  }
  return front_page;
}

std::string page_title(const PageFacts& facts, const std::string& json_ld_headline,
                       const std::vector<std::string>& site_names) {
  for (const std::string& stated :
       {json_ld_headline, first_meta(facts, {"og:title", "twitter:title", "parsely-title",
                                             "sailthru.title", "dc.title", "citation_title",
                                             "title"})}) {
    std::string title = without_site_suffix(stated, site_names, false);
    if (!title.empty()) return title;
  }
  std::string title = without_site_suffix(clean(facts.title), site_names, true);
  if (!title.empty()) return title;
  return clean(facts.first_h1);
}

}  // namespace

PageMetadata read_metadata(const HtmlPage& page) {
  const PageFacts facts = gather_facts(page);
  const JsonLdArticle found = find_article(facts.json_ld);
  const JsonLdReader ld(found);
  PageMetadata meta;

  meta.publisher = first_of({ld.publisher(), first_meta(facts, {"og:site_name", "application-name",
                                                                "dc.publisher", "citation_publisher",
                                                                "parsely-site"})});
  meta.url = page_url(facts, ld.url());
  std::vector<std::string> site_names{meta.publisher, first_meta(facts, {"og:site_name"}),
                                      first_meta(facts, {"application-name"})};
  if (!meta.url.empty()) site_names.push_back(host_name(meta.url));
  meta.title = page_title(facts, first_of({ld.text("headline"), ld.text("name")}), site_names);

  meta.published = page_date(facts, ld.text("datePublished"),
                             {"article:published_time", "og:article:published_time",
                              "itemprop:datepublished", "parsely-pub-date", "sailthru.date",
                              "dc.date.issued", "dc.date", "dcterms.created", "pubdate",
                              "publish-date", "date", "citation_publication_date"});
  if (meta.published.empty()) meta.published = page_date_of(facts.time_datetime);
  meta.modified = page_date(facts, ld.text("dateModified"),
                            {"article:modified_time", "og:updated_time", "itemprop:datemodified",
                             "dc.date.modified", "dcterms.modified", "last-modified"});

  meta.authors = ld.authors();
  if (meta.authors.empty()) meta.authors = meta_authors(facts);
  drop_site_authors(meta.authors, site_names);
  meta.section = first_section(first_of({ld.text("articleSection"),
                                         first_meta(facts, {"article:section", "parsely-section",
                                                            "section", "sailthru.section"})}));
  meta.tags = ld.keywords();
  if (meta.tags.empty()) meta.tags = meta_tags(facts);
  meta.language = first_of({ld.language(), meta_language(facts)});
  meta.description = first_of({ld.text("description"),
                               first_meta(facts, {"og:description", "description",
                                                  "twitter:description", "dc.description"})});
  return meta;
}

}  // namespace article_search::ingest
