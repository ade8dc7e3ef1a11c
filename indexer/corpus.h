/// @file Reading a corpus: a folder of articles (.txt/.md, saved .html/.htm pages, and
/// .rss/.atom/.xml feeds: web_articles.h), or a JSON Lines file.
///
/// Folders are walked recursively in sorted order; hidden entries are skipped and
/// symlinked folders are not followed (no loops). A symlinked file is read only when it
/// resolves to a file inside the corpus folder that is not read already (no secrets from
/// outside, no article twice); others are skipped with a warning. Every read is bounded
/// by the size limit itself (never by what `stat` says, which lies for /proc files and
/// races with growing ones), and so is every JSON Lines record, read as a stream. A JSON
/// Lines file holds one record per line: {"_id": "...", "title": "...", "text": "..."}
/// (BEIR's layout), with optional "date", "source", "url", "authors" (or "author"),
/// "modified", "section", "tags", "language" and "description".
#pragma once

#include "article_text.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace article_search::corpus {

/// An input that was passed over, and why (the reason is a short, countable phrase).
struct Skipped {
  std::string where;   ///< file path, or "file:line" for a record
  std::string reason;  ///< e.g. "binary file", "malformed JSON Lines record"
  std::string detail;  ///< extra context for the warning, may be empty
  /// Of a feed (or a feed's problem): its path, so the items it had stay in the index.
  std::string feed = {};
};

/// A readable article, with any repairs made to it (e.g. invalid UTF-8 replaced).
struct Item {
  Article article;  ///< its `path` is relative to the corpus folder, as stored
  std::vector<std::string> warnings;
  std::string where;  ///< file path, or "file:line", for messages
};

using Entry = std::variant<Item, Skipped>;

struct ReadOptions {
  /// Larger files, and larger JSON Lines records, are skipped (read no further than this).
  std::uintmax_t max_file_bytes = 64ull << 20;
};

/// One corpus path, as given on the command line.
struct Input {
  std::filesystem::path path;
  bool is_jsonl = false;
  std::uintmax_t bytes = 0;  ///< total size of the files it will read, for progress
  std::vector<std::filesystem::path> files;  ///< for folders: the article files, sorted
  std::vector<Skipped> rejected;  ///< for folders: symlinks passed over while listing
};

/// Checks that `path` exists and is a folder or a .jsonl file, and lists what it holds.
/// Throws std::runtime_error with a clear message otherwise.
Input open_input(const std::filesystem::path& path);

/// Turns one file's bytes into its entries by its kind (extension): a text article, a
/// page, or a feed's items (pure: no I/O). `relative` is the path below the corpus
/// folder, `source` the collection name.
std::vector<Entry> parse_file(std::string_view bytes, const std::string& relative,
                              const std::string& source, const std::string& where);

/// Turns a text file's bytes into an entry (pure: no I/O).
Entry parse_file_bytes(std::string_view bytes, const std::string& relative,
                       const std::string& source, const std::string& where);

/// Turns one JSON Lines record into an entry (pure). `source` is the default collection;
/// `location` is stored as the article's path ("corpus.jsonl:12"; `where` when empty).
Entry parse_jsonl_record(std::string_view line, const std::string& source,
                         const std::string& where, const std::string& location = {});

/// An article as the document API takes it (PUT /api/documents/{id}, a line of POST
/// /api/documents), or why it cannot be written. Unlike the indexer, which repairs what it
/// can and warns, a client is told: every problem is an error naming the field.
struct ApiRecord {
  std::optional<Article> article;  ///< set when the record can be written
  std::string error;               ///< else what is wrong, as a sentence
  std::string field;               ///< the field to blame, if any
};

/// Longest article id the API takes, in bytes (ids are terms, which Xapian bounds).
inline constexpr std::size_t max_api_id_bytes = 200;

/// Why `id` cannot be an API article's id, or "" when it can: 1 to max_api_id_bytes of
/// ASCII letters, digits and `-_./` (safe_id keeps it as it is), no empty, `.` or `..`
/// part. Pure.
std::string api_id_problem(std::string_view id);

/// A JSON article: an object with the fields of a JSON Lines record ("_id" or "id",
/// "title", "text" or "body", "date", "source", "url", "authors" or "author", "modified",
/// "section", "tags", "language", "description"). `path_id`, when not empty, is the id
/// the request's path names: the record's own id may then be left out, or must agree.
/// Unknown fields are errors (a misspelt field would be lost silently). The stored fields
/// an export line carries besides ("path", "feed", "origin", "title_derived") are ignored,
/// so an export can be written back. Pure.
ApiRecord parse_api_record(std::string_view json, std::string_view path_id = {});

/// A saved HTML page as the article `id`, extracted as the indexer extracts a page. Pure.
ApiRecord parse_api_page(std::string_view html, std::string_view id);

/// Reads every entry of `input` in order (a folder's rejected symlinks first), calling
/// `sink` with each and the number of bytes consumed so far. Memory stays bounded by the
/// size limit: a JSON Lines file is read line by line, never whole.
void read_input(const Input& input, const ReadOptions& options,
                const std::function<void(Entry&&, std::uintmax_t bytes_done)>& sink);

}  // namespace article_search::corpus
