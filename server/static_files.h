/// @file Which request paths may be served from the --web folder.
#pragma once

#include <filesystem>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace article_search::server {

/// The file under `web_root` that `path` (decoded) names, when serving it is safe:
/// no `..` or `.` segment, no backslash or NUL, no encoded dot, slash or backslash in the
/// raw `target`, no hidden files, and its real location (symlinks resolved) inside
/// `web_root`. A path ending in '/' names its index.html. Nothing otherwise, or when no
/// such regular file exists.
std::optional<std::filesystem::path> static_file(const std::filesystem::path& web_root,
                                                 std::string_view target, std::string_view path);

}  // namespace article_search::server

namespace article_search::server {

/// The media type served for a file of the web folder, by its extension.
std::string_view content_type_for(const std::filesystem::path& file);

/// A file's answer to a request with `range` (empty: no Range header): the whole file
/// (200), the one range asked for (206, `content_range` set), or 416 when that range lies
/// outside the file. Several ranges or a malformed value get the whole file: a server may
/// ignore Range, and one range is all a page's loader asks for.
struct StaticAnswer {
  int status = 200;
  std::string body;
  std::string content_range;  ///< the Content-Range value, when status is 206 or 416
};
StaticAnswer answer_static(std::string content, std::string_view range);

/// Largest file served from the web folder (the page's files are a few KiB each).
inline constexpr std::uintmax_t max_static_file_bytes = 16 * 1024 * 1024;

}  // namespace article_search::server
