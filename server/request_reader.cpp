/// @file A strict, incremental HTTP/1.1 request reader (grammar in request_reader.h).
#include "request_reader.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace article_search::server {
namespace {

using search::ErrorCode;

/// A request may start with a few empty lines (RFC 9112 2.2); more is not HTTP.
constexpr std::size_t max_leading_blank_lines = 4;
/// Trailer lines after a chunked body, dropped (bounded like header lines).
constexpr std::size_t max_trailer_lines = 32;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }


/// RFC 9110 tchar.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char);
}

/// VCHAR, SP, HTAB and obs-text: no control characters (NUL, CR, LF, DEL...).
bool is_field_value(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
  });
}

std::string_view trim_whitespace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// Calls `each` with every comma-separated element of a header value, trimmed.
template <class Each>
void for_each_element(std::string_view value, Each&& each) {
  while (true) {
    const std::size_t comma = value.find(',');
    const std::string_view element = trim_whitespace(value.substr(0, comma));
    if (!element.empty()) each(element);
    if (comma == std::string_view::npos) return;
    value.remove_prefix(comma + 1);
  }
}

std::optional<std::uint64_t> parse_digits(std::string_view text, int base = 10) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool all_hex_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'f');
  });
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

const std::string* RequestHead::find(std::string_view name) const {
  for (const Header& header : headers) {
    if (iequals(header.name, name)) return &header.value;
  }
  return nullptr;
}

std::string_view RequestHead::path() const {
  const std::string_view target_view = target;
  return target_view.substr(0, target_view.find('?'));
}

bool RequestReader::refuse(ErrorCode code, std::string message) {
  refusal_ = Refusal{code, std::move(message)};
  state_ = State::refused;
  return false;
}

std::size_t RequestReader::refused(std::size_t consumed, ErrorCode code, std::string message) {
  refuse(code, std::move(message));
  return consumed;
}

std::size_t RequestReader::feed(std::string_view input) {
  std::size_t taken = 0;
  while (taken < input.size()) {
    const std::string_view rest = input.substr(taken);
    std::size_t step = 0;
    switch (state_) {
      case State::head: step = feed_head(rest); break;
      case State::body:
        step = head_.framing == BodyFraming::chunked ? feed_chunked_body(rest) : feed_length_body(rest);
        break;
      case State::head_done:
      case State::done:
      case State::refused: return taken;
    }
    taken += step;
  }
  return taken;
}

/// Collects lines byte by byte, so every limit is checked as the bytes arrive.
std::size_t RequestReader::feed_head(std::string_view input) {
  std::size_t i = 0;
  for (; i < input.size() && state_ == State::head; ++i) {
    const char c = input[i];
    started_ = true;
    if (line_has_cr_) {
      if (c != '\n') return refused(i + 1, ErrorCode::invalid_request, "A CR in the request head is not followed by LF.");
      line_has_cr_ = false;
      if (line_.empty() && lines_.empty()) {
        if (++leading_blank_lines_ > max_leading_blank_lines) {
          return refused(i + 1, ErrorCode::invalid_request, "The request starts with too many empty lines.");
        }
        continue;
      }
      if (line_.empty()) {
        finish_head();
        continue;
      }
      if (!lines_.empty()) {
        head_bytes_ += line_.size() + 2;
        if (lines_.size() > limits_.max_header_lines) {
          return refused(i + 1, ErrorCode::headers_too_large, "The request has too many header lines.");
        }
      }
      lines_.push_back(std::move(line_));
      line_.clear();
      continue;
    }
    if (c == '\r') {
      line_has_cr_ = true;
      continue;
    }
    if (c == '\n') return refused(i + 1, ErrorCode::invalid_request, "Lines of the request head must end in CRLF.");
    line_ += c;
    if (lines_.empty()) {
      if (line_.size() > limits_.max_request_line) {
        return refused(i + 1, ErrorCode::uri_too_long, "The request URI is too long.");
      }
    } else if (line_.size() > limits_.max_header_line ||
               head_bytes_ + line_.size() > limits_.max_head_bytes) {
      return refused(i + 1, ErrorCode::headers_too_large, "The request headers are too large.");
    }
  }
  return i;
}

void RequestReader::finish_head() {
  HeaderTally tally;
  if (!take_request_line(lines_.front())) return;
  for (std::size_t i = 1; i < lines_.size(); ++i) {
    if (!take_header_line(lines_[i], tally)) return;
  }
  if (!settle_framing(tally)) return;
  lines_.clear();
  state_ = State::head_done;
}

