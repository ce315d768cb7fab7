// The grammar of Chinese official text (see grammar.hpp).
#include "grammar/grammar.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "core/text.hpp"

namespace gk::grammar {

namespace {

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The code point at byte i (0 past the end); `len` receives its byte length.
char32_t cp_at(std::string_view s, std::size_t i, std::size_t& len) {
    if (i >= s.size()) { len = 0; return 0; }
    std::size_t j = i;
    const char32_t c = utf8::next(s, j);
    len = j - i;
    return c;
}

bool starts_with_at(std::string_view s, std::size_t i, std::string_view w) {
    return i <= s.size() && s.size() - i >= w.size() && s.compare(i, w.size(), w) == 0;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Spaces

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x00A0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000 || c == 0xFEFF;
}

std::size_t space_len(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return is_space(b) ? 1 : 0;
    if (b != 0xC2 && b != 0xE2 && b != 0xE3 && b != 0xEF) return 0; // fast path: CJK text
    std::size_t len = 0;
    const char32_t c = cp_at(s, i, len);
    return c != 0xFFFD && is_space(c) ? len : 0;
}

std::size_t skip_spaces(std::string_view s, std::size_t i, std::size_t end) {
    if (end > s.size()) end = s.size();
    while (i < end) {
        const std::size_t n = space_len(s, i);
        if (n == 0 || i + n > end) break;
        i += n;
    }
    return i;
}

namespace {
// Length of a space code point that ends exactly at byte e (and starts at or after b), 0 if none.
std::size_t space_len_before(std::string_view s, std::size_t b, std::size_t e) {
    if (e <= b) return 0;
    std::size_t start = e - 1;
    while (start > b && e - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    const std::size_t n = space_len(s, start);
    return n != 0 && start + n == e ? n : 0;
}
} // namespace

void trim_range(std::string_view s, std::size_t& b, std::size_t& e, const std::vector<std::string_view>& extra) {
    if (e > s.size()) e = s.size();
    bool changed = true;
    while (changed && b < e) {
        changed = false;
        if (const std::size_t n = space_len(s, b); n != 0 && b + n <= e) { b += n; changed = true; }
        if (const std::size_t n = space_len_before(s, b, e); n != 0) { e -= n; changed = true; }
        for (auto t : extra) {
            if (t.empty()) continue;
            if (e - b >= t.size() && s.compare(b, t.size(), t) == 0) { b += t.size(); changed = true; }
            if (e - b >= t.size() && s.compare(e - t.size(), t.size(), t) == 0) { e -= t.size(); changed = true; }
        }
    }
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    trim_range(s, b, e);
    return s.substr(b, e - b);
}

std::string remove_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t n = space_len(s, i)) { i += n; continue; }
        out.push_back(s[i++]);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Numerals

int chinese_digit(char32_t c) {
    switch (c) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
    }
}

bool is_numeral_char(char32_t c) { return c == U'十' || chinese_digit(c) >= 0; }

namespace {
long long unit_value(char32_t c) {
    switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    case U'万': return 10000;
    case U'亿': return 100000000;
    default: return 0;
    }
}
} // namespace

std::optional<long long> parse_chinese_numeral(std::string_view s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    std::vector<char32_t> cps;
    bool any_unit = false;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::next(s, i);
        if (chinese_digit(c) < 0 && unit_value(c) == 0) return std::nullopt;
        any_unit = any_unit || unit_value(c) != 0;
        cps.push_back(c);
        if (cps.size() > 24) return std::nullopt;
    }
    // Digit-by-digit forms ("二〇二〇" in dates) have no unit characters at all.
    if (!any_unit) {
        long long v = 0;
        for (char32_t c : cps) {
            if (c == U'两' && cps.size() > 1) return std::nullopt;
            v = v * 10 + chinese_digit(c);
        }
        return v;
    }
    long long total = 0;   // completed 亿/万 sections
    long long section = 0; // below 万
    long long digit = -1;  // pending digit, -1 = none
    long long last_small_unit = 100000; // units inside a section must decrease (千 > 百 > 十)
    for (char32_t c : cps) {
        const int d = chinese_digit(c);
        if (d >= 0) {
            if (digit >= 0 && d != 0 && digit != 0) return std::nullopt; // "三四" is not a numeral
            digit = d;
            continue;
        }
        const long long u = unit_value(c);
        if (u >= 10000) {
            if (digit > 0) section += digit;
            if (section == 0 && total == 0) return std::nullopt; // "万" alone
            // 万 multiplies only its own section ("一亿二千万"); 亿 multiplies everything before it.
            if (u == 10000) total += section * u;
            else total = (total + section) * u;
            section = 0;
            digit = -1;
            last_small_unit = 100000;
        } else {
            if (u >= last_small_unit) return std::nullopt;
            last_small_unit = u;
            if (digit == 0) return std::nullopt; // "零十"
            section += (digit < 0 ? 1 : digit) * u; // "十二": a bare 十 means 一十
            digit = -1;
        }
    }
    if (digit > 0) section += digit;
    return total + section;
}

