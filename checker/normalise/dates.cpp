#include "normalise/dates.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include <re2/re2.h>

#include "core/text.hpp"

namespace gk::page {

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dm[m - 1];
}

// Value of a Chinese digit character (〇/零/○/O → 0 … 九 → 9), -1 otherwise.
int chinese_digit(char32_t c) {
    switch (c) {
    case U'〇': case U'零': case U'○': case U'O': case U'０': case U'o': return 0;
    case U'一': return 1; case U'二': return 2; case U'三': return 3; case U'四': return 4;
    case U'五': return 5; case U'六': return 6; case U'七': return 7; case U'八': return 8;
    case U'九': return 9;
    default: return -1;
    }
}

// "五" → 5, "十二" → 12, "二十三" → 23, "三十一" → 31; -1 if not such a numeral.
int small_chinese_number(std::string_view s) {
    std::u32string cps;
    for (std::size_t i = 0; i < s.size();) cps.push_back(utf8::next(s, i));
    if (cps.empty() || cps.size() > 3) return -1;
    int tens = 0, units = 0;
    std::size_t k = 0;
    if (cps.size() >= 2 && cps[1] == U'十') {
        tens = chinese_digit(cps[0]);
        if (tens <= 0) return -1;
        k = 2;
    } else if (cps[0] == U'十') {
        tens = 1;
        k = 1;
    }
    if (k < cps.size()) {
        units = chinese_digit(cps[k]);
        if (units < 0 || k + 1 != cps.size()) return -1;
    }
    return tens * 10 + units;
}
} // namespace

bool is_valid(const Date& d) {
    return d.year >= 1900 && d.year <= 2200 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month);
}

// Howard Hinnant's days_from_civil.
long day_number(const Date& d) {
    int y = d.year - (d.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

Date from_day_number(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int weekday(const Date& d) {
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    const long n = day_number(d);
    return static_cast<int>(((n % 7) + 7 + 3) % 7);
}

Date today_cn() {
    using namespace std::chrono;
    const auto now = system_clock::now() + hours(8);
    const long days = static_cast<long>(duration_cast<hours>(now.time_since_epoch()).count() / 24);
    return from_day_number(days);
}

std::optional<Date> parse_date(std::string_view s) {
    static const RE2 iso(R"(((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2}))");
    static const RE2 arabic(R"(((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)");
    static const RE2 chinese(
        R"(([〇零○O一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日)");
    std::optional<Date> best;
    std::size_t best_pos = std::string_view::npos;
    re2::StringPiece text(s.data(), s.size());
    re2::StringPiece m[4];
    auto consider = [&](const RE2& re, bool is_chinese) {
        if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, m, 4)) return;
        const auto pos = static_cast<std::size_t>(m[0].data() - s.data());
        if (pos >= best_pos) return;
        Date d;
        if (!is_chinese) {
            d.year = std::stoi(std::string(m[1]));
            d.month = std::stoi(std::string(m[2]));
            d.day = std::stoi(std::string(m[3]));
        } else {
            const std::string_view y(m[1].data(), m[1].size());
            int year = 0;
            for (std::size_t i = 0; i < y.size();) {
                const int v = chinese_digit(utf8::next(y, i));
                if (v < 0) return;
                year = year * 10 + v;
            }
            d.year = year;
            d.month = small_chinese_number(std::string_view(m[2].data(), m[2].size()));
            d.day = small_chinese_number(std::string_view(m[3].data(), m[3].size()));
            if (d.month < 0 || d.day < 0) return;
        }
        best = d;
        best_pos = pos;
    };
    consider(iso, false);
    consider(arabic, false);
    consider(chinese, true);
    return best;
}

WorkCalendar WorkCalendar::from_xml(pugi::xml_node data) {
    WorkCalendar cal;
    auto date_of = [](const char* text) {
        const auto d = parse_date(text ? text : "");
        if (!d || !is_valid(*d)) throw std::runtime_error(std::string("holiday calendar: bad date '") + (text ? text : "") + "'");
        return *d;
    };
    for (auto year : data.children("year")) {
        const int y = year.attribute("value").as_int();
        if (y < 1900 || y > 2200) throw std::runtime_error("holiday calendar: bad <year value>");
        cal.years_.insert(y);
        for (auto off : year.children("off")) {
            const Date from = date_of(off.attribute("from").as_string(off.attribute("date").as_string()));
            const Date to = off.attribute("to") ? date_of(off.attribute("to").as_string()) : from;
            if (to < from) throw std::runtime_error("holiday calendar: range ends before it starts: " + from.iso());
            for (long n = day_number(from); n <= day_number(to); ++n) cal.off_.insert(n);
        }
        for (auto work : year.children("work")) cal.work_.insert(day_number(date_of(work.attribute("date").as_string())));
    }
    return cal;
}

bool WorkCalendar::is_working_day(const Date& d) const {
    const long n = day_number(d);
    if (work_.count(n)) return true;
    if (off_.count(n)) return false;
    return weekday(d) < 5;
}

int WorkCalendar::working_days_after(const Date& from, const Date& to) const {
    const long a = day_number(from), b = day_number(to);
    int count = 0;
    for (long n = a + 1; n <= b; ++n)
        if (is_working_day(from_day_number(n))) ++count;
    return count;
}

Date WorkCalendar::add_working_days(const Date& from, int n) const {
    long d = day_number(from);
    int left = n;
    while (left > 0) {
        ++d;
        if (is_working_day(from_day_number(d))) --left;
    }
    return from_day_number(d);
}

} // namespace gk::page
