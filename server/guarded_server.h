/// @file httplib::Server with two guards httplib 0.11.4 lacks.
///
/// - A deadline for a whole request: httplib's read timeout restarts with every byte, so
///   a client sending a byte a second holds a worker thread forever (slowloris). Here the
///   request line, headers and body must all arrive within the read timeout, counted from
///   the request's first byte; past it the connection is closed.
/// - Header limits answered with 431: httplib answers an over-long header line with a bare
///   400 and accepts any number of headers. Here a header line over `max_header_line_bytes`,
///   more than `max_header_bytes` of headers or `max_header_lines` lines get a JSON 431.
/// - A request whose head could not be parsed (a bare 400) closes the connection, so the
///   rest of a garbage request is not read as more requests.
#pragma once

#include <httplib.h>

#include <cstddef>

namespace article_search::server {

inline constexpr std::size_t max_header_line_bytes = 8 * 1024;
inline constexpr std::size_t max_header_bytes = 16 * 1024;  ///< after the request line
inline constexpr std::size_t max_header_lines = 200;

/// Pending connections the kernel queues for accept(): httplib 0.11.4 listens with a
/// backlog of 5, so under 64 connections a reconnecting client's SYN was dropped and
/// retried a second later (the p99 of the HTTP benchmark).
inline constexpr int listen_backlog = 1024;
/// Requests served on one keep-alive connection before it is closed (httplib: 5): enough
/// that reconnecting is rare, few enough that when clients outnumber workers the
/// connections take turns instead of waiting for a busy one to end.
inline constexpr std::size_t keep_alive_requests = 100;

class GuardedServer : public httplib::Server {
 public:
  /// Widens the backlog of the bound socket to `backlog` (after bind_to_port). False
  /// when there is no bound socket or the kernel refuses.
  bool widen_listen_backlog(int backlog);

 private:
  // Overrides httplib's per-connection loop (keep-alive, then one request at a time).
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace article_search::server
