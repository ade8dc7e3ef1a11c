/// @file Request counters and latency histograms in Prometheus text format.
#include "metrics.h"

#include "route_table.h"

#include <cstdio>

namespace article_search::server {

std::string route_label(std::string_view method, std::string_view path) {
  if (const Route* route = find_route(path)) return std::string(route->path);
  if ((method == "GET" || method == "HEAD") && !path.starts_with("/api/")) return "static";
  return "other";
}

void Metrics::record(const std::string& route, int status, double seconds) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Histogram& histogram = latency_[route];
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (seconds <= buckets[i]) ++histogram.counts[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::record_search(bool found_nothing) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++searches_;
  if (found_nothing) ++zero_result_searches_;
}

std::string Metrics::render(const Gauges& gauges) const {
  std::string out;
  char line[512];
  const std::lock_guard<std::mutex> lock(mutex_);
  out += "# HELP article_search_requests_total HTTP requests by route and status.\n";
  out += "# TYPE article_search_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    std::snprintf(line, sizeof line, "article_search_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                  key.first.c_str(), key.second, count);
    out += line;
  }
  out += "# HELP article_search_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE article_search_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    const char* name = "article_search_request_duration_seconds";
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      std::snprintf(line, sizeof line, "%s_bucket{route=\"%s\",le=\"%g\"} %llu\n", name,
                    route.c_str(), buckets[i], histogram.counts[i]);
      out += line;
    }
    std::snprintf(line, sizeof line, "%s_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", name,
                  route.c_str(), histogram.count);
    out += line;
    std::snprintf(line, sizeof line, "%s_sum{route=\"%s\"} %.6f\n%s_count{route=\"%s\"} %llu\n",
                  name, route.c_str(), histogram.sum, name, route.c_str(), histogram.count);
    out += line;
  }
  const auto metric = [&](const char* type, const char* name, const char* help, unsigned long long value) {
    std::snprintf(line, sizeof line, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help, name,
                  type, name, value);
    out += line;
  };
  metric("counter", "article_search_searches_total",
         "Searches answered (/api/search and /api/search.atom).", searches_);
  metric("counter", "article_search_zero_result_searches_total",
         "Searches answered that found nothing.", zero_result_searches_);
  const auto gauge = [&](const char* name, const char* help, unsigned long long value) {
    metric("gauge", name, help, value);
  };
  gauge("article_search_index_revision", "Revision of the open index.", gauges.revision);
  gauge("article_search_index_documents", "Documents in the open index.", gauges.documents);
  gauge("article_search_search_slots", "Searches run at once (0: no limit; --searches).",
        gauges.search_slots);
  gauge("article_search_searches_waiting", "Requests queued for a search slot.",
        gauges.searches_waiting);
  if (gauges.writes_on) {
    const auto counter = [&](const char* name, const char* help, unsigned long long value) {
      std::snprintf(line, sizeof line, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help, name,
                    name, value);
      out += line;
    };
    counter("article_search_write_commits_total", "Commits of the document API (each holds one or more requests).",
            gauges.write_commits);
    counter("article_search_write_changes_total", "Article changes the document API committed.",
            gauges.write_changes);
  }
  return out;
}

}  // namespace article_search::server
