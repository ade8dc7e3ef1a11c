/// @file Reading a corpus: folders of articles and JSON Lines files.
#include "corpus.h"

#include "dates.h"
#include "utf8.h"
#include "language_tag.h"
#include "web_dates.h"
#include "web_urls.h"
#include "web_articles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace article_search::corpus {
namespace fs = std::filesystem;
namespace {

enum class FileKind { none, text, page, feed, records };

FileKind kind_of(const fs::path& path) {
  // As written: "README.TXT" beside a corpus's articles is the collection's own notes.
  const std::string ext = path.extension().string();
  if (ext == ".txt" || ext == ".md" || ext == ".markdown") return FileKind::text;
  if (ext == ".html" || ext == ".htm") return FileKind::page;
  if (ext == ".rss" || ext == ".atom" || ext == ".xml") return FileKind::feed;
  if (ext == ".jsonl") return FileKind::records;
  return FileKind::none;
}

bool is_article_file(const fs::path& path) { return kind_of(path) != FileKind::none; }

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

/// A record's value of the wrong type: a warning naming the key, and the field stays empty.
void wrong_type(Item& item, const char* key, const char* expected) {
  item.warnings.push_back(std::string("field `") + key + "` must be " + expected + ", ignored");
}

/// A text field: a string (a number is taken as written).
std::string text_field(const nlohmann::json& record, const char* key, Item& item) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return {};
  if (it->is_string()) {
    const std::string& text = it->get_ref<const std::string&>();
    return field_value(text, text.size());
  }
  if (it->is_number()) return it->dump();
  wrong_type(item, key, "a string");
  return {};
}

/// A list field: an array of strings, or one string (`tags` may also be "a, b, c").
std::vector<std::string> list_field(const nlohmann::json& record, const char* key, Item& item,
                                    bool comma_separated) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return {};
  std::vector<std::string> values;
  if (it->is_string()) {
    const std::string& text = it->get_ref<const std::string&>();
    if (!comma_separated) return field_values({text});
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t comma = std::min(text.find(',', start), text.size());
      values.push_back(text.substr(start, comma - start));
      start = comma + 1;
    }
    return field_values(values);
  }
  if (!it->is_array()) {
    wrong_type(item, key, "a string or a list of strings");
    return {};
  }
  for (const nlohmann::json& value : *it) {
    if (!value.is_string()) {
      wrong_type(item, key, "a list of strings");
      return {};
    }
    values.push_back(value.get<std::string>());
  }
  return field_values(values);
}

/// A date field: ISO 8601 or as feeds write it (RFC 822); a date that is neither is
/// dropped with a warning, never guessed.
std::string date_field(const nlohmann::json& record, const char* key, Item& item) {
  const std::string text = text_field(record, key, item);
  if (text.empty()) return {};
  if (auto iso = dates::parse_iso_date(text)) return *iso;
  if (std::string web = ingest::web_date(text); !web.empty()) return web;
  item.warnings.push_back(std::string("field `") + key + "` is not a date, ignored");
  return {};
}

