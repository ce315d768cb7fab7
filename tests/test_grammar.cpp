// The grammar of Chinese official text (grammar/grammar.hpp): spaces, numerals, amounts, dates
// and heading numbers, each reader with positive and negative cases and its byte ranges.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "grammar/grammar.hpp"

using namespace gk;
using namespace gk::grammar;

namespace {

std::string iso_of(const std::optional<DateMatch>& d) { return d ? d->iso() : std::string("none"); }

// The bytes a match covers.
std::string span(std::string_view s, std::size_t b, std::size_t e) { return std::string(s.substr(b, e - b)); }

int level(std::string_view s, HeadingDialect d = HeadingDialect::normalised) {
    const auto h = read_heading_number(s, 0, d);
    return h ? h->level : 0;
}

int value(std::string_view s, HeadingDialect d = HeadingDialect::normalised) {
    const auto h = read_heading_number(s, 0, d);
    return h ? h->value : -1;
}

} // namespace

// ───────────────────────────── spaces ─────────────────────────────

TEST_CASE("spaces: one set, trimmed at both ends", "[grammar]") {
    for (char32_t c : {U' ', U'\t', U'\n', U'\r', U'\u00A0', U'\u2002', U'\u2003', U'\u200B', U'\u202F', U'\u3000',
                       U'\uFEFF'})
        CHECK(is_space(c));
    for (char32_t c : {U'a', U'一', U'、', U'0', U'\u3001', U'\u2010'}) CHECK_FALSE(is_space(c));
    CHECK(trim("\u3000\u00A0 索引号\u200B\t") == "索引号");
    CHECK(trim(" a b ") == "a b");
    CHECK(trim("\u3000\u3000") == "");
    CHECK(trim("") == "");
    CHECK(remove_spaces("序\u3000 号\u00A0") == "序号");
    CHECK(space_len("\u3000x", 0) == 3);
    CHECK(space_len("x\u3000", 0) == 0);
    CHECK(skip_spaces("  \u3000x", 0) == 5);
    // a truncated ideographic space is not a space
    CHECK(trim(std::string_view("\xE3\x80", 2)) == std::string_view("\xE3\x80", 2));
}

TEST_CASE("trim_range trims spaces and extra separators interleaved", "[grammar]") {
    const std::string s = "：\u3000值，|";
    std::size_t b = 0, e = s.size();
    trim_range(s, b, e, {"：", "，", "|"});
    CHECK(span(s, b, e) == "值");
    const std::string t = "  abc  ";
    b = 1, e = 4; // only inside [1, 4): " ab"
    trim_range(t, b, e);
    CHECK(span(t, b, e) == "ab");
    b = 0, e = 100; // clamped
    trim_range(t, b, e);
    CHECK(span(t, b, e) == "abc");
}

// ───────────────────────────── numerals ─────────────────────────────

TEST_CASE("parse_chinese_numeral", "[normalise]") {
    CHECK(parse_chinese_numeral("一") == 1);
    CHECK(parse_chinese_numeral("十") == 10);
    CHECK(parse_chinese_numeral("十二") == 12);
    CHECK(parse_chinese_numeral("二十一") == 21);
    CHECK(parse_chinese_numeral("九十九") == 99);
    CHECK(parse_chinese_numeral("一百零五") == 105);
    CHECK(parse_chinese_numeral("两千") == 2000);
    CHECK(parse_chinese_numeral("〇") == 0);
    CHECK(parse_chinese_numeral("零") == 0);
    CHECK(parse_chinese_numeral("一万二千") == 12000);
    CHECK(parse_chinese_numeral("二〇二〇") == 2020);
    for (const char* bad : {"", "廿", "一a", "百百", "十百", "万", "总计", "三四十"})
        CHECK_FALSE(parse_chinese_numeral(bad));
}

