/// @file The index on disk: stub files, generations and shards (see layout.h).
#include "layout.h"

#include "numbers.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace article_search::layout {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view generation_prefix = "gen-";

/// N of a "gen-N" folder name.
std::optional<unsigned> generation_number(std::string_view name) {
  if (!name.starts_with(generation_prefix)) return std::nullopt;
  return numbers::parse_bounded<unsigned>(name.substr(generation_prefix.size()), 0, 1u << 30);
}

/// N of "gen-N" and of what a build of it leaves beside it ("gen-N.shards").
std::optional<unsigned> generation_family(std::string_view name) {
  if (!name.starts_with(generation_prefix)) return std::nullopt;
  name.remove_prefix(generation_prefix.size());
  return generation_number(std::string(generation_prefix) +
                           std::string(name.substr(0, name.find_first_not_of("0123456789"))));
}

ShardSpec parse_remote(std::string_view address, const std::string& where) {
  if (!address.empty() && address.front() == ':') {
    throw StubError(where + ": remote programs (remote :PROG) are not supported; "
                             "serve the shard with xapian-tcpsrv and use remote HOST:PORT");
  }
  const std::size_t colon = address.rfind(':');
  const auto port = colon == std::string_view::npos
                        ? std::nullopt
                        : numbers::parse_bounded<unsigned>(address.substr(colon + 1), 1, 65535);
  if (colon == 0 || !port) {
    throw StubError(where + ": expected remote HOST:PORT, got `" + std::string(address) + "`");
  }
  std::string host(address.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {std::string(address), {}, host, *port};
}

void fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

/// True when `root` holds nothing but what a first run leaves if it is killed before its
/// stub is written: generation folders and a temporary stub. Such a folder has never been
/// a database (no stub ever pointed into it), so the next run may start afresh there.
bool only_unfinished_first_run(const fs::path& root) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    const bool generation = name.starts_with(generation_prefix) && entry.is_directory(ec);
    if (!generation && name != std::string(stub_name) + ".tmp") return false;
  }
  return !ec;
}

}  // namespace

std::vector<ShardSpec> parse_stub(std::string_view text, const fs::path& dir, const std::string& where) {
  std::vector<ShardSpec> shards;
  std::istringstream in{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string at = where + ":" + std::to_string(number);
    std::istringstream words(line);
    std::string type, target, extra;
    if (!(words >> type) || type.front() == '#') continue;
    if (!(words >> target)) throw StubError(at + ": `" + type + "` needs an argument");
    if (type == "remote") {
      if (target.front() == ':') parse_remote(target, at);  // throws: programs unsupported
      if (words >> extra) throw StubError(at + ": remote takes one HOST:PORT");
      shards.push_back(parse_remote(target, at));
    } else if (type == "auto" || type == "glass") {
      // Xapian's rule: the rest of the line is the path, spaces included.
      const std::string rest = line.substr(line.find(target));
      const fs::path local = fs::path(rest).is_absolute() ? fs::path(rest) : dir / rest;
      shards.push_back({local.string(), local, {}, 0});
    } else {
      throw StubError(at + ": unsupported database type `" + type +
                      "` (use auto, glass or remote)");
    }
  }
  if (shards.empty()) throw StubError(where + ": the stub lists no database");
  return shards;
}

std::vector<ShardSpec> read_stub(const fs::path& path) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw StubError(path.string() + ": cannot read the stub (" + ec.message() + ")");
  if (size > max_stub_bytes) throw StubError(path.string() + ": the stub is too big");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw StubError(path.string() + ": cannot read the stub");
  return parse_stub(text.str(), path.parent_path(), path.string());
}

std::string generation_folder(unsigned number) {
  return std::string(generation_prefix) + std::to_string(number);
}

std::string shard_folder(unsigned index, unsigned count) {
  return "shard-" + std::to_string(index) + "-of-" + std::to_string(count);
}

std::string shard_label(unsigned index, unsigned count) {
  return std::to_string(index) + "/" + std::to_string(count);
}

std::string generation_stub_text(unsigned number) {
  return "glass " + generation_folder(number) + "\n";
}

