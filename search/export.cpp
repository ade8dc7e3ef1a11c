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
constexpr std::array<std::string_view, 8> search_only_params = {
    "offset", "page", "per_page", "sort", "group", "timeline", "boost", "half_life"};

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
  explicit PageBuilder(const ExportRequest& request) : request_(request), done_(request.cursor) {
    // Growing by doubling would copy the page again and again, and touch fresh memory each time.
    page_.body.reserve(request.max_bytes);
  }

  /// Adds the article `entry` names; false when the page has no room for it.
  bool add(const Xapian::Database& db, const IdEntry& entry) {
    if (page_.records >= static_cast<std::size_t>(request_.limit)) return false;
    const auto article = stored::decode(db.get_document(entry.docid).get_data());
    if (!article) {  // unreadable data: nothing to export
      passed(entry);
      return true;
    }
    // Written in place (a copy of each line cost a fifth of an export), taken back when
    // it does not fit.
    const std::size_t before = page_.body.size();
    append_export_line(page_.body, *article);
    if (page_.records > 0 && page_.body.size() > request_.max_bytes) {
      page_.body.resize(before);
      return false;
    }
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

/// `"key":` and the value; a text the article does not state (empty) is null.
void text_member(std::string& out, std::string_view key, const std::string& value, bool optional) {
  out += ',';
  append_json_string(out, key);
  out += ':';
  if (optional && value.empty()) out += "null";
  else append_json_string(out, value);
}

void list_member(std::string& out, std::string_view key, const std::vector<std::string>& values) {
  out += ',';
  append_json_string(out, key);
  out += ":[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, values[i]);
  }
  out += ']';
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

void append_export_line(std::string& out, const Article& article) {
  out += "{\"_id\":";
  append_json_string(out, article.id);
  text_member(out, "title", article.title, false);
  out += article.title_derived ? ",\"title_derived\":true" : ",\"title_derived\":false";
  text_member(out, "date", article.date, true);
  text_member(out, "source", article.source, false);
  text_member(out, "path", article.path, false);
  text_member(out, "url", article.url, true);
  list_member(out, "authors", article.authors);
  text_member(out, "modified", article.modified, true);
  text_member(out, "section", article.section, true);
  list_member(out, "tags", article.tags);
  text_member(out, "language", article.language, true);
  text_member(out, "description", article.description, true);
  text_member(out, "feed", article.feed, true);
  text_member(out, "origin", article.origin, true);  // "api": written over HTTP
  text_member(out, "text", article.body, false);
  out += "}\n";
}

std::string export_line(const Article& article) {
  std::string line;
  append_export_line(line, article);
  return line;
}

ExportPage export_page(Xapian::Database& db, Xapian::QueryParser& parser,
                       const ExportRequest& request, const RankingConfig& config) {
  const ParsedQuery parsed = parse_in_languages(db, parser, request.search, config);
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
