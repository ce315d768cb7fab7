// Number parsing for normalised text (see numbers.hpp).
#include "normalise/numbers.hpp"

#include <array>
#include <cstdint>
#include <vector>

#include "core/text.hpp"

namespace gk {

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

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

int digit_value(char32_t c) {
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
    while (end < s.size() && ((s[end] >= '0' && s[end] <= '9') || s[end] == ',' || s[end] == '.')) ++end;
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

std::optional<long long> parse_chinese_numeral(std::string_view s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    std::vector<char32_t> cps;
    bool any_unit = false;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::next(s, i);
        if (digit_value(c) < 0 && unit_value(c) == 0) return std::nullopt;
        any_unit = any_unit || unit_value(c) != 0;
        cps.push_back(c);
    }
    if (cps.size() > 24) return std::nullopt;
    // Digit-by-digit forms ("二〇二〇" in dates) have no unit characters at all.
    if (!any_unit) {
        long long v = 0;
        for (char32_t c : cps) {
            if (c == U'两' && cps.size() > 1) return std::nullopt;
            v = v * 10 + digit_value(c);
        }
        return v;
    }
    long long total = 0;   // completed 亿/万 sections
    long long section = 0; // below 万
    long long digit = -1;  // pending digit, -1 = none
    long long last_small_unit = 100000; // units inside a section must decrease (千 > 百 > 十)
    for (char32_t c : cps) {
        const int d = digit_value(c);
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

} // namespace gk
