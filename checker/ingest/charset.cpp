#include "ingest/charset.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include <re2/re2.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include "core/text.hpp"

namespace gk::charset {
namespace {

std::string lower_trimmed(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\'' || std::isspace(static_cast<unsigned char>(c))) continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// ICU name of the converter used for a canonical name. Big5 is ICU's windows-950 table (Big5
// plus the Microsoft additions every Windows-made Big5 file uses).
const char* icu_name(const std::string& canonical) {
    if (canonical == "Big5") return "windows-950-2000";
    return canonical.c_str();
}

// To-Unicode callback: writes U+FFFD for a bad sequence and remembers how many there were and
// where (in UTF-16 units of the output) the first one went.
struct ErrorTally {
    std::size_t count = 0;
    std::size_t first_unit = 0;
    const UChar* base = nullptr;
};

void U_CALLCONV substitute_and_count(const void* context, UConverterToUnicodeArgs* args,
                                     const char*, int32_t, UConverterCallbackReason reason,
                                     UErrorCode* err) {
    if (reason > UCNV_IRREGULAR) return; // reset / close / clone: nothing to substitute
    auto* tally = static_cast<ErrorTally*>(const_cast<void*>(context));
    if (tally->count++ == 0) tally->first_unit = static_cast<std::size_t>(args->target - tally->base);
    static const UChar replacement = 0xFFFD;
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
}

// UTF-8 fast path (no ICU): each invalid byte becomes one U+FFFD.
void decode_utf8(std::string_view bytes, Decoded& out) {
    out = Decoded{};
    if (utf8::is_valid(bytes)) { out.utf8.assign(bytes); return; }
    out.utf8.reserve(bytes.size() + 16);
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::size_t before = i;
        const char32_t cp = utf8::next(bytes, i);
        if (cp == 0xFFFD && bytes.substr(before, i - before) != "\xEF\xBF\xBD") {
            if (out.invalid++ == 0) out.first_invalid = out.utf8.size();
            out.utf8.append("\xEF\xBF\xBD");
        } else {
            out.utf8.append(bytes.substr(before, i - before));
        }
    }
}

} // namespace

std::string canonical(std::string_view label) {
    const std::string l = lower_trimmed(label);
    if (l.empty()) return "";
    if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "x-unicode20utf8") return "UTF-8";
    static const char* const gb[] = {"gbk", "gb2312", "gb_2312-80", "gb_2312", "x-gbk", "cp936",
                                     "ms936", "windows-936", "gb18030", "euc-cn", "x-euc-cn",
                                     "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280", "gb-2312"};
    for (const char* g : gb) if (l == g) return "GB18030";
    static const char* const big5[] = {"big5", "big5-hkscs", "x-big5", "cn-big5", "csbig5",
                                       "cp950", "ms950", "windows-950", "big5hkscs", "x-x-big5"};
    for (const char* b : big5) if (l == b) return "Big5";
    if (l == "utf-16" || l == "utf-16le" || l == "utf16le" || l == "unicode") return "UTF-16LE";
    if (l == "utf-16be" || l == "utf16be") return "UTF-16BE";
    if (l == "utf-32" || l == "utf-32le") return "UTF-32LE";
    if (l == "utf-32be") return "UTF-32BE";
    UErrorCode st = U_ZERO_ERROR;
    ConverterPtr cnv(ucnv_open(l.c_str(), &st));
    if (U_FAILURE(st) || !cnv) return "";
    const char* name = ucnv_getName(cnv.get(), &st);
    if (U_FAILURE(st) || !name) return "";
    // The MIME name is the one people write ("ISO-8859-1", not IANA's "ISO_8859-1:1987").
    for (const char* standard : {"MIME", "IANA"}) {
        UErrorCode s = U_ZERO_ERROR;
        const char* std_name = ucnv_getStandardName(name, standard, &s);
        if (U_SUCCESS(s) && std_name) return std_name;
    }
    return name;
}

