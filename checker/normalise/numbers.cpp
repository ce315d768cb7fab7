#include "normalise/numbers.hpp"
namespace gk {
// STUB
std::optional<Decimal> Number::yuan() const { return std::nullopt; }
std::optional<Number> parse_number(std::string_view s) { auto d = Decimal::parse(s); if (!d) return std::nullopt; return Number{*d, "", false}; }
std::optional<long long> parse_chinese_numeral(std::string_view) { return std::nullopt; }
} // namespace gk
