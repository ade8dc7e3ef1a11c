/// @file Writing an index as N shards that Xapian searches as one database.
#include "sharding.h"

#include "database_layout.h"

#include <xapian.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace article_search::indexer::sharding {
namespace fs = std::filesystem;
namespace {

std::optional<unsigned> parse_number(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Progress of shard `index` of `count` runs over the same inputs, as one bar.
class ShardReporter : public Reporter {
 public:
  ShardReporter(Reporter& inner, unsigned index, unsigned count)
      : inner_(inner), index_(index), count_(count) {}
  void warning(const std::string& message) override { inner_.warning(message); }
  void progress(std::uintmax_t done, std::uintmax_t total, std::size_t articles) override {
    inner_.progress(index_ * total + done, count_ * total, articles);
  }

 private:
  Reporter& inner_;
  unsigned index_, count_;
};

void write_stub_atomically(const fs::path& root, unsigned count) {
  const fs::path stub = root / layout::stub_name;
  const fs::path temp = root / (std::string(layout::stub_name) + ".tmp");
  {
    std::ofstream out(temp, std::ios::trunc);
    out << shard_stub_text(count);
    if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
  }
  if (const int fd = ::open(temp.c_str(), O_RDONLY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(temp, stub);  // atomic: readers see the old set of shards or the new one
  if (const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

/// After the top stub lists `count` shards: drops what belonged to an earlier layout
/// (another shard count, or the generations of an unsharded database).
void remove_stale(const fs::path& root, unsigned count) {
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = "-of-" + std::to_string(count);
    const bool current = name.size() > suffix.size() &&
                         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    const bool old_shard = name.rfind("shard-", 0) == 0 && !current;
    if (old_shard || name.rfind("gen-", 0) == 0) {
      std::error_code ec;
      fs::remove_all(entry.path(), ec);
    }
  }
}

/// Refuses a run that would mix shard layouts; the number of shards to write.
unsigned shard_count_for(const Options& options) {
  const auto existing = existing_shard_count(options.db);
  const std::string db = options.db.string();
  if (!existing) {
    // Not sharded: missing, empty, or an unsharded database (only --rebuild may split it).
    if (layout::find(options.db) && !options.rebuild) {
      throw std::runtime_error(db + " holds an unsharded database; use --rebuild to split it into " +
                               std::to_string(options.shards) + " shards");
    }
    return options.shards;
  }
  if (options.shards == 0 || options.shards == *existing) return *existing;
  if (!options.rebuild) {
    throw std::runtime_error(db + " has " + std::to_string(*existing) + " shards but --shards " +
                             std::to_string(options.shards) +
                             " was given; use --rebuild to reshard it (or leave out --shards)");
  }
  return options.shards;
}

void check_shard_metadata(const fs::path& path, const ShardSelector& shard) {
  if (!layout::find(path)) return;
  const std::string recorded = Xapian::Database(path.string()).get_metadata(std::string(shard_key));
  if (recorded != shard_label(shard)) {
    throw std::runtime_error(path.string() + " records shard `" + recorded + "`, expected `" +
                             shard_label(shard) + "`; use --rebuild");
  }
}

}  // namespace

std::string shard_label(const ShardSelector& shard) {
  return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

std::string shard_folder(unsigned index, unsigned count) {
  return "shard-" + std::to_string(index) + "-of-" + std::to_string(count);
}

std::string shard_stub_text(unsigned count) {
  std::string text;
  for (unsigned i = 0; i < count; ++i) text += "auto " + shard_folder(i, count) + "\n";
  return text;
}

std::optional<unsigned> parse_shard_stub(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    if (end > 0) lines.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  if (lines.empty()) return std::nullopt;
  const std::string_view first = lines.front();
  const std::size_t of = first.rfind("-of-");
  if (first.rfind("auto shard-", 0) != 0 || of == std::string_view::npos) return std::nullopt;
  const auto count = parse_number(first.substr(of + 4));
  if (!count || *count != lines.size() || shard_stub_text(*count) != [&] {
        std::string joined;
        for (const auto line : lines) joined.append(line).append("\n");
        return joined;
      }()) {
    return std::nullopt;
  }
  return count;
}

std::optional<unsigned> existing_shard_count(const fs::path& db) {
  std::error_code ec;
  const fs::path stub = db / layout::stub_name;
  if (!fs::is_regular_file(stub, ec)) return std::nullopt;
  const std::string text = read_file(stub);
  if (text.rfind("auto ", 0) != 0) return std::nullopt;  // an ordinary "glass gen-N" stub
  const auto count = parse_shard_stub(text);
  if (!count) throw std::runtime_error("unrecognised shard list in " + stub.string());
  return count;
}

void stamp_shard(const fs::path& path, const ShardSelector& shard) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_OPEN);
  db.set_metadata(std::string(shard_key), shard_label(shard));
  db.commit();
}

Summary run_sharded(const Options& options, Reporter& reporter) {
  const unsigned count = shard_count_for(options);
  Summary total;
  for (unsigned index = 0; index < count; ++index) {
    Options shard_options = options;
    shard_options.db = options.db / shard_folder(index, count);
    shard_options.shard = {index, count};
    shard_options.shards = 0;
    check_shard_metadata(shard_options.db, shard_options.shard);
    ShardReporter shard_reporter(reporter, index, count);
    const Summary part = run_database(shard_options, shard_reporter);
    total.added += part.added;
    total.updated += part.updated;
    total.deleted += part.deleted;
    total.unchanged += part.unchanged;
    total.warnings += part.warnings;
    for (const auto& [reason, n] : part.skipped) total.skipped[reason] += n;
    total.bytes = part.bytes;  // every run reads the same inputs
    total.seconds += part.seconds;
    total.committed = total.committed || part.committed;
  }
  const fs::path stub = options.db / layout::stub_name;
  std::error_code ec;
  if (!fs::exists(stub, ec) || read_file(stub) != shard_stub_text(count)) {
    write_stub_atomically(options.db, count);
    remove_stale(options.db, count);
    total.committed = true;
  }
  return total;
}

}  // namespace article_search::indexer::sharding
