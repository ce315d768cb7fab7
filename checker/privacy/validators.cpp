#include "privacy/validators.hpp"

#include <chrono>
#include <cstdio>

namespace gk::privacy {

namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int num(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

} // namespace

const char* province_name(std::string_view p) {
    struct P { const char* code; const char* name; };
    // GB/T 2260 first-level codes; 81/82/83: residence permits of HK, Macao and Taiwan residents.
    static constexpr P table[] = {
        {"11", "北京"}, {"12", "天津"}, {"13", "河北"}, {"14", "山西"}, {"15", "内蒙古"},
        {"21", "辽宁"}, {"22", "吉林"}, {"23", "黑龙江"}, {"31", "上海"}, {"32", "江苏"},
        {"33", "浙江"}, {"34", "安徽"}, {"35", "福建"}, {"36", "江西"}, {"37", "山东"},
        {"41", "河南"}, {"42", "湖北"}, {"43", "湖南"}, {"44", "广东"}, {"45", "广西"},
        {"46", "海南"}, {"50", "重庆"}, {"51", "四川"}, {"52", "贵州"}, {"53", "云南"},
        {"54", "西藏"}, {"61", "陕西"}, {"62", "甘肃"}, {"63", "青海"}, {"64", "宁夏"},
        {"65", "新疆"}, {"71", "台湾"}, {"81", "香港"}, {"82", "澳门"}, {"83", "台湾"},
    };
    if (p.size() < 2) return nullptr;
    for (const auto& e : table)
        if (p.substr(0, 2) == e.code) return e.name;
    return nullptr;
}

bool real_birth_date(int year, int month, int day) {
    if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int max_day = days[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
    if (day > max_day) return false;
    const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    const auto date = std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                                  std::chrono::day(static_cast<unsigned>(day)));
    return date <= today;
}

char id18_check_digit(std::string_view first17) {
    if (first17.size() != 17 || !all_digits(first17)) return '\0';
    static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (first17[static_cast<std::size_t>(i)] - '0') * weights[i];
    return "10X98765432"[sum % 11];
}

IdAnalysis analyse_id(std::string_view v) {
    IdAnalysis a;
    int year = 0, month = 0, day = 0;
    if (v.size() == 18 && all_digits(v.substr(0, 17)) &&
        ((v[17] >= '0' && v[17] <= '9') || v[17] == 'X' || v[17] == 'x')) {
        a.shape = true;
        year = num(v.substr(6, 4));
        month = num(v.substr(10, 2));
        day = num(v.substr(12, 2));
        const char expected = id18_check_digit(v.substr(0, 17));
        const char actual = v[17] == 'x' ? 'X' : v[17];
        a.check_digit = expected == actual;
    } else if (v.size() == 15 && all_digits(v)) {
        a.shape = true;
        year = 1900 + num(v.substr(6, 2));
        month = num(v.substr(8, 2));
        day = num(v.substr(10, 2));
        a.check_digit = true; // the old form has no check character
    } else {
        return a;
    }
    if (const char* p = province_name(v)) {
        a.province = true;
        a.province_zh = p;
    }
    a.date = real_birth_date(year, month, day);
    if (a.date) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
        a.birth = buf;
    }
    return a;
}

bool luhn_valid(std::string_view d) {
    if (d.size() < 2 || !all_digits(d)) return false;
    int sum = 0;
    bool twice = false;
    for (auto it = d.rbegin(); it != d.rend(); ++it) {
        int x = *it - '0';
        if (twice) {
            x *= 2;
            if (x > 9) x -= 9;
        }
        sum += x;
        twice = !twice;
    }
    return sum % 10 == 0;
}

bool plausible_mobile(std::string_view d) {
    if (d.size() != 11 || !all_digits(d) || d[0] != '1') return false;
    const int second = d[1] - '0', third = d[2] - '0';
    switch (second) {
    case 3: case 8: case 9: return true;
    case 4: return third >= 5;                        // 145–149
    case 5: return third != 4;                        // 150–153, 155–159
    case 6: return third == 2 || (third >= 5 && third <= 7); // 162, 165–167
    case 7: return third != 9;                        // 170–178
    default: return false;
    }
}

std::string mask_id(std::string_view v) {
    if (v.size() == 18) return std::string(v.substr(0, 6)) + std::string(8, '*') + std::string(v.substr(14));
    if (v.size() == 15) return std::string(v.substr(0, 6)) + std::string(6, '*') + std::string(v.substr(12));
    return std::string(v.size(), '*');
}

std::string mask_mobile(std::string_view d) {
    if (d.size() != 11) return std::string(d.size(), '*');
    return std::string(d.substr(0, 3)) + "****" + std::string(d.substr(7));
}

std::string mask_bank(std::string_view d) {
    if (d.size() <= 4) return std::string(d.size(), '*');
    return std::string(d.size() - 4, '*') + std::string(d.substr(d.size() - 4));
}

MaskAssessment assess_id_mask(std::string_view m) {
    MaskAssessment a;
    for (char c : m) a.hidden += c == '*';
    std::size_t date_from = 6, date_len = m.size() == 15 ? 6 : 8;
    const int min_hidden = m.size() == 15 ? 6 : 8;
    if (m.size() == 15 || m.size() == 18) {
        a.reveals_birth_date = m.substr(date_from, date_len).find('*') == std::string_view::npos;
    }
    if (a.reveals_birth_date) {
        a.weak = true;
        a.why_zh = "遮盖后仍显示出生日期（第7–" + std::to_string(date_from + date_len) + "位）";
        a.why_en = "the mask still shows the birth date (characters 7–" + std::to_string(date_from + date_len) + ")";
    } else if (a.hidden < min_hidden) {
        a.weak = true;
        a.why_zh = "只遮盖了" + std::to_string(a.hidden) + "位（应至少遮盖" + std::to_string(min_hidden) + "位）";
        a.why_en = "only " + std::to_string(a.hidden) + " characters hidden (at least " + std::to_string(min_hidden) + " should be)";
    }
    return a;
}

MaskAssessment assess_bank_mask(std::string_view m) {
    MaskAssessment a;
    for (char c : m) a.hidden += c == '*';
    if (a.hidden < 8) {
        a.weak = true;
        a.why_zh = "只遮盖了" + std::to_string(a.hidden) + "位（应至少遮盖8位）";
        a.why_en = "only " + std::to_string(a.hidden) + " characters hidden (at least 8 should be)";
    }
    return a;
}

std::optional<std::string> stitch(std::string_view a, std::string_view b, int min_common) {
    if (a.size() != b.size() || a.empty()) return std::nullopt;
    std::string merged(a);
    int common = 0;
    bool adds_to_a = false, adds_to_b = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const bool va = a[i] != '*', vb = b[i] != '*';
        if (va && vb) {
            if (a[i] != b[i]) return std::nullopt;
            ++common;
        } else if (vb) {
            merged[i] = b[i];
            adds_to_a = true;
        } else if (va) {
            adds_to_b = true;
        }
    }
    if (common < min_common || !adds_to_a || !adds_to_b) return std::nullopt;
    return merged;
}

} // namespace gk::privacy