TEST_CASE("Chinese numerals: 十一 and 一十一, 两, 〇", "[grammar]") {
    CHECK(parse_chinese_numeral("十一") == 11);
    CHECK(parse_chinese_numeral("一十一") == 11);
    CHECK(parse_chinese_numeral("两") == 2);
    CHECK(parse_chinese_numeral("两百") == 200);
    CHECK_FALSE(parse_chinese_numeral("两两"));
    CHECK(parse_chinese_numeral("一〇") == 10); // digit by digit
    CHECK_FALSE(parse_chinese_numeral("零十"));
    CHECK(parse_chinese_numeral(" 三十 ") == 30);
    CHECK(parse_chinese_numeral("一亿二千万") == 120000000);
    CHECK_FALSE(parse_chinese_numeral("一二三四五六七八九〇一二三四五六七八九〇一二三四五"));

    CHECK(parse_chinese_small("五") == 5);
    CHECK(parse_chinese_small("十") == 10);
    CHECK(parse_chinese_small("十一") == 11);
    CHECK(parse_chinese_small("一十一") == 11);
    CHECK(parse_chinese_small("二十") == 20);
    CHECK(parse_chinese_small("三十一") == 31);
    CHECK(parse_chinese_small("九十九") == 99);
    for (const char* bad : {"", "二二", "〇", "零", "两", "十十", "一百", "三十十", "十二三", "1"})
        CHECK_FALSE(parse_chinese_small(bad));

    CHECK(is_numeral_char(U'两'));
    CHECK(is_numeral_char(U'十'));
    CHECK(is_numeral_char(U'〇'));
    CHECK_FALSE(is_numeral_char(U'百'));
    CHECK(chinese_digit(U'两') == 2);
    CHECK(chinese_digit(U'零') == 0);
    CHECK(chinese_digit(U'十') == -1);
}

TEST_CASE("Arabic numbers", "[grammar]") {
    CHECK(parse_arabic("0") == 0);
    CHECK(parse_arabic(" 42 ") == 42);
    CHECK(parse_arabic("007") == 7);
    for (const char* bad : {"", "4 2", "4a", "-1", "1.5", "1234567890123456789"}) CHECK_FALSE(parse_arabic(bad));
}

// ───────────────────────────── amounts ─────────────────────────────

TEST_CASE("parse_number", "[normalise]") {
    auto v = [](std::string_view s) { auto n = parse_number(s); return n ? n->value.str() : std::string("none"); };
    CHECK(v("21") == "21");
    CHECK(v("+3") == "3");
    CHECK(parse_number("+3")->explicit_sign);
    CHECK(v("-129") == "-129");
    CHECK(parse_number("-129")->explicit_sign);
    CHECK_FALSE(parse_number("21")->explicit_sign);
    CHECK(v("1,234") == "1234");
    CHECK(v("3.61亿元") == "3.61");
    CHECK(parse_number("3.61亿元")->unit == "亿元");
    CHECK(parse_number("3.61亿元")->yuan()->str() == "361000000");
    CHECK(parse_number("0.5万元")->yuan()->str() == "5000");
    CHECK(parse_number("432.52元")->yuan()->str() == "432.52");
    CHECK(v("56件") == "56");
    CHECK(parse_number("56件")->unit == "件");
    CHECK_FALSE(parse_number("56件")->yuan());
    CHECK_FALSE(parse_number("21")->yuan());
    CHECK(v(" 16 ") == "16");
    for (const char* junk : {"", "一", "abc", "12a", "1.2.3", "+", "-", "12,", "件", "3.61亿元整", "1 2"})
        CHECK_FALSE(parse_number(junk));
}

TEST_CASE("amounts with units and spaces", "[grammar]") {
    CHECK(parse_number("12 条")->unit == "条");
    CHECK(parse_number("98.5%")->unit == "%");
    CHECK(parse_number("98.5%")->value.str() == "98.5");
    CHECK(parse_number("\u3000123\u00A0")->value.str() == "123");
    CHECK(parse_number("\xE2\x88\x92" "5")->value.str() == "-5");
    CHECK(parse_number("2万元")->yuan()->str() == "20000");
    CHECK_FALSE(parse_number("3项工作"));
    CHECK_FALSE(parse_number("1."));
    CHECK_FALSE(parse_number("元"));
}

// ───────────────────────────── dates ─────────────────────────────

TEST_CASE("find_date: the metadata reader", "[grammar]") {
    CHECK(iso_of(find_date("2020-11-05 15:37")) == "2020-11-05");
    CHECK(iso_of(find_date("2018年12月04日")) == "2018-12-04");
    CHECK(iso_of(find_date("2018-8-1")) == "2018-08-01");
    CHECK(iso_of(find_date("2018- 08- 21 19: 39")) == "2018-08-21");
    CHECK(iso_of(find_date("成文于2021/9/26。")) == "2021-09-26");
    CHECK(iso_of(find_date("2021.09.26")) == "2021-09-26");
    CHECK(iso_of(find_date("2024年1月5")) == "2024-01-05"); // 日 optional
    CHECK(iso_of(find_date("2024 年\u30001 月 5 日")) == "2024-01-05");
    CHECK_FALSE(find_date("2020-13-05"));
    CHECK_FALSE(find_date("12020-01-01"));
    CHECK_FALSE(find_date("2020-01-011"));
    CHECK_FALSE(find_date("浏览次数:3572"));
    CHECK_FALSE(find_date("编号2020-04825", 0, true));
    CHECK_FALSE(find_date("二〇二〇年十二月十七日")); // Chinese numerals are first_date's
    CHECK_FALSE(find_date(""));
    CHECK_FALSE(find_date("2020-1-5", 20));
}

