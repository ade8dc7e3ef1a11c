/// @file Charset detection and decoding (see charset.h).
#include "charset.h"

#include "utf8.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <utility>

namespace article_search::ingest {
namespace {

// How far into the page a <meta> declaration is looked for (browsers use 1024 bytes;
// pages with long <head> scripts put it later, so a little more).
constexpr std::size_t kPrescanBytes = 4096;

struct CharsetEntry {
  std::string_view name;   // WHATWG name
  std::string_view iconv;  // glibc iconv's name for the same table
  std::array<std::string_view, 12> labels;
};

// The labels of WHATWG's Encoding standard that pages use, each with the glibc converter
// implementing the browser's table (WHATWG "shift_jis" is Microsoft's CP932, "euc-kr"
// is CP949, "big5" is Big5-HKSCS, "gb2312" is GBK).
constexpr CharsetEntry kCharsets[] = {
    {"utf-8", "UTF-8", {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8",
                        "x-unicode20utf8"}},
    {"windows-1252", "WINDOWS-1252",
     {"windows-1252", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "cp1252",
      "x-cp1252", "ascii", "us-ascii", "cp819", "ibm819"}},
    {"iso-8859-2", "ISO-8859-2", {"iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "l2"}},
    {"iso-8859-5", "ISO-8859-5", {"iso-8859-5", "iso8859-5", "iso_8859-5", "cyrillic"}},
    {"iso-8859-7", "ISO-8859-7", {"iso-8859-7", "iso8859-7", "iso_8859-7", "greek", "greek8"}},
    {"iso-8859-15", "ISO-8859-15", {"iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "l9"}},
    {"windows-1250", "WINDOWS-1250", {"windows-1250", "cp1250", "x-cp1250"}},
    {"windows-1251", "WINDOWS-1251", {"windows-1251", "cp1251", "x-cp1251"}},
    {"windows-1253", "WINDOWS-1253", {"windows-1253", "cp1253", "x-cp1253"}},
    {"windows-1254", "WINDOWS-1254",
     {"windows-1254", "cp1254", "x-cp1254", "iso-8859-9", "iso8859-9", "latin5", "l5"}},
    {"windows-1255", "WINDOWS-1255", {"windows-1255", "cp1255", "x-cp1255"}},
    {"windows-1256", "WINDOWS-1256", {"windows-1256", "cp1256", "x-cp1256"}},
    {"windows-1257", "WINDOWS-1257", {"windows-1257", "cp1257", "x-cp1257"}},
    {"windows-874", "WINDOWS-874", {"windows-874", "tis-620", "iso-8859-11", "dos-874"}},
    {"koi8-r", "KOI8-R", {"koi8-r", "koi8r", "koi8", "koi", "cskoi8r"}},
    {"koi8-u", "KOI8-U", {"koi8-u", "koi8-ru"}},
    {"ibm866", "CP866", {"ibm866", "cp866", "866"}},
    {"macintosh", "MACINTOSH", {"macintosh", "mac", "x-mac-roman", "csmacintosh"}},
    {"shift_jis", "CP932",
     {"shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "csshiftjis",
      "ms932"}},
    {"euc-jp", "EUC-JP", {"euc-jp", "x-euc-jp", "cseucpkdfmtjapanese"}},
    {"iso-2022-jp", "ISO-2022-JP", {"iso-2022-jp", "csiso2022jp"}},
    {"euc-kr", "CP949", {"euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "korean", "windows-949",
                         "cseuckr", "ksc5601"}},
    {"gbk", "GBK", {"gbk", "gb2312", "chinese", "x-gbk", "csgb2312", "gb_2312-80", "iso-ir-58"}},
    {"gb18030", "GB18030", {"gb18030"}},
    {"big5", "BIG5-HKSCS", {"big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"}},
    {"utf-16le", "UTF-16LE", {"utf-16le", "utf-16", "ucs-2", "unicode"}},
    {"utf-16be", "UTF-16BE", {"utf-16be", "unicodefffe"}},
};

std::string lower_trimmed(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const CharsetEntry* find_charset(std::string_view name) {
  for (const auto& entry : kCharsets)
    if (entry.name == name) return &entry;
  return nullptr;
}

// The value after `charset` and `=` at `pos` in the (lower-cased) `text`: quoted or not,
// ending at a quote, space, ';' or '>'.
std::optional<std::string> charset_value_at(std::string_view text, std::size_t pos) {
  pos += 7;  // "charset"
  while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  if (pos >= text.size() || text[pos] != '=') return std::nullopt;
  ++pos;
  while (pos < text.size() && (std::isspace(static_cast<unsigned char>(text[pos])) ||
                               text[pos] == '"' || text[pos] == '\''))
    ++pos;
  const std::size_t end = text.find_first_of("\"'; \t\r\n>", pos);
  const std::string_view value = text.substr(pos, end == std::string_view::npos ? end : end - pos);
  if (value.empty()) return std::nullopt;
  return std::string(value);
}

// Decodes with iconv, writing U+FFFD for each byte the converter rejects and going on.
std::string iconv_to_utf8(std::string_view bytes, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return text::repair_utf8(bytes).text;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::array<char, 16384> buffer{};
  while (in_left > 0) {
    char* out_ptr = buffer.data();
    std::size_t out_left = buffer.size();
    const std::size_t rc = iconv(cd, &in, &in_left, &out_ptr, &out_left);
    out.append(buffer.data(), buffer.size() - out_left);
    if (rc != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    out += "\xEF\xBF\xBD";  // EILSEQ or a truncated sequence at the end (EINVAL)
    if (errno == EINVAL) break;
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
  }
  iconv_close(cd);
  return out;
}

}  // namespace

std::optional<std::string> canonical_charset(std::string_view label) {
  const std::string wanted = lower_trimmed(label);
  for (const auto& entry : kCharsets)
    for (std::string_view known : entry.labels)
      if (!known.empty() && known == wanted) return std::string(entry.name);
  return std::nullopt;
}

std::optional<std::string> declared_charset(std::string_view bytes) {
  const std::string head = lower_trimmed(bytes.substr(0, kPrescanBytes));
  for (std::size_t meta = head.find("<meta"); meta != std::string::npos;
       meta = head.find("<meta", meta + 5)) {
    const std::size_t tag_end = head.find('>', meta);
    const std::string_view tag =
        std::string_view(head).substr(meta, tag_end == std::string::npos ? tag_end : tag_end - meta);
    const std::size_t at = tag.find("charset");
    if (at == std::string_view::npos) continue;
    if (auto value = charset_value_at(tag, at)) return value;
  }
  return std::nullopt;
}

DetectedCharset detect_charset(std::string_view bytes) {
  DetectedCharset found;
  if (bytes.starts_with("\xEF\xBB\xBF")) return {"utf-8", 3, {}};
  if (bytes.starts_with("\xFF\xFE")) return {"utf-16le", 2, {}};
  if (bytes.starts_with("\xFE\xFF")) return {"utf-16be", 2, {}};
  const bool valid_utf8 = text::is_valid_utf8(bytes);
  const std::string sniffed = valid_utf8 ? "utf-8" : "windows-1252";
  if (auto declared = declared_charset(bytes)) {
    if (auto name = canonical_charset(*declared)) {
      // A page that is ASCII-compatible enough to carry a readable <meta> is not UTF-16,
      // whatever it says: browsers read it as UTF-8 then (WHATWG "prescan").
      found.name = name->starts_with("utf-16") ? "utf-8" : *name;
      return found;
    }
    found.warnings.push_back("unknown charset `" + text::printable(*declared, 40) +
                             "`, read as " + sniffed);
  }
  found.name = sniffed;
  return found;
}

std::string decode_to_utf8(std::string_view bytes, const std::string& charset) {
  if (charset == "utf-8") return text::repair_utf8(bytes).text;
  const CharsetEntry* entry = find_charset(charset);
  if (entry == nullptr) return text::repair_utf8(bytes).text;
  return iconv_to_utf8(bytes, std::string(entry->iconv).c_str());
}

}  // namespace article_search::ingest
