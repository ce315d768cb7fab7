#include "extract/index_number.hpp"

#include <algorithm>

#include <re2/re2.h>

namespace gk::page {

std::optional<IndexNumber> parse_index_number(std::string_view value) {
    // prefix, separator, year, optional month, serial.
    static const RE2 shape(
        R"(^\s*([0-9A-Za-z]{18}|[0-9A-Za-z]{8}-?[0-9Xx]-?|\d{9,12})\s*[/-]\s*((?:19|20)\d{2})(\d{2})?\s*-\s*(\d{3,8})\s*$)");
    std::string prefix, year, month, serial;
    if (!RE2::FullMatch(re2::StringPiece(value.data(), value.size()), shape, &prefix, &year, &month, &serial))
        return std::nullopt;
    IndexNumber n;
    n.prefix = prefix;
    for (char c : prefix)
        if (c != '-') n.code.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
    n.year = std::stoi(year);
    if (!month.empty()) {
        const int m = std::stoi(month);
        if (m < 1 || m > 12) return std::nullopt; // 6 digits that are not YYYYMM
        n.month = m;
    }
    n.serial = serial;
    const bool all_digits = std::all_of(n.code.begin(), n.code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (n.code.size() == 18) n.kind = PrefixKind::credit_code;
    else if (n.code.size() == 9 && (prefix.find('-') != std::string::npos || !all_digits)) {
        n.kind = PrefixKind::org_code;
        n.org_code_hyphenated = prefix.find('-') != std::string::npos;
    } else if (n.code.size() == 9) n.kind = PrefixKind::org_code;
    else if (all_digits) n.kind = PrefixKind::digits;
    else return std::nullopt;
    return n;
}

} // namespace gk::page