TEST_CASE("find_date: byte ranges, from and anchored", "[grammar]") {
    const std::string s = "发布日期：2024年1月5日 浏览";
    const auto d = find_date(s);
    REQUIRE(d);
    CHECK(span(s, d->begin, d->end) == "2024年1月5日");
    CHECK(d->form == DateForm::ymd);
    CHECK(d->day_mark);
    // 日 is part of the range, trailing spaces are not
    const std::string t = "2024-01-05  x";
    CHECK(span(t, find_date(t)->begin, find_date(t)->end) == "2024-01-05");
    CHECK(find_date(t)->dashed);
    // anchored: only at `from`, after spaces
    const std::string u = "x  2024-01-05";
    CHECK_FALSE(find_date(u, 0, true));
    REQUIRE(find_date(u, 1, true));
    CHECK(find_date(u, 1, true)->begin == 3);
    // a rejected date is skipped when searching, then the next one is found
    const std::string v = "2020-13-01 2021-02-03";
    CHECK(iso_of(find_date(v)) == "2021-02-03");
    CHECK(find_date(v)->begin == 11);
    // range-checked only: 2月30日 passes (the lenient page checks tell it is no calendar day)
    CHECK(iso_of(find_date("2024年2月30日")) == "2024-02-30");
    CHECK_FALSE(find_date("2024年2月30日")->valid());
}

TEST_CASE("first_date: the lenient reader reports invalid dates as printed", "[grammar]") {
    CHECK(iso_of(first_date("2018- 08- 21 19: 39")) == "2018-08-21");
    CHECK(iso_of(first_date("2018年8月20日")) == "2018-08-20");
    CHECK(iso_of(first_date("一九八一年五月二十三日")) == "1981-05-23");
    CHECK(iso_of(first_date("二〇二〇年十二月十七日")) == "2020-12-17");
    CHECK(iso_of(first_date("二〇二四年一月五日")) == "2024-01-05");
    CHECK(iso_of(first_date("二○二四年十月三十一日")) == "2024-10-31"); // ○ U+25CB as a zero
    const auto bad = first_date("2024年2月30日");
    REQUIRE(bad);
    CHECK(*bad == Date{2024, 2, 30});
    CHECK_FALSE(bad->valid());
    CHECK(first_date("2020-13-05")->month == 13);
    CHECK_FALSE(first_date("2020-13-05")->valid());
    CHECK(iso_of(first_date("12020-01-01")) == "2020-01-01"); // not glue-checked
    CHECK_FALSE(first_date("无日期"));
    CHECK_FALSE(first_date("2024年1月5")); // 年月 needs 日 here
    CHECK_FALSE(first_date("2024年1-5"));  // mixed separators are find_date's
    CHECK_FALSE(first_date("二〇二四年一月五")); // Chinese dates need 日
    CHECK_FALSE(first_date("二〇二四年二二月五日")); // 二二 is no month
    CHECK_FALSE(first_date("两〇二四年一月五日")); // 两 is no year digit
    // the leftmost date of any form wins
    CHECK(iso_of(first_date("于二〇二〇年一月二日及2021-03-04")) == "2020-01-02");
    CHECK(iso_of(first_date("于2021-03-04及二〇二〇年一月二日")) == "2021-03-04");
    const std::string s = "落款 二〇二四年一月五日";
    const auto d = first_date(s);
    REQUIRE(d);
    CHECK(d->form == DateForm::chinese);
    CHECK(span(s, d->begin, d->end) == "二〇二四年一月五日");
}

