/// @file Feeds (see feed.h), read with libxml2's streaming xmlTextReader.
///
/// Safety: the reader is created without XML_PARSE_NOENT, XML_PARSE_DTDLOAD,
/// XML_PARSE_DTDATTR or XML_PARSE_DTDVALID, and with XML_PARSE_NONET, so entities are
/// never substituted and nothing outside the bytes is ever loaded; the text of a node is
/// gathered by xml_text::node_text, which skips entity references instead of looking
/// them up (xmlNodeGetContent would expand them). Each item is expanded on its own and
/// skipped past, and the reader frees what it has passed, so memory follows one item.
#include "feed.h"

#include "web_urls.h"

#include "language_tag.h"
#include "utf8.h"
#include "web_dates.h"
#include "xml_text.h"

#include <libxml/xmlreader.h>

#include <climits>
#include <memory>

namespace article_search::ingest {
namespace {

namespace xt = xml_text;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";

constexpr std::size_t kMaxLine = 2048;             ///< a title, author, category, url
constexpr std::size_t kMaxBody = 4 * 1024 * 1024;  ///< an item's content or summary
constexpr std::size_t kMaxList = 50;               ///< authors, categories per item
constexpr std::size_t kMaxWarnings = 100;
constexpr std::size_t kSniffBytes = 64 * 1024;     ///< what looks_like_feed reads

enum class FeedKind { rss, rdf, atom };

// ---------------------------------------------------------------------------------------
// The input: made into something libxml2 reads to the end where that is safe to do.

/// The encoding the XML declaration names, lower case; "" when it names none.
std::string declared_encoding(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 256);
  if (head.rfind("<?xml", 0) != 0 && head.rfind("\xEF\xBB\xBF<?xml", 0) != 0) return {};
  const std::size_t end = head.find("?>");
  const std::size_t at = head.find("encoding");
  if (at == std::string_view::npos || (end != std::string_view::npos && at > end)) return {};
  const std::size_t quote = head.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return {};
  const std::size_t close = head.find(head[quote], quote + 1);
  if (close == std::string_view::npos) return {};
  return xt::lower_ascii(head.substr(quote + 1, close - quote - 1));
}

/// UTF-16 and UTF-32 start with a byte order mark or a NUL next to the "<".
bool is_wide_encoding(std::string_view bytes) {
  if (bytes.size() < 2) return false;
  if (bytes.rfind("\xFE\xFF", 0) == 0 || bytes.rfind("\xFF\xFE", 0) == 0) return true;
  return bytes[0] == 0 || bytes[1] == 0;
}

/// XML 1.0 forbids C0 controls other than tab, LF and CR; feeds hold them anyway (pasted
/// text), and one would end the parse there.
bool is_forbidden_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/// The bytes to parse: UTF-8 (declared or by default) with invalid sequences repaired and
/// forbidden controls made spaces. Other encodings are left to libxml2 as they are.
std::string_view prepared_input(std::string_view bytes, std::string& storage,
                                std::vector<std::string>* warnings) {
  if (is_wide_encoding(bytes)) return bytes;
  const std::string encoding = declared_encoding(bytes);
  if (!encoding.empty() && encoding != "utf-8" && encoding != "utf8") return bytes;
  std::size_t controls = 0;
  for (const char c : bytes) controls += is_forbidden_control(c) ? 1 : 0;
  const bool valid = text::is_valid_utf8(bytes);
  if (valid && controls == 0) return bytes;
  storage = valid ? std::string(bytes) : text::repair_utf8(bytes).text;
  for (char& c : storage) {
    if (is_forbidden_control(c)) c = ' ';
  }
  if (warnings != nullptr) {
    if (!valid) warnings->push_back("invalid UTF-8 repaired");
    if (controls > 0) {
      warnings->push_back(std::to_string(controls) + " control characters made spaces");
    }
  }
  return storage;
}

// ---------------------------------------------------------------------------------------
// The reader and its errors.

/// The first error libxml2 reports (warnings aside), instead of a line on stderr.
struct ParseError {
  bool seen = false;
  int code = 0;
  int line = 0;
  std::string message;
};

void record_error(void* arg, xmlErrorPtr error) {
  auto* first = static_cast<ParseError*>(arg);
  if (first->seen || error == nullptr || error->level < XML_ERR_ERROR) return;
  first->seen = true;
  first->code = error->code;
  first->line = error->line;
  first->message = error->message != nullptr ? error->message : "unknown error";
  while (!first->message.empty() && (first->message.back() == '\n' || first->message.back() == ' ')) {
    first->message.pop_back();
  }
  first->message = xt::clean_line(first->message, 200);
}

struct FreeReader {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
using Reader = std::unique_ptr<xmlTextReader, FreeReader>;

Reader open_reader(std::string_view bytes, ParseError& error) {
  // No NOENT, DTDLOAD, DTDATTR or DTDVALID: entities stay references, no DTD is fetched.
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
                      XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  Reader reader(xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                   nullptr, options));
  if (reader) xmlTextReaderSetStructuredErrorHandler(reader.get(), record_error, &error);
  return reader;
}

std::string_view as_view(const xmlChar* text) {
  return text == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(text));
}

