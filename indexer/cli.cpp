/// @file The article-indexer command line: parsing arguments and printing progress.
#include "cli.h"

#include "layout.h"
#include "numbers.h"

#include "utf8.h"

#include <xapian.h>

#include <chrono>
#include <charconv>
#include <iostream>

#include <unistd.h>

#ifndef ARTICLE_SEARCH_VERSION
#define ARTICLE_SEARCH_VERSION "dev"
#endif

namespace article_search::indexer {
namespace {

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::optional<double> parse_seconds(const std::string& text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 86400) {
    return std::nullopt;
  }
  return value;
}

/// Megabytes (1 to 1 TiB's worth) as bytes.
std::optional<std::uintmax_t> parse_megabytes(const std::string& text) {
  const auto megabytes = numbers::parse_bounded<std::uintmax_t>(text, 1, std::uintmax_t{1} << 20);
  if (!megabytes) return std::nullopt;
  return *megabytes << 20;
}

Command usage_error(std::string message) {
  Command command;
  command.kind = Command::Kind::usage_error;
  command.error = std::move(message);
  return command;
}

}  // namespace

std::string usage_text() {
  return "Usage: article-indexer --db DIR [options] PATH...\n"
         "\n"
         "Indexes articles into the Xapian database DIR. Each PATH is a folder or a\n"
         ".jsonl file of {\"_id\", \"title\", \"text\", ...} records. Folders are read\n"
         "recursively: .txt and .md articles, saved .html/.htm pages, .rss/.atom/.xml\n"
         "feeds (an article per item) and .jsonl files. Runs are incremental: unchanged\n"
         "articles are skipped, edited ones replaced, new ones added, and articles no\n"
         "PATH holds any more deleted (but items that leave a feed stay); all of a run's\n"
         "changes commit at once.\n"
         "\n"
         "Options:\n"
         "  --db DIR             the database folder (created if missing)\n"
         "  --rebuild            build a fresh database beside the old one, then swap it in\n"
         "  --wait-lock SECONDS  wait this long for another indexer's write lock (default 0)\n"
         "  --max-file-mb N      skip article files larger than N MiB (default 64)\n"
         "  --shards N           write N shards searched as one database (1-256; see\n"
         "                       docs/scaling-out.md); changing N needs --rebuild\n"
         "  --threads N          writer threads for a fresh build (1-64, default: cores)\n"
         "  --memory-mb N        bound on a fresh build's buffers in MiB (16-65536,\n"
         "                       default 256); incremental runs flush every 10,000 changes\n"
         "  --status             print what DIR holds (no PATH needed) and exit: 0 when it\n"
         "                       is a database, 1 when it is not\n"
         "  --help               show this help\n"
         "  --version            show the version\n"
         "\n"
         "Exit status: 0 on success, 1 on an error, 2 on a usage error.\n";
}

Command parse_command_line(const std::vector<std::string>& args) {
  Command command;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      command.kind = Command::Kind::help;
      return command;
    }
    if (arg == "--version") {
      command.kind = Command::Kind::version;
      return command;
    }
    if (arg == "--rebuild") {
      command.options.rebuild = true;
    } else if (arg == "--status") {
      command.kind = Command::Kind::status;
    } else if (arg == "--db") {
      const auto dir = value();
      if (!dir || dir->empty()) return usage_error("--db needs a folder");
      command.options.db = *dir;
    } else if (arg == "--wait-lock") {
      const auto text = value();
      const auto seconds = text ? parse_seconds(*text) : std::nullopt;
      if (!seconds) return usage_error("--wait-lock needs a number of seconds from 0 to 86400");
      command.options.lock_wait_seconds = *seconds;
    } else if (arg == "--max-file-mb") {
      const auto text = value();
      const auto bytes = text ? parse_megabytes(*text) : std::nullopt;
      if (!bytes) return usage_error("--max-file-mb needs a whole number of MiB from 1 to 1048576");
      command.options.read.max_file_bytes = *bytes;
    } else if (arg == "--threads") {
      const auto text = value();
      const auto threads = text ? numbers::parse_bounded<unsigned>(*text, 1, 64) : std::nullopt;
      if (!threads) return usage_error("--threads needs a whole number from 1 to 64");
      command.options.threads = *threads;
    } else if (arg == "--shards") {
      const auto text = value();
      const auto shards = text ? numbers::parse_bounded<unsigned>(*text, 1, 256) : std::nullopt;
      if (!shards) return usage_error("--shards needs a whole number from 1 to 256");
      command.options.shards = *shards;
    } else if (arg == "--memory-mb") {
      const auto text = value();
      const auto megabytes = text ? numbers::parse_bounded<unsigned>(*text, 16, 65536) : std::nullopt;
      if (!megabytes) return usage_error("--memory-mb needs a whole number of MiB from 16 to 65536");
      command.options.memory_mb = *megabytes;
    } else if (arg.size() > 1 && arg.front() == '-') {
      return usage_error("unknown option " + arg);
    } else {
      command.options.inputs.emplace_back(arg);
    }
  }
  if (command.options.db.empty()) return usage_error("--db DIR is required");
  const bool needs_inputs = command.kind == Command::Kind::run;
  if (needs_inputs && command.options.inputs.empty()) {
    return usage_error("at least one corpus PATH is required");
  }
  return command;
}

