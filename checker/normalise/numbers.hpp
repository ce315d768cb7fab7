// Number parsing for normalised text: integers, decimals, explicit signs (+3 / -129),
// units 元/万元/亿元, and Chinese numerals (一, 十二, 二十一, 一百零五, 两千) in headings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/decimal.hpp"

namespace gk {

struct Number {
    Decimal value;
    std::string unit;         // "", "元", "万元", "亿元", "件", "条", ... as printed after the digits
    bool explicit_sign = false;
    // value in 元 when unit is 元/万元/亿元
    std::optional<Decimal> yuan() const;
};

// Parses a whole cell or token ("3.61亿元", "+3", "1,234", "２１" after folding). nullopt if the
// text is not one number (with optional unit).
std::optional<Number> parse_number(std::string_view normalised);

// "一"→1, "十二"→12, "二十一"→21, "一百零五"→105, "两千"→2000, "〇"/"零"→0. nullopt if not a numeral.
std::optional<long long> parse_chinese_numeral(std::string_view s);

} // namespace gk
