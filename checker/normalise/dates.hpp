// Calendar dates of published pages: parsing the forms dates are printed in on government pages,
// validity, day arithmetic, and the working-day calendar (weekends + official holidays and
// 调休 working days, loaded from ruleset data; the Catalogue compiles it once, holidays()).
// Below the catalogue and extract stages, so that both (and the check kinds) share one Date.
//
// Guarantees: parsing never throws; a parsed Date may be invalid (2月30日) — callers decide with
// is_valid(). Day numbers are proleptic Gregorian, so differences are exact across years.
#pragma once

#include <compare>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace gk::page {

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
    std::string iso() const; // YYYY-MM-DD
};

bool is_valid(const Date& d);
// Days since 1970-01-01 (valid dates only).
long day_number(const Date& d);
Date from_day_number(long n);
// 0 = Monday … 6 = Sunday.
int weekday(const Date& d);
// Today in China (UTC+8).
Date today_cn();

// Reads the first date in `s`: ISO-like "2020-12-18 17:08", "2020/12/18", "2020.12.18",
// "2018- 08- 21", "2018年8月20日", "二〇二〇年十二月十七日", "一九八一年五月二十三日".
// Returns the fields as printed (possibly invalid) or nullopt when there is no date at all.
std::optional<Date> parse_date(std::string_view s);

// Official working days: Monday–Friday except holidays, plus weekend days declared working
// days (调休). Built from a <data name="holidays"> element:
//   <year value="2019" source="国办发明电〔2018〕15号">
//     <off from="2019-02-04" to="2019-02-10" name="春节"/>  <work date="2019-02-02"/>
//   </year>
class WorkCalendar {
public:
    WorkCalendar() = default;
    // Throws std::runtime_error on malformed dates or inverted ranges.
    static WorkCalendar from_xml(pugi::xml_node data);
    bool covers(int year) const { return years_.count(year) > 0; }
    bool is_working_day(const Date& d) const;
    // Number of working days d with from < d <= to (0 when to <= from).
    int working_days_after(const Date& from, const Date& to) const;
    // The date `n` working days after `from`.
    Date add_working_days(const Date& from, int n) const;

private:
    std::set<long> off_, work_;
    std::set<int> years_;
};

} // namespace gk::page
