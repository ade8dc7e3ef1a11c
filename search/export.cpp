/// @file GET /api/export: pages of JSON Lines in id order, resumed with a cursor.
#include "export.h"

#include "json_writer.h"
#include "numbers.h"
#include "query.h"
#include "schema.h"
#include "stored.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace article_search::search {
namespace sc = schema;
namespace {

ApiError bad(std::string_view name, std::string message) {
  return ApiError{ErrorCode::invalid_parameter, std::move(message), std::string(name)};
}

/// The parameters of /api/search that an export, with its own order and pages, cannot honour.
constexpr std::array<std::string_view, 6> search_only_params = {"offset", "page",  "per_page",
                                                                "sort",   "group", "timeline"};

std::optional<ApiError> parse_paging(const Params& params, ExportRequest& request) {
  for (std::string_view name : search_only_params) {
    if (params.count(std::string(name)) == 0) continue;
    return bad(name, "Parameter `" + std::string(name) +
                         "` does not apply to /api/export, which exports every match in id "
                         "order, a page at a time (`limit`, `cursor`).");
  }
  if (const auto it = params.find("limit"); it != params.end()) {
    const auto limit = numbers::parse_bounded<int>(it->second, 1, max_export_limit);
    if (!limit) return integer_error("limit", 1, max_export_limit, it->second);
    request.limit = *limit;
  }
  if (const auto it = params.find("cursor"); it != params.end()) {
    if (!valid_cursor(it->second)) {
      return bad("cursor", "Parameter `cursor` must be the X-Next-Cursor of an earlier page "
                           "(letters, digits and -_./), got `" + echo_parameter(it->second) + "`.");
    }
    request.cursor = it->second;
  }
  return std::nullopt;
}

/// An id term and the document it names.
struct IdEntry {
  std::string term;
  Xapian::docid docid = 0;
};

/// The next (at most `count`) id terms from `it`, each with its document.
std::vector<IdEntry> next_batch(const Xapian::Database& db, Xapian::TermIterator& it,
                                const Xapian::TermIterator& end, std::size_t count) {
  std::vector<IdEntry> batch;
  for (; it != end && batch.size() < count; ++it) {
    IdEntry entry{*it, 0};
    // An id term names one document; a term without one (none in practice) is passed over.
    if (const auto posting = db.postlist_begin(entry.term); posting != db.postlist_end(entry.term)) {
      entry.docid = *posting;
    }
    batch.push_back(std::move(entry));
  }
  return batch;
}

/// The documents of `batch` that `query` matches, in ascending order: one Enquire, the
/// query filtered by the batch's id terms, so its cost follows the batch, not the matches.
std::vector<Xapian::docid> matching(const Xapian::Database& db, const Xapian::Query& query,
                                    const std::vector<IdEntry>& batch) {
  std::vector<std::string> terms;
  for (const IdEntry& entry : batch) terms.push_back(entry.term);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(batch.size()));
  std::vector<Xapian::docid> docids(mset.begin(), mset.end());
  std::sort(docids.begin(), docids.end());
  return docids;
}

/// A page being filled: its records within the limit and the byte budget, and the id
/// term up to which every match is exported (the cursor).
class PageBuilder {
 public:
  explicit PageBuilder(const ExportRequest& request) : request_(request), done_(request.cursor) {}

  /// Adds the article `entry` names; false when the page has no room for it.
  bool add(const Xapian::Database& db, const IdEntry& entry) {
    if (page_.records >= static_cast<std::size_t>(request_.limit)) return false;
    const auto article = stored::decode(db.get_document(entry.docid).get_data());
    if (!article) {  // unreadable data: nothing to export
      passed(entry);
      return true;
    }
    std::string line = export_line(*article);
    if (page_.records > 0 && page_.body.size() + line.size() > request_.max_bytes) return false;
    page_.body += line;
    ++page_.records;
    passed(entry);
    return true;
  }

  /// `entry` is done with: exported, or not a match.
  void passed(const IdEntry& entry) { done_ = entry.term.substr(sc::prefix::id.size()); }

  /// The page; `more` when matches may follow (then with the cursor).
  ExportPage finish(bool more) {
    if (more) page_.next_cursor = done_;
    return std::move(page_);
  }

 private:
  const ExportRequest& request_;
  std::string done_;
  ExportPage page_;
};

