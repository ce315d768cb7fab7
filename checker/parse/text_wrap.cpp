#include "parse/text_wrap.hpp"

#include <map>

#include "core/text.hpp"
#include "grammar/grammar.hpp"

namespace gk::textparse {

namespace {

// At least this many lines must reach the wrap width for a document to count as wrapped.
constexpr std::size_t kMinWrapped = 8;
// The narrowest text box considered (display columns: 20 CJK characters).
constexpr std::size_t kMinWidth = 40;
// A broken line may fall this many columns short of the width: a wide character that did not
// fit, or an ASCII word or number moved whole to the next line.
constexpr std::size_t kWrapSlack = 4;

bool dash(char32_t c) {
    return c == '-' || c == U'—' || c == U'－' || c == U'–' || c == U'―' || c == U'─' || c == U'-';
}

bool digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９'); }

bool wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD) || c == U'—' || c == U'…';
}

bool ends_sentence(std::string_view s) {
    // The last code point that is not a space (grammar::is_space): one forward pass, no copy.
    bool any = false;
    char32_t last = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::next(s, i);
        if (!grammar::is_space(c)) any = true, last = c;
    }
    if (!any) return true;
    return last == U'。' || last == U'！' || last == U'？' || last == U'；' || last == U'：' || last == '.' ||
           last == '!' || last == '?' || last == ';' || last == ':';
}

} // namespace

bool page_footer(std::string_view line) {
    // Its code points but spaces, at most 16 of them (a longer line is no footer): decoding stops
    // at the 17th, and at the first when it cannot open a footer (a dash, 第, 共 or a digit).
    constexpr std::size_t kMax = 16;
    char32_t buf[kMax];
    std::size_t n = 0;
    for (std::size_t k = 0; k < line.size();) {
        const char32_t ch = utf8::next(line, k);
        if (grammar::is_space(ch)) continue;
        if (n == 0 && !dash(ch) && !digit(ch) && ch != U'第' && ch != U'共') return false;
        if (n == kMax) return false;
        buf[n++] = ch;
    }
    if (n == 0) return false;
    const std::basic_string_view<char32_t> c(buf, n);
    std::size_t i = 0;
    auto number = [&]() {
        const std::size_t from = i;
        while (i < c.size() && digit(c[i])) ++i;
        return i > from && i - from <= 4;
    };
    // 「— 3 —」 「-3-」
    if (dash(c[0])) {
        while (i < c.size() && dash(c[i])) ++i;
        if (!number()) return false;
        const std::size_t from = i;
        while (i < c.size() && dash(c[i])) ++i;
        return i > from && i == c.size();
    }
    // 「第3页」 「第3页 共9页」 「第3页/共9页」 「共9页 第3页」
    auto page = [&](char32_t first) {
        if (i >= c.size() || c[i] != first) return false;
        ++i;
        if (!number() || i >= c.size() || c[i] != U'页') return false;
        ++i;
        return true;
    };
    auto separator = [&]() {
        while (i < c.size() && (c[i] == ',' || c[i] == U'，' || c[i] == '/' || c[i] == U'／' || c[i] == U'、')) ++i;
    };
    if (c[0] == U'第') {
        if (!page(U'第')) return false;
        separator();
        if (i == c.size()) return true;
        return page(U'共') && i == c.size();
    }
    if (c[0] == U'共') {
        if (!page(U'共')) return false;
        separator();
        return page(U'第') && i == c.size();
    }
    // 「3/9」 「3 / 9」
    if (!number() || i >= c.size() || (c[i] != '/' && c[i] != U'／')) return false;
    ++i;
    return number() && i == c.size();
}

std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) w += wide(utf8::next(s, i)) ? 2 : 1;
    return w;
}

std::size_t wrap_width(std::string_view src, const std::vector<SourceRange>& lines) {
    std::map<std::size_t, std::size_t> open; // width → lines of that width not ending a sentence
    std::size_t long_lines_at = 0;
    std::vector<std::size_t> widths;
    for (const auto& l : lines) {
        if (l.empty()) continue;
        const std::string_view s = src.substr(l.begin, l.end - l.begin);
        // Table rows (tabs, pipes, columns set apart by runs of spaces) say nothing of the width
        // the prose was wrapped at.
        if (s.find('\t') != std::string_view::npos || s.find('|') != std::string_view::npos ||
            s.find("   ") != std::string_view::npos || page_footer(s))
            continue;
        const std::size_t w = display_width(s);
        widths.push_back(w);
        if (w >= kMinWidth && !ends_sentence(s)) ++open[w];
    }
    // The width W (with W-1) holding the most unfinished lines.
    std::size_t best = 0, best_n = 0;
    for (const auto& [w, n] : open) {
        const std::size_t below = w > 0 && open.count(w - 1) ? open.at(w - 1) : 0;
        if (n + below > best_n) { best = w; best_n = n + below; }
    }
    if (best_n < kMinWrapped) return 0;
    // Those lines are most of the lines at least that long (minus one): a text of long paragraphs
    // has few lines of one width and many longer ones.
    for (std::size_t w : widths)
        if (w + 1 >= best) ++long_lines_at;
    return best_n * 2 > long_lines_at ? best : 0;
}

bool wrapped_line(std::string_view line, std::size_t width) {
    if (width == 0 || line.find('\t') != std::string_view::npos || line.find('|') != std::string_view::npos)
        return false;
    return display_width(line) + kWrapSlack >= width && !ends_sentence(line);
}

} // namespace gk::textparse
