#include "redact/splice.hpp"

#include <unicode/ucnv.h>

#include "ingest/ingest.hpp"

namespace gk {

namespace {

std::size_t bom_length(std::string_view b, const std::string& enc) {
    auto starts = [&](std::string_view m) { return b.substr(0, m.size()) == m; };
    if (enc == "UTF-8" && starts("\xEF\xBB\xBF")) return 3;
    if (enc == "UTF-32LE" && starts(std::string_view("\xFF\xFE\0\0", 4))) return 4;
    if (enc == "UTF-32BE" && starts(std::string_view("\0\0\xFE\xFF", 4))) return 4;
    if (enc == "UTF-16LE" && starts("\xFF\xFE")) return 2;
    if (enc == "UTF-16BE" && starts("\xFE\xFF")) return 2;
    return 0;
}

} // namespace

bool decode_with_offsets(std::string_view bytes, const std::string& encoding, std::string& utf8,
                         std::vector<std::uint32_t>& map) {
    utf8.clear();
    map.clear();
    const std::size_t bom = bom_length(bytes, encoding);
    const std::string_view body = bytes.substr(bom);
    if (encoding == "UTF-8") {
        std::size_t i = 0;
        while (i < body.size()) {
            const std::size_t before = i;
            const char32_t cp = utf8::next(body, i);
            if (cp == 0xFFFD && body.substr(before, i - before) != "\xEF\xBF\xBD") utf8.append("\xEF\xBF\xBD");
            else utf8.append(body.substr(before, i - before));
            map.resize(utf8.size(), static_cast<std::uint32_t>(before + bom));
        }
        return true;
    }
    UErrorCode st = U_ZERO_ERROR;
    // The converter ingest uses: Big5 is ICU's windows-950 table.
    UConverter* cnv = ucnv_open(encoding == "Big5" ? "windows-950-2000" : encoding.c_str(), &st);
    if (U_FAILURE(st) || !cnv) return false;
    std::vector<UChar> u(body.size() * 2 + 16);
    std::vector<int32_t> offs(u.size(), -1);
    UChar* target = u.data();
    const char* src = body.data();
    ucnv_toUnicode(cnv, &target, u.data() + u.size(), &src, body.data() + body.size(), offs.data(), true, &st);
    ucnv_close(cnv);
    if (U_FAILURE(st)) return false;
    const std::size_t n = static_cast<std::size_t>(target - u.data());
    for (std::size_t i = 0; i < n; ++i) {
        char32_t cp = u[i];
        const int32_t off = offs[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (u[i + 1] - 0xDC00);
            ++i;
        }
        if (off < 0) return false;
        utf8::append(utf8, cp);
        map.resize(utf8.size(), static_cast<std::uint32_t>(static_cast<std::size_t>(off) + bom));
    }
    return true;
}

// `text` in the document's encoding, without the BOM encode_from_utf8 puts before UTF-16/32.
bool encode_piece(const std::string& text, const std::string& encoding, std::string& out) {
    if (!encode_from_utf8(text, encoding, out)) return false;
    if (encoding.starts_with("UTF-16") && out.size() >= 2 && bom_length(out, encoding) == 2) out.erase(0, 2);
    if (encoding.starts_with("UTF-32") && out.size() >= 4 && bom_length(out, encoding) == 4) out.erase(0, 4);
    return true;
}

SpliceResult splice_edits(std::string_view original, const Document& doc, const std::vector<Edit>& edits) {
    SpliceResult r;
    std::string intended;
    {
        std::size_t at = 0;
        for (const auto& e : edits) {
            if (e.begin < at || e.end < e.begin || e.end > doc.source.size()) {
                r.error = "overlapping or out-of-range edits";
                return r;
            }
            intended.append(doc.source, at, e.begin - at);
            intended += e.text;
            at = e.end;
        }
        intended.append(doc.source, std::min(at, doc.source.size()), std::string::npos);
    }
    if (edits.empty()) {
        r.ok = true;
        r.bytes = std::string(original);
        r.decoded = std::move(intended);
        return r;
    }
    std::string decoded;
    std::vector<std::uint32_t> map;
    if (!decode_with_offsets(original, doc.encoding, decoded, map)) {
        r.error = "cannot decode the input again as " + doc.encoding;
        return r;
    }
    if (decoded != doc.source) {
        r.error = "the decoded text does not match the input byte for byte (" + doc.encoding + "); not changed";
        return r;
    }
    std::string out;
    out.reserve(original.size() + 16);
    std::size_t at = 0; // in original bytes
    for (const auto& e : edits) {
        const std::size_t ob = e.begin < map.size() ? map[e.begin] : original.size();
        const std::size_t oe = e.end < map.size() ? map[e.end] : original.size();
        if (ob < at || oe < ob) {
            r.error = "edits do not map onto the original bytes";
            return r;
        }
        std::string repl;
        if (!encode_piece(e.text, doc.encoding, repl)) {
            r.error = "cannot write \"" + e.text + "\" in " + doc.encoding;
            return r;
        }
        out.append(original.substr(at, ob - at));
        out += repl;
        at = oe;
    }
    out.append(original.substr(at));
    std::vector<std::uint32_t> map2;
    if (!decode_with_offsets(out, doc.encoding, r.decoded, map2)) {
        r.error = "the changed bytes do not decode";
        return r;
    }
    if (r.decoded != intended) {
        r.error = "the changed bytes do not decode to the intended text; not written";
        return r;
    }
    r.ok = true;
    r.bytes = std::move(out);
    return r;
}

} // namespace gk
