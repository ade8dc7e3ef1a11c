/// @file The article-server command line: options, environment, and the run.
#include "cli.h"

#include "cors.h"
#include "memory.h"
#include "topology.h"

#include "numbers.h"
#include "search.h"
#include "synonyms.h"

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <memory>
#include <thread>
#include <variant>

#include <pthread.h>

#ifndef ARTICLE_SEARCH_VERSION
#define ARTICLE_SEARCH_VERSION "dev"
#endif

namespace article_search::server {
namespace {

constexpr long max_threads = 256;

Command usage_error(std::string message) {
  Command command;
  command.kind = Command::Kind::usage_error;
  command.error = std::move(message);
  return command;
}

/// Applies one option's value; an error message when it is invalid. Key files are noted
/// in `key_files`, to be read when the server starts (read_key_files).
std::string apply(ServerOptions& options, std::map<std::string, std::string>& key_files,
                  const std::string& name, const std::string& value) {
  if (name == "db") {
    if (value.empty()) return "--db needs a database folder or stub file";
    // Several --db options are searched as one database (shards).
    (options.db.empty() ? options.db : options.more_dbs.emplace_back()) = value;
  } else if (name == "remote-timeout") {
    const auto ms = numbers::parse_bounded<long>(value, 100, 600000);
    if (!ms) return "--remote-timeout needs milliseconds from 100 to 600000, got '" + value + "'";
    options.remote_timeout_seconds = static_cast<double>(*ms) / 1000;
  } else if (name == "web") {
    options.web = value;
  } else if (name == "host") {
    if (value.empty()) return "--host needs an address";
    options.host = value;
  } else if (name == "port") {
    const auto port = numbers::parse_bounded<long>(value, 0, 65535);
    if (!port) return "--port needs a number from 0 to 65535, got '" + value + "'";
    options.port = static_cast<int>(*port);
  } else if (name == "threads") {
    const auto threads = numbers::parse_bounded<long>(value, 1, max_threads);
    if (!threads) return "--threads needs a number from 1 to 256, got '" + value + "'";
    options.threads = static_cast<int>(*threads);
  } else if (name == "cors-origin") {
    // Repeatable, and a comma-separated list (the environment variable's form).
    for (std::size_t start = 0; start <= value.size();) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      const std::string origin = value.substr(start, comma - start);
      if (!valid_cors_origin(origin)) {
        return "--cors-origin needs `*` or an origin such as https://news.example, got '" + origin + "'";
      }
      options.cors_origins.push_back(origin);
      start = comma + 1;
    }
  } else if (name == "admin-key-file" || name == "search-key-file") {
    if (value.empty()) return "--" + name + " needs a file";
    (name == "admin-key-file" ? options.keys.admin : options.keys.search).clear();
    key_files[name] = value;
  } else if (name == "synonyms") {
    if (value.empty()) return "--synonyms needs a file";
    options.synonyms_file = value;
  } else if (name == "log-queries") {
    if (value != "yes" && value != "no") return "--log-queries needs yes or no, got '" + value + "'";
    options.log_queries = value == "yes";
  } else if (name == "searches") {
    const auto searches = numbers::parse_bounded<long>(value, 1, max_threads);
    if (!searches) return "--searches needs a number from 1 to 256, got '" + value + "'";
    options.searches = static_cast<int>(*searches);
  }
  return {};
}

constexpr const char* option_names[] = {"db",          "web",           "host",           "port",
                                        "threads",     "searches",      "remote-timeout", "cors-origin",
                                        "admin-key-file", "search-key-file", "log-queries", "synonyms"};

/// The variables that hold a key itself (a file is safer, but containers and CI pass
/// secrets as variables). Never a command-line option: `ps` shows those to every user.
constexpr std::pair<const char*, std::string AccessKeys::*> key_variables[] = {
    {"ARTICLE_SEARCH_ADMIN_KEY", &AccessKeys::admin},
    {"ARTICLE_SEARCH_SEARCH_KEY", &AccessKeys::search},
};

std::string read_keys_from(const Environment& env, AccessKeys& keys) {
  for (const auto& [variable, member] : key_variables) {
    const auto it = env.find(variable);
    if (it == env.end()) continue;
    keys.*member = trimmed_key(it->second);
    if (std::string problem = key_problem(keys.*member, variable); !problem.empty()) return problem;
  }
  return {};
}

std::string env_name(const std::string& option) {
  std::string name = "ARTICLE_SEARCH_";
  for (char c : option) name += c == '-' ? '_' : static_cast<char>(c - 'a' + 'A');
  return name;
}

}  // namespace

