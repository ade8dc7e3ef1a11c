/// @file Raw HTTP over a loopback TCP socket, for requests an HTTP client library would
/// normalise or refuse to send (dot segments, bad encodings, NUL bytes, huge headers,
/// a byte a second).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <vector>
#include <string>
#include <string_view>

namespace article_search::testing {

/// A connected socket to 127.0.0.1:port, closed on destruction.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect failed");
    }
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  /// Sends all of `bytes`; false when the peer has closed the connection.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  /// Reads until the peer closes, `timeout` passes, or a whole response has arrived
  /// (headers plus Content-Length bytes of body).
  std::string receive(std::chrono::milliseconds timeout) {
    std::string data;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!complete(data)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[16384];
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) {
        closed_ = true;
        break;
      }
      data.append(buffer, static_cast<std::size_t>(got));
    }
    return data;
  }

  /// True once a read has seen the peer close the connection.
  bool closed_by_peer() const { return closed_; }

  /// Reads everything until the peer closes or `timeout` passes. `reset` (when given) is
  /// set when the connection ended in a reset (ECONNRESET) rather than an orderly close.
  std::string receive_all(std::chrono::milliseconds timeout, bool* reset = nullptr) {
    std::string data;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[16384];
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        if (got < 0 && errno == ECONNRESET && reset) *reset = true;
        closed_ = true;
        break;
      }
      data.append(buffer, static_cast<std::size_t>(got));
    }
    return data;
  }

  /// The socket, for options and shutdown().
  int fd() const { return fd_; }

  /// Waits up to `timeout` for the peer to close (discarding anything it sends).
  bool wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_ && std::chrono::steady_clock::now() < deadline) receive_some(deadline);
    return closed_;
  }

 private:
  void receive_some(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd ready{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0) return;
    char buffer[4096];
    if (::recv(fd_, buffer, sizeof buffer, 0) <= 0) closed_ = true;
  }

  static bool complete(const std::string& data) {
    const std::size_t head_end = data.find("\r\n\r\n");
    if (head_end == std::string::npos) return false;
    const std::string head = lower(data.substr(0, head_end));
    const std::size_t length_at = head.find("\r\ncontent-length:");
    if (length_at == std::string::npos) return true;
    const std::size_t length = std::stoul(head.substr(length_at + 17));
    return data.size() >= head_end + 4 + length;
  }

  static std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return text;
  }

  int fd_;
  bool closed_ = false;
};

/// A parsed response: status (0 when none arrived), headers (names lower-cased), body.
struct RawResponse {
  int status = 0;
  std::string head, body;

  bool has_header(std::string_view name_colon_value) const {
    std::string lowered_head;
    for (char c : head) lowered_head += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::string wanted;
    for (char c : name_colon_value) wanted += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return lowered_head.find("\r\n" + wanted) != std::string::npos;
  }
};

inline RawResponse parse_response(const std::string& data) {
  RawResponse response;
  if (data.rfind("HTTP/1.", 0) != 0 || data.size() < 12) return response;
  response.status = std::stoi(data.substr(9, 3));
  const std::size_t head_end = data.find("\r\n\r\n");
  response.head = data.substr(0, head_end);
  if (head_end == std::string::npos) return response;
  response.body = data.substr(head_end + 4);
  // No body, whatever follows (RFC 9112 6.3).
  if (response.status == 204 || response.status == 304 || response.status / 100 == 1) response.body.clear();
  // Only this response's body, when more followed on the connection.
  std::string lowered = response.head;
  for (char& c : lowered) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (const auto at = lowered.find("\r\ncontent-length:"); at != std::string::npos) {
    response.body.resize(std::min(response.body.size(), std::stoul(lowered.substr(at + 17))));
  }
  return response;
}

/// Every response in `data`, in order (each framed by its Content-Length, or running to
/// the end of `data` when it has none).
inline std::vector<RawResponse> parse_responses(std::string_view data) {
  std::vector<RawResponse> responses;
  while (!data.empty()) {
    RawResponse response = parse_response(std::string(data));
    if (response.status == 0) break;
    const std::size_t head_end = data.find("\r\n\r\n");
    if (head_end == std::string_view::npos) {
      responses.push_back(std::move(response));
      break;
    }
    const std::size_t used = head_end + 4 + response.body.size();
    responses.push_back(std::move(response));
    data.remove_prefix(std::min(used, data.size()));
  }
  return responses;
}

/// Sends `request` as is on a fresh connection and reads the response.
inline RawResponse raw_request(int port, std::string_view request,
                               std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  RawConnection connection(port);
  connection.send(request);
  return parse_response(connection.receive(timeout));
}

/// A GET for `target` exactly as written, with a Host header and Connection: close.
inline std::string raw_get(std::string_view target) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

}  // namespace article_search::testing
