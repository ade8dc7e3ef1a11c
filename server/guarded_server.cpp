/// @file httplib::Server with a whole-request deadline and 431 for oversized headers.
#include "guarded_server.h"

#include "errors.h"
#include "render.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

namespace article_search::server {
namespace {

using Clock = std::chrono::steady_clock;

/// A socket stream whose reads share one deadline per request, and which watches the
/// request head go by to enforce the header limits. Writes are gathered and sent when the
/// response is complete, or before the stream waits for input: httplib writes a
/// response's head and body separately, and with TCP_NODELAY each write was a packet of
/// its own. Every syscall of a request counts under load, so sockets are polled only when
/// a non-blocking call would block, and the peer's and our own address, which httplib
/// asks for with each request, are looked up once per connection.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, std::chrono::microseconds read_timeout,
                 std::chrono::microseconds write_timeout)
      : sock_(sock), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

  /// Starts the clock and the header count for the next request on the connection.
  void begin_request() {
    deadline_ = Clock::now() + read_timeout_;
    in_head_ = true;
    first_line_ = true;
    line_bytes_ = head_bytes_ = lines_ = 0;
  }

  /// True once a read failed (deadline passed, peer gone, headers refused): the
  /// connection cannot carry another request.
  bool broken() const { return broken_; }
  bool has_buffered() const { return begin_ < end_; }
  /// True once the blank line ending the request's head has been read.
  bool head_complete() const { return !in_head_; }

  bool is_readable() const override { return begin_ < end_ || wait(POLLIN, remaining()); }
  bool is_writable() const override { return wait(POLLOUT, write_timeout_); }

  ssize_t read(char* ptr, std::size_t size) override {
    if (broken_) return -1;
    if (begin_ == end_ && !fill()) {
      broken_ = true;
      return -1;
    }
    const std::size_t n = std::min(size, end_ - begin_);
    for (std::size_t i = 0; i < n && in_head_; ++i) {
      if (!count_head_byte(buffer_[begin_ + i])) return refuse();
    }
    std::copy_n(buffer_ + begin_, n, ptr);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (refused_) return static_cast<ssize_t>(size);  // the 431 has been sent: drop the rest
    pending_.append(ptr, size);
    if (pending_.size() >= max_pending_bytes && !flush()) return -1;
    return static_cast<ssize_t>(size);
  }