/// The fields beyond BEIR's: url, authors (or author), modified, section, tags,
/// language, description.
void read_news_fields(const nlohmann::json& record, Item& item) {
  Article& article = item.article;
  if (article.date.empty()) {
    const std::string stated = json_string(record, "date");
    if (!stated.empty()) article.date = dates::parse_iso_date(ingest::web_date(stated)).value_or("");
  }
  const std::string url = text_field(record, "url", item);
  article.url = ingest::http_url(url);
  if (!url.empty() && article.url.empty()) {
    item.warnings.push_back("field `url` is not an absolute http(s) URL, ignored");
  }
  article.authors = list_field(record, record.contains("authors") ? "authors" : "author", item, false);
  article.modified = date_field(record, "modified", item);
  article.section = field_value(text_field(record, "section", item), 200);
  article.tags = list_field(record, "tags", item, true);
  const std::string language = text_field(record, "language", item);
  article.language = ingest::language_tag(language);
  if (article.language.empty() && !language.empty()) {
    item.warnings.push_back("field `language` is not a language tag such as `en`, ignored");
  }
  article.description = field_value(text_field(record, "description", item), 2000);
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

/// A file opened for reading, closed on destruction.
class FileHandle {
 public:
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

/// The canonical form of `file` when it lies inside `root` (canonical too), else nothing.
std::optional<fs::path> inside(const fs::path& file, const fs::path& root) {
  std::error_code ec;
  const fs::path target = fs::canonical(file, ec);
  if (ec) return std::nullopt;
  const fs::path relative = target.lexically_relative(root);
  if (relative.empty() || *relative.begin() == ".." || relative == ".") return std::nullopt;
  return target;
}

/// Reads at most `limit` bytes of `file` into `bytes` (never following a symlink: the
/// caller has resolved one), setting `too_large` when there is more. Returns an error
/// message, empty on success. Refuses anything but a regular file (a FIFO would block).
std::string read_bounded(const fs::path& file, std::uintmax_t limit, std::uintmax_t size_hint,
                         std::string& bytes, bool& too_large) {
  const FileHandle fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) return std::strerror(errno);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return std::strerror(errno);
  if (!S_ISREG(info.st_mode)) return "not a regular file";
  bytes.clear();
  bytes.reserve(static_cast<std::size_t>(std::min(size_hint, limit)));
  too_large = false;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::strerror(errno);
    if (got == 0) return {};
    if (bytes.size() + static_cast<std::size_t>(got) > limit) {
      too_large = true;  // limit + 1 bytes seen: stop here, whatever stat said
      return {};
    }
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
}

std::string too_large_detail(std::uintmax_t limit) {
  return "more than the limit of " + std::to_string(limit) + " bytes";
}

/// Reads a JSON Lines file as a stream: each record (line) bounded by the size limit,
/// the rest of an oversized one skipped unread into memory.
/// `file` is the file to read (a symlink resolved), `where` its name for messages,
/// `name` the path stored with each record, `source` its records' default source, and
/// `done` the bytes read before it.
std::string read_jsonl(const fs::path& file, const std::string& where, const std::string& name,
                       const std::string& source, const ReadOptions& options, std::uintmax_t done,
                       const std::function<void(Entry&&, std::uintmax_t)>& sink) {
  std::FILE* stream = std::fopen(file.c_str(), "rb");
  if (stream == nullptr) return std::strerror(errno);
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(stream, std::fclose);
  struct stat info {};
  if (::fstat(::fileno(stream), &info) != 0 || !S_ISREG(info.st_mode)) return "not a regular file";
  const std::uintmax_t limit = options.max_file_bytes;
  std::string line;
  bool oversized = false;
  std::size_t number = 1;
  const auto finish_line = [&] {
    const std::string at = ":" + std::to_string(number);
    if (oversized) {
      sink(Skipped{where + at, "record too large", too_large_detail(limit)}, done);
    } else if (!is_blank(line)) {
      sink(parse_jsonl_record(line, source, where + at, name + at), done);
    }
    line.clear();
    oversized = false;
    ++number;
  };
  char buffer[1 << 16];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, stream)) > 0) {
    std::string_view chunk(buffer, got);
    while (!chunk.empty()) {
      const std::size_t nl = chunk.find('\n');
      const std::string_view part = chunk.substr(0, nl);
      if (!oversized && line.size() + part.size() > limit) {
        oversized = true;
        line.clear();
        line.shrink_to_fit();
      }
      if (!oversized) line.append(part);
      done += part.size() + (nl == std::string_view::npos ? 0 : 1);
      if (nl == std::string_view::npos) break;
      finish_line();
      chunk.remove_prefix(nl + 1);
    }
  }
  if (std::ferror(stream)) return std::strerror(errno);
  if (!line.empty() || oversized) finish_line();
  return {};
}