bool decode(std::string_view bytes, const std::string& encoding, Decoded& out) {
    if (encoding == "UTF-8") { decode_utf8(bytes, out); return true; }
    out = Decoded{};
    UErrorCode st = U_ZERO_ERROR;
    ConverterPtr cnv(ucnv_open(icu_name(encoding), &st));
    if (U_FAILURE(st) || !cnv) return false;
    if (bytes.size() > 0x7FFFFFF0u) return false; // ICU lengths are int32_t
    ErrorTally tally;
    std::vector<UChar> units;
    // One input byte never yields more than one UTF-16 unit for the multi-byte charsets we meet
    // (a 4-byte GB18030 sequence yields at most 2); grow and restart in the odd case it does.
    std::size_t capacity = bytes.size() + 16;
    UChar* end = nullptr;
    for (int attempt = 0; attempt < 3; ++attempt) {
        units.assign(capacity, 0);
        tally = ErrorTally{};
        tally.base = units.data();
        st = U_ZERO_ERROR;
        ucnv_reset(cnv.get());
        ucnv_setToUCallBack(cnv.get(), substitute_and_count, &tally, nullptr, nullptr, &st);
        if (U_FAILURE(st)) return false;
        UChar* target = units.data();
        const char* source = bytes.data();
        ucnv_toUnicode(cnv.get(), &target, units.data() + units.size(), &source,
                       bytes.data() + bytes.size(), nullptr, true, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) { capacity = capacity * 2 + 16; continue; }
        if (U_FAILURE(st)) return false;
        end = target;
        break;
    }
    if (!end) return false;
    const auto n_units = static_cast<int32_t>(end - units.data());
    int32_t len = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(nullptr, 0, &len, units.data(), n_units, 0xFFFD, nullptr, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return false;
    out.utf8.resize(static_cast<std::size_t>(len));
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(out.utf8.data(), len, &len, units.data(), n_units, 0xFFFD, nullptr, &st);
    if (U_FAILURE(st)) return false;
    out.invalid = tally.count;
    if (tally.count > 0) {
        int32_t prefix = 0;
        st = U_ZERO_ERROR;
        u_strToUTF8WithSub(nullptr, 0, &prefix, units.data(), static_cast<int32_t>(tally.first_unit),
                           0xFFFD, nullptr, &st);
        out.first_invalid = static_cast<std::size_t>(prefix);
    }
    return true;
}

bool encode(std::string_view utf8_text, const std::string& encoding, std::string& out) {
    out.clear();
    if (encoding == "UTF-8") { out.assign(utf8_text); return utf8::is_valid(utf8_text); }
    if (utf8_text.size() > 0x3FFFFFF0u) return false;
    UErrorCode st = U_ZERO_ERROR;
    ConverterPtr cnv(ucnv_open(icu_name(encoding), &st));
    if (U_FAILURE(st) || !cnv) return false;
    ucnv_setFromUCallBack(cnv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
    if (U_FAILURE(st)) return false;
    int32_t n_units = 0;
    st = U_ZERO_ERROR;
    u_strFromUTF8(nullptr, 0, &n_units, utf8_text.data(), static_cast<int32_t>(utf8_text.size()), &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return false;
    std::vector<UChar> units(static_cast<std::size_t>(n_units) + 1);
    st = U_ZERO_ERROR;
    u_strFromUTF8(units.data(), n_units + 1, &n_units, utf8_text.data(),
                  static_cast<int32_t>(utf8_text.size()), &st);
    if (U_FAILURE(st)) return false; // invalid UTF-8 in: nothing sensible to write
    st = U_ZERO_ERROR;
    const int32_t len = ucnv_fromUChars(cnv.get(), nullptr, 0, units.data(), n_units, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return false;
    std::string body(static_cast<std::size_t>(len), '\0');
    st = U_ZERO_ERROR;
    ucnv_reset(cnv.get());
    ucnv_fromUChars(cnv.get(), body.data(), len, units.data(), n_units, &st);
    if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING) return false;
    if (encoding == "UTF-16LE") out = "\xFF\xFE";
    else if (encoding == "UTF-16BE") out = "\xFE\xFF";
    else if (encoding == "UTF-32LE") out = std::string("\xFF\xFE\0\0", 4);
    else if (encoding == "UTF-32BE") out = std::string("\0\0\xFE\xFF", 4);
    out += body;
    return true;
}

std::string declared(std::string_view bytes) {
    static const RE2::Options opts = [] {
        RE2::Options o;
        o.set_encoding(RE2::Options::EncodingLatin1); // raw bytes: the encoding is unknown yet
        o.set_case_sensitive(false);
        o.set_log_errors(false);
        return o;
    }();
    static const RE2 meta(R"(<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+))", opts);
    static const RE2 xml(R"(<\?xml\b[^>]*?encoding\s*=\s*["']?\s*([a-z0-9_:.\-]+))", opts);
    const re2::StringPiece head(bytes.data(), std::min<std::size_t>(bytes.size(), 4096));
    re2::StringPiece from_meta, from_xml;
    const bool has_meta = RE2::PartialMatch(head, meta, &from_meta);
    const bool has_xml = RE2::PartialMatch(head, xml, &from_xml);
    if (has_meta && has_xml)
        return std::string(from_meta.data() < from_xml.data() ? from_meta : from_xml);
    if (has_meta) return std::string(from_meta);
    if (has_xml) return std::string(from_xml);
    return "";
}

std::string detect_chinese(std::string_view bytes, bool strip_markup) {
    if (bytes.empty()) return "";
    // The detector needs enough bytes to be right and gains nothing from megabytes.
    const std::size_t n = std::min<std::size_t>(bytes.size(), 64 * 1024);
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&st);
    if (U_FAILURE(st) || !det) return "";
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
    ucsdet_enableInputFilter(det, strip_markup);
    ucsdet_setText(det, bytes.data(), static_cast<int32_t>(n), &st);
    int32_t found = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(det, &found, &st);
    if (U_FAILURE(st) || !matches) return "";
    for (int32_t i = 0; i < found; ++i) {
        UErrorCode s = U_ZERO_ERROR;
        const char* name = ucsdet_getName(matches[i], &s);
        const int32_t confidence = ucsdet_getConfidence(matches[i], &s);
        if (U_FAILURE(s) || !name || confidence < 10) continue;
        const std::string c = canonical(name);
        if (c == "GB18030" || c == "Big5" || c == "UTF-8") return c;
    }
    return "";
}

long chinese_score(std::string_view text) {
    long score = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = utf8::next(text, i);
        if (cp < 0x80) continue;
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) ||
            (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0x2014 || cp == 0x2026 ||
            (cp >= 0x2018 && cp <= 0x201D))
            score += 1;
        else if (cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0x3040 && cp <= 0x312F) ||
                 (cp >= 0x0370 && cp <= 0x04FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                 (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2500 && cp <= 0x25FF) ||
                 (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0x3100 && cp <= 0x31BF))
            score -= 2;
    }
    return score;
}

Utf8Stats utf8_stats(std::string_view bytes) {
    Utf8Stats s;
    std::size_t i = 0;
    while (i < bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) { ++i; continue; }
        const std::size_t before = i;
        const char32_t cp = utf8::next(bytes, i);
        if (cp == 0xFFFD && i - before == 1) ++s.invalid;
        else ++s.multibyte;
    }
    return s;
}

} // namespace gk::charset
