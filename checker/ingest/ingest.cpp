#include "ingest/ingest.hpp"

#include <optional>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>


#include "core/zip.hpp"
#include "ingest/charset.hpp"

namespace gk {
namespace {

InputError input_error(std::string code, std::string zh, std::string en, bool fatal = true) {
    InputError e;
    e.code = std::move(code);
    e.message = {std::move(zh), std::move(en)};
    e.fatal = fatal;
    return e;
}

// File signatures of the binary formats people mistake for documents.
struct Signature {
    std::string_view magic;
    const char* name;
};
// PDF (%PDF-), ZIP (PK\3\4, PK\5\6) and OLE (D0 CF 11 E0) are told apart before these: see
// binary_format().
constexpr Signature kSignatures[] = {
    {"%PDF", "PDF"},
    {"PK\x03\x04", "ZIP"},
    {"PK\x05\x06", "ZIP"},
    {"\x89PNG\r\n\x1A\n", "PNG"},
    {"\xFF\xD8\xFF", "JPEG"},
    {"GIF87a", "GIF"},
    {"GIF89a", "GIF"},
    {"\x1F\x8B", "GZIP"},
    {"\xD0\xCF\x11\xE0", "OLE (doc, xls, wps)"},
    {"Rar!\x1A\x07", "RAR"},
    {"7z\xBC\xAF\x27\x1C", "7-Zip"},
    {"\x7F" "ELF", "ELF"},
    {"{\\rtf", "RTF"},
};

const char* binary_signature(std::string_view bytes) {
    for (const auto& s : kSignatures)
        if (bytes.starts_with(s.magic)) return s.name;
    return nullptr;
}

// What a ZIP archive holds, read from its central directory by the ZIP reader (core/zip.hpp:
// libzip; nothing is inflated). `unavailable`: the reader's module cannot be loaded.
enum class ZipKind { unreadable, docx, xlsx, pptx, odf, too_many_entries, other, unavailable };

// More entries than any Word document has (a pandoc .docx has ~15, Word's own ~20-40, one with
// many embedded images a few hundred): an archive over this is refused before it is opened
// further (parse/docx.cpp bounds what it inflates).
constexpr long long kMaxZipEntries = 10000;

ZipKind zip_kind(std::string_view bytes, std::string& why) {
    const zipread::Api* api = Zip::reader(why);
    if (!api) return ZipKind::unavailable;
    const Zip za(*api, bytes);
    if (!za.open()) return ZipKind::unreadable;
    if (za.entries() > kMaxZipEntries) return ZipKind::too_many_entries;
    if (za.has("word/document.xml")) return ZipKind::docx;
    if (za.has("xl/workbook.xml")) return ZipKind::xlsx;
    if (za.has("ppt/presentation.xml")) return ZipKind::pptx;
    if (za.has("content.xml") && za.has("mimetype")) return ZipKind::odf;
    return ZipKind::other;
}

// The binary formats ingest tells apart: "docx" and "pdf" are parsed (from the original bytes,
// parse/parse.hpp); others are refused with `error` set (input.unsupported: a known document
// format gkcheck does not read, with what to convert it to). "" when none applies.
std::string binary_format(std::string_view bytes, std::optional<InputError>& error) {
    const std::string convert_zh = "请在 Word 或 WPS 中另存为 .docx，或导出为 PDF", convert_en = "save it as .docx in Word or WPS, or export it as PDF";
    if (bytes.starts_with("%PDF-")) return "pdf";
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        error = input_error("input.unsupported",
            "不支持旧版 Office/WPS 二进制文件（.doc、.wps、.xls、.et、.ppt 等 OLE 复合文档）：" + convert_zh,
            "a binary Office or WPS file (.doc, .wps, .xls, .ppt: an OLE compound file) is not supported: " + convert_en);
        return "";
    }
    if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) {
        std::string why;
        switch (zip_kind(bytes, why)) {
        case ZipKind::docx: return "docx";
        case ZipKind::unavailable:
            error = input_error("input.zip-unavailable", "无法加载 ZIP 读取模块，未检查：" + why,
                                "cannot load the ZIP reader module; not checked: " + why);
            return "";
        case ZipKind::unreadable: return ""; // refused as input.binary ("ZIP signature")
        case ZipKind::too_many_entries:
            error = input_error("input.unsupported",
                "ZIP 文件的条目超过 " + std::to_string(kMaxZipEntries) + " 个，不是可读的 Word 文档",
                "a ZIP archive with more than " + std::to_string(kMaxZipEntries) + " entries is not a readable Word document");
            return "";
        case ZipKind::xlsx:
            error = input_error("input.unsupported", "这是 Excel 工作簿（.xlsx），不是 Word 文档：只能检查 .docx、PDF、HTML 和文本",
                                "an Excel workbook (.xlsx), not a Word document: gkcheck reads .docx, PDF, HTML and text");
            return "";
        case ZipKind::pptx:
            error = input_error("input.unsupported", "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档：只能检查 .docx、PDF、HTML 和文本",
                                "a PowerPoint presentation (.pptx), not a Word document: gkcheck reads .docx, PDF, HTML and text");
            return "";
        case ZipKind::odf:
            error = input_error("input.unsupported", "这是 OpenDocument 文件（.odt 等），不支持：" + convert_zh,
                                "an OpenDocument file (.odt, …) is not supported: " + convert_en);
            return "";
        case ZipKind::other:
            error = input_error("input.unsupported", "这是 ZIP 压缩包，不是 Word 文档（其中没有 word/document.xml）：请解压后检查其中的文件",
                                "a ZIP archive that is not a Word document (no word/document.xml): extract it and check its files");
            return "";
        }
    }
    return "";
}

