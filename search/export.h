/// @file GET /api/export: every match of a search as JSON Lines, a page at a time, in id
/// order, resumed with a cursor.
///
/// Order: the id terms' byte order (schema::id_term: `Q` + the id), which is the ids' byte
/// order for every id of up to 239 bytes; it depends on the ids only, so it is the same on
/// every page, after a reindex and after a rebuild. A page walks the id terms from the
/// cursor in batches, keeps the documents of each batch that the search matches (one
/// Enquire per batch: the search's query filtered by the batch's id terms), and stops at
/// `limit` records, before the record that would take the body past `max_bytes` (a
/// page always holds at least one), or after `max_scan` id terms. Memory is bounded by
/// the page and one batch, never by the number of matches.
///
/// Cursor: the id term (without its `Q`) up to which every match has been exported; the
/// next page starts after it. An article added, changed or removed between pages is
/// exported or not by where its id lies relative to the cursor; none is exported twice.
#pragma once

#include "errors.h"
#include "ranking.h"
#include "search.h"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace article_search::search {

/// Cost bounds of one export page (documented in the OpenAPI file).
inline constexpr int default_export_limit = 1000;
inline constexpr int max_export_limit = 10000;
/// The body stops before the record that would take it past this (4 MiB).
inline constexpr std::size_t export_page_bytes = std::size_t{4} << 20;
/// Id terms one page looks at, at most: a query matching few articles of a large index
/// answers pages with few (or no) records and a cursor rather than one long scan.
inline constexpr std::size_t max_export_scan = 100000;
/// Id terms matched against the query at once.
inline constexpr std::size_t export_batch = 1024;

/// The parameters of GET /api/export, validated.
struct ExportRequest {
  SearchRequest search;  ///< q, filters, from/to, partial: what /api/search takes
  std::string cursor;    ///< empty: from the first article
  int limit = default_export_limit;
  std::size_t max_bytes = export_page_bytes;  ///< tests lower these two
  std::size_t max_scan = max_export_scan;
};

/// Whether `cursor` can be one: 1 to schema::max_term_bytes - 1 characters of the id
/// alphabet (safe_id: ASCII letters, digits and `-_./`). Pure.
bool valid_cursor(std::string_view cursor);

/// Validates `cursor`, `limit` (1 to max_export_limit) and the search's parameters
/// (parse_search_params). The paging and ordering parameters of /api/search (`offset`,
/// `page`, `per_page`, `sort`, `group`, `timeline`) are rejected: an export has its own
/// order and pages. Pure.
[[nodiscard]] std::variant<ExportRequest, ApiError> parse_export_params(const Params& params);

/// One page of an export.
struct ExportPage {
  std::string body;  ///< JSON Lines: export_line of each record
  std::size_t records = 0;
  std::optional<std::string> next_cursor;  ///< nothing on the last page
};

/// `article` as one JSON Lines record, '\n' included: every stored field, under the
/// names the indexer reads from a JSON Lines corpus (`_id`, `text` for the body), so the
/// line can be indexed again; `path`, `feed`, `origin` and `title_derived` too. What the article
/// does not state is null (an empty list for `authors` and `tags`). Pure.
std::string export_line(const Article& article);
/// The same appended to `out`.
void append_export_line(std::string& out, const Article& article);

/// The page of `request` from `db` (the caller's own, as for run_search), its query
/// parsed by `parser` as `config` says. Throws Xapian::Error (QueryParserError for a
/// query even the relaxed parse rejects).
ExportPage export_page(Xapian::Database& db, Xapian::QueryParser& parser,
                       const ExportRequest& request, const RankingConfig& config);

/// The target of the next page: `path` with `params` (a `cursor` among them dropped)
/// percent-encoded, then `cursor`. Pure.
std::string next_page_target(std::string_view path, const Params& params, std::string_view cursor);

}  // namespace article_search::search
