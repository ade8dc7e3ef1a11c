/// @file Reading a corpus: folders of articles and JSON Lines files.
#include "corpus.h"

#include "utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace article_search::corpus {
namespace fs = std::filesystem;
namespace {

bool is_article_file(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".txt" || ext == ".md" || ext == ".markdown";
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

std::string folder_name(const fs::path& folder) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(folder, ec);
  if (ec) canonical = folder;
  std::string name = canonical.filename().string();
  if (name.empty()) name = canonical.parent_path().filename().string();
  return name.empty() ? "corpus" : name;
}

/// The source of a file: its top-level folder below the corpus root, or the root's name.
std::string source_of(const fs::path& relative, const std::string& root_name) {
  auto first = relative.begin();
  if (first == relative.end() || std::next(first) == relative.end()) return root_name;
  return first->string();
}

std::string json_string(const nlohmann::json& record, const char* key) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

/// Applies repair_utf8, recording a warning when anything was replaced.
std::string repaired(std::string_view bytes, std::vector<std::string>& warnings) {
  if (text::is_valid_utf8(bytes)) return std::string(bytes);
  text::Utf8Repair fix = text::repair_utf8(bytes);
  warnings.push_back("invalid UTF-8: " + std::to_string(fix.invalid_sequences) +
                     " sequence(s) replaced with U+FFFD");
  return std::move(fix.text);
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

/// Reads a whole file; returns an error message, empty on success.
std::string read_file(const fs::path& file, std::uintmax_t size_hint, std::string& bytes) {
  std::FILE* stream = std::fopen(file.c_str(), "rb");
  if (stream == nullptr) return std::strerror(errno);
  bytes.clear();
  bytes.reserve(size_hint);
  char buffer[1 << 16];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, stream)) > 0) bytes.append(buffer, got);
  const int error = std::ferror(stream) ? errno : 0;
  std::fclose(stream);
  return error != 0 ? std::strerror(error) : "";
}

void read_folder(const Input& input, const ReadOptions& options,
                 const std::function<void(Entry&&, std::uintmax_t)>& sink) {
  const std::string root_name = folder_name(input.path);
  std::uintmax_t done = 0;
  for (const fs::path& file : input.files) {
    const fs::path relative = file.lexically_relative(input.path);
    const std::string where = file.string();
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec) {
      sink(Skipped{where, "unreadable file", ec.message()}, done);
      continue;
    }
    done += size;
    if (size > options.max_file_bytes) {
      sink(Skipped{where, "file too large",
                   std::to_string(size) + " bytes, limit " + std::to_string(options.max_file_bytes)},
           done);
      continue;
    }
    std::string bytes;
    if (const std::string error = read_file(file, size, bytes); !error.empty()) {
      sink(Skipped{where, "unreadable file", error}, done);
      continue;
    }
    sink(parse_file_bytes(bytes, relative.generic_string(), source_of(relative, root_name),
                          where),
         done);
  }
}

void read_jsonl(const Input& input, const std::function<void(Entry&&, std::uintmax_t)>& sink) {
  std::ifstream in(input.path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + input.path.string());
  const std::string source = folder_name(input.path.parent_path());
  std::string line;
  std::uintmax_t done = 0;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    done += line.size() + 1;
    if (is_blank(line)) continue;
    sink(parse_jsonl_record(line, source, input.path.string() + ":" + std::to_string(number)),
         done);
  }
}

}  // namespace

Input open_input(const fs::path& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    throw std::runtime_error("corpus path does not exist: " + path.string());
  }
  Input input;
  input.path = path;
  if (fs::is_regular_file(status)) {
    if (path.extension() != ".jsonl") {
      throw std::runtime_error("not a folder or a .jsonl file: " + path.string());
    }
    input.is_jsonl = true;
    input.bytes = fs::file_size(path, ec);
    return input;
  }
  if (!fs::is_directory(status)) {
    throw std::runtime_error("not a folder or a .jsonl file: " + path.string());
  }
  const auto options = fs::directory_options::skip_permission_denied;
  for (auto it = fs::recursive_directory_iterator(path, options, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (is_hidden(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!is_article_file(it->path()) || !it->is_regular_file(ec)) continue;
    input.files.push_back(it->path());
    input.bytes += it->file_size(ec);
  }
  if (ec) throw std::runtime_error("cannot read folder " + path.string() + ": " + ec.message());
  std::sort(input.files.begin(), input.files.end());
  return input;
}

Entry parse_file_bytes(std::string_view bytes, const std::string& relative,
                       const std::string& source, const std::string& where) {
  if (is_blank(bytes)) return Skipped{where, "empty file", {}};
  if (text::looks_binary(bytes)) return Skipped{where, "binary file", {}};
  Item item;
  const std::string text = repaired(bytes, item.warnings);
  ArticleText parsed = parse_article_text(text);
  if (is_blank(parsed.body) && is_blank(parsed.title)) return Skipped{where, "empty file", {}};
  item.article = Article{id_from_relative_path(relative), std::move(parsed.title),
                         parsed.title_derived, std::move(parsed.date), std::move(parsed.body),
                         source, where};
  return item;
}

Entry parse_jsonl_record(std::string_view line, const std::string& source,
                         const std::string& where) {
  Item item;
  const std::string text = repaired(line, item.warnings);
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e9999
    return Skipped{where, "malformed JSON Lines record", e.what()};
  }
  if (!record.is_object()) return Skipped{where, "malformed JSON Lines record", "not an object"};
  const std::string id = json_string(record, "_id");
  if (is_blank(id)) return Skipped{where, "record without _id", {}};
  const std::string body = json_string(record, "text");
  const std::string title = json_string(record, "title");
  if (is_blank(body) && is_blank(title)) return Skipped{where, "empty record", {}};
  ArticleText parsed = article_from_record(title, body, json_string(record, "date"));
  std::string record_source = json_string(record, "source");
  item.article = Article{safe_id(id), std::move(parsed.title),
                         parsed.title_derived, std::move(parsed.date), std::move(parsed.body),
                         record_source.empty() ? source : record_source, where};
  return item;
}

void read_input(const Input& input, const ReadOptions& options,
                const std::function<void(Entry&&, std::uintmax_t)>& sink) {
  if (input.is_jsonl) return read_jsonl(input, sink);
  read_folder(input, options, sink);
}

}  // namespace article_search::corpus