struct Bom {
    const char* encoding = nullptr;
    std::size_t length = 0;
};

Bom detect_bom(std::string_view b) {
    // UTF-32LE first: its BOM begins with the UTF-16LE one.
    if (b.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return {"UTF-32LE", 4};
    if (b.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return {"UTF-32BE", 4};
    if (b.starts_with("\xEF\xBB\xBF")) return {"UTF-8", 3};
    if (b.starts_with("\xFF\xFE")) return {"UTF-16LE", 2};
    if (b.starts_with("\xFE\xFF")) return {"UTF-16BE", 2};
    return {};
}

bool chinese_multibyte(const std::string& enc) { return enc == "GB18030" || enc == "Big5"; }

// Decodes with `enc`; an unknown converter counts as "everything invalid".
charset::Decoded try_decode(std::string_view body, const std::string& enc) {
    charset::Decoded d;
    if (!charset::decode(body, enc, d)) {
        d = charset::Decoded{};
        d.invalid = body.size() + 1;
    }
    return d;
}

// GB18030 or Big5 for bytes that are not UTF-8. Any Big5 byte string is also well-formed
// GB18030 (as nonsense), so both are decoded: fewer invalid sequences wins, then the decoding
// that reads more like Chinese (Big5 read as GB18030 turns into private-use characters, kana and
// Greek; GB18030 read as Big5 into bopomofo and symbols). ICU's detector only breaks a tie: on
// the corpus transcoded both ways the score alone is always right, it is right on a few
// characters where ucsdet is not (ucsdet calls the Big5 bytes of 索引號 GB18030), and the
// detector costs ~0.5 s per MB, far more than both decodings.
std::string guess_chinese(std::string_view body, bool html, charset::Decoded& out) {
    charset::Decoded gb = try_decode(body, "GB18030");
    charset::Decoded big5 = try_decode(body, "Big5");
    bool prefer_big5;
    if (big5.invalid != gb.invalid) {
        prefer_big5 = big5.invalid < gb.invalid;
    } else {
        const long gb_score = charset::chinese_score(gb.utf8), big5_score = charset::chinese_score(big5.utf8);
        if (big5_score != gb_score) prefer_big5 = big5_score > gb_score;
        else prefer_big5 = charset::detect_chinese(body, html) == "Big5";
    }
    if (prefer_big5) { out = std::move(big5); return "Big5"; }
    out = std::move(gb);
    return "GB18030";
}

// Chooses the encoding of `body` (the bytes after any BOM) and decodes it. See ingest.hpp for the
// order; the comments below say where real pages force a deviation from it.
std::string choose_and_decode(std::string_view body, bool html, charset::Decoded& out) {
    std::string declared = charset::canonical(charset::declared(body));
    // A page readable as ASCII that declares UTF-16/32 is not UTF-16/32 (HTML says: use UTF-8).
    if (declared.starts_with("UTF-16") || declared.starts_with("UTF-32")) declared = "UTF-8";

    if (utf8::is_valid(body)) {
        out = charset::Decoded{}; // charset::decode as UTF-8 of valid bytes, without validating them again
        out.utf8.assign(body);
        if (declared.empty() || declared == "UTF-8") return "UTF-8";
        charset::Decoded as_declared = try_decode(body, declared);
        // Real pages lie: a declaration that does not decode cleanly while UTF-8 does is wrong,
        // and so is one contradicted by a few Chinese characters of valid UTF-8 (GBK text that
        // happens to be valid UTF-8 is vanishingly rare past a handful of characters).
        if (as_declared.invalid > 0 || charset::utf8_stats(body).multibyte >= 4) return "UTF-8";
        out = std::move(as_declared);
        return declared;
    }

    const charset::Utf8Stats stats = charset::utf8_stats(body);
    const bool mostly_utf8 = stats.multibyte > 2 * stats.invalid;

    if (!declared.empty() && declared != "UTF-8") {
        charset::Decoded as_declared = try_decode(body, declared);
        if (as_declared.invalid == 0 && chinese_multibyte(declared)) { out = std::move(as_declared); return declared; }
        // A Western single-byte declaration decodes anything "cleanly"; on these documents it is
        // almost always a template default, so the bytes get a say first.
        charset::Decoded other;
        std::string alternative;
        if (mostly_utf8) { charset::decode(body, "UTF-8", other); alternative = "UTF-8"; }
        else alternative = guess_chinese(body, html, other);
        const bool western = !chinese_multibyte(declared);
        if (other.invalid < as_declared.invalid ||
            (western && other.invalid == 0 && charset::chinese_score(other.utf8) > 0)) {
            out = std::move(other);
            return alternative;
        }
        out = std::move(as_declared);
        return declared;
    }

    // Declared UTF-8 or undeclared, and not valid UTF-8.
    if (mostly_utf8) { charset::decode(body, "UTF-8", out); return "UTF-8"; }
    charset::Decoded guess;
    const std::string guessed = guess_chinese(body, html, guess);
    if (declared == "UTF-8") {
        charset::Decoded as_utf8;
        charset::decode(body, "UTF-8", as_utf8);
        if (as_utf8.invalid <= guess.invalid) { out = std::move(as_utf8); return "UTF-8"; }
    }
    out = std::move(guess);
    return guessed;
}

bool only_whitespace(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string size_text(std::size_t bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

Document refused(const std::string& path, InputError e, std::string sha256 = "") {
    Document d;
    d.path = path;
    d.sha256 = std::move(sha256);
    d.format = sniff_format(path, "");
    d.errors.push_back(std::move(e));
    return d;
}

InputError too_large(std::size_t max_bytes) {
    return input_error("input.too-large", "文件超过大小上限（" + size_text(max_bytes) + "）",
                       "file exceeds the size limit (" + size_text(max_bytes) + ")");
}

// A UTF-16 byte-order mark (FF FE or FE FF) before bytes that are valid UTF-8 without a NUL: a
// stray mark (an editor's or a concatenation's), not UTF-16 text — ASCII in UTF-16 is half NUL
// bytes, and UTF-16 Chinese text is practically never valid UTF-8.
bool stray_utf16_bom(const Bom& bom, std::string_view body) {
    if (!bom.encoding || !std::string_view(bom.encoding).starts_with("UTF-16")) return false;
    return !body.empty() && body.find('\0') == std::string_view::npos && utf8::is_valid(body);
}

// "UTF-16LE" or "UTF-16BE" when the NUL bytes of the head of `bytes` stand (nearly) all at odd
// (LE) or all at even (BE) offsets, as the high bytes of ASCII characters in UTF-16 do (binary
// data has them at both): text in UTF-16 without a BOM, which ingest does not guess.
const char* utf16_without_bom(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, 64 * 1024);
    std::size_t nul[2] = {0, 0};
    for (std::size_t i = 0; i < head.size(); ++i)
        if (head[i] == '\0') ++nul[i % 2];
    const std::size_t total = nul[0] + nul[1];
    if (total < 4 || head.size() % 2 != 0) return nullptr;
    if (nul[1] * 10 >= total * 9) return "UTF-16LE";
    if (nul[0] * 10 >= total * 9) return "UTF-16BE";
    return nullptr;
}

} // namespace

Document ingest_bytes(std::string_view bytes, const std::string& path, const IngestOptions& opts) {
    if (bytes.size() > opts.max_bytes) return refused(path, too_large(opts.max_bytes));
    if (bytes.empty()) return refused(path, input_error("input.empty", "文件为空", "empty file"));
    // Derived-text formats: no decoding; the parser reads the original bytes (Document::binary).
    std::optional<InputError> unsupported;
    if (const std::string format = binary_format(bytes, unsupported); !format.empty()) {
        Document d;
        d.path = path;
        d.sha256 = sha256_hex(bytes);
        d.format = format;
        d.binary.assign(bytes);
        return d;
    }
    // Refused inputs still get their hash: a batch store can remember it saw them.
    if (unsupported) return refused(path, std::move(*unsupported), sha256_hex(bytes));
    if (const char* kind = binary_signature(bytes))
        return refused(path, input_error("input.binary",
            std::string("不是文本文件（检测到 ") + kind + " 文件头）",
            std::string("not a text file (") + kind + " signature)"), sha256_hex(bytes));

    const Bom bom = detect_bom(bytes);
    // UTF-16/32 text is full of NUL bytes: only with a BOM (or --encoding) is that not binary.
    const std::string forced = opts.forced_encoding.empty() ? "" : charset::canonical(opts.forced_encoding);
    const bool wide = (bom.encoding && std::string_view(bom.encoding) != "UTF-8") ||
                      forced.starts_with("UTF-16") || forced.starts_with("UTF-32");
    if (!wide) {
        if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
            if (const char* wide_guess = utf16_without_bom(bytes))
                return refused(path, input_error("input.binary",
                    std::string("不是文本文件（第 ") + std::to_string(nul) + " 字节处有 NUL 字节）；看来是没有字节顺序标记的 " +
                        wide_guess + "：请用 --encoding " + wide_guess,
                    std::string("not a text file (NUL byte at byte offset ") + std::to_string(nul) +
                        "); it looks like " + wide_guess + " without a byte-order mark: give --encoding " + wide_guess),
                    sha256_hex(bytes));
            return refused(path, input_error("input.binary",
                "不是文本文件（第 " + std::to_string(nul) + " 字节处有 NUL 字节）",
                "not a text file (NUL byte at byte offset " + std::to_string(nul) + ")"), sha256_hex(bytes));
        }
    }

    Document d;
    d.path = path;
    d.sha256 = sha256_hex(bytes);
    const std::string_view body = bytes.substr(bom.length);
    const bool html_hint = sniff_format(path, body.substr(0, 4096)) == "html";

    charset::Decoded decoded;
    if (!opts.forced_encoding.empty()) {
        d.encoding = forced;
        if (d.encoding.empty() || !charset::decode(body, d.encoding, decoded)) {
            d.format = sniff_format(path, "");
            d.errors.push_back(input_error("input.encoding",
                "未知的字符编码“" + opts.forced_encoding + "”",
                "unknown encoding '" + opts.forced_encoding + "'"));
            return d;
        }
    } else if (stray_utf16_bom(bom, body)) {
        d.encoding = choose_and_decode(body, html_hint, decoded);
        d.errors.push_back(input_error("input.encoding",
            std::string("文件以 ") + bom.encoding + " 字节顺序标记开头，但其后是 UTF-8 文本：按 " + d.encoding + " 解码",
            std::string("a ") + bom.encoding + " byte-order mark before text that is not " + bom.encoding +
                " (valid UTF-8): decoded as " + d.encoding,
            false));
    } else if (bom.encoding) {
        d.encoding = bom.encoding;
        charset::decode(body, d.encoding, decoded);
    } else {
        d.encoding = choose_and_decode(body, html_hint, decoded);
    }

    d.source = std::move(decoded.utf8);
    d.lines = LineIndex(d.source);
    d.format = sniff_format(path, std::string_view(d.source).substr(0, 4096));
    if (only_whitespace(d.source)) {
        d.errors.push_back(input_error("input.empty", "文件没有文字（只有空白）", "file contains only whitespace"));
        return d;
    }
    if (decoded.invalid > 0) {
        const Position p = d.lines.at(static_cast<SourceOffset>(decoded.first_invalid));
        const std::string n = std::to_string(decoded.invalid);
        const std::string where_zh = "第 " + std::to_string(p.line) + " 行第 " + std::to_string(p.column) + " 列";
        const std::string where_en = "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
        d.errors.push_back(input_error("input.encoding",
            "有 " + n + " 处字节序列不符合 " + d.encoding + " 编码，已替换为 U+FFFD；第一处在" + where_zh,
            n + " invalid " + d.encoding + " byte sequence" + (decoded.invalid == 1 ? "" : "s") +
                " replaced with U+FFFD; the first at " + where_en,
            false));
    }
    return d;
}

std::optional<std::string> read_input(const std::string& path, std::size_t max_bytes, std::string& error) {
    std::FILE* f = nullptr;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, std::fclose);
    std::size_t expected = 0;
    if (path == "-") {
        f = stdin;
    } else {
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (ec) { error = ec.message(); return std::nullopt; }
        if (std::filesystem::is_directory(status)) { error = "is a directory"; return std::nullopt; }
        // A FIFO (or socket) named on the command line would block the open, or the read, for
        // ever: refused; its data can come on standard input as "-". A device is read like a
        // file, never more than max_bytes + 1 bytes (/dev/zero ends as "too large").
        if (std::filesystem::is_fifo(status) || std::filesystem::is_socket(status)) {
            error = "not a regular file (a FIFO or socket); give its data on standard input as '-'";
            return std::nullopt;
        }
        if (std::filesystem::is_regular_file(status)) {
            const auto size = std::filesystem::file_size(path, ec);
            if (!ec) expected = static_cast<std::size_t>(size);
        }
        errno = 0;
        f = std::fopen(path.c_str(), "rb");
        if (!f) { error = errno ? std::strerror(errno) : "open failed"; return std::nullopt; }
        owned.reset(f);
    }
    // Never read more than max_bytes + 1: enough to know the input is over the limit.
    const std::size_t limit = max_bytes < SIZE_MAX ? max_bytes + 1 : SIZE_MAX;
    std::string bytes;
    bytes.reserve(std::min(expected, limit));
    char buffer[64 * 1024];
    while (bytes.size() < limit) {
        const std::size_t want = std::min(sizeof buffer, limit - bytes.size());
        const std::size_t got = std::fread(buffer, 1, want, f);
        bytes.append(buffer, got);
        if (got < want) {
            if (std::ferror(f)) { error = errno ? std::strerror(errno) : "read error"; return std::nullopt; }
            break;
        }
    }
    return bytes;
}