TEST_CASE("date validity follows the calendar", "[grammar]") {
    CHECK(Date{2024, 2, 29}.valid());
    CHECK_FALSE(Date{2023, 2, 29}.valid());
    CHECK(Date{2000, 2, 29}.valid());
    CHECK_FALSE(Date{1900, 2, 29}.valid());
    CHECK_FALSE(Date{2024, 4, 31}.valid());
    CHECK(Date{2024, 12, 31}.valid());
    CHECK_FALSE(Date{2024, 0, 1}.valid());
    CHECK_FALSE(Date{1899, 1, 1}.valid());
    CHECK(Date{2024, 1, 5}.iso() == "2024-01-05");
}

TEST_CASE("date_at reads exactly at a position", "[grammar]") {
    const std::string s = "x2024/1/5";
    CHECK_FALSE(date_at(s, 0));
    REQUIRE(date_at(s, 1));
    CHECK(date_at(s, 1)->end == s.size());
    CHECK(date_at(s, 1)->dashed);
    CHECK(date_at("2024年1月5", 0)->form == DateForm::numeric);
    CHECK_FALSE(date_at("1899-01-01", 0));
    CHECK_FALSE(date_at("2024-", 0));
    CHECK_FALSE(date_at("2024-1-", 0));
    CHECK_FALSE(date_at("\xE4\xB8", 0)); // truncated UTF-8
    CHECK(date_at("2024-1-123", 0)->day == 12); // greedy two digits
}

TEST_CASE("whole_date and find_year", "[grammar]") {
    CHECK(whole_date(" 2021年9月26日 ")->form == DateForm::ymd);
    CHECK(whole_date("二〇二一年九月二十六日")->form == DateForm::chinese);
    CHECK_FALSE(whole_date("2021年9月26日发布"));
    CHECK_FALSE(whole_date("于2021年9月26日"));
    CHECK_FALSE(whole_date(""));
    CHECK(find_year("2020年度政府信息公开工作报告") == 2020);
    CHECK(find_year("关于2019 年的报告") == 2019);
    CHECK_FALSE(find_year("12020年"));
    CHECK_FALSE(find_year("2020度"));
    CHECK_FALSE(find_year("1800年"));
}

// ───────────────────────────── heading numbers ─────────────────────────────

TEST_CASE("heading numbers", "[text]") {
    const auto src = HeadingDialect::source;
    CHECK(level("一、总体情况", src) == 1);
    CHECK(level("十二、其他", src) == 1);
    CHECK(level("(一)主动公开", src) == 2);
    CHECK(level("（二）依申请公开", src) == 2);
    CHECK(level("1.属于国家秘密", src) == 3);
    CHECK(level("1、围绕", src) == 3);
    CHECK(level("(1)推进", src) == 4);
    CHECK(level("（12）推进", src) == 4);
    CHECK(level("第一章 总则", src) == 1);
    CHECK(level("第三节 附则", src) == 2);
    CHECK(level("## 标题", src) == 2);
    CHECK(level("3.61亿元", src) == 0);
    CHECK(level("2020年", src) == 0);
    CHECK(level("一是加强", src) == 0);
    CHECK(level("第二十条", src) == 0);
    CHECK(level("", src) == 0);
    CHECK(level("12345678901234.x", src) == 0);
    CHECK(level("(12345678901234)x", src) == 0);
    CHECK(value("十二、其他", src) == 12);
}

TEST_CASE("heading numbers, normalised dialect: levels, values and ranges", "[grammar]") {
    CHECK(level("一、总体情况") == 1);
    CHECK(level("一.总体情况") == 1);
    CHECK(level("一．总体情况") == 1);
    CHECK(level("(一)主动公开") == 2);
    CHECK(level("（一）主动公开") == 2);
    CHECK(level("1.属于") == 3);
    CHECK(level("1、属于") == 3);
    CHECK(level("1．属于") == 3);
    CHECK(level("(1)推进") == 4);
    CHECK(level("（1）推进") == 4);
    CHECK(value("九十九、x") == 99);
    CHECK(value("十一、x") == 11);
    CHECK(value("一十一、x") == 11);
    CHECK(value("两、x") == 2);
    CHECK(value("（十）x") == 10);
    CHECK(value("（12）x") == 12);
    // spaces inside are allowed on normalised text
    CHECK(level("一 、x") == 1);
    CHECK(level("（ 一 ） x") == 2);
    CHECK(level("1 . x") == 3);

    const std::string s = "（一）、主动公开";
    const auto h = read_heading_number(s, 0);
    REQUIRE(h);
    CHECK(span(s, h->numeral_begin, h->numeral_end) == "一");
    CHECK(span(s, h->end, s.size()) == "主动公开"); // the 、 after the parenthesis belongs to the number
    const std::string t = "(2) 标题";
    CHECK(span(t, read_heading_number(t, 0)->end, t.size()) == "标题"); // trailing spaces too
    const std::string u = "前文。三、标题";
    const auto at = u.find("三");
    REQUIRE(read_heading_number(u, at));
    CHECK(read_heading_number(u, at)->begin == at);
    CHECK(read_heading_number(u, at)->value == 3);
}

