#include "check/kinds/codes.hpp"

namespace gk::page {

namespace {
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int uscc_value(char c) {
    const auto p = kUsccAlphabet.find(c);
    return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

int org_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}
} // namespace

std::optional<char> uscc_check_char(std::string_view s) {
    if (s.size() != 17) return std::nullopt;
    int sum = 0, weight = 1;
    for (char c : s) {
        const int v = uscc_value(c);
        if (v < 0) return std::nullopt;
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    const int check = (31 - sum % 31) % 31;
    return kUsccAlphabet[static_cast<std::size_t>(check)];
}

bool uscc_valid(std::string_view code) {
    if (code.size() != 18) return false;
    const auto c = uscc_check_char(code.substr(0, 17));
    return c && *c == code[17];
}

std::optional<char> org_code_check_char(std::string_view body) {
    static const int weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    if (body.size() != 8) return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const int v = org_value(body[i]);
        if (v < 0) return std::nullopt;
        sum += v * weights[i];
    }
    const int check = 11 - sum % 11;
    if (check == 11) return '0';
    if (check == 10) return 'X';
    return static_cast<char>('0' + check);
}

bool org_code_valid(std::string_view code) {
    if (code.size() != 9) return false;
    const auto c = org_code_check_char(code.substr(0, 8));
    return c && *c == code[8];
}

} // namespace gk::page
