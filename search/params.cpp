/// @file Validation of GET /api/search parameters: strict, bounded, one error per field.
#include "search.h"

#include "dates.h"
#include "numbers.h"
#include "query.h"

#include <stdexcept>

namespace article_search::search {
namespace {

/// The value as echoed in a message: cut so a huge value cannot bloat the error.
std::string echo(std::string_view value) {
  constexpr std::size_t max_echo = 64;
  if (value.size() <= max_echo) return std::string(value);
  std::size_t cut = max_echo;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "\xE2\x80\xA6";
}

ApiError bad(std::string_view name, std::string message) {
  return ApiError{ErrorCode::invalid_parameter, std::move(message), std::string(name)};
}

const std::string* single(const Params& params, const std::string& name) {
  const auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

std::optional<ApiError> parse_paging(const Params& params, SearchRequest& request) {
  const std::string* page = single(params, "page");
  const std::string* per_page = single(params, "per_page");
  const std::string* offset = single(params, "offset");
  const std::string* limit = single(params, "limit");
  if ((offset || limit) && (page || per_page)) {
    return bad(offset ? "offset" : "limit",
               "Parameters `offset`/`limit` cannot be combined with `page`/`per_page`.");
  }
  long size = 10;
  const std::string_view size_name = limit ? "limit" : "per_page";
  if (const std::string* text = limit ? limit : per_page) {
    const auto value = numbers::parse_bounded<long>(*text, 1, max_per_page);
    if (!value) return integer_error(size_name, 1, max_per_page, *text);
    size = *value;
  }
  long start = 0;
  if (offset) {
    const auto value = numbers::parse_bounded<long>(*offset, 0, result_window);
    if (!value) return integer_error("offset", 0, result_window, *offset);
    start = *value;
  } else if (page) {
    const auto value = numbers::parse_bounded<long>(*page, 1, result_window);
    if (!value) return integer_error("page", 1, result_window, *page);
    start = (*value - 1) * size;
  }
  if (start + size > result_window) {
    return bad(offset ? "offset" : "page",
               "The requested page lies beyond the result window: offset + limit must be at "
               "most " + std::to_string(result_window) + ", got " + std::to_string(start + size) +
                   ".");
  }
  request.offset = start;
  request.limit = static_cast<int>(size);
  return std::nullopt;
}

std::optional<ApiError> parse_filters(const Params& params, SearchRequest& request) {
  for (std::size_t i = 0; i < schema::filter_fields.size(); ++i) {
    const schema::FilterField& field = schema::filter_fields[i];
    const std::string name(field.name);
    for (auto [it, end] = params.equal_range(name); it != end; ++it) {
      if (!field.valid(it->second)) {
        return bad(field.name, "Parameter `" + name + "` must be " + std::string(field.expects) +
                                   ", got `" + echo(it->second) + "`.");
      }
      request.filters[i].push_back(it->second);
    }
  }
  for (const char* name : {"from", "to"}) {
    const std::string* text = single(params, name);
    if (!text) continue;
    const auto day = dates::parse_day(*text);
    if (!day) {
      return bad(name, std::string("Parameter `") + name +
                           "` must be a date written YYYY-MM-DD, got `" + echo(*text) + "`.");
    }
    (std::string_view(name) == "from" ? request.from : request.to) = *day;
  }
  if (!request.from.empty() && !request.to.empty() && request.from > request.to) {
    return bad("to", "Parameter `to` must not be before `from`.");
  }
  return std::nullopt;
}

/// A `true`/`false` parameter into `flag`, left as it is when absent.
std::optional<ApiError> parse_flag(const Params& params, const std::string& name, bool& flag) {
  const std::string* text = single(params, name);
  if (!text) return std::nullopt;
  if (*text != "true" && *text != "false") {
    return bad(name, "Parameter `" + name + "` must be `true` or `false`, got `" + echo(*text) + "`.");
  }
  flag = *text == "true";
  return std::nullopt;
}

std::optional<ApiError> parse_options(const Params& params, SearchRequest& request) {
  if (const std::string* q = single(params, "q")) {
    if (q->size() > max_query_bytes) {
      return bad("q", "Parameter `q` must be at most " + std::to_string(max_query_bytes) +
                          " bytes, got " + std::to_string(q->size()) + ".");
    }
    request.q = *q;
  }
  if (const std::string* sort = single(params, "sort")) {
    if (*sort == "relevance") request.sort = Sort::relevance;
    else if (*sort == "newest") request.sort = Sort::newest;
    else if (*sort == "oldest") request.sort = Sort::oldest;
    else {
      return bad("sort", "Parameter `sort` must be one of `relevance`, `newest`, `oldest`, got `" +
                             echo(*sort) + "`.");
    }
  }
  if (const std::string* group = single(params, "group")) {
    if (*group == "none") request.group = Group::none;
    else if (*group == "story") request.group = Group::story;
    else {
      return bad("group", "Parameter `group` must be one of `none`, `story`, got `" + echo(*group) + "`.");
    }
  }
  if (auto error = parse_flag(params, "highlight", request.highlight)) return error;
  if (auto error = parse_flag(params, "typos", request.typos)) return error;
  bool partial = request.typing == Typing::partial;
  if (auto error = parse_flag(params, "partial", partial)) return error;
  request.typing = partial ? Typing::partial : Typing::complete;
  if (const std::string* timeline = single(params, "timeline")) {
    request.timeline = parse_timeline_ask(*timeline);
    if (!request.timeline) {
      return bad("timeline", "Parameter `timeline` must be one of `auto`, `day`, `week`, "
                             "`month`, `year`, got `" + echo(*timeline) + "`.");
    }
  }
  return std::nullopt;
}

}  // namespace

ApiError integer_error(std::string_view name, long min, long max, std::string_view got) {
  return bad(name, "Parameter `" + std::string(name) + "` must be an integer from " +
                       std::to_string(min) + " to " + std::to_string(max) + ", got `" +
                       echo(got) + "`.");
}

std::string echo_parameter(std::string_view value) { return echo(value); }

std::vector<std::string>& filter_values(SearchRequest& request, std::string_view name) {
  const schema::FilterField* field = schema::filter_field(name);
  if (field == nullptr) throw std::invalid_argument("no filter field " + std::string(name));
  return request.filters[static_cast<std::size_t>(field - schema::filter_fields.data())];
}

const std::vector<std::string>& filter_values(const SearchRequest& request, std::string_view name) {
  return filter_values(const_cast<SearchRequest&>(request), name);
}

std::variant<SearchRequest, ApiError> parse_search_params(const Params& params) {
  SearchRequest request;
  for (auto step : {parse_options, parse_paging, parse_filters, parse_boost_params}) {
    if (auto error = step(params, request)) return *std::move(error);
  }
  return request;
}

}  // namespace article_search::search