  /// Sends everything written so far; false (and the stream broken) when the peer does
  /// not take it within the write timeout.
  bool flush() {
    std::size_t sent = 0;
    while (sent < pending_.size()) {
      const ssize_t n = ::send(sock_, pending_.data() + sent, pending_.size() - sent,
                               MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (!(n < 0 && (errno == EINTR || ((errno == EAGAIN || errno == EWOULDBLOCK) &&
                                                 wait(POLLOUT, write_timeout_))))) {
        pending_.clear();
        broken_ = true;
        return false;
      }
    }
    pending_.clear();
    return true;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    if (!remote_.known) remote_ = address_of(::getpeername);
    ip = remote_.ip;
    port = remote_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    if (!local_.known) local_ = address_of(::getsockname);
    ip = local_.ip;
    port = local_.port;
  }
  socket_t socket() const override { return sock_; }

 private:
  std::chrono::microseconds remaining() const {
    return std::max(std::chrono::microseconds(0),
                    std::chrono::duration_cast<std::chrono::microseconds>(deadline_ - Clock::now()));
  }

  bool wait(short events, std::chrono::microseconds timeout) const {
    pollfd ready{sock_, events, 0};
    const auto ms = static_cast<int>((timeout.count() + 999) / 1000);
    int result;
    do {
      result = ::poll(&ready, 1, ms);
    } while (result < 0 && errno == EINTR);
    return result > 0;
  }

  bool fill() {
    // The peer may wait for what was written (a 100 Continue) before it sends more.
    if (!flush()) return false;
    ssize_t got;
    do {
      got = ::recv(sock_, buffer_, sizeof buffer_, MSG_DONTWAIT);
    } while (got < 0 && (errno == EINTR ||
                         ((errno == EAGAIN || errno == EWOULDBLOCK) && wait(POLLIN, remaining()))));
    if (got <= 0) return false;
    begin_ = 0;
    end_ = static_cast<std::size_t>(got);
    return true;
  }

  /// False when the head breaks a limit. The request line is httplib's (414 beyond 8 KiB).
  bool count_head_byte(char c) {
    if (!first_line_) ++head_bytes_;
    ++line_bytes_;
    if (c != '\n') {
      return first_line_ || (line_bytes_ <= max_header_line_bytes && head_bytes_ <= max_header_bytes);
    }
    if (line_bytes_ <= 2 && !first_line_) in_head_ = false;  // the blank line ends the head
    first_line_ = false;
    line_bytes_ = 0;
    return ++lines_ <= max_header_lines + 1;
  }

  ssize_t refuse() {
    const std::string body = search::dump(search::to_json(search::ApiError{
        search::ErrorCode::headers_too_large, "The request headers are too large.", ""}));
    const std::string response =
        "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    pending_ = response;
    flush();
    refused_ = broken_ = true;
    return -1;
  }

  struct Address {
    bool known = false;
    std::string ip;
    int port = 0;
  };
  using NameFunction = int (*)(int, sockaddr*, socklen_t*);
  Address address_of(NameFunction name) const {
    Address result;
    result.known = true;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (name(sock_, reinterpret_cast<sockaddr*>(&address), &length) != 0) return result;
    char host[NI_MAXHOST] = "";
    char service[NI_MAXSERV] = "";
    if (::getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host, sizeof host, service,
                      sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      result.ip = host;
      result.port = std::atoi(service);
    }
    return result;
  }

  /// Gathered output is sent once it reaches this size, even mid-response.
  static constexpr std::size_t max_pending_bytes = 64 * 1024;

  socket_t sock_;
  std::chrono::microseconds read_timeout_, write_timeout_;
  Clock::time_point deadline_{};
  char buffer_[4096];
  std::size_t begin_ = 0, end_ = 0;
  std::string pending_;
  mutable Address remote_, local_;
  bool in_head_ = true, first_line_ = true, refused_ = false, broken_ = false;
  std::size_t line_bytes_ = 0, head_bytes_ = 0, lines_ = 0;
};

}  // namespace

bool GuardedServer::widen_listen_backlog(int backlog) {
  const socket_t sock = svr_sock_;
  // listen() again on a listening socket only changes its backlog (Linux, BSD).
  return sock != INVALID_SOCKET && ::listen(sock, backlog) == 0;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  using std::chrono::microseconds;
  using std::chrono::seconds;
  DeadlineStream stream(sock, seconds(read_timeout_sec_) + microseconds(read_timeout_usec_),
                        seconds(write_timeout_sec_) + microseconds(write_timeout_usec_));
  bool ok = false;
  // As httplib: up to keep_alive_max_count requests, each after at most keep_alive_timeout
  // of idleness, polled in short slices so stop() is noticed.
  for (std::size_t count = keep_alive_max_count_; count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
    const auto idle_until = Clock::now() + seconds(keep_alive_timeout_sec_);
    bool readable = stream.has_buffered();
    while (!readable && svr_sock_ != INVALID_SOCKET && Clock::now() < idle_until) {
      pollfd ready{sock, POLLIN, 0};
      readable = ::poll(&ready, 1, 100) > 0;
    }
    if (!readable) break;
    stream.begin_request();
    bool connection_closed = false;
    ok = process_request(stream, count == 1, connection_closed, nullptr);
    if (!stream.flush()) ok = false;
    if (!ok || connection_closed || stream.broken() || !stream.head_complete()) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace article_search::server