std::string_view reader_local_name(xmlTextReader* reader) {
  return as_view(xmlTextReaderConstLocalName(reader));
}

std::string_view reader_namespace(xmlTextReader* reader) {
  return as_view(xmlTextReaderConstNamespaceUri(reader));
}

/// Reads on to the first element (the root); false at the end or on an error.
bool read_to_root(xmlTextReader* reader) {
  while (xmlTextReaderRead(reader) == 1) {
    if (xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT) return true;
  }
  return false;
}

/// The root element's local name and namespace, as the bytes start it.
struct RootElement {
  bool found = false;
  std::string local, ns;
  xmlParserCtxt* context = nullptr;
};

void on_root_start(void* user, const xmlChar* local, const xmlChar*, const xmlChar* uri, int,
                   const xmlChar**, int, int, const xmlChar**) {
  auto* root = static_cast<RootElement*>(user);
  if (root->found) return;
  root->found = true;
  root->local = as_view(local);
  root->ns = as_view(uri);
  xmlStopParser(root->context);
}

void ignore_error(void*, xmlErrorPtr) {}

/// The root element, read by a SAX parser that stops at its start tag: what comes after
/// it (an HTML page's <meta> left open, an entity) cannot hide it. Its handler has no
/// entity callbacks and no tree, so nothing is expanded or loaded.
RootElement root_element(std::string_view bytes) {
  RootElement root;
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_root_start;
  sax.serror = ignore_error;
  struct FreeContext {
    void operator()(xmlParserCtxt* context) const {
      // An internal subset's entity declarations get a document of their own even without
      // a tree (so libxml2 can check references); it is the caller's to free.
      if (context->myDoc != nullptr) xmlFreeDoc(context->myDoc);
      xmlFreeParserCtxt(context);
    }
  };
  const std::unique_ptr<xmlParserCtxt, FreeContext> context(
      xmlCreatePushParserCtxt(&sax, &root, nullptr, 0, nullptr));
  if (!context) return root;
  root.context = context.get();
  xmlCtxtUseOptions(context.get(), XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  constexpr std::size_t kChunk = 4096;
  for (std::size_t at = 0; at < bytes.size() && !root.found; at += kChunk) {
    const std::string_view chunk = bytes.substr(at, kChunk);
    const bool last = at + kChunk >= bytes.size();
    if (xmlParseChunk(context.get(), chunk.data(), static_cast<int>(chunk.size()), last ? 1 : 0) != 0) {
      break;
    }
  }
  return root;
}

std::optional<FeedKind> feed_kind(std::string_view local, std::string_view ns) {
  if (local == "rss") return FeedKind::rss;
  if (local == "RDF" && ns == kRdfNs) return FeedKind::rdf;
  if (local == "feed" && (ns == kAtomNs || ns == kAtom03Ns || ns.empty())) return FeedKind::atom;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// Fields of an item or entry.

bool is_rss_namespace(std::string_view ns) { return ns.empty() || ns == kRss10Ns || ns == kRss090Ns; }

/// A single-line field: its text, markup reduced to text when there is some.
std::string line_text(const xmlNode* node) {
  const std::string raw = xt::clean_line(xt::node_text(node, kMaxBody), kMaxBody);
  return xt::clean_line(xt::html_to_text(raw), kMaxLine);
}

/// A single-line field whose text is meant as it is.
std::string plain_line(const xmlNode* node) {
  return xt::clean_line(xt::node_text(node, kMaxLine * 2), kMaxLine);
}

/// A field's text as given (HTML stays HTML), repaired and bounded.
std::string body_text(const std::string& raw) {
  std::string text = text::is_valid_utf8(raw) ? raw : text::repair_utf8(raw).text;
  return xt::truncate_utf8(std::move(text), kMaxBody);
}

/// The markup inside an element (for Atom's type="xhtml"), entity references as written.
std::string inner_markup(const xmlNode* node) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(), xmlBufferFree);
  if (!buffer) return {};
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    xmlNodeDump(buffer.get(), node->doc, child, 0, 0);
    if (static_cast<std::size_t>(xmlBufferLength(buffer.get())) > kMaxBody) break;
  }
  return std::string(as_view(xmlBufferContent(buffer.get())));
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (value.empty() || list.size() >= kMaxList) return;
  for (const std::string& have : list) {
    if (xt::iequals(have, value)) return;
  }
  list.push_back(std::move(value));
}