Document ingest_file(const std::string& path, const IngestOptions& opts) {
    // A regular file over the limit is refused from its size alone, without reading it.
    std::error_code ec;
    if (path != "-" && std::filesystem::is_regular_file(path, ec)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > opts.max_bytes) return refused(path, too_large(opts.max_bytes));
    }
    std::string why;
    const auto bytes = read_input(path, opts.max_bytes, why);
    if (!bytes) return refused(path, input_error("input.unreadable", "无法读取文件：" + why, "cannot read file: " + why));
    return ingest_bytes(*bytes, path, opts);
}

std::string sniff_format(std::string_view path, std::string_view utf8_head) {
    const auto slash = path.find_last_of("/\\");
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (const auto dot = name.find_last_of('.'); dot != std::string_view::npos && dot > 0) {
        const std::string ext = lower_ascii(name.substr(dot + 1));
        if (ext == "html" || ext == "htm" || ext == "shtml" || ext == "xhtml" || ext == "xht") return "html";
        if (ext == "txt" || ext == "text") return "text";
    }
    std::string_view head = utf8_head.substr(0, 4096);
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front()))) head.remove_prefix(1);
    const std::string lower = lower_ascii(head);
    if (lower.starts_with("<!doctype html") || lower.starts_with("<html") ||
        (lower.starts_with("<?xml") && lower.find("<html") != std::string::npos))
        return "html";
    // A fragment: several ordinary block/inline tags.
    static const char* const tags[] = {"div", "p", "table", "span", "br", "td", "tr", "h1", "h2",
                                       "h3", "h4", "h5", "h6", "li", "font", "strong", "body"};
    int seen = 0;
    for (std::size_t i = lower.find('<'); i != std::string::npos; i = lower.find('<', i + 1)) {
        for (const char* t : tags) {
            const std::size_t n = std::strlen(t);
            if (lower.compare(i + 1, n, t) != 0) continue;
            const char after = i + 1 + n < lower.size() ? lower[i + 1 + n] : '\0';
            if (after == '>' || after == '/' || std::isspace(static_cast<unsigned char>(after))) {
                if (++seen >= 3) return "html";
            }
            break;
        }
    }
    return "text";
}

bool encode_from_utf8(std::string_view utf8_text, const std::string& encoding, std::string& out) {
    const std::string canonical = charset::canonical(encoding);
    if (canonical.empty()) { out.clear(); return false; }
    return charset::encode(utf8_text, canonical, out);
}

} // namespace gk