ConsoleReporter::ConsoleReporter(bool interactive, std::FILE* out)
    : interactive_(interactive), out_(out), started_(now_seconds()) {}

void ConsoleReporter::warning(const std::string& message) {
  if (bar_visible_) std::fputs("\r\033[K", out_);
  bar_visible_ = false;
  // Messages carry file names, which may hold a newline or escape codes: never raw.
  std::fprintf(out_, "warning: %s\n", text::printable(message).c_str());
}

void ConsoleReporter::progress(std::uintmax_t done, std::uintmax_t total, std::size_t articles) {
  if (!interactive_) return;
  const double now = now_seconds();
  if (now - last_drawn_ < 0.1 && done < total) return;  // redraw at most 10 times a second
  last_drawn_ = now;
  const double elapsed = now - started_;
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int width = 30;
  const int filled = static_cast<int>(fraction * width);
  const double rate = elapsed > 0 ? static_cast<double>(articles) / elapsed : 0;
  const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
  std::fprintf(out_, "\r\033[K[%.*s%*s] %3.0f%%  %zu articles  %.0f/s  ETA %.0fs", filled,
               "##############################", width - filled, "", fraction * 100, articles,
               rate, eta);
  std::fflush(out_);
  bar_visible_ = true;
}

void ConsoleReporter::finish() {
  if (bar_visible_) std::fputs("\r\033[K", out_);
  bar_visible_ = false;
}

namespace {

/// `--status`: the layout's description of the folder, on stdout.
int print_status(const std::filesystem::path& db) {
  try {
    const auto status = layout::describe(db);
    std::cout << text::printable(db.string()) << ": " << status.value_or("no database") << "\n";
    return status ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "article-indexer: " << text::printable(e.what()) << "\n";
    return 1;
  }
}

}  // namespace

int run_command(const Command& command) {
  switch (command.kind) {
    case Command::Kind::help:
      std::cout << usage_text();
      return 0;
    case Command::Kind::version:
      std::cout << "article-indexer " << ARTICLE_SEARCH_VERSION << " (Xapian "
                << Xapian::version_string() << ")\n";
      return 0;
    case Command::Kind::usage_error:
      std::cerr << "article-indexer: " << text::printable(command.error) << "\n"
                << "Try 'article-indexer --help'.\n";
      return 2;
    case Command::Kind::status:
      return print_status(command.options.db);
    case Command::Kind::run:
      break;
  }
  ConsoleReporter reporter(::isatty(STDERR_FILENO) != 0);
  try {
    const Summary summary = run(command.options, reporter);
    reporter.finish();
    std::cout << format_summary(summary) << std::endl;
    return 0;
  } catch (const Xapian::Error& e) {
    reporter.finish();
    std::cerr << "article-indexer: " << text::printable(e.get_description()) << "\n";
  } catch (const std::exception& e) {
    reporter.finish();
    std::cerr << "article-indexer: " << text::printable(e.what()) << "\n";
  }
  return 1;
}

}  // namespace article_search::indexer
