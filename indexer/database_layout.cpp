/// @file Where the index lives on disk, and how a rebuild is swapped in atomically.
#include "database_layout.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace article_search::layout {
namespace fs = std::filesystem;
namespace {

std::string generation_dir(unsigned number) { return "gen-" + std::to_string(number); }

std::optional<unsigned> parse_stub(const fs::path& stub) {
  std::ifstream in(stub);
  std::string backend, dir;
  if (!(in >> backend >> dir) || backend != "glass" || dir.rfind("gen-", 0) != 0) {
    return std::nullopt;
  }
  try {
    return static_cast<unsigned>(std::stoul(dir.substr(4)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

/// True when `root` holds nothing but what a first run leaves if it is killed before its
/// stub is written: generation folders and a temporary stub. Such a folder has never been
/// a database (no stub ever pointed into it), so the next run may start afresh there.
bool only_unfinished_first_run(const fs::path& root) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    const bool generation = name.rfind("gen-", 0) == 0 && entry.is_directory(ec);
    if (!generation && name != std::string(stub_name) + ".tmp") return false;
  }
  return !ec;
}

void fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::optional<Location> find(const fs::path& root) {
  std::error_code ec;
  if (!fs::exists(root, ec)) return std::nullopt;
  if (!fs::is_directory(root, ec)) {
    throw std::runtime_error("database path is not a folder: " + root.string());
  }
  const fs::path stub = root / stub_name;
  if (fs::exists(stub, ec)) {
    const auto number = parse_stub(stub);
    if (!number) throw std::runtime_error("unrecognised stub file " + stub.string());
    return Location{root, root / generation_dir(*number), number};
  }
  if (fs::exists(root / "iamglass", ec)) return Location{root, root, std::nullopt};
  if (fs::is_empty(root, ec) || only_unfinished_first_run(root)) return std::nullopt;
  throw std::runtime_error("database path holds files that are not an article-search database: " +
                           root.string());
}

fs::path next_generation(const fs::path& root, const std::optional<Location>& previous,
                         unsigned& number) {
  number = previous && previous->generation ? *previous->generation + 1 : 1;
  return root / generation_dir(number);
}

void switch_to(const fs::path& root, unsigned number, std::optional<unsigned> replaced) {
  const fs::path stub = root / stub_name;
  const fs::path temp = root / (std::string(stub_name) + ".tmp");
  {
    std::ofstream out(temp, std::ios::trunc);
    out << "glass " << generation_dir(number) << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
  }
  fsync_path(temp, O_RDONLY);
  fs::rename(temp, stub);  // atomic: readers see the old stub or the new one
  fsync_path(root, O_RDONLY | O_DIRECTORY);

  // Keep the generation just replaced for readers still using it; drop older ones.
  const unsigned keep = replaced.value_or(number);
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("gen-", 0) != 0) continue;
    unsigned n = 0;
    try {
      n = static_cast<unsigned>(std::stoul(name.substr(4)));
    } catch (const std::exception&) {
      continue;
    }
    if (n != number && n != keep) {
      std::error_code ec;
      fs::remove_all(entry.path(), ec);
    }
  }
}

}  // namespace article_search::layout
