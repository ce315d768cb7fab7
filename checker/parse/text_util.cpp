#include "parse/text_util.hpp"

#include "normalise/numbers.hpp"

namespace gk::textparse {

std::vector<Cp> decode(std::string_view source, std::size_t begin, std::size_t end) {
    std::vector<Cp> out;
    out.reserve(end - begin + 1);
    std::size_t i = begin;
    const std::string_view s = source.substr(0, end);
    while (i < end) {
        const std::size_t at = i;
        out.push_back({utf8::next(s, i), at});
    }
    out.push_back({0, end});
    return out;
}

bool is_blank(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == 0x00A0 || c == 0x3000 || c == 0xFEFF || c == 0x200B || c == 0x202F ||
           (c >= 0x2000 && c <= 0x200A);
}

bool is_chinese_digit(char32_t c) {
    switch (c) {
    case U'〇': case U'零': case U'一': case U'二': case U'两': case U'三': case U'四':
    case U'五': case U'六': case U'七': case U'八': case U'九': case U'十':
        return true;
    default:
        return false;
    }
}

bool is_sentence_end(char32_t c) {
    return c == U'。' || c == U'；' || c == U'：' || c == U'！' || c == U'？' || c == ';' ||
           c == ':' || c == '!' || c == '?';
}

void trim(std::string_view source, std::size_t& begin, std::size_t& end) {
    while (begin < end) {
        std::size_t i = begin;
        const char32_t c = utf8::next(source.substr(0, end), i);
        if (!is_blank(c)) break;
        begin = i;
    }
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(source[start]) & 0xC0) == 0x80) --start;
        std::size_t i = start;
        const char32_t c = utf8::next(source.substr(0, end), i);
        if (!is_blank(c) || i != end) break;
        end = start;
    }
}

MappedText mapped(std::string_view source, std::size_t begin, std::size_t end) {
    MappedText m;
    if (end > begin) m.append_run(source.substr(begin, end - begin), static_cast<SourceOffset>(begin));
    return m;
}

int small_chinese_value(std::string_view s) {
    if (s.empty() || s.size() > 12) return 0;
    const auto v = parse_chinese_numeral(s);
    return v && *v > 0 && *v < 1000 ? static_cast<int>(*v) : 0;
}

namespace {
bool is_ascii_digit_cp(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
int ascii_digit_value(char32_t c) { return c <= '9' ? static_cast<int>(c - '0') : static_cast<int>(c - 0xFF10); }
bool is_open_paren(char32_t c) { return c == '(' || c == U'（'; }
bool is_close_paren(char32_t c) { return c == ')' || c == U'）'; }
} // namespace

std::optional<HeadingNumber> match_heading_number(std::string_view s) {
    if (s.empty()) return std::nullopt;
    // Markdown heading.
    if (s[0] == '#') {
        std::size_t n = 0;
        while (n < s.size() && s[n] == '#') ++n;
        if (n <= 6 && n < s.size() && (s[n] == ' ' || s[n] == '\t'))
            return HeadingNumber{static_cast<int>(n), 0, n + 1};
        return std::nullopt;
    }
    std::size_t i = 0;
    const char32_t first = utf8::next(s, i);

    // 第X章 / 第X节 / 第X部分 / 第X篇
    if (first == U'第') {
        const std::size_t num_from = i;
        std::size_t j = i;
        while (j < s.size()) {
            std::size_t k = j;
            if (!is_chinese_digit(utf8::next(s, k))) break;
            j = k;
        }
        if (j == num_from) return std::nullopt;
        const int value = small_chinese_value(s.substr(num_from, j - num_from));
        if (value == 0) return std::nullopt;
        for (auto [word, level] : {std::pair<std::string_view, int>{"章", 1}, {"部分", 1}, {"篇", 1}, {"节", 2}})
            if (s.substr(j, word.size()) == word) return HeadingNumber{level, value, j + word.size()};
        return std::nullopt;
    }

    // 一、 / 一. / 一．
    if (is_chinese_digit(first)) {
        std::size_t j = 0;
        while (j < s.size()) {
            std::size_t k = j;
            if (!is_chinese_digit(utf8::next(s, k))) break;
            j = k;
        }
        const int value = small_chinese_value(s.substr(0, j));
        if (value == 0) return std::nullopt;
        std::size_t k = j;
        if (k >= s.size()) return std::nullopt;
        const char32_t punct = utf8::next(s, k);
        if (punct == U'、' || punct == U'．') return HeadingNumber{1, value, k};
        if (punct == '.') {
            std::size_t m = k;
            if (m < s.size() && is_ascii_digit_cp(utf8::next(s, m))) return std::nullopt;
            return HeadingNumber{1, value, k};
        }
        return std::nullopt;
    }

    // (一) （一） (1) （1）
    if (is_open_paren(first)) {
        const std::size_t num_from = i;
        std::size_t j = i;
        bool chinese = false, ascii = false;
        int ascii_value = 0;
        while (j < s.size()) {
            std::size_t k = j;
            const char32_t c = utf8::next(s, k);
            if (is_chinese_digit(c)) chinese = true;
            else if (is_ascii_digit_cp(c)) {
                ascii = true;
                ascii_value = ascii_value * 10 + ascii_digit_value(c);
                if (ascii_value > 99) return std::nullopt;
            }
            else break;
            j = k;
            if (j - num_from > 12) return std::nullopt;
        }
        if (j == num_from || chinese == ascii || j >= s.size()) return std::nullopt;
        std::size_t k = j;
        if (!is_close_paren(utf8::next(s, k))) return std::nullopt;
        // An optional 、 or . after the parenthesis belongs to the number.
        std::size_t m = k;
        if (m < s.size()) {
            const char32_t after = utf8::next(s, m);
            if (after == U'、' || after == '.' || after == U'．') k = m;
        }
        if (chinese) {
            const int value = small_chinese_value(s.substr(num_from, j - num_from));
            if (value == 0) return std::nullopt;
            return HeadingNumber{2, value, k};
        }
        if (ascii_value == 0 || ascii_value > 99) return std::nullopt;
        return HeadingNumber{4, ascii_value, k};
    }

    // 1. 1、 1．
    if (is_ascii_digit_cp(first)) {
        int value = ascii_digit_value(first);
        std::size_t j = i;
        while (j < s.size()) {
            std::size_t k = j;
            const char32_t c = utf8::next(s, k);
            if (!is_ascii_digit_cp(c)) break;
            value = value * 10 + ascii_digit_value(c);
            if (value > 99) return std::nullopt;
            j = k;
        }
        if (value == 0 || value > 99 || j >= s.size()) return std::nullopt;
        std::size_t k = j;
        const char32_t punct = utf8::next(s, k);
        if (punct == U'、' || punct == U'．') return HeadingNumber{3, value, k};
        if (punct == '.') {
            std::size_t m = k;
            if (m < s.size()) {
                const char32_t next = utf8::next(s, m);
                if (is_ascii_digit_cp(next)) return std::nullopt; // a decimal number, not "1."
            }
            return HeadingNumber{3, value, k};
        }
    }
    return std::nullopt;
}

} // namespace gk::textparse
