/// @file article-load: drives a running article-server with a mix of requests over N
/// keep-alive connections for a bounded time, and reports throughput, errors, non-2xx
/// answers, latency percentiles and (with --pid) the server's resident memory over time.
///
///   article-load --port P --mix FILE [--connections 64] [--seconds 60] [--warmup 10]
///                [--pid PID] [--rss-tolerance-percent 10] [--rss-slack-mb 8]
///
/// FILE has one request per line, tab-separated: `search<TAB>q<TAB>extra` (extra: already
/// URL-encoded `&name=value...`), `suggest<TAB>prefix`, `document<TAB>id`, `similar<TAB>id`.
/// Exit status 0 when every request got a 2xx answer (and memory stayed flat), else 1.
/// SIGTERM or SIGINT ends the run early, with the report.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> stop_requested{false};
extern "C" void request_stop(int) { stop_requested = true; }

bool running(Clock::time_point until) { return !stop_requested && Clock::now() < until; }

struct Options {
  int port = 0, connections = 64, pid = 0;
  double seconds = 60, warmup = 10, rss_tolerance_percent = 10, rss_slack_mb = 8;
  std::string mix;
};

std::string percent_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
  return fields;
}

/// The mix file as request targets.
std::vector<std::string> read_mix(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> targets;
  for (std::string line; std::getline(in, line);) {
    const auto f = split_tabs(line);
    if (f.size() < 2) continue;
    if (f[0] == "search") {
      targets.push_back("/api/search?q=" + percent_encode(f[1]) + (f.size() > 2 ? f[2] : ""));
    } else if (f[0] == "suggest") {
      targets.push_back("/api/suggest?q=" + percent_encode(f[1]));
    } else if (f[0] == "document") {
      targets.push_back("/api/documents/" + percent_encode(f[1]));
    } else if (f[0] == "similar") {
      targets.push_back("/api/similar/" + percent_encode(f[1]));
    }
  }
  return targets;
}

long rss_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

double percentile(std::vector<float>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

double median(std::vector<long> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return static_cast<double>(values[values.size() / 2]);
}

struct Totals {
  std::atomic<long> requests{0}, errors{0}, non_2xx{0};
  std::mutex mutex;
  std::vector<float> latencies_ms;
  std::vector<std::string> failures;  ///< the first few, for the report
};

void client_loop(const Options& options, const std::vector<std::string>& targets, int index,
                 Clock::time_point until, Totals& totals) {
  httplib::Client client("127.0.0.1", options.port);
  client.set_keep_alive(true);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(15, 0);
  std::vector<float> latencies;
  // Each connection walks the mix from its own starting point, with a stride coprime-ish.
  std::size_t next = static_cast<std::size_t>(index) * 7919 % targets.size();
  while (running(until)) {
    const std::string& target = targets[next];
    next = (next + 13) % targets.size();
    const auto started = Clock::now();
    const auto response = client.Get(target.c_str());
    latencies.push_back(std::chrono::duration<float, std::milli>(Clock::now() - started).count());
    ++totals.requests;
    if (response && response->status >= 200 && response->status < 300) continue;
    (response ? totals.non_2xx : totals.errors)++;
    const std::lock_guard<std::mutex> lock(totals.mutex);
    if (totals.failures.size() < 10) {
      totals.failures.push_back(target + " -> " + (response ? std::to_string(response->status) + " " +
                                                              response->body.substr(0, 200)
                                                        : httplib::to_string(response.error())));
    }
  }
  const std::lock_guard<std::mutex> lock(totals.mutex);
  totals.latencies_ms.insert(totals.latencies_ms.end(), latencies.begin(), latencies.end());
}

bool parse_options(int argc, char** argv, Options& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i], value = argv[i + 1];
    if (name == "--port") options.port = std::stoi(value);
    else if (name == "--connections") options.connections = std::clamp(std::stoi(value), 1, 1024);
    else if (name == "--seconds") options.seconds = std::clamp(std::stod(value), 1.0, 86400.0);
    else if (name == "--warmup") options.warmup = std::clamp(std::stod(value), 0.0, 3600.0);
    else if (name == "--pid") options.pid = std::stoi(value);
    else if (name == "--mix") options.mix = value;
    else if (name == "--rss-tolerance-percent") options.rss_tolerance_percent = std::stod(value);
    else if (name == "--rss-slack-mb") options.rss_slack_mb = std::stod(value);
    else return false;
  }
  return options.port > 0 && !options.mix.empty() && argc % 2 == 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_options(argc, argv, options)) {
    std::fprintf(stderr, "usage: article-load --port P --mix FILE [--connections N] [--seconds S] "
                         "[--warmup S] [--pid PID] [--rss-tolerance-percent X] [--rss-slack-mb Y]\n");
    return 2;
  }
  const auto targets = read_mix(options.mix);
  if (targets.empty()) {
    std::fprintf(stderr, "article-load: no requests in %s\n", options.mix.c_str());
    return 2;
  }
  std::signal(SIGTERM, request_stop);
  std::signal(SIGINT, request_stop);
  const auto start = Clock::now();
  const auto measure_from = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.warmup));
  const auto until = measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.seconds));
  Totals totals;
  std::vector<long> rss;  // one sample every 250 ms after the warm-up
  std::thread sampler([&] {
    while (options.pid > 0 && running(until)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      if (Clock::now() >= measure_from) rss.push_back(rss_kb(options.pid));
    }
  });
  std::vector<std::thread> clients;
  for (int c = 0; c < options.connections; ++c) {
    clients.emplace_back(client_loop, std::cref(options), std::cref(targets), c, until, std::ref(totals));
  }
  for (auto& client : clients) client.join();
  sampler.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  auto& latencies = totals.latencies_ms;
  std::sort(latencies.begin(), latencies.end());
  std::printf("requests %ld in %.1f s (%.0f/s, %d connections, %zu distinct requests)\n",
              totals.requests.load(), elapsed, static_cast<double>(totals.requests) / elapsed,
              options.connections, targets.size());
  std::printf("errors %ld, non-2xx %ld\n", totals.errors.load(), totals.non_2xx.load());
  std::printf("latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f\n", percentile(latencies, 50),
              percentile(latencies, 90), percentile(latencies, 99), latencies.empty() ? 0.0 : latencies.back());
  for (const auto& failure : totals.failures) std::printf("  failed: %s\n", failure.c_str());
  bool ok = totals.errors == 0 && totals.non_2xx == 0 && totals.requests > 0;
  if (options.pid > 0 && rss.size() >= 8) {
    const std::size_t quarter = rss.size() / 4;
    const double first = median({rss.begin(), rss.begin() + static_cast<long>(quarter)});
    const double last = median({rss.end() - static_cast<long>(quarter), rss.end()});
    const double limit = first * (1 + options.rss_tolerance_percent / 100) + options.rss_slack_mb * 1024;
    const bool flat = last <= limit && rss.front() > 0;
    std::printf("rss MB: start %.1f, end %.1f, first-quarter median %.1f, last-quarter median %.1f, "
                "max %.1f (limit %.1f): %s\n",
                static_cast<double>(rss.front()) / 1024, static_cast<double>(rss.back()) / 1024, first / 1024,
                last / 1024, static_cast<double>(*std::max_element(rss.begin(), rss.end())) / 1024,
                limit / 1024, flat ? "flat" : "GROWING");
    ok = ok && flat;
  }
  std::printf("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
