/// @file Reading a corpus: a folder of .txt/.md articles, or a JSON Lines file.
///
/// Folders are walked recursively in sorted order; hidden entries are skipped and
/// symlinked folders are not followed (no loops). A JSON Lines file holds one record per
/// line: {"_id": "...", "title": "...", "text": "..."}, with optional "date" and "source".
#pragma once

#include "article.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace article_search::corpus {

/// An input that was passed over, and why (the reason is a short, countable phrase).
struct Skipped {
  std::string where;   ///< file path, or "file:line" for a record
  std::string reason;  ///< e.g. "binary file", "malformed JSON Lines record"
  std::string detail;  ///< extra context for the warning, may be empty
};

/// A readable article, with any repairs made to it (e.g. invalid UTF-8 replaced).
struct Item {
  Article article;
  std::vector<std::string> warnings;
};

using Entry = std::variant<Item, Skipped>;

struct ReadOptions {
  std::uintmax_t max_file_bytes = 64ull << 20;  ///< larger files are skipped, not read
};

/// One corpus path, as given on the command line.
struct Input {
  std::filesystem::path path;
  bool is_jsonl = false;
  std::uintmax_t bytes = 0;  ///< total size of the files it will read, for progress
  std::vector<std::filesystem::path> files;  ///< for folders: the article files, sorted
};

/// Checks that `path` exists and is a folder or a .jsonl file, and lists what it holds.
/// Throws std::runtime_error with a clear message otherwise.
Input open_input(const std::filesystem::path& path);

/// Turns one file's bytes into an entry (pure: no I/O). `relative` is the path below the
/// corpus folder, `source` the collection name.
Entry parse_file_bytes(std::string_view bytes, const std::string& relative,
                       const std::string& source, const std::string& where);

/// Turns one JSON Lines record into an entry (pure). `source` is the default collection.
Entry parse_jsonl_record(std::string_view line, const std::string& source,
                         const std::string& where);

/// Reads every entry of `input` in order, calling `sink` with each and the number of
/// bytes consumed so far.
void read_input(const Input& input, const ReadOptions& options,
                const std::function<void(Entry&&, std::uintmax_t bytes_done)>& sink);

}  // namespace article_search::corpus
