#include "parse/html_source_map.hpp"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <string>

namespace gk::html {
namespace {

bool is_ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_ascii_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_hex(unsigned char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c; }

// libxml2's IS_CHAR: code points its parser keeps.
bool is_xml_char(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

// Case-insensitive "does s[q..] start with `word`" (word lower-case ASCII).
bool starts_with_ci(std::string_view s, std::size_t q, std::string_view word) {
    if (q + word.size() > s.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (lower(static_cast<unsigned char>(s[q + k])) != static_cast<unsigned char>(word[k])) return false;
    return true;
}

// Past the end of the tag whose '<' is at q: the first '>' outside quoted attribute values.
std::size_t tag_end(std::string_view s, std::size_t q) {
    char quote = 0;
    for (std::size_t i = q + 1; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            // Only a quote right after '=' (allowing spaces) opens a value; a stray quote elsewhere
            // (common in broken markup) must not swallow the rest of the page.
            std::size_t j = i;
            while (j > q && is_ascii_space(static_cast<unsigned char>(s[j - 1]))) --j;
            if (j > q && s[j - 1] == '=') quote = c;
        } else if (c == '>') {
            return i + 1;
        } else if (c == '<' && i + 1 < s.size() && (s[i + 1] == '/' || is_ascii_alpha(static_cast<unsigned char>(s[i + 1])))) {
            return i; // unterminated tag: libxml2 also stops at the next tag
        }
    }
    return s.size();
}

} // namespace

bool decode_reference(std::string_view s, std::size_t q, char32_t& cp, std::size_t& len) {
    if (q >= s.size() || s[q] != '&' || q + 1 >= s.size()) return false;
    std::size_t i = q + 1;
    if (s[i] == '#') {
        ++i;
        std::uint64_t value = 0;
        bool hex = false;
        if (i < s.size() && (s[i] == 'x' || s[i] == 'X')) { hex = true; ++i; }
        while (i < s.size() && (hex ? is_hex(static_cast<unsigned char>(s[i])) : is_digit(static_cast<unsigned char>(s[i])))) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            const unsigned d = is_digit(c) ? c - '0' : (lower(c) - 'a' + 10);
            if (value < 0x110000) value = value * (hex ? 16 : 10) + d;
            ++i;
        }
        if (i < s.size() && s[i] == ';') ++i;
        len = i - q;
        cp = (value < 0x110000 && is_xml_char(static_cast<char32_t>(value))) ? static_cast<char32_t>(value) : 0;
        return true;
    }
    // Named reference: libxml2 decodes only known HTML 4 names followed by ';'.
    std::size_t j = i;
    while (j < s.size() && j - i < 32) {
        const unsigned char c = static_cast<unsigned char>(s[j]);
        if (is_ascii_alpha(c) || is_digit(c) || c == '_' || c == ':' || c == '.' || c == '-') ++j;
        else break;
    }
    if (j == i || j >= s.size() || s[j] != ';' || !is_ascii_alpha(static_cast<unsigned char>(s[i]))) return false;
    const std::string name(s.substr(i, j - i));
    const htmlEntityDesc* desc = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
    if (!desc) return false;
    cp = static_cast<char32_t>(desc->value);
    len = j + 1 - q;
    return true;
}

SourceMatcher::SourceMatcher(std::string_view source)
    : src_(source), budget_(source.size() * 8 + (4u << 20)) {}

bool SourceMatcher::spend(std::size_t steps) {
    if (budget_ < steps) { budget_ = 0; return false; }
    budget_ -= steps;
    return true;
}

std::size_t SourceMatcher::skip_markup(std::size_t q) const {
    const std::string_view s = src_;
    if (q + 1 >= s.size()) return q;
    const char c1 = s[q + 1];
    if (c1 == '!') {
        if (starts_with_ci(s, q, "<!--")) {
            const std::size_t e = s.find("-->", q + 4);
            return e == std::string_view::npos ? s.size() : e + 3;
        }
        return tag_end(s, q); // <!DOCTYPE ...>, <![if ...]> is text to libxml2 but handled by caller
    }
    if (c1 == '?') return tag_end(s, q);
    if (c1 == '/') {
        if (q + 2 < s.size() && is_ascii_alpha(static_cast<unsigned char>(s[q + 2]))) return tag_end(s, q);
        return q;
    }
    if (!is_ascii_alpha(static_cast<unsigned char>(c1))) return q;
    std::size_t end = tag_end(s, q);
    // Raw-text elements: their bodies are never text nodes we map.
    for (std::string_view raw : {std::string_view("script"), std::string_view("style")}) {
        if (starts_with_ci(s, q + 1, raw)) {
            const std::size_t after = q + 1 + raw.size();
            if (after < s.size() && !is_ascii_space(static_cast<unsigned char>(s[after])) && s[after] != '>' &&
                s[after] != '/')
                continue;
            if (end > q && s[end - 1] == '>' && end >= 2 && s[end - 2] == '/') return end; // <script/>
            std::size_t i = end;
            while (i < s.size()) {
                const std::size_t lt = s.find("</", i);
                if (lt == std::string_view::npos) return s.size();
                if (starts_with_ci(s, lt + 2, raw)) return tag_end(s, lt);
                i = lt + 2;
            }
            return s.size();
        }
    }
    return end;
}

bool SourceMatcher::match_at(std::size_t q, std::string_view t, std::vector<SourceOffset>& origins,
                             std::size_t& end) {
    const std::string_view s = src_;
    std::size_t i = 0;
    while (i < t.size()) {
        if (!spend(1)) return false;
        if (q >= s.size()) return false;
        std::size_t ti = i;
        const char32_t want = utf8::next(t, ti);
        const unsigned char sc = static_cast<unsigned char>(s[q]);
        if (sc == '&') {
            char32_t cp = 0;
            std::size_t len = 0;
            if (decode_reference(s, q, cp, len)) {
                if (cp == want) {
                    for (std::size_t k = i; k < ti; ++k) origins[k] = static_cast<SourceOffset>(q);
                    q += len;
                    i = ti;
                    continue;
                }
                if (cp == 0) { q += len; continue; } // dropped by libxml2
            }
            if (want == '&') { origins[i] = static_cast<SourceOffset>(q); ++q; ++i; continue; }
            return false;
        }
        if (sc == '<' && want != '<') {
            // Markup libxml2 dropped inside one text node (stray end tags, unknown elements).
            const std::size_t after = skip_markup(q);
            if (after == q) return false;
            if (!spend((after - q) / 16)) return false;
            q = after;
            continue;
        }
        std::size_t sq = q;
        const char32_t got = utf8::next(s, sq);
        if (got == want || (is_ascii_space(static_cast<unsigned char>(want)) && want < 0x80 && got < 0x80 &&
                            is_ascii_space(static_cast<unsigned char>(got)))) {
            const std::size_t n = ti - i;
            for (std::size_t k = 0; k < n; ++k)
                origins[i + k] = static_cast<SourceOffset>(std::min(q + k, sq - 1));
            q = sq;
            i = ti;
            continue;
        }
        if (!is_xml_char(got)) { q = sq; continue; } // a control character libxml2 dropped
        return false;
    }
    end = q;
    return true;
}

bool SourceMatcher::map(std::string_view decoded, std::vector<SourceOffset>& origins) {
    origins.assign(decoded.size(), static_cast<SourceOffset>(std::min(cursor_, src_.size())));
    if (decoded.empty()) return true;
    // Leading/trailing whitespace is collapsed later anyway; match from the first visible char
    // so whitespace libxml2 trimmed or merged does not matter.
    std::size_t b = 0, e = decoded.size();
    while (b < e && is_ascii_space(static_cast<unsigned char>(decoded[b]))) ++b;
    while (e > b && is_ascii_space(static_cast<unsigned char>(decoded[e - 1]))) --e;
    if (b == e) return true;
    const std::string_view core = decoded.substr(b, e - b);
    std::size_t fi = 0;
    const char32_t first = utf8::next(core, fi);

    const std::string_view s = src_;
    constexpr std::size_t kMaxDistance = 4u << 20; // a text node is never this far from the last one
    std::vector<SourceOffset> tmp(core.size());
    std::size_t q = cursor_;
    const std::size_t limit = std::min(s.size(), cursor_ + kMaxDistance);
    while (q < limit && budget_ > 0) {
        const unsigned char c = static_cast<unsigned char>(s[q]);
        if (c == '<' && first != '<') {
            const std::size_t after = skip_markup(q);
            if (after != q) {
                spend((after - q) / 16 + 1);
                q = after;
                continue;
            }
        }
        bool candidate = false;
        std::size_t step = 1;
        if (c == '&') {
            char32_t cp = 0;
            std::size_t len = 0;
            if (decode_reference(s, q, cp, len)) {
                candidate = cp == first;
                step = len;
            } else {
                candidate = first == '&';
            }
        } else {
            std::size_t sq = q;
            candidate = utf8::next(s, sq) == first;
            step = sq - q;
        }
        if (candidate) {
            std::size_t end = 0;
            if (match_at(q, core, tmp, end)) {
                std::copy(tmp.begin(), tmp.end(), origins.begin() + static_cast<std::ptrdiff_t>(b));
                for (std::size_t k = 0; k < b; ++k) origins[k] = tmp.front();
                for (std::size_t k = e; k < decoded.size(); ++k)
                    origins[k] = static_cast<SourceOffset>(std::min(end, s.size() - 1));
                cursor_ = end;
                return true;
            }
        }
        if (!spend(1)) break;
        q += step;
    }
    return false;
}

std::optional<SourceOffset> SourceMatcher::find_start_tag(std::string_view name) {
    const std::string_view s = src_;
    constexpr std::size_t kMaxDistance = 1u << 20;
    const std::size_t limit = std::min(s.size(), cursor_ + kMaxDistance);
    std::size_t q = cursor_;
    while (q < limit && budget_ > 0) {
        const std::size_t lt = s.find('<', q);
        if (lt == std::string_view::npos || lt >= limit) break;
        spend((lt - q) / 16 + 1);
        if (starts_with_ci(s, lt + 1, name)) {
            const std::size_t after = lt + 1 + name.size();
            if (after >= s.size() || is_ascii_space(static_cast<unsigned char>(s[after])) || s[after] == '>' ||
                s[after] == '/') {
                cursor_ = tag_end(s, lt);
                return static_cast<SourceOffset>(lt);
            }
        }
        const std::size_t after = skip_markup(lt);
        q = after == lt ? lt + 1 : after;
    }
    return std::nullopt;
}

} // namespace gk::html