/// method SP target SP HTTP-version, single spaces.
bool RequestReader::take_request_line(std::string_view line) {
  const std::size_t first_space = line.find(' ');
  const std::size_t second_space = first_space == std::string_view::npos ? first_space : line.find(' ', first_space + 1);
  if (second_space == std::string_view::npos || line.find(' ', second_space + 1) != std::string_view::npos) {
    return refuse(ErrorCode::invalid_request, "The request line must be `METHOD target HTTP/1.1`.");
  }
  const std::string_view method = line.substr(0, first_space);
  const std::string_view target = line.substr(first_space + 1, second_space - first_space - 1);
  const std::string_view version = line.substr(second_space + 1);
  if (!is_token(method)) return refuse(ErrorCode::invalid_request, "The request method is not a token.");
  if (target.empty() || !std::all_of(target.begin(), target.end(), [](char c) {
        return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
      })) {
    return refuse(ErrorCode::invalid_request, "The request target has characters that must be percent-encoded.");
  }
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
      version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9') {
    return refuse(ErrorCode::invalid_request, "The request line must end in an HTTP version, such as HTTP/1.1.");
  }
  if (version[5] != '1' || (version[7] != '0' && version[7] != '1')) {
    return refuse(ErrorCode::http_version_not_supported, "Only HTTP/1.0 and HTTP/1.1 are served.");
  }
  head_.method = method;
  head_.target = target;
  head_.minor_version = version[7] - '0';
  head_.keep_alive = head_.minor_version == 1;
  return true;
}

bool RequestReader::take_header_line(std::string_view line, HeaderTally& tally) {
  if (line.front() == ' ' || line.front() == '\t') {
    return refuse(ErrorCode::invalid_request, "Folded header lines are not accepted.");
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
    return refuse(ErrorCode::invalid_request, "A header line must be `Name: value`, with no space before the colon.");
  }
  Header header{std::string(line.substr(0, colon)), std::string(trim_whitespace(line.substr(colon + 1)))};
  if (!is_field_value(header.value)) {
    return refuse(ErrorCode::invalid_request, "A header value holds control characters.");
  }
  if (iequals(header.name, "Host")) {
    ++tally.hosts;
  } else if (iequals(header.name, "Content-Length")) {
    ++tally.lengths;
    if (!all_digits(header.value)) {
      return refuse(ErrorCode::invalid_request, "Content-Length must be a number of bytes.");
    }
    const auto length = parse_digits(header.value);
    if (!length) return refuse(ErrorCode::payload_too_large, "The request body is too large.");
    head_.content_length = *length;
  } else if (iequals(header.name, "Transfer-Encoding")) {
    ++tally.encodings;
    tally.chunked = iequals(header.value, "chunked");
  } else if (iequals(header.name, "Connection")) {
    for_each_element(header.value, [&](std::string_view option) {
      if (iequals(option, "close")) tally.close = true;
      if (iequals(option, "keep-alive") && head_.minor_version == 0) head_.keep_alive = true;
    });
  } else if (iequals(header.name, "Expect")) {
    if (!iequals(header.value, "100-continue")) {
      return refuse(ErrorCode::expectation_failed, "Only `Expect: 100-continue` is understood.");
    }
    // RFC 9110 10.1.1: a 100-continue expectation in an HTTP/1.0 request MUST be ignored
    // (such a client does not understand an interim 100 response).
    head_.expect_continue = head_.minor_version == 1;
  }
  head_.headers.push_back(std::move(header));
  return true;
}

/// One unambiguous way to find the body's end, or a refusal.
bool RequestReader::settle_framing(const HeaderTally& tally) {
  // "close" is final (RFC 9112 9.6): an HTTP/1.0 `keep-alive` option or header after it
  // must not undo it.
  if (tally.close) head_.keep_alive = false;
  if (tally.hosts > 1) return refuse(ErrorCode::invalid_request, "The request has more than one Host header.");
  if (tally.hosts == 0 && head_.minor_version == 1) {
    return refuse(ErrorCode::invalid_request, "An HTTP/1.1 request must have a Host header.");
  }
  if (tally.lengths > 1) {
    return refuse(ErrorCode::invalid_request, "The request has more than one Content-Length.");
  }
  if (tally.encodings > 0) {
    if (tally.lengths > 0) {
      return refuse(ErrorCode::invalid_request, "A request may have Content-Length or Transfer-Encoding, not both.");
    }
    if (tally.encodings > 1 || !tally.chunked || head_.minor_version == 0) {
      return refuse(ErrorCode::invalid_request, "Transfer-Encoding must be `chunked` (HTTP/1.1 only).");
    }
    head_.framing = BodyFraming::chunked;
  } else if (tally.lengths == 1 && head_.content_length > 0) {
    head_.framing = BodyFraming::length;
  }
  return true;
}

void RequestReader::accept_body(std::uint64_t max_bytes) {
  if (state_ != State::head_done) return;
  max_body_ = max_bytes;
  switch (head_.framing) {
    case BodyFraming::none: state_ = State::done; return;
    case BodyFraming::length:
      if (head_.content_length > max_bytes) {
        refuse(ErrorCode::payload_too_large, "The request body is too large.");
        return;
      }
      body_left_ = head_.content_length;
      body_.reserve(static_cast<std::size_t>(head_.content_length));
      state_ = State::body;
      return;
    case BodyFraming::chunked: state_ = State::body; return;
  }
}

std::size_t RequestReader::feed_length_body(std::string_view input) {
  const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(body_left_, input.size()));
  body_.append(input.substr(0, n));
  body_left_ -= n;
  if (body_left_ == 0) state_ = State::done;
  return n;
}