namespace {
// 一 … 九 and 十: the characters of parse_chinese_small.
bool is_small_char(char32_t c) { return c == U'十' || (chinese_digit(c) > 0 && c != U'两'); }
} // namespace

std::optional<int> parse_chinese_small(std::string_view s) {
    s = trim(s);
    std::size_t n = 0;
    bool ten = false;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::next(s, i);
        if (!is_small_char(c) || ++n > 3) return std::nullopt;
        ten = ten || c == U'十';
    }
    if (n == 0 || (n > 1 && !ten)) return std::nullopt;
    const auto v = parse_chinese_numeral(s);
    if (!v || *v < 1 || *v > 99) return std::nullopt;
    return static_cast<int>(*v);
}

std::optional<long long> parse_arabic(std::string_view s) {
    s = trim(s);
    if (s.empty() || s.size() > 18) return std::nullopt;
    long long v = 0;
    for (char c : s) {
        if (!is_ascii_digit(c)) return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

// ---------------------------------------------------------------------------------------------
// Amounts

namespace {

struct MoneyUnit {
    std::string_view name;
    std::int64_t factor;
};
constexpr std::array<MoneyUnit, 5> kMoneyUnits{{
    {"元", 1}, {"千元", 1000}, {"万元", 10000}, {"百万元", 1000000}, {"亿元", 100000000},
}};

// Units printed after a number in these reports. Anything else after the digits is not a number.
constexpr std::array<std::string_view, 36> kUnits{{
    "元", "千元", "万元", "百万元", "亿元", "万", "亿", "%", "‰",
    "件", "条", "个", "项", "次", "人", "人次", "份", "期", "家", "场", "篇", "部", "批",
    "天", "日", "小时", "万条", "万件", "万人次", "余条", "余件", "余次", "户", "处", "起", "名",
}};

} // namespace

std::optional<Decimal> Number::yuan() const {
    for (const auto& u : kMoneyUnits)
        if (unit == u.name) return value.scaled(u.factor);
    return std::nullopt;
}

std::optional<Number> parse_number(std::string_view normalised) {
    std::string_view s = trim(normalised);
    if (s.empty()) return std::nullopt;
    // The numeric part: optional sign, digits with thousands commas, one decimal point.
    std::size_t end = 0;
    if (s[0] == '+' || s[0] == '-') ++end;
    else if (s.substr(0, 3) == "\xE2\x88\x92") end = 3; // U+2212 MINUS SIGN
    const std::size_t digits_from = end;
    while (end < s.size() && (is_ascii_digit(s[end]) || s[end] == ',' || s[end] == '.')) ++end;
    if (end == digits_from) return std::nullopt;
    // (Built by concatenation: GCC 12 warns falsely (-Wrestrict) on string::replace here.)
    const std::string numeric = digits_from == 3 ? "-" + std::string(s.substr(3, end - 3)) : std::string(s.substr(0, end));
    if (numeric.back() == ',' || numeric.back() == '.') return std::nullopt;
    auto value = Decimal::parse(numeric);
    if (!value) return std::nullopt;

    Number n;
    n.value = *value;
    n.explicit_sign = numeric[0] == '+' || numeric[0] == '-';
    const std::string_view rest = trim(s.substr(end));
    if (!rest.empty()) {
        bool known = false;
        for (auto u : kUnits) known = known || rest == u;
        if (!known) return std::nullopt;
        n.unit = std::string(rest);
    }
    return n;
}

// ---------------------------------------------------------------------------------------------
// Dates

std::string Date::iso() const {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

bool Date::valid() const {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= (month == 2 && leap ? 29 : dm[month - 1]);
}

namespace {

// A year digit of a Chinese-numeral date: 〇 零 ○ O 一 … 九 (not 两).
int year_digit(char32_t c) {
    if (c == U'○' || c == U'O') return 0;
    if (c == U'两') return -1;
    return chinese_digit(c);
}

// One or two ASCII digits at i (greedy); advances i.
std::optional<int> arabic_field(std::string_view s, std::size_t& i) {
    if (i >= s.size() || !is_ascii_digit(s[i])) return std::nullopt;
    int v = s[i++] - '0';
    if (i < s.size() && is_ascii_digit(s[i])) v = v * 10 + (s[i++] - '0');
    return v;
}

// One to three of 一 … 九 十 at i forming parse_chinese_small; advances i.
std::optional<int> chinese_field(std::string_view s, std::size_t& i) {
    std::size_t j = i, n = 0, len = 0;
    while (j < s.size() && is_small_char(cp_at(s, j, len))) {
        j += len;
        if (++n > 3) return std::nullopt;
    }
    if (n == 0) return std::nullopt;
    const auto v = parse_chinese_small(s.substr(i, j - i));
    if (v) i = j;
    return v;
}

// The separator at i: one of `ascii` (any of "-/.") or the word `han`; 0 when none. Advances i.
char32_t separator(std::string_view s, std::size_t& i, bool arabic, std::string_view han, char32_t han_cp) {
    if (i >= s.size()) return 0;
    if (arabic && (s[i] == '-' || s[i] == '/' || s[i] == '.')) return static_cast<char32_t>(s[i++]);
    if (starts_with_at(s, i, han)) { i += han.size(); return han_cp; }
    return 0;
}

bool dashed_sep(char32_t c) { return c == '-' || c == '/' || c == '.'; }

} // namespace

std::optional<DateMatch> date_at(std::string_view s, std::size_t at) {
    if (at >= s.size()) return std::nullopt;
    DateMatch m;
    m.begin = at;
    std::size_t i = at;
    bool arabic = false;
    const char c0 = s[at];
    if (c0 == '1' || c0 == '2') {
        if (s.size() - at < 4 || !(s.compare(at, 2, "19") == 0 || s.compare(at, 2, "20") == 0) ||
            !is_ascii_digit(s[at + 2]) || !is_ascii_digit(s[at + 3]))
            return std::nullopt;
        m.year = (c0 - '0') * 1000 + (s[at + 1] - '0') * 100 + (s[at + 2] - '0') * 10 + (s[at + 3] - '0');
        i = at + 4;
        arabic = true;
    } else if (c0 == 'O' || static_cast<unsigned char>(c0) >= 0xE0) {
        int year = 0;
        for (int k = 0; k < 4; ++k) {
            std::size_t len = 0;
            const int d = year_digit(cp_at(s, i, len));
            if (len == 0 || d < 0) return std::nullopt;
            year = year * 10 + d;
            i += len;
        }
        m.year = year;
    } else {
        return std::nullopt;
    }
    i = skip_spaces(s, i);
    const char32_t sep1 = separator(s, i, arabic, "年", U'年');
    if (!sep1) return std::nullopt;
    i = skip_spaces(s, i);
    const auto month = arabic ? arabic_field(s, i) : chinese_field(s, i);
    if (!month) return std::nullopt;
    i = skip_spaces(s, i);
    const char32_t sep2 = separator(s, i, arabic, "月", U'月');
    if (!sep2) return std::nullopt;
    i = skip_spaces(s, i);
    const auto day = arabic ? arabic_field(s, i) : chinese_field(s, i);
    if (!day) return std::nullopt;
    m.month = *month;
    m.day = *day;
    m.end = i;
    const std::size_t after = skip_spaces(s, i);
    if (starts_with_at(s, after, "日")) {
        m.day_mark = true;
        m.end = after + std::string_view("日").size();
    }
    if (!arabic) {
        if (!m.day_mark) return std::nullopt;
        m.form = DateForm::chinese;
    } else {
        m.dashed = dashed_sep(sep1) && dashed_sep(sep2);
        m.form = sep1 == U'年' && sep2 == U'月' && m.day_mark ? DateForm::ymd : DateForm::numeric;
    }
    return m;
}

namespace {
// Cheap test of the first byte of a date: an ASCII 1/2, 'O', or the lead byte of a CJK / ○ year digit.
bool may_start_date(char c) {
    const unsigned char b = static_cast<unsigned char>(c);
    return c == '1' || c == '2' || c == 'O' || b == 0xE2 || b == 0xE3 || b == 0xE4 || b == 0xE5 ||
           b == 0xE9;
}
} // namespace

std::optional<DateMatch> find_date(std::string_view s, std::size_t from, bool anchored) {
    if (from > s.size()) return std::nullopt;
    // Arabic digits, month 1–12, day 1–31, and a year glued to a digit before it or a day glued
    // to a digit after it is not a date.
    auto accepted = [&](std::size_t pos) -> std::optional<DateMatch> {
        if (s[pos] != '1' && s[pos] != '2') return std::nullopt;
        auto m = date_at(s, pos);
        if (!m || m->form == DateForm::chinese) return std::nullopt;
        const bool glued = (pos > 0 && is_ascii_digit(s[pos - 1])) || (m->end < s.size() && is_ascii_digit(s[m->end]));
        if (glued || m->month < 1 || m->month > 12 || m->day < 1 || m->day > 31) return std::nullopt;
        return m;
    };
    if (anchored) {
        const std::size_t pos = skip_spaces(s, from);
        return pos < s.size() ? accepted(pos) : std::nullopt;
    }
    for (std::size_t pos = from; pos < s.size(); ++pos)
        if (auto m = accepted(pos)) return m;
    return std::nullopt;
}

std::optional<DateMatch> first_date(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size(); ++pos) {
        if (!may_start_date(s[pos])) continue;
        const auto m = date_at(s, pos);
        if (m && (m->form != DateForm::numeric || m->dashed)) return m;
    }
    return std::nullopt;
}

std::optional<int> find_year(std::string_view s) {
    for (std::size_t pos = 0; pos + 4 <= s.size(); ++pos) {
        if (!(s.compare(pos, 2, "19") == 0 || s.compare(pos, 2, "20") == 0) || !is_ascii_digit(s[pos + 2]) ||
            !is_ascii_digit(s[pos + 3]))
            continue;
        if (!starts_with_at(s, skip_spaces(s, pos + 4), "年")) continue;
        if (pos > 0 && is_ascii_digit(s[pos - 1])) continue;
        return (s[pos] - '0') * 1000 + (s[pos + 1] - '0') * 100 + (s[pos + 2] - '0') * 10 + (s[pos + 3] - '0');
    }
    return std::nullopt;
}

std::optional<DateMatch> whole_date(std::string_view s) {
    std::size_t b = 0, e = s.size();
    trim_range(s, b, e);
    if (b >= e) return std::nullopt;
    auto m = date_at(s, b);
    if (!m || m->end != e) return std::nullopt;
    return m;
}

// ---------------------------------------------------------------------------------------------
// Heading numbers

namespace {

bool is_open_paren(char32_t c) { return c == '(' || c == U'（'; }
bool is_close_paren(char32_t c) { return c == ')' || c == U'）'; }
bool is_heading_sep(char32_t c) { return c == U'、' || c == '.' || c == U'．'; }
// Source dialect digits: ASCII or full-width.
bool is_wide_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
int wide_digit_value(char32_t c) { return c <= '9' ? static_cast<int>(c - '0') : static_cast<int>(c - 0xFF10); }

// Normalised dialect: the spaces allowed inside a number.
std::size_t skip_inner(std::string_view s, std::size_t i) { return skip_spaces(s, i); }

// The end of a run of numeral characters at i, and how many there are.
std::size_t numeral_run(std::string_view s, std::size_t i, std::size_t& count) {
    count = 0;
    std::size_t len = 0;
    while (i < s.size() && is_numeral_char(cp_at(s, i, len))) {
        i += len;
        ++count;
    }
    return i;
}

std::optional<HeadingNumber> read_normalised(std::string_view s, std::size_t at) {
    std::size_t len = 0;
    const char32_t first = cp_at(s, at, len);
    HeadingNumber h;
    h.begin = at;
    if (is_open_paren(first)) {
        std::size_t i = skip_inner(s, at + len);
        h.numeral_begin = i;
        std::size_t count = 0;
        bool chinese = false;
        if (std::size_t n = 0; is_numeral_char(cp_at(s, i, n))) {
            i = numeral_run(s, i, count);
            if (count > 3) return std::nullopt;
            chinese = true;
        } else {
            while (i < s.size() && is_ascii_digit(s[i])) { ++i; ++count; }
            if (count == 0 || count > 2) return std::nullopt;
        }
        h.numeral_end = i;
        i = skip_inner(s, i);
        if (!is_close_paren(cp_at(s, i, len))) return std::nullopt;
        i = skip_inner(s, i + len);
        if (is_heading_sep(cp_at(s, i, len))) i += len;
        h.end = i;
        const std::string_view num = s.substr(h.numeral_begin, h.numeral_end - h.numeral_begin);
        const auto v = chinese ? parse_chinese_numeral(num) : parse_arabic(num);
        if (!v || *v <= 0 || *v > 99) return std::nullopt;
        h.value = static_cast<int>(*v);
        h.level = chinese ? 2 : 4;
        h.form = chinese ? HeadingForm::paren_chinese : HeadingForm::paren_arabic;
        return h;
    }
    if (is_numeral_char(first)) {
        std::size_t count = 0;
        h.numeral_begin = at;
        h.numeral_end = numeral_run(s, at, count);
        if (count > 3) return std::nullopt;
        std::size_t i = skip_inner(s, h.numeral_end);
        if (!is_heading_sep(cp_at(s, i, len))) return std::nullopt;
        h.end = i + len;
        const auto v = parse_chinese_numeral(s.substr(at, h.numeral_end - at));
        if (!v || *v <= 0 || *v > 99) return std::nullopt;
        h.value = static_cast<int>(*v);
        h.level = 1;
        h.form = HeadingForm::chinese;
        return h;
    }
    if (first >= '0' && first <= '9') {
        if (at > 0 && is_ascii_digit(s[at - 1])) return std::nullopt; // 「2020.1」
        std::size_t i = at;
        while (i < s.size() && is_ascii_digit(s[i]) && i - at < 3) ++i;
        if (i - at > 2) return std::nullopt;
        h.numeral_begin = at;
        h.numeral_end = i;
        i = skip_inner(s, i);
        const char32_t sep = cp_at(s, i, len);
        if (sep != '.' && sep != U'．' && sep != U'、') return std::nullopt;
        i = skip_inner(s, i + len);
        if (i < s.size() && is_ascii_digit(s[i])) return std::nullopt; // 「1.5万」「1、2月」「1. 2020年」
        h.end = i;
        const auto v = parse_arabic(s.substr(at, h.numeral_end - at));
        if (!v || *v <= 0 || *v > 99) return std::nullopt;
        h.value = static_cast<int>(*v);
        h.level = 3;
        h.form = HeadingForm::arabic;
        return h;
    }
    return std::nullopt;
}

// Value of a Chinese numeral of a source heading: at most four characters, 1–999; 0 otherwise.
int source_chinese_value(std::string_view s) {
    if (s.empty() || s.size() > 12) return 0;
    const auto v = parse_chinese_numeral(s);
    return v && *v > 0 && *v < 1000 ? static_cast<int>(*v) : 0;
}

std::optional<HeadingNumber> read_source(std::string_view s, std::size_t at) {
    if (at >= s.size()) return std::nullopt;
    const std::string_view t = s.substr(at); // offsets below are relative to `at`
    auto make = [&](int level, int value, HeadingForm form, std::size_t nb, std::size_t ne, std::size_t end) {
        HeadingNumber h;
        h.level = level;
        h.value = value;
        h.form = form;
        h.begin = at;
        h.numeral_begin = at + nb;
        h.numeral_end = at + ne;
        h.end = at + end;
        return h;
    };
    // Markdown heading.
    if (t[0] == '#') {
        if (at != 0) return std::nullopt;
        std::size_t n = 0;
        while (n < t.size() && t[n] == '#') ++n;
        if (n <= 6 && n < t.size() && (t[n] == ' ' || t[n] == '\t'))
            return make(static_cast<int>(n), 0, HeadingForm::markdown, 0, n, n + 1);
        return std::nullopt;
    }
    std::size_t i = 0;
    const char32_t first = utf8::next(t, i);

    // 第X章 / 第X节 / 第X部分 / 第X篇
    if (first == U'第') {
        std::size_t count = 0;
        const std::size_t j = numeral_run(t, i, count);
        if (count == 0) return std::nullopt;
        const int value = source_chinese_value(t.substr(i, j - i));
        if (value == 0) return std::nullopt;
        for (auto [word, level] : {std::pair<std::string_view, int>{"章", 1}, {"部分", 1}, {"篇", 1}, {"节", 2}})
            if (t.substr(j, word.size()) == word)
                return make(level, value, HeadingForm::chapter, i, j, j + word.size());
        return std::nullopt;
    }

    // 一、 / 一. / 一．
    if (is_numeral_char(first)) {
        std::size_t count = 0;
        const std::size_t j = numeral_run(t, 0, count);
        const int value = source_chinese_value(t.substr(0, j));
        if (value == 0 || j >= t.size()) return std::nullopt;
        std::size_t k = j;
        const char32_t punct = utf8::next(t, k);
        if (punct == U'、' || punct == U'．') return make(1, value, HeadingForm::chinese, 0, j, k);
        if (punct == '.') {
            std::size_t m = k;
            if (m < t.size() && is_wide_digit(utf8::next(t, m))) return std::nullopt;
            return make(1, value, HeadingForm::chinese, 0, j, k);
        }
        return std::nullopt;
    }

    // (一) （一） (1) （1）
    if (is_open_paren(first)) {
        const std::size_t num_from = i;
        std::size_t j = i;
        bool chinese = false, ascii = false;
        int ascii_value = 0;
        while (j < t.size()) {
            std::size_t k = j;
            const char32_t c = utf8::next(t, k);
            if (is_numeral_char(c)) chinese = true;
            else if (is_wide_digit(c)) {
                ascii = true;
                ascii_value = ascii_value * 10 + wide_digit_value(c);
                if (ascii_value > 99) return std::nullopt;
            } else break;
            j = k;
            if (j - num_from > 12) return std::nullopt;
        }
        if (j == num_from || chinese == ascii || j >= t.size()) return std::nullopt;
        std::size_t k = j;
        if (!is_close_paren(utf8::next(t, k))) return std::nullopt;
        // An optional 、 or . after the parenthesis belongs to the number.
        std::size_t m = k;
        if (m < t.size() && is_heading_sep(utf8::next(t, m))) k = m;
        if (chinese) {
            const int value = source_chinese_value(t.substr(num_from, j - num_from));
            if (value == 0) return std::nullopt;
            return make(2, value, HeadingForm::paren_chinese, num_from, j, k);
        }
        if (ascii_value == 0) return std::nullopt;
        return make(4, ascii_value, HeadingForm::paren_arabic, num_from, j, k);
    }

    // 1. 1、 1．
    if (is_wide_digit(first)) {
        int value = wide_digit_value(first);
        std::size_t j = i;
        while (j < t.size()) {
            std::size_t k = j;
            const char32_t c = utf8::next(t, k);
            if (!is_wide_digit(c)) break;
            value = value * 10 + wide_digit_value(c);
            if (value > 99) return std::nullopt;
            j = k;
        }
        if (value == 0 || j >= t.size()) return std::nullopt;
        std::size_t k = j;
        const char32_t punct = utf8::next(t, k);
        if (punct == U'、' || punct == U'．') return make(3, value, HeadingForm::arabic, 0, j, k);
        if (punct == '.') {
            std::size_t m = k;
            if (m < t.size() && is_wide_digit(utf8::next(t, m))) return std::nullopt; // a decimal, not "1."
            return make(3, value, HeadingForm::arabic, 0, j, k);
        }
    }
    return std::nullopt;
}

} // namespace

bool may_start_heading(std::string_view s, std::size_t at) {
    if (at >= s.size()) return false;
    const unsigned char b = static_cast<unsigned char>(s[at]);
    if (b < 0x80) return (b >= '0' && b <= '9') || b == '(' || b == '#';
    // Lead bytes of 〇（０-９ (E3, EF) and of the CJK numerals and 第 (E4 E5 E7 E9 …): decode.
    if (b != 0xE3 && b != 0xE4 && b != 0xE5 && b != 0xE7 && b != 0xE9 && b != 0xEF) return false;
    std::size_t len = 0;
    const char32_t c = cp_at(s, at, len);
    return is_numeral_char(c) || c == U'（' || c == U'第' || is_wide_digit(c);
}

std::optional<HeadingNumber> read_heading_number(std::string_view s, std::size_t at, HeadingDialect dialect) {
    if (!may_start_heading(s, at)) return std::nullopt;
    return dialect == HeadingDialect::normalised ? read_normalised(s, at) : read_source(s, at);
}

} // namespace gk::grammar
