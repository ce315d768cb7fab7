// Character-set helpers for ingest (internal to the ingest stage).
//
// Guarantees: nothing here throws or reads past its input; every decode yields valid UTF-8 (bad
// byte sequences become U+FFFD and are counted). The RE2 patterns of declared() are compiled once
// per process; ICU converters (canonical, decode, encode) and the charset detector
// (detect_chinese) are opened on every call and closed before it returns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gk::charset {

struct Decoded {
    std::string utf8;
    std::size_t invalid = 0;        // byte sequences that were replaced by U+FFFD
    std::size_t first_invalid = 0;  // byte offset in `utf8` of the first replacement (if any)
};

// Canonical name for a charset label as found in files or on the command line: "UTF-8",
// "GB18030" (also for GBK, GB2312, cp936 ...), "Big5" (also Big5-HKSCS, cp950), "UTF-16LE",
// "UTF-16BE", "UTF-32LE", "UTF-32BE", otherwise ICU's MIME (or IANA) name. "" when ICU does not know it.
std::string canonical(std::string_view label);

// Decodes `bytes` (without any BOM) from a canonical encoding. False when there is no converter.
bool decode(std::string_view bytes, const std::string& encoding, Decoded& out);

// Encodes UTF-8 into a canonical encoding; false when a character cannot be represented (or the
// encoding is unknown). UTF-16/32 output starts with a BOM, since that is how such files are read.
bool encode(std::string_view utf8, const std::string& encoding, std::string& out);

// The charset declared by <meta charset>, <meta http-equiv content="...charset=..."> or an XML
// declaration within the first 4 KiB, as written (not canonicalised); "" when none.
std::string declared(std::string_view bytes);

// ICU's charset detector restricted to the answers that matter for Chinese documents:
// "GB18030", "Big5" or "UTF-8"; "" when the detector has no such answer with some confidence.
std::string detect_chinese(std::string_view bytes, bool strip_markup);

// How Chinese a decoded text looks: CJK ideographs and CJK punctuation count for it; private-use
// characters, U+FFFD, kana, bopomofo, Greek/Cyrillic (what GB18030 read as Big5 or the reverse
// produces) count against it. Used to choose between GB18030 and Big5 when the detector cannot.
long chinese_score(std::string_view utf8);

// Statistics of `bytes` read as UTF-8: well-formed multi-byte sequences and invalid bytes.
struct Utf8Stats {
    std::size_t multibyte = 0;
    std::size_t invalid = 0;
};
Utf8Stats utf8_stats(std::string_view bytes);

} // namespace gk::charset