std::size_t RequestReader::feed_chunked_body(std::string_view input) {
  std::size_t i = 0;
  while (i < input.size() && state_ == State::body) {
    if (chunk_part_ == ChunkPart::data) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(body_left_, input.size() - i));
      body_.append(input.substr(i, n));
      i += n;
      body_left_ -= n;
      if (body_left_ == 0) chunk_part_ = ChunkPart::data_end;
      continue;
    }
    // Lines: a chunk size, the CRLF after a chunk's data, trailers.
    const char c = input[i++];
    if (line_has_cr_) {
      if (c != '\n') return refused(i, ErrorCode::invalid_request, "A CR in the chunked body is not followed by LF.");
      line_has_cr_ = false;
      const std::string line = std::move(line_);
      line_.clear();
      if (!take_body_line(line) && state_ == State::body) {
        return refused(i, ErrorCode::invalid_request, "The chunked body is malformed.");
      }
      continue;
    }
    if (c == '\r') {
      line_has_cr_ = true;
    } else if (c == '\n') {
      return refused(i, ErrorCode::invalid_request, "Lines of a chunked body must end in CRLF.");
    } else if (line_.size() >= limits_.max_chunk_line || chunk_part_ == ChunkPart::data_end) {
      return refused(i, ErrorCode::invalid_request, "The chunked body is malformed.");
    } else {
      line_ += c;
    }
  }
  return i;
}

bool RequestReader::take_body_line(std::string_view line) {
  switch (chunk_part_) {
    case ChunkPart::size: return take_chunk_line(line);
    case ChunkPart::data_end:  // the CRLF that ends a chunk's data
      chunk_part_ = ChunkPart::size;
      return line.empty();
    case ChunkPart::trailers: return take_trailer_line(line);
    case ChunkPart::data: break;
  }
  return false;
}

bool RequestReader::take_chunk_line(std::string_view line) {
  const std::string_view size_text = trim_whitespace(line.substr(0, line.find(';')));
  if (!all_hex_digits(size_text)) return false;
  const auto size = parse_digits(size_text.substr(std::min(size_text.find_first_not_of('0'), size_text.size() - 1)), 16);
  if (!size || *size > max_body_ - body_.size()) {
    refuse(ErrorCode::payload_too_large, "The request body is too large.");
    return false;
  }
  body_left_ = *size;
  chunk_part_ = *size == 0 ? ChunkPart::trailers : ChunkPart::data;
  return true;
}

bool RequestReader::take_trailer_line(std::string_view line) {
  if (line.empty()) {
    state_ = State::done;
    return true;
  }
  if (++trailer_lines_ > max_trailer_lines) return false;
  const std::size_t colon = line.find(':');
  return colon != std::string_view::npos && is_token(line.substr(0, colon)) &&
         is_field_value(line.substr(colon + 1));
}

bool accepts_gzip(std::string_view accept_encoding) {
  bool gzip = false, star = false, gzip_refused = false;
  for_each_element(accept_encoding, [&](std::string_view element) {
    const std::size_t semicolon = element.find(';');
    const std::string_view coding = trim_whitespace(element.substr(0, semicolon));
    bool refused = false;
    if (semicolon != std::string_view::npos) {
      std::string_view parameter = trim_whitespace(element.substr(semicolon + 1));
      if (parameter.size() >= 2 && lower(parameter[0]) == 'q' && parameter[1] == '=') {
        parameter.remove_prefix(2);
        refused = !parameter.empty() && std::all_of(parameter.begin(), parameter.end(),
                                                    [](char c) { return c == '0' || c == '.'; });
      }
    }
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) (refused ? gzip_refused : gzip) = true;
    if (coding == "*" && !refused) star = true;
  });
  return gzip || (star && !gzip_refused);
}

std::optional<RangeRequest> parse_single_range(std::string_view value, std::uint64_t size) {
  if (value.size() < 6 || !iequals(value.substr(0, 6), "bytes=")) return std::nullopt;
  const std::string_view spec = trim_whitespace(value.substr(6));
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return std::nullopt;
  const std::string_view first_text = spec.substr(0, dash), last_text = spec.substr(dash + 1);
  if ((!first_text.empty() && !all_digits(first_text)) || (!last_text.empty() && !all_digits(last_text)) ||
      (first_text.empty() && last_text.empty())) {
    return std::nullopt;
  }
  const auto huge = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t first = first_text.empty() ? 0 : parse_digits(first_text).value_or(huge);
  const std::uint64_t last = last_text.empty() ? huge : parse_digits(last_text).value_or(huge);
  RangeRequest request;
  if (first_text.empty()) {  // the last `last` bytes
    if (last == 0 || size == 0) {
      request.unsatisfiable = true;
    } else {
      request.range = ByteRange{size - std::min(last, size), size - 1};
    }
    return request;
  }
  if (last < first) return std::nullopt;
  if (first >= size) {
    request.unsatisfiable = true;
    return request;
  }
  request.range = ByteRange{first, std::min(last, size - 1)};
  return request;
}

}  // namespace article_search::server
