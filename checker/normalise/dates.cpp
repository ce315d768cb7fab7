#include "normalise/dates.hpp"

#include <chrono>
#include <stdexcept>

namespace gk::page {

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

WorkCalendar WorkCalendar::from_xml(pugi::xml_node data) {
    WorkCalendar cal;
    auto date_of = [](const char* text) {
        const auto d = grammar::first_date(text ? text : "");
        if (!d || !d->valid()) throw std::runtime_error(std::string("holiday calendar: bad date '") + (text ? text : "") + "'");
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
