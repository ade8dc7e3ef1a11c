/// @file Which request paths may be served from the --web folder.
#pragma once

#include <filesystem>
#include <optional>
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