std::string usage_text() {
  return "Usage: article-server --db DB [options]\n"
         "\n"
         "Serves the search API over HTTP (and the page of --web) from the Xapian database DB\n"
         "made by article-indexer: a database folder, or a Xapian stub file listing several.\n"
         "\n"
         "Options (environment variable of the same meaning in brackets):\n"
         "  --db DB               the database (ARTICLE_SEARCH_DB); repeat it to search several\n"
         "                        databases (shards) as one; a stub file may list remote\n"
         "                        shards (`remote HOST:PORT`, see docs/scaling-out.md)\n"
         "  --remote-timeout MS   connect and read timeout for remote shards, default 5000\n"
         "                        (ARTICLE_SEARCH_REMOTE_TIMEOUT)\n"
         "  --host ADDRESS        address to listen on, default 127.0.0.1 (ARTICLE_SEARCH_HOST)\n"
         "  --port N              port, default 8080; 0 picks a free one (ARTICLE_SEARCH_PORT)\n"
         "  --web DIR             folder of static files served at / (ARTICLE_SEARCH_WEB)\n"
         "  --threads N           handler threads, 1 to 256, default 16 (ARTICLE_SEARCH_THREADS)\n"
         "  --searches N          searches run at once, the rest queued in order, 1 to 256;\n"
         "                        default two per core, no limit with remote shards\n"
         "                        (ARTICLE_SEARCH_SEARCHES)\n"
         "  --cors-origin ORIGIN  let pages of ORIGIN (https://news.example, or * for any) call\n"
         "                        the API from a browser; repeat it or list origins with\n"
         "                        commas; default: none (ARTICLE_SEARCH_CORS_ORIGIN)\n"
         "  --admin-key-file FILE the admin key, which writes need (PUT, DELETE, POST\n"
         "                        /api/documents); or the key itself in ARTICLE_SEARCH_ADMIN_KEY;\n"
         "                        default: none, and the server takes no writes\n"
         "                        (ARTICLE_SEARCH_ADMIN_KEY_FILE)\n"
         "  --search-key-file FILE a key every read but /health then needs; or the key itself\n"
         "                        in ARTICLE_SEARCH_SEARCH_KEY; default: none, reads are open\n"
         "                        (ARTICLE_SEARCH_SEARCH_KEY_FILE)\n"
         "  --synonyms FILE       synonyms expanded in every query, in Solr's format (`kyiv,\n"
         "                        kiev`, `nyc => new york city`; docs/synonyms-news.txt is\n"
         "                        a sample); read at start, so a change needs a restart;\n"
         "                        default: none (ARTICLE_SEARCH_SYNONYMS)\n"
         "  --log-queries yes|no  whether the request log shows each request's query (q);\n"
         "                        default yes; analytics (/api/admin/queries) are kept either\n"
         "                        way, in memory only (ARTICLE_SEARCH_LOG_QUERIES)\n"
         "  --health-check PORT|URL  GET /health on a loopback server; exit 0 when healthy\n"
         "  --help                show this help\n"
         "  --version             show the version\n"
         "\n"
         "Exit status: 0 after a clean shutdown (SIGINT/SIGTERM), 1 on an error, 2 on a usage error.\n";
}

Command parse_command_line(const std::vector<std::string>& args, const Environment& env) {
  Command command;
  if (std::string error = read_keys_from(env, command.options.keys); !error.empty()) return usage_error(error);
  for (const std::string option : option_names) {
    const auto it = env.find(env_name(option));
    if (it == env.end()) continue;
    if (std::string error = apply(command.options, command.key_files, option, it->second); !error.empty()) {
      return usage_error(env_name(option) + ": " + error);
    }
  }
  // --db and --cors-origin on the command line replace their variable rather than add to it.
  if (std::find(args.begin(), args.end(), "--db") != args.end()) command.options.db.clear();
  if (std::find(args.begin(), args.end(), "--cors-origin") != args.end()) command.options.cors_origins.clear();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") return Command{Command::Kind::help, {}, {}, {}, {}};
    if (arg == "--version") return Command{Command::Kind::version, {}, {}, {}, {}};
    if (arg == "--admin-key" || arg == "--search-key" || arg.starts_with("--admin-key=") ||
        arg.starts_with("--search-key=")) {
      const std::string option = arg.substr(0, arg.find('='));
      return usage_error(option + " is not taken: a key on the command line shows in `ps`; use " + option +
                         "-file FILE or ARTICLE_SEARCH_" + (option == "--admin-key" ? "ADMIN" : "SEARCH") + "_KEY");
    }
    const bool takes_value = arg == "--health-check" || (arg.rfind("--", 0) == 0 && [&] {
      for (const std::string option : option_names) {
        if (arg == "--" + option) return true;
      }
      return false;
    }());
    if (!takes_value) return usage_error("unknown option or argument " + arg);
    if (i + 1 >= args.size()) return usage_error(arg + " needs a value");
    const std::string& value = args[++i];
    if (arg == "--health-check") {
      command.kind = Command::Kind::health_check;
      command.health_target = value;
      continue;
    }
    if (std::string error = apply(command.options, command.key_files, arg.substr(2), value); !error.empty()) {
      return usage_error(error);
    }
  }
  if (command.kind == Command::Kind::run && command.options.db.empty()) {
    return usage_error("--db DB is required");
  }
  return command;
}