TEST_CASE("heading numbers, normalised dialect: what is not a heading", "[grammar]") {
    CHECK(level("1.5万") == 0);       // decimal
    CHECK(level("1、2月") == 0);      // range
    CHECK(level("1. 2020年") == 0);   // digit after the spaces
    CHECK(level("2020.1") == 0);
    CHECK(level("2020年") == 0);
    CHECK(level("一是加强") == 0);
    CHECK(level("一百、x") == 0);     // 百 is no heading numeral
    CHECK(level("一二三四、x") == 0); // four characters
    CHECK(level("〇、x") == 0);       // value 0
    CHECK(level("0.x") == 0);
    CHECK(level("100.x") == 0);
    CHECK(level("(123)x") == 0);
    CHECK(level("(一1)x") == 0);
    CHECK(level("(一x") == 0);
    CHECK(level("第一章 总则") == 0); // source dialect only
    CHECK(level("## 标题") == 0);
    CHECK(level("") == 0);
    // a digit right before 「1.」 makes it part of a number
    const std::string s = "x21.标题";
    CHECK_FALSE(read_heading_number(s, 2));
    CHECK(read_heading_number(s, 1)->value == 21);
    CHECK_FALSE(read_heading_number(s, 100));
}

TEST_CASE("heading numbers, source dialect: full-width digits, no inner spaces", "[grammar]") {
    const auto src = HeadingDialect::source;
    CHECK(level("１．标题", src) == 3);
    CHECK(value("（１２）标题", src) == 12);
    CHECK(level("一.5", src) == 0);    // 一. before a digit
    CHECK(level("一.5") == 1);          // the normalised dialect allows it
    CHECK(level("1.５", src) == 0);
    CHECK(level("一 、x", src) == 0);
    CHECK(value("一〇一、x", src) == 101); // 1–999
    CHECK(level("一〇一、x") == 0);        // normalised: 1–99
    CHECK(level("一百、x", src) == 0);     // 百 is no heading numeral in either dialect
    CHECK(level("x ## 标题", src) == 0);
    CHECK_FALSE(read_heading_number("x## 标题", 1, src)); // markdown only at the start
    const std::string s = "第十二部分 附则";
    const auto h = read_heading_number(s, 0, src);
    REQUIRE(h);
    CHECK(h->form == HeadingForm::chapter);
    CHECK(h->value == 12);
    CHECK(span(s, h->end, s.size()) == " 附则");
}

TEST_CASE("may_start_heading filters by the first character", "[grammar]") {
    for (std::string_view s : {"一", "十", "两", "〇", "零", "1", "(", "（", "第", "#", "１"}) CHECK(may_start_heading(s, 0));
    for (std::string_view s : {"a", "。", "百", "是", " ", ")", ""}) CHECK_FALSE(may_start_heading(s, 0));
    const std::string t = "一";
    CHECK_FALSE(may_start_heading(t, 1)); // inside a code point
}

TEST_CASE("grammar readers survive arbitrary bytes", "[grammar]") {
    const std::string junk[] = {std::string("\xff\xfe\xe4"), std::string(1, '\0'), std::string("（"), std::string("（一"),
                                std::string("2020年"), std::string("2020年1月"), std::string("二〇二"), std::string(200, '1'),
                                std::string("\xE5\xB9"), std::string("一、\xE3\x80")};
    for (const auto& s : junk) {
        for (std::size_t i = 0; i <= s.size(); ++i) {
            const auto h = read_heading_number(s, i);
            if (h) CHECK(h->end <= s.size());
            const auto hs = read_heading_number(s, i, HeadingDialect::source);
            if (hs) CHECK(hs->end <= s.size());
            const auto d = date_at(s, i);
            if (d) CHECK(d->end <= s.size());
        }
        CHECK(trim(s).size() <= s.size());
        (void)first_date(s);
        (void)find_date(s);
        (void)parse_number(s);
        (void)parse_chinese_numeral(s);
    }
    CHECK_FALSE(first_date(std::string(200, '1')));
}