void read_folder(const Input& input, const ReadOptions& options,
                 const std::function<void(Entry&&, std::uintmax_t)>& sink) {
  const std::string root_name = folder_name(input.path);
  std::error_code ec;
  const fs::path root = fs::canonical(input.path, ec);
  std::uintmax_t done = 0;
  for (const Skipped& rejected : input.rejected) sink(Skipped(rejected), done);
  for (const fs::path& file : input.files) {
    const fs::path relative = file.lexically_relative(input.path);
    const std::string where = file.string();
    // Checked again now, not only when listed: the file may have become a symlink since.
    fs::path target = file;
    if (fs::is_symlink(fs::symlink_status(file, ec))) {
      const auto resolved = inside(file, root);
      if (!resolved) {
        sink(Skipped{where, "symlink out of the corpus folder", {}}, done);
        continue;
      }
      target = *resolved;
    }
    const std::uintmax_t size = fs::file_size(target, ec);
    if (ec) {
      sink(Skipped{where, "unreadable file", ec.message()}, done);
      continue;
    }
    if (target.extension() == ".jsonl" || file.extension() == ".jsonl") {
      // Read as a stream, a record at a time, like a .jsonl file given by itself.
      const std::string error = read_jsonl(target, where, relative.generic_string(),
                                           source_of(relative, root_name), options, done, sink);
      if (!error.empty()) sink(Skipped{where, "unreadable file", error}, done);
      done += size;
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
    bool too_large = false;
    if (const std::string error = read_bounded(target, options.max_file_bytes, size, bytes, too_large);
        !error.empty()) {
      sink(Skipped{where, "unreadable file", error}, done);
      continue;
    }
    if (too_large) {
      sink(Skipped{where, "file too large", too_large_detail(options.max_file_bytes)}, done);
      continue;
    }
    for (Entry& entry : parse_file(bytes, relative.generic_string(), source_of(relative, root_name),
                                   where)) {
      sink(std::move(entry), done);
    }
  }
}

/// A file's identity (device and inode), to notice one reached by two names.
std::optional<std::pair<dev_t, ino_t>> identity(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return std::nullopt;
  return std::pair(info.st_dev, info.st_ino);
}

/// Adds the symlinked files that resolve inside the folder to a file not read already;
/// the others become `rejected` entries (a warning each).
void add_links(Input& input, std::vector<fs::path>& links) {
  if (links.empty()) return;
  std::error_code ec;
  const fs::path root = fs::canonical(input.path, ec);
  std::set<std::pair<dev_t, ino_t>> seen;
  for (const fs::path& file : input.files) {
    if (const auto id = identity(file)) seen.insert(*id);
  }
  std::sort(links.begin(), links.end());
  for (const fs::path& link : links) {
    const auto target = inside(link, root);
    if (!target) {
      input.rejected.push_back({link.string(), "symlink out of the corpus folder", {}});
      continue;
    }
    const auto id = identity(*target);
    if (!id || !seen.insert(*id).second) {
      input.rejected.push_back({link.string(), "symlink to a file read already",
                                target->lexically_relative(root).generic_string()});
      continue;
    }
    input.files.push_back(link);
    input.bytes += fs::file_size(*target, ec);
  }
}

std::vector<Entry> entries_of(Entry&& entry) {
  std::vector<Entry> entries;
  entries.push_back(std::move(entry));
  return entries;
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
  std::vector<fs::path> links;
  for (auto it = fs::recursive_directory_iterator(path, options, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (is_hidden(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!is_article_file(it->path()) || !it->is_regular_file(ec)) continue;
    if (it->is_symlink(ec)) {
      links.push_back(it->path());
      continue;
    }
    input.files.push_back(it->path());
    input.bytes += it->file_size(ec);
  }
  if (ec) throw std::runtime_error("cannot read folder " + path.string() + ": " + ec.message());
  add_links(input, links);
  std::sort(input.files.begin(), input.files.end());
  return input;
}

std::vector<Entry> parse_file(std::string_view bytes, const std::string& relative,
                              const std::string& source, const std::string& where) {
  switch (kind_of(relative)) {
    case FileKind::page:
      return entries_of(page_entry(bytes, relative, source, where));
    case FileKind::feed:
      return feed_entries(bytes, relative, source, where);
    default:
      return entries_of(parse_file_bytes(bytes, relative, source, where));
  }
}

Entry parse_file_bytes(std::string_view bytes, const std::string& relative,
                       const std::string& source, const std::string& where) {
  if (is_blank(bytes)) return Skipped{where, "empty file", {}};
  if (text::looks_binary(bytes)) return Skipped{where, "binary file", {}};
  Item item;
  const std::string text = repaired(bytes, item.warnings);
  item.article = parse_article_text(text);
  if (is_blank(item.article.body) && is_blank(item.article.title)) {
    return Skipped{where, "empty file", {}};
  }
  item.article.id = id_from_relative_path(relative);
  item.article.source = source;
  item.article.path = relative;
  item.where = where;
  return item;
}

Entry parse_jsonl_record(std::string_view line, const std::string& source,
                         const std::string& where, const std::string& location) {
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
  item.article = article_from_record(title, body, json_string(record, "date"));
  item.article.id = safe_id(id);
  item.article.source = json_string(record, "source");
  if (item.article.source.empty()) item.article.source = source;
  read_news_fields(record, item);
  item.article.path = location.empty() ? where : location;
  item.where = where;
  return item;
}

namespace {

ApiRecord api_error(std::string message, std::string field = {}) {
  return {std::nullopt, std::move(message), std::move(field)};
}

/// The field a record reader's warning names (between backticks), if any.
std::string field_named(const std::string& warning) {
  const std::size_t open = warning.find('`');
  const std::size_t close = open == std::string::npos ? open : warning.find('`', open + 1);
  return close == std::string::npos ? std::string() : warning.substr(open + 1, close - open - 1);
}

constexpr std::string_view api_fields[] = {
    "_id", "id", "title", "text", "body", "date", "source", "url", "authors", "author",
    "modified", "section", "tags", "language", "description",
    // stored fields of an export line, which the server sets itself:
    "path", "feed", "origin", "title_derived"};

/// The record's id: `path_id`, agreeing with "_id"/"id" when the record has one.
std::variant<std::string, ApiRecord> api_id(const nlohmann::json& record, std::string_view path_id) {
  std::string id(path_id);
  for (const char* key : {"_id", "id"}) {
    const auto it = record.find(key);
    if (it == record.end() || it->is_null()) continue;
    if (!it->is_string()) return api_error(std::string("Field `") + key + "` must be a string.", key);
    const std::string& stated = it->get_ref<const std::string&>();
    if (id.empty()) {
      id = stated;
    } else if (stated != id) {
      return api_error(std::string("Field `") + key + "` is `" + stated + "`, but the article is `" + id + "`.", key);
    }
  }
  if (id.empty()) return api_error("The record has no id: give `_id`.", "_id");
  if (const std::string problem = api_id_problem(id); !problem.empty()) {
    return api_error(problem, path_id.empty() ? "_id" : "id");
  }
  return id;
}

/// A string field of the record, or the error of a value of another type.
std::optional<ApiRecord> check_string(const nlohmann::json& record, const char* key) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null() || it->is_string()) return std::nullopt;
  return api_error(std::string("Field `") + key + "` must be a string.", key);
}

ApiRecord api_article(Item&& item) {
  if (!item.warnings.empty()) {
    std::string message = item.warnings.front();
    if (const auto ignored = message.rfind(", ignored"); ignored != std::string::npos) message.resize(ignored);
    message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
    return api_error(message + ".", field_named(item.warnings.front()));
  }
  item.article.origin = origin_api;
  item.article.path.clear();
  return {std::move(item.article), {}, {}};
}

}  // namespace

std::string api_id_problem(std::string_view id) {
  if (id.empty() || id.size() > max_api_id_bytes) {
    return "An id must be 1 to " + std::to_string(max_api_id_bytes) + " bytes long.";
  }
  const bool dotted = id == "." || id == ".." || id.starts_with("/") || id.ends_with("/") ||
                      id.find("//") != std::string_view::npos || id.starts_with("./") ||
                      id.starts_with("../") || id.find("/./") != std::string_view::npos ||
                      id.find("/../") != std::string_view::npos || id.ends_with("/.") ||
                      id.ends_with("/..");
  if (safe_id(id) != id || dotted) {
    return "An id may hold ASCII letters, digits and `-_./`, with no empty, `.` or `..` part; got `" +
           text::printable(id, 80) + "`.";
  }
  return {};
}

ApiRecord parse_api_record(std::string_view json, std::string_view path_id) {
  if (!text::is_valid_utf8(json)) return api_error("The record is not valid UTF-8.");
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e9999
    return api_error(std::string("The record is not valid JSON: ") + e.what());
  }
  if (!record.is_object()) return api_error("The record must be a JSON object.");
  for (const auto& [key, value] : record.items()) {
    if (std::find(std::begin(api_fields), std::end(api_fields), key) == std::end(api_fields)) {
      return api_error("Unknown field `" + text::printable(key, 80) + "`.", key);
    }
  }
  auto id = api_id(record, path_id);
  if (auto* error = std::get_if<ApiRecord>(&id)) return std::move(*error);
  for (const char* key : {"title", "text", "body", "date", "source"}) {
    if (auto error = check_string(record, key)) return std::move(*error);
  }
  if (record.contains("text") && record.contains("body")) {
    return api_error("Give the article's text as `text` or as `body`, not both.", "body");
  }
  const std::string body = json_string(record, record.contains("body") ? "body" : "text");
  const std::string title = json_string(record, "title");
  if (is_blank(body) && is_blank(title)) return api_error("The article needs a `title` or a `text`.", "text");
  Item item;
  item.article = article_from_record(title, body, json_string(record, "date"));
  item.article.id = std::get<std::string>(id);
  item.article.source = field_value(json_string(record, "source"), 200);
  if (item.article.source.empty()) item.article.source = origin_api;
  read_news_fields(record, item);
  if (item.article.date.empty() && !is_blank(json_string(record, "date"))) {
    item.warnings.insert(item.warnings.begin(),
                         "field `date` is not a date such as 2026-12-03 or 2026-12-03T14:05:00Z, ignored");
  }
  return api_article(std::move(item));
}

ApiRecord parse_api_page(std::string_view html, std::string_view id) {
  if (const std::string problem = api_id_problem(id); !problem.empty()) return api_error(problem, "id");
  Entry entry = page_entry(html, std::string(id) + ".html", origin_api, "the page");
  if (auto* skipped = std::get_if<Skipped>(&entry)) {
    return api_error("The page cannot be read as an article: " + skipped->reason +
                     (skipped->detail.empty() ? "" : " (" + skipped->detail + ")") + ".");
  }
  Item& item = std::get<Item>(entry);
  item.article.id = std::string(id);
  // What a page states is taken as the indexer takes it (its encoding repaired, a bad
  // date left out): the client cannot change the page, only send it.
  item.warnings.clear();
  return api_article(std::move(item));
}

void read_input(const Input& input, const ReadOptions& options,
                const std::function<void(Entry&&, std::uintmax_t)>& sink) {
  if (!input.is_jsonl) return read_folder(input, options, sink);
  const std::string error =
      read_jsonl(input.path, input.path.string(), input.path.filename().string(),
                 folder_name(input.path.parent_path()), options, 0, sink);
  if (!error.empty()) throw std::runtime_error("cannot read " + input.path.string() + ": " + error);
}

}  // namespace article_search::corpus