/// RSS's author is an e-mail address, often with the name: "jo@x.org (Jo Doe)".
std::string rss_author_name(std::string text) {
  const std::size_t open = text.find('(');
  const std::size_t close = text.rfind(')');
  if (text.find('@') != std::string::npos && open != std::string::npos && close > open + 1) {
    return xt::clean_line(std::string_view(text).substr(open + 1, close - open - 1), kMaxLine);
  }
  return text;
}

/// A date field: its web_date, or a warning when it is written but not understood.
std::string entry_date(const xmlNode* node, const std::string& where,
                       std::vector<std::string>& warnings) {
  const std::string text = xt::clean_line(xt::node_text(node, 256), 256);
  std::string date = web_date(text);
  if (date.empty() && !text.empty() && warnings.size() < kMaxWarnings) {
    warnings.push_back(where + ": date `" + xt::clean_line(text, 64) + "` not understood");
  }
  return date;
}

struct ItemReader {
  const std::string& where;
  std::vector<std::string>& warnings;
  FeedEntry entry;
  std::string guid, link, dc_date, dc_title;

  void rss_field(const xmlNode* field, std::string_view name) {
    if (name == "title") {
      entry.title = line_text(field);
    } else if (name == "link") {
      link = plain_line(field);
    } else if (name == "guid") {
      guid = plain_line(field);
    } else if (name == "pubDate") {
      entry.published = entry_date(field, where, warnings);
    } else if (name == "description") {
      entry.summary = body_text(xt::node_text(field, kMaxBody));
      entry.summary_is_html = true;  // RSS descriptions are HTML by convention
    } else if (name == "author") {
      add_unique(entry.authors, rss_author_name(line_text(field)));
    } else if (name == "category") {
      add_unique(entry.categories, line_text(field));
    }
  }

  void dublin_core_field(const xmlNode* field, std::string_view name) {
    if (name == "creator" || name == "contributor") {
      add_unique(entry.authors, line_text(field));
    } else if (name == "date") {
      dc_date = entry_date(field, where, warnings);
    } else if (name == "subject") {
      add_unique(entry.categories, line_text(field));
    } else if (name == "title") {
      dc_title = line_text(field);
    }
  }

  void rss_item(const xmlNode* item) {
    for (const xmlNode* field = item->children; field != nullptr; field = field->next) {
      const std::string_view ns = xt::namespace_uri(field);
      const std::string_view name = xt::local_name(field);
      if (name.empty()) continue;
      if (is_rss_namespace(ns)) {
        rss_field(field, name);
      } else if (ns == kDcNs) {
        dublin_core_field(field, name);
      } else if (ns == kContentNs && name == "encoded") {
        entry.content = body_text(xt::node_text(field, kMaxBody));
        entry.content_is_html = true;
      }
    }
    if (entry.published.empty()) entry.published = dc_date;
    if (entry.title.empty()) entry.title = dc_title;
    std::string about;
    if (xmlChar* value = xmlGetNsProp(item, BAD_CAST "about", BAD_CAST kRdfNs.data())) {
      about = xt::clean_line(as_view(value), kMaxLine);
      xmlFree(value);
    }
    entry.key = !guid.empty() ? guid : !about.empty() ? about : link;
    if (is_http_url(link)) entry.url = link;
  }

  /// Atom's text constructs: type "text" (the default), "html" or "xhtml".
  struct Construct {
    std::string text;
    bool is_html = false;
  };
  static Construct atom_construct(const xmlNode* field) {
    const std::string type = xt::lower_ascii(xt::attribute(field, "type"));
    if (type == "xhtml") return {inner_markup(field), true};
    const bool html = type == "html" || type == "text/html" || xt::attribute(field, "mode") == "escaped";
    return {xt::node_text(field, kMaxBody), html};
  }

