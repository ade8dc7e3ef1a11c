/// @file URLs (see web_urls.h).
#include "web_urls.h"

#include "article.h"
#include "utf8.h"

#include <cctype>

namespace article_search::ingest {

std::string http_url(std::string_view text) {
  // Trimmed; white space or a control character inside is no URL (field_value makes
  // each run of them one space).
  const std::string url = field_value(text, 4000);
  if (url.find(' ') != std::string::npos) return {};
  const auto scheme_is = [&](std::string_view scheme) {
    if (url.size() <= scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
    }
    return true;
  };
  if (!scheme_is("http://") && !scheme_is("https://")) return {};
  if (url_host(url).empty()) return {};
  return url;
}

std::string url_host(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() != '[') rest = rest.substr(0, rest.find(':'));
  std::string host = text::fold_case(rest);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

}  // namespace article_search::ingest
