#include "core/decimal.hpp"

#include <limits>

namespace gk {

namespace {
std::int64_t pow10(int n) { std::int64_t p = 1; while (n-- > 0) p *= 10; return p; }
std::int64_t sat_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r;
    if (__builtin_mul_overflow(a, b, &r)) return (a < 0) != (b < 0) ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    return r;
}
std::int64_t sat_add(std::int64_t a, std::int64_t b) {
    std::int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return b < 0 ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    return r;
}
} // namespace

std::optional<Decimal> Decimal::parse(std::string_view s) {
    std::size_t i = 0;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) { neg = s[i] == '-'; ++i; }
    Decimal d;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            if (dot && d.scale_ >= 9) continue; // drop digits beyond nine decimals
            d.units_ = sat_add(sat_mul(d.units_, 10), c - '0');
            if (dot) ++d.scale_;
            digits = true;
        } else if (c == '.' && !dot) {
            dot = true;
        } else if (c == ',' && !dot && digits) {
            continue;
        } else {
            return std::nullopt;
        }
    }
    if (!digits) return std::nullopt;
    if (neg) d.units_ = -d.units_;
    return d;
}

void Decimal::align(Decimal& a, Decimal& b) {
    while (a.scale_ < b.scale_) { a.units_ = sat_mul(a.units_, 10); ++a.scale_; }
    while (b.scale_ < a.scale_) { b.units_ = sat_mul(b.units_, 10); ++b.scale_; }
}

Decimal Decimal::operator+(const Decimal& o) const {
    Decimal a = *this, b = o; align(a, b); a.units_ = sat_add(a.units_, b.units_); return a;
}
Decimal Decimal::operator-(const Decimal& o) const {
    Decimal a = *this, b = o; align(a, b); a.units_ = sat_add(a.units_, -b.units_); return a;
}
Decimal Decimal::scaled(std::int64_t factor) const {
    Decimal a = *this; a.units_ = sat_mul(a.units_, factor); return a;
}
bool Decimal::operator==(const Decimal& o) const { Decimal a = *this, b = o; align(a, b); return a.units_ == b.units_; }
bool Decimal::operator<(const Decimal& o) const { Decimal a = *this, b = o; align(a, b); return a.units_ < b.units_; }
bool Decimal::is_integer() const { return scale_ == 0 || units_ % pow10(scale_) == 0; }

std::string Decimal::str() const {
    std::int64_t u = units_;
    int sc = scale_;
    while (sc > 0 && u % 10 == 0) { u /= 10; --sc; }
    const bool neg = u < 0;
    std::string digits = std::to_string(neg ? -(u + 0) : u);
    if (neg && digits.front() == '-') digits.erase(0, 1);
    if (sc > 0) {
        while (static_cast<int>(digits.size()) <= sc) digits.insert(0, "0");
        digits.insert(digits.size() - static_cast<std::size_t>(sc), ".");
    }
    return neg ? "-" + digits : digits;
}

} // namespace gk
