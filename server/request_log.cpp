/// @file The request log's lines.
#include "request_log.h"

#include "utf8.h"

#include <cstdio>

namespace article_search::server {
namespace {

/// Longest method, path or query printed: a request cannot fill the log.
constexpr std::size_t max_logged_bytes = 300;

std::string printable(std::string_view text) { return text::printable(text, max_logged_bytes); }

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : printable(text)) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out + '"';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// A form-encoded value decoded: `+` is a space, `%XX` a byte (a bad escape kept as is).
std::string form_decoded(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const int high = i + 2 < value.size() ? hex_value(value[i + 1]) : -1;
    const int low = high >= 0 ? hex_value(value[i + 2]) : -1;
    if (value[i] == '%' && low >= 0) {
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += value[i] == '+' ? ' ' : value[i];
    }
  }
  return out;
}

}  // namespace

std::string request_log_line(const LoggedRequest& request) {
  std::string line = printable(request.method) + ' ' + printable(request.path) + ' ' +
                     std::to_string(request.status) + ' ';
  if (request.seconds) {
    char time[32];
    std::snprintf(time, sizeof time, "%.2fms", *request.seconds * 1000);
    line += time;
  } else {
    line += "(refused)";
  }
  if (request.query) line += " q=" + quoted(*request.query);
  return line + '\n';
}

std::optional<std::string> query_of_target(std::string_view target) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    if (pair == "q" || pair.starts_with("q=")) return form_decoded(pair.substr(pair.size() > 1 ? 2 : 1));
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return std::nullopt;
}

}  // namespace article_search::server
