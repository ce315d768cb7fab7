#include "parse/html_text.hpp"

namespace gk::html {
namespace {

bool is_collapsible_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F || c == 0x205F;
}
bool is_invisible(char32_t c) { return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF; }

// Length of a Word downlevel conditional (`<![if ...]>` or `<![endif]>`) at s[i], else 0.
std::size_t word_conditional_at(std::string_view s, std::size_t i) {
    if (s.compare(i, 3, "<![") != 0) return 0;
    const std::string_view rest = s.substr(i + 3);
    if (rest.rfind("if", 0) != 0 && rest.rfind("endif", 0) != 0) return 0;
    const std::size_t close = s.find("]>", i + 3);
    if (close == std::string_view::npos || close - i > 200) return 0;
    return close + 2 - i;
}

} // namespace

bool is_cjk(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

void TextCollector::add(std::string_view s, const SourceOffset* origins) {
    std::size_t start = 0;
    for (std::size_t i = s.find("<!["); i != std::string_view::npos; i = s.find("<![", i + 1)) {
        const std::size_t len = word_conditional_at(s, i);
        if (len == 0) continue;
        add_clean(s.substr(start, i - start), origins + start);
        start = i + len;
        i = start - 1;
    }
    add_clean(s.substr(start), origins + start);
}

void TextCollector::add_clean(std::string_view s, const SourceOffset* origins) {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t at = i;
        const char32_t c = utf8::next(s, i);
        if (is_collapsible_space(c)) {
            if (!pending_) { pending_ = true; pending_at_ = origins[at]; }
            if (c == '\n' || c == '\r') pending_break_ = true;
            continue;
        }
        if (is_invisible(c)) continue;
        if (pending_ && !out_.text.empty() && !(pending_break_ && is_cjk(last_) && is_cjk(c)))
            out_.append_synthetic(" ", pending_at_);
        pending_ = pending_break_ = false;
        if (c == 0xFFFD && i - at != 3) {
            out_.append_synthetic("\xEF\xBF\xBD", origins[at]); // keep the text valid UTF-8
        } else {
            for (std::size_t k = at; k < i; ++k) {
                out_.text.push_back(s[k]);
                out_.origin.push_back(origins[k]);
            }
        }
        last_ = c;
    }
}

void TextCollector::add_break(SourceOffset at) {
    if (!pending_) { pending_ = true; pending_at_ = at; }
    pending_break_ = true;
}

MappedText TextCollector::finish() {
    MappedText out = std::move(out_);
    out_ = MappedText{};
    pending_ = pending_break_ = false;
    last_ = 0;
    // Trim ideographic spaces (indentation) at both ends; ASCII spaces never got in there.
    static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    std::size_t b = 0, e = out.text.size();
    const std::string_view t = out.text;
    for (bool moved = true; moved;) {
        moved = false;
        if (e - b >= 3 && t.substr(b, 3) == kIdeographicSpace) { b += 3; moved = true; }
        if (e - b >= 3 && t.substr(e - 3, 3) == kIdeographicSpace) { e -= 3; moved = true; }
        // Interior spaces next to a trimmed U+3000 run may now sit at an end.
        if (b < e && t[b] == ' ') { ++b; moved = true; }
        if (e > b && t[e - 1] == ' ') { --e; moved = true; }
    }
    if (b != 0 || e != out.text.size()) out = out.substr(b, e - b);
    return out;
}

} // namespace gk::html