bool has_filters(const SearchRequest& request) {
  return !request.from.empty() || !request.to.empty() ||
         std::any_of(request.filters.begin(), request.filters.end(),
                     [](const auto& values) { return !values.empty(); });
}

/// The id terms after `cursor` (all of them when it is empty).
Xapian::TermIterator first_after(const Xapian::Database& db, const std::string& cursor) {
  const std::string prefix(sc::prefix::id);
  Xapian::TermIterator it = db.allterms_begin(prefix);
  if (cursor.empty()) return it;
  const std::string after = prefix + cursor;
  it.skip_to(after);
  if (it != db.allterms_end(prefix) && *it == after) ++it;
  return it;
}

void append_percent_encoded(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
      continue;
    }
    out += '%';
    out += hex[byte >> 4];
    out += hex[byte & 0xF];
  }
}

/// A stored text field: empty means the article does not state it.
void optional_member(JsonWriter& json, std::string_view key, const std::string& value) {
  json.key(key);
  if (value.empty()) json.null();
  else json.value(value);
}

void list_member(JsonWriter& json, std::string_view key, const std::vector<std::string>& values) {
  json.key(key).begin_array();
  for (const std::string& value : values) json.value(value);
  json.end_array();
}

}  // namespace

bool valid_cursor(std::string_view cursor) {
  if (cursor.empty() || cursor.size() >= sc::max_term_bytes) return false;
  return std::all_of(cursor.begin(), cursor.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/';
  });
}

std::variant<ExportRequest, ApiError> parse_export_params(const Params& params) {
  ExportRequest request;
  if (auto error = parse_paging(params, request)) return *std::move(error);
  Params rest = params;
  rest.erase("limit");  // the export's own, with its own bound
  rest.erase("cursor");
  auto search = parse_search_params(rest);
  if (auto* error = std::get_if<ApiError>(&search)) return *std::move(error);
  request.search = std::get<SearchRequest>(std::move(search));
  return request;
}

std::string export_line(const Article& article) {
  JsonWriter json;
  json.begin_object();
  json.key("_id").value(article.id);
  json.key("title").value(article.title);
  json.key("title_derived").value(article.title_derived);
  optional_member(json, "date", article.date);
  json.key("source").value(article.source);
  json.key("path").value(article.path);
  optional_member(json, "url", article.url);
  list_member(json, "authors", article.authors);
  optional_member(json, "modified", article.modified);
  optional_member(json, "section", article.section);
  list_member(json, "tags", article.tags);
  optional_member(json, "language", article.language);
  optional_member(json, "description", article.description);
  optional_member(json, "feed", article.feed);
  json.key("text").value(article.body);
  json.end_object();
  std::string line = json.take();
  line += '\n';
  return line;
}

ExportPage export_page(Xapian::Database& db, Xapian::QueryParser& parser,
                       const ExportRequest& request, const RankingConfig& config) {
  const ParsedQuery parsed = parse_user_query(parser, request.search.q, config, request.search.typing);
  const bool everything = parsed.match_all && !has_filters(request.search);
  const Xapian::Query query = filtered(parsed.query, request.search);
  const Xapian::TermIterator end = db.allterms_end(std::string(sc::prefix::id));
  Xapian::TermIterator it = first_after(db, request.cursor);
  PageBuilder page(request);
  for (std::size_t scanned = 0; it != end && scanned < request.max_scan;) {
    const std::vector<IdEntry> batch =
        next_batch(db, it, end, std::min(export_batch, request.max_scan - scanned));
    scanned += batch.size();
    const std::vector<Xapian::docid> matches = everything ? std::vector<Xapian::docid>{}
                                                          : matching(db, query, batch);
    for (const IdEntry& entry : batch) {
      const bool match = entry.docid != 0 &&
                         (everything || std::binary_search(matches.begin(), matches.end(), entry.docid));
      if (!match) page.passed(entry);
      else if (!page.add(db, entry)) return page.finish(true);
    }
  }
  return page.finish(it != end);
}

std::string next_page_target(std::string_view path, const Params& params, std::string_view cursor) {
  std::string target(path);
  char separator = '?';
  for (const auto& [name, value] : params) {
    if (name == "cursor") continue;
    target += separator;
    append_percent_encoded(target, name);
    target += '=';
    append_percent_encoded(target, value);
    separator = '&';
  }
  target += separator;
  target += "cursor=";
  append_percent_encoded(target, cursor);
  return target;
}

}  // namespace article_search::search