  void atom_link(const xmlNode* field) {
    const std::string rel = xt::attribute(field, "rel");
    const std::string href = xt::clean_line(xt::attribute(field, "href"), kMaxLine);
    if ((rel.empty() || rel == "alternate") && link.empty()) link = href;
  }

  void atom_author(const xmlNode* author) {
    for (const xmlNode* part = author->children; part != nullptr; part = part->next) {
      if (xt::local_name(part) == "name") add_unique(entry.authors, line_text(part));
    }
  }

  void atom_field(const xmlNode* field, std::string_view name) {
    if (name == "id") {
      guid = plain_line(field);
    } else if (name == "title") {
      // Only type="html" holds markup as text; "text" means what it says, "<" included.
      const bool html = xt::lower_ascii(xt::attribute(field, "type")) == "html";
      entry.title = html ? line_text(field) : plain_line(field);
    } else if (name == "link") {
      atom_link(field);
    } else if (name == "published" || name == "issued") {
      entry.published = entry_date(field, where, warnings);
    } else if (name == "updated" || name == "modified") {
      entry.updated = entry_date(field, where, warnings);
    } else if (name == "author") {
      atom_author(field);
    } else if (name == "category") {
      const std::string label = xt::clean_line(xt::attribute(field, "label"), kMaxLine);
      add_unique(entry.categories,
                 !label.empty() ? label : xt::clean_line(xt::attribute(field, "term"), kMaxLine));
    } else if (name == "content" || name == "summary") {
      Construct construct = atom_construct(field);
      std::string& text = name == "content" ? entry.content : entry.summary;
      text = body_text(construct.text);
      (name == "content" ? entry.content_is_html : entry.summary_is_html) = construct.is_html;
    }
  }

  void atom_entry(const xmlNode* node, std::string_view feed_ns) {
    for (const xmlNode* field = node->children; field != nullptr; field = field->next) {
      const std::string_view ns = xt::namespace_uri(field);
      const std::string_view name = xt::local_name(field);
      if (name.empty()) continue;
      if (ns == feed_ns) {
        atom_field(field, name);
      } else if (ns == kDcNs) {
        dublin_core_field(field, name);
      }
    }
    if (entry.published.empty()) entry.published = dc_date;
    entry.key = !guid.empty() ? guid : link;
    if (is_http_url(link)) entry.url = link;
  }
};

// ---------------------------------------------------------------------------------------
// The feed.

class FeedReader {
 public:
  FeedReader(xmlTextReader* reader, FeedKind kind, std::string feed_ns, Feed& feed)
      : reader_(reader), kind_(kind), feed_(feed), feed_ns_(std::move(feed_ns)) {}

  /// Reads from the root (where the reader is) to the end (or the first error): 1 at the end, -1 on an error.
  int read_all() {
    if (kind_ == FeedKind::atom) {
      feed_.language = language_tag(as_view(xmlTextReaderConstXmlLang(reader_)));
    }
    int status = xmlTextReaderRead(reader_);
    while (status == 1) {
      if (xmlTextReaderNodeType(reader_) != XML_READER_TYPE_ELEMENT) {
        status = xmlTextReaderRead(reader_);
        continue;
      }
      const int consumed = read_element();
      if (consumed < 0) return -1;
      status = consumed == 1 ? xmlTextReaderNext(reader_) : xmlTextReaderRead(reader_);
    }
    return status == 0 ? 1 : -1;
  }

 private:
  /// 1 when the element was read whole (the reader is to skip it), 0 when the reader is
  /// to go into it, -1 when it could not be read.
  int read_element() {
    const int depth = xmlTextReaderDepth(reader_);
    const std::string_view local = reader_local_name(reader_);
    const std::string_view ns = reader_namespace(reader_);
    if (depth == 1) top_element_ = local;
    if (is_entry(local, ns)) return read_entry();
    if (is_feed_field(depth, ns)) {
      const xmlNode* node = xmlTextReaderExpand(reader_);
      if (node == nullptr) return -1;
      read_feed_field(node, local);
      return 1;
    }
    return 0;
  }

  bool is_entry(std::string_view local, std::string_view ns) const {
    if (kind_ == FeedKind::atom) return local == "entry" && ns == feed_ns_;
    return local == "item" && is_rss_namespace(ns);
  }

