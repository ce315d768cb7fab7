#include "core/text.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>

namespace gk {

void MappedText::append_run(std::string_view s, SourceOffset from) {
    text.append(s);
    for (std::size_t k = 0; k < s.size(); ++k) origin.push_back(from + static_cast<SourceOffset>(k));
}

void MappedText::append_synthetic(std::string_view s, SourceOffset at) {
    text.append(s);
    origin.insert(origin.end(), s.size(), at);
}

void MappedText::append(const MappedText& other) {
    text.append(other.text);
    origin.insert(origin.end(), other.origin.begin(), other.origin.end());
}

SourceOffset MappedText::source_at(std::size_t i) const {
    if (origin.empty()) return 0;
    return origin[std::min(i, origin.size() - 1)];
}

MappedText MappedText::substr(std::size_t pos, std::size_t len) const {
    MappedText out;
    if (pos >= text.size()) return out;
    len = std::min(len, text.size() - pos);
    out.text = text.substr(pos, len);
    out.origin.assign(origin.begin() + static_cast<std::ptrdiff_t>(pos),
                      origin.begin() + static_cast<std::ptrdiff_t>(pos + len));
    return out;
}

LineIndex::LineIndex(std::string_view utf8) : text_(std::make_shared<const std::string>(utf8)) {
    line_starts_.push_back(0);
    code_points_at_stride_.reserve(utf8.size() / kStride + 1);
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
    // A byte of `w` equal to `b` (the classic has-zero-byte test on w ^ b…b).
    auto has_byte = [](std::uint64_t w, unsigned char b) {
        const std::uint64_t x = w ^ (kOnes * b);
        return ((x - kOnes) & ~x & kHigh) != 0;
    };
    std::uint32_t code_points = 0;
    for (std::size_t block = 0; block < n; block += kStride) {
        code_points_at_stride_.push_back(code_points);
        const std::size_t end = std::min(n, block + kStride);
        std::size_t i = block;
        // Eight bytes at a time: every byte but a continuation byte (10xxxxxx) starts a code point.
        for (; i + 8 <= end; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            code_points += 8 - static_cast<std::uint32_t>(std::popcount(w & ~(w << 1) & kHigh));
            if (!has_byte(w, '\n') && !has_byte(w, '\r')) continue;
            for (std::size_t k = i; k < i + 8; ++k) {
                if (p[k] == '\n') line_starts_.push_back(static_cast<SourceOffset>(k + 1));
                else if (p[k] == '\r' && (k + 1 >= n || p[k + 1] != '\n')) line_starts_.push_back(static_cast<SourceOffset>(k + 1));
            }
        }
        for (; i < end; ++i) {
            if ((p[i] & 0xC0) != 0x80) ++code_points;
            if (p[i] == '\n') line_starts_.push_back(static_cast<SourceOffset>(i + 1));
            else if (p[i] == '\r' && (i + 1 >= n || p[i + 1] != '\n')) line_starts_.push_back(static_cast<SourceOffset>(i + 1));
        }
    }
    // So that the end of the text (a valid offset) always has its checkpoint block.
    if (n % kStride == 0) code_points_at_stride_.push_back(code_points);
}

std::uint32_t LineIndex::code_points_before(SourceOffset off) const {
    const std::string& text = *text_;
    const std::size_t block = off / kStride;
    if (block >= code_points_at_stride_.size()) return 0; // not reached: at() clamps off
    std::uint32_t n = code_points_at_stride_[block];
    for (std::size_t i = block * kStride; i < off; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
    return n;
}

SourceOffset LineIndex::line_start(std::uint32_t line) const {
    if (line == 0 || line_starts_.empty()) return 0;
    return line_starts_[std::min<std::size_t>(line - 1, line_starts_.size() - 1)];
}

Position LineIndex::at(SourceOffset off) const {
    if (line_starts_.empty() || !text_) return {1, 1};
    const std::string& text = *text_;
    off = std::min<SourceOffset>(off, static_cast<SourceOffset>(text.size()));
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
    const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
    const SourceOffset start = line_starts_[line - 1];
    return {line, code_points_before(off) - code_points_before(start) + 1};
}

namespace utf8 {

char32_t next_multibyte(std::string_view s, std::size_t& i) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    const std::size_t left = s.size() - i;
    const unsigned b0 = p[0];
    auto cont = [&](std::size_t k) { return k < left && (p[k] & 0xC0) == 0x80; };
    if (b0 >= 0xE0 && b0 < 0xF0) { // first: the CJK range
        if (cont(1) && cont(2)) {
            const auto cp = static_cast<char32_t>(((b0 & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu));
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) { i += 3; return cp; }
        }
    } else if (b0 >= 0xC2 && b0 < 0xE0) {
        if (cont(1)) { i += 2; return static_cast<char32_t>(((b0 & 0x1F) << 6) | (p[1] & 0x3Fu)); }
    } else if (b0 >= 0xF0 && b0 < 0xF5) {
        if (cont(1) && cont(2) && cont(3)) {
            const auto cp = static_cast<char32_t>(((b0 & 0x07) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
                                                  (p[3] & 0x3Fu));
            if (cp >= 0x10000 && cp <= 0x10FFFF) { i += 4; return cp; }
        }
    } else if (b0 < 0x80) { // callers may come here directly
        ++i;
        return b0;
    }
    ++i;
    return 0xFFFD;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool is_valid(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // Runs of ASCII, eight bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        while (i < n && p[i] < 0x80) ++i;
        if (i >= n) break;
        const unsigned b0 = p[i];
        auto cont = [&](std::size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
        if (b0 >= 0xC2 && b0 < 0xE0) {
            if (!cont(1)) return false;
            i += 2;
        } else if (b0 >= 0xE0 && b0 < 0xF0) {
            if (!cont(1) || !cont(2)) return false;
            const unsigned b1 = p[i + 1];
            if (b0 == 0xE0 && b1 < 0xA0) return false; // overlong
            if (b0 == 0xED && b1 >= 0xA0) return false; // surrogate
            i += 3;
        } else if (b0 >= 0xF0 && b0 < 0xF5) {
            if (!cont(1) || !cont(2) || !cont(3)) return false;
            const unsigned b1 = p[i + 1];
            if (b0 == 0xF0 && b1 < 0x90) return false; // overlong
            if (b0 == 0xF4 && b1 >= 0x90) return false; // past U+10FFFF
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

std::string_view truncate(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end);
}

} // namespace utf8

std::string terminal_safe(std::string_view s) {
    auto safe_byte = [](unsigned char c) { return c >= 0x20 && c != 0x7F && c < 0x80; };
    std::size_t k = 0;
    while (k < s.size() && (safe_byte(static_cast<unsigned char>(s[k])) || s[k] == '\t')) ++k;
    if (k == s.size()) return std::string(s); // plain ASCII: the common case
    std::string out(s.substr(0, k));
    out.reserve(s.size() + 16);
    char buf[16];
    for (std::size_t i = k; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if (safe_byte(b) || b == '\t') out.push_back(static_cast<char>(b));
            else { std::snprintf(buf, sizeof buf, "\\x%02X", b); out += buf; }
            ++i;
            continue;
        }
        const std::size_t start = i;
        const char32_t cp = utf8::next(s, i);
        if (cp == 0xFFFD && i - start == 1) { // an invalid byte, not a real U+FFFD
            std::snprintf(buf, sizeof buf, "\\x%02X", b);
            out += buf;
        } else if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                   cp == 0x200E || cp == 0x200F || cp == 0x061C) {
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(s.substr(start, i - start));
        }
    }
    return out;
}

} // namespace gk
