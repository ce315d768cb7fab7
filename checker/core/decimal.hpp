// Exact decimal numbers for table arithmetic (never binary floating point).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gk {

// value = units / 10^scale, scale in [0, 9]. Arithmetic aligns scales; overflow is not expected
// for report numbers (|value| < 9.2e9 at scale 9, larger at smaller scales) and saturates.
class Decimal {
public:
    Decimal() = default;
    static Decimal from_int(std::int64_t v) { Decimal d; d.units_ = v; return d; }
    // Parses "12", "+3", "-129", "3.61", "1,234.5" (ASCII only; normalise first). nullopt on junk.
    static std::optional<Decimal> parse(std::string_view s);

    Decimal operator+(const Decimal& o) const;
    Decimal operator-(const Decimal& o) const;
    Decimal scaled(std::int64_t factor) const; // multiply by an integer (units: 万 = 10000)
    bool operator==(const Decimal& o) const;
    bool operator<(const Decimal& o) const;
    bool is_negative() const { return units_ < 0; }
    bool is_zero() const { return units_ == 0; }
    bool is_integer() const;
    std::string str() const;   // shortest exact form: "16", "-129", "3.61"
    std::int64_t units() const { return units_; }
    int scale() const { return scale_; }
private:
    std::int64_t units_ = 0;
    int scale_ = 0;
    static void align(Decimal& a, Decimal& b);
};

} // namespace gk