  /// The channel's own title, link and language (not an <image>'s title).
  bool is_feed_field(int depth, std::string_view ns) const {
    if (kind_ == FeedKind::atom) return depth == 1 && ns == feed_ns_;
    return depth == 2 && top_element_ == "channel" && (is_rss_namespace(ns) || ns == kDcNs);
  }

  void read_feed_field(const xmlNode* node, std::string_view local) {
    if (local == "title" && feed_.title.empty()) {
      feed_.title = line_text(node);
    } else if (local == "link" && feed_.url.empty()) {
      const std::string href = kind_ == FeedKind::atom
                                   ? atom_alternate(node)
                                   : plain_line(node);
      if (is_http_url(href)) feed_.url = href;
    } else if (local == "language" && feed_.language.empty()) {
      feed_.language = language_tag(xt::clean_line(xt::node_text(node, 64), 64));
    }
  }

  static std::string atom_alternate(const xmlNode* link) {
    const std::string rel = xt::attribute(link, "rel");
    if (!rel.empty() && rel != "alternate") return {};
    return xt::clean_line(xt::attribute(link, "href"), kMaxLine);
  }

  int read_entry() {
    const std::string where = std::string(kind_ == FeedKind::atom ? "entry " : "item ") +
                              std::to_string(++entries_seen_);
    const xmlNode* node = xmlTextReaderExpand(reader_);
    if (node == nullptr) return -1;
    ItemReader item{where, feed_.warnings, {}, {}, {}, {}, {}};
    item.entry.where = where;
    if (kind_ == FeedKind::atom) {
      item.atom_entry(node, feed_ns_);
    } else {
      item.rss_item(node);
    }
    feed_.entries.push_back(std::move(item.entry));
    return 1;
  }

  xmlTextReader* reader_;
  FeedKind kind_;
  Feed& feed_;
  std::string feed_ns_;
  std::string top_element_;
  int entries_seen_ = 0;
};

/// An error at the end of the bytes, or of the kind a cut gives, reads as a truncation.
bool looks_truncated(const ParseError& error) {
  return error.code == XML_ERR_DOCUMENT_END || error.code == XML_ERR_TAG_NOT_FINISHED ||
         error.code == XML_ERR_LTSLASH_REQUIRED || error.code == XML_ERR_GT_REQUIRED ||
         error.code == XML_ERR_DOCUMENT_EMPTY || error.message.find("Premature end") != std::string::npos ||
         error.message.find("Extra content") != std::string::npos;
}

std::string describe(const ParseError& error, std::string_view fallback) {
  if (!error.seen) return std::string(fallback);
  return "line " + std::to_string(error.line) + ": " + error.message;
}

}  // namespace

bool looks_like_feed(std::string_view bytes) {
  std::string storage;
  bytes = prepared_input(bytes.substr(0, kSniffBytes), storage, nullptr);
  const RootElement root = root_element(bytes);
  return root.found && feed_kind(root.local, root.ns).has_value();
}

std::optional<Feed> read_feed(std::string_view bytes, std::string& error) {
  error.clear();
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    error = "not XML: the file is empty";
    return std::nullopt;
  }
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    error = "too large to read as a feed";
    return std::nullopt;
  }
  Feed feed;
  std::string storage;
  bytes = prepared_input(bytes, storage, &feed.warnings);
  ParseError parse_error;
  const Reader reader = open_reader(bytes, parse_error);
  const RootElement root = root_element(bytes);
  if (!root.found || !reader) {
    // The reader knows why (the SAX sniffer's errors are ignored).
    if (reader) read_to_root(reader.get());
    error = "not XML: " + describe(parse_error, "no element found");
    return std::nullopt;
  }
  const auto kind = feed_kind(root.local, root.ns);
  if (!kind) {
    error = "not an RSS or Atom feed: the root element is <" + xt::clean_line(root.local, 64) + ">";
    return std::nullopt;
  }
  FeedReader feed_reader(reader.get(), *kind, root.ns, feed);
  if (!read_to_root(reader.get()) || feed_reader.read_all() < 0) {
    const std::string what = looks_truncated(parse_error) ? "truncated at " : "unreadable from ";
    feed.warnings.push_back(what + describe(parse_error, "an unknown point") + "; " +
                            std::to_string(feed.entries.size()) + " complete " +
                            (feed.entries.size() == 1 ? "entry" : "entries") + " kept");
  }
  return feed;
}

}  // namespace article_search::ingest