std::string shard_stub_text(unsigned count) {
  std::string text;
  for (unsigned i = 0; i < count; ++i) text += "auto " + shard_folder(i, count) + "\n";
  return text;
}

std::optional<unsigned> generation_of(const std::vector<ShardSpec>& entries, const fs::path& dir) {
  if (entries.size() != 1 || entries.front().remote()) return std::nullopt;
  const fs::path& path = entries.front().path;
  if (path.parent_path() != dir) return std::nullopt;
  return generation_number(path.filename().string());
}

std::optional<unsigned> shard_count_of(const std::vector<ShardSpec>& entries, const fs::path& dir) {
  const auto count = static_cast<unsigned>(entries.size());
  for (unsigned i = 0; i < count; ++i) {
    if (entries[i].remote() || entries[i].path != dir / shard_folder(i, count)) return std::nullopt;
  }
  return count;
}

void write_stub(const fs::path& folder, std::string_view text) {
  const fs::path stub = folder / stub_name;
  const fs::path temp = folder / (std::string(stub_name) + ".tmp");
  {
    std::ofstream out(temp, std::ios::trunc | std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
  }
  fsync_path(temp, O_RDONLY);
  fs::rename(temp, stub);  // atomic: readers see the old stub or the new one
  fsync_path(folder, O_RDONLY | O_DIRECTORY);
}

std::optional<Location> find(const fs::path& root) {
  std::error_code ec;
  if (!fs::exists(root, ec)) return std::nullopt;
  if (!fs::is_directory(root, ec)) {
    throw std::runtime_error("database path is not a folder: " + root.string());
  }
  const fs::path stub = root / stub_name;
  if (fs::exists(stub, ec)) {
    const auto number = generation_of(read_stub(stub), stub.parent_path());
    if (!number) throw std::runtime_error("unrecognised stub file " + stub.string());
    return Location{root, root / generation_folder(*number), number};
  }
  if (fs::exists(root / "iamglass", ec)) return Location{root, root, std::nullopt};
  if (fs::is_empty(root, ec) || only_unfinished_first_run(root)) return std::nullopt;
  throw std::runtime_error("database path holds files that are not an article-search database: " +
                           root.string());
}

fs::path next_generation(const fs::path& root, const std::optional<Location>& previous,
                         unsigned& number) {
  number = previous && previous->generation ? *previous->generation + 1 : 1;
  return root / generation_folder(number);
}

void switch_to(const fs::path& root, unsigned number, std::optional<unsigned> replaced) {
  write_stub(root, generation_stub_text(number));
  // Keep the generation just replaced for readers still using it; drop older ones.
  const unsigned keep = replaced.value_or(number);
  for (const auto& entry : fs::directory_iterator(root)) {
    const auto n = generation_family(entry.path().filename().string());
    if (n && *n != number && *n != keep) {
      std::error_code ec;
      fs::remove_all(entry.path(), ec);
    }
  }
}

std::optional<unsigned> existing_shard_count(const fs::path& db) {
  std::error_code ec;
  const fs::path stub = db / stub_name;
  if (!fs::is_regular_file(stub, ec)) return std::nullopt;
  const std::vector<ShardSpec> entries = read_stub(stub);
  if (generation_of(entries, stub.parent_path())) return std::nullopt;  // "glass gen-N"
  const auto count = shard_count_of(entries, stub.parent_path());
  if (!count) throw StubError("unrecognised shard list in " + stub.string());
  return count;
}

std::optional<std::string> describe(const fs::path& root) {
  if (const auto count = existing_shard_count(root)) {
    return "article-search database of " + std::to_string(*count) + " shards";
  }
  const auto location = find(root);
  if (!location) return std::nullopt;
  if (!location->generation) return "plain Xapian database";
  return "article-search database, generation " + std::to_string(*location->generation);
}

void remove_other_layouts(const fs::path& root, unsigned count) {
  const std::string suffix = "-of-" + std::to_string(count);
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    const bool old_shard = name.starts_with("shard-") && !name.ends_with(suffix);
    if (old_shard || name.starts_with(generation_prefix)) {
      std::error_code ec;
      fs::remove_all(entry.path(), ec);
    }
  }
}

}  // namespace article_search::layout
