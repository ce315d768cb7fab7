// Calendar arithmetic of published pages: day numbers, weekdays, today in China, and the
// working-day calendar (weekends + official holidays and 调休 working days, loaded from ruleset
// data; the Catalogue compiles it once, holidays()). Reading dates from text is
// grammar/grammar.hpp (grammar::first_date and friends). Below the catalogue and extract
// stages, so that both (and the check kinds) share one Date.
//
// Guarantees: a Date may be invalid (2月30日) — callers decide with Date::valid(). Day numbers are
// proleptic Gregorian, so differences are exact across years.
#pragma once

#include <set>
#include <string>

#include <pugixml.hpp>

#include "grammar/grammar.hpp"

namespace gk::page {

using Date = grammar::Date;

// Days since 1970-01-01 (valid dates only).
long day_number(const Date& d);
Date from_day_number(long n);
// 0 = Monday … 6 = Sunday.
int weekday(const Date& d);
// Today in China (UTC+8).
Date today_cn();

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