namespace {

int health_check(const std::string& target) {
  std::string url = target;
  if (numbers::parse_bounded<long>(target, 1, 65535)) url = "http://127.0.0.1:" + target;
  const bool loopback = url.rfind("http://127.0.0.1", 0) == 0 ||
                        url.rfind("http://localhost", 0) == 0 || url.rfind("http://[::1]", 0) == 0;
  if (!loopback) {
    std::fprintf(stderr, "article-server: --health-check takes a port or an http:// loopback URL\n");
    return 2;
  }
  httplib::Client client(url);
  client.set_connection_timeout(2, 0);
  client.set_read_timeout(5, 0);
  const auto response = client.Get("/health");
  if (response && response->status == 200) return 0;
  std::fprintf(stderr, "article-server: %s/health: %s\n", url.c_str(),
               response ? std::to_string(response->status).c_str() : "no answer");
  return 1;
}

/// Reads the key files the command names into `options.keys`; an error message (naming
/// the file, never its text) when one cannot be read or holds no usable key.
std::string read_key_files(const Command& command, ServerOptions& options) {
  for (const auto& [option, file] : command.key_files) {
    std::error_code ec;
    if (std::filesystem::file_size(file, ec) > 4096 || ec) {
      return "--" + option + " " + file + ": " + (ec ? ec.message() : "larger than a key file (4 KB)");
    }
    std::FILE* in = std::fopen(file.c_str(), "rb");
    if (!in) return "--" + option + " " + file + ": cannot be read";
    char buffer[4097];
    const std::size_t got = std::fread(buffer, 1, sizeof buffer - 1, in);
    std::fclose(in);
    std::string& key = option == "admin-key-file" ? options.keys.admin : options.keys.search;
    key = trimmed_key(std::string_view(buffer, got));
    if (std::string problem = key_problem(key, "--" + option + " " + file); !problem.empty()) return problem;
  }
  if (!options.keys.admin.empty() && options.keys.admin == options.keys.search) {
    return "the admin key and the search key must differ";
  }
  return {};
}

/// Loads the file of --synonyms into `options.synonyms`; an error message naming the
/// file and the line when it cannot be used.
std::string read_synonyms(ServerOptions& options) {
  if (options.synonyms_file.empty()) return {};
  auto loaded = search::load_synonyms(options.synonyms_file.string());
  if (const auto* error = std::get_if<std::string>(&loaded)) return "--synonyms " + *error;
  auto synonyms = std::make_shared<const search::Synonyms>(std::move(std::get<search::Synonyms>(loaded)));
  std::printf("article-server: %zu synonym rules from %s\n", synonyms->rule_count(),
              options.synonyms_file.c_str());
  options.synonyms = std::move(synonyms);
  return {};
}

int serve(const ServerOptions& options) {
  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  configure_allocator();
  if (!options.web.empty() && !std::filesystem::is_directory(options.web)) {
    std::fprintf(stderr, "article-server: --web %s is not a folder\n", options.web.c_str());
    return 1;
  }
  SearchServer server(options);
  const int port = server.bind();
  if (port < 0) {
    std::fprintf(stderr, "article-server: cannot listen on %s:%d\n", options.host.c_str(), options.port);
    return 1;
  }
  const bool ipv6 = options.host.find(':') != std::string::npos;
  std::printf("article-server: serving %s on http://%s%s%s:%d/\n", options.db.c_str(),
              ipv6 ? "[" : "", options.host.c_str(), ipv6 ? "]" : "", port);
  std::fflush(stdout);
  std::thread stopper([&server, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.stop();
  });
  const bool served = server.listen();
  pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the waiter if listen failed
  stopper.join();
  std::fprintf(stderr, "article-server: stopped\n");
  return served ? 0 : 1;
}

}  // namespace

int run_command(const Command& command) {
  switch (command.kind) {
    case Command::Kind::help: std::fputs(usage_text().c_str(), stdout); return 0;
    case Command::Kind::version: std::printf("article-server %s\n", ARTICLE_SEARCH_VERSION); return 0;
    case Command::Kind::usage_error:
      std::fprintf(stderr, "article-server: %s\n\n%s", command.error.c_str(), usage_text().c_str());
      return 2;
    case Command::Kind::health_check: return health_check(command.health_target);
    case Command::Kind::run: break;
  }
  ServerOptions options = command.options;
  std::string error = read_key_files(command, options);
  if (error.empty()) error = read_synonyms(options);
  if (!error.empty()) {
    std::fprintf(stderr, "article-server: %s\n", error.c_str());
    return 1;
  }
  try {
    return serve(options);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "article-server: cannot open the database %s: %s\n",
                 command.options.db.c_str(), e.get_description().c_str());
  } catch (const layout::StubError& e) {
    std::fprintf(stderr, "article-server: cannot open the database: %s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "article-server: %s\n", e.what());
  }
  return 1;
}

}  // namespace article_search::server
