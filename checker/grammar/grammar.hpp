// The grammar of Chinese official text: the one place that reads spaces, numerals, amounts,
// dates and heading numbers. Every stage that needs one of these calls this module; nothing
// else in the code base spells a date pattern, a numeral table or a heading-number shape.
//
// What it guarantees:
//  - Every function accepts any bytes (invalid UTF-8 included) and never throws or reads outside
//    the string given. Positions are byte offsets into that string; ranges are [begin, end).
//  - Readers are hand-written scanners, linear in the bytes they look at; nothing allocates a
//    pattern. They keep no state: every function is pure and safe to call from any thread.
//  - Input is normalised text (full-width digits and letters already folded to ASCII, t2s done),
//    except where a function says it reads printed source (HeadingDialect::source).
//  - A date that has a date's shape but names no calendar day (2024年2月30日, 2020-13-05 in the
//    lenient readers) is returned with its fields as printed; Date::valid() tells. Callers use that
//    for meta.date.invalid.
//
// What it does not do: metadata labels. The three label lists (extract/metadata.cpp: keys and
// strength per spelling; parse/html_classify.cpp: a bit mask over 29 labels that flags a block as
// metadata; parse/text.cpp: 12 label prefixes that make a flattened table a metadata table) are
// not one vocabulary with three spellings but three different sets with three different jobs:
// widening the parser's lists to the extractor's would flag more blocks in_metadata and change
// outlines and findings, narrowing the extractor's would lose fields. They stay where they are.
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"

namespace gk::grammar {

// ---------------------------------------------------------------------------------------------
// Spaces and trimming

// ASCII whitespace (\t \n \v \f \r and space), NBSP, U+2000–U+200B (en/em/thin/zero-width
// spaces), U+202F, U+3000 (ideographic space) and U+FEFF (BOM / zero-width no-break space).
bool is_space(char32_t c);
// Byte length of the space code point starting at byte i of s, 0 when there is none.
std::size_t space_len(std::string_view s, std::size_t i);
// The first byte at or after i (and before end) that does not start a space.
std::size_t skip_spaces(std::string_view s, std::size_t i, std::size_t end = std::string_view::npos);

// s without spaces at either end.
std::string_view trim(std::string_view s);
// Narrows [b, e) of s past spaces and the given extra strings (UTF-8 sequences, e.g. "：") at both
// ends, interleaved: trim_range("：\u3000值，", …, {"：", "，"}) keeps 「值」.
void trim_range(std::string_view s, std::size_t& b, std::size_t& e,
                const std::vector<std::string_view>& extra = {});
// s with every space removed.
std::string remove_spaces(std::string_view s);

// ---------------------------------------------------------------------------------------------
// Numerals

// 〇/零 → 0, 一 … 九 → 1 … 9, 两 → 2; -1 for anything else.
int chinese_digit(char32_t c);
// The characters of a heading or list numeral: 〇 零 一 二 两 三 … 九 十.
bool is_numeral_char(char32_t c);

// A whole Chinese numeral, spaces at the ends ignored: positional "一"→1, "十"→10, "十一" and
// "一十一"→11, "二十一"→21, "一百零五"→105, "两千"→2000, "一万二千"→12000, or digit by digit
// "二〇二〇"→2020, "〇"/"零"→0. nullopt for anything else ("三四十", "零十", "万", "两两", "").
std::optional<long long> parse_chinese_numeral(std::string_view s);
// The numerals of month, day and 「一是」 enumerations: 一 … 九, 十, 十一 … 十九, X十, X十Y (also
// "一十一"), 1 … 99. No 〇/零/两 and no digit-by-digit forms ("二二"). nullopt otherwise.
std::optional<int> parse_chinese_small(std::string_view s);
// A whole run of ASCII digits (at most 18), spaces at the ends ignored; nullopt otherwise.
std::optional<long long> parse_arabic(std::string_view s);

// ---------------------------------------------------------------------------------------------
// Amounts: a number with an optional unit

struct Number {
    Decimal value;
    std::string unit;         // "", "元", "万元", "亿元", "件", "条", "%", ... as printed after the digits
    bool explicit_sign = false;
    // value in 元 when unit is 元/千元/万元/百万元/亿元
    std::optional<Decimal> yuan() const;
};

// Reads a whole cell or token: optional sign (+ - U+2212), digits with thousands commas, one
// decimal point, then optionally one known unit (元 千元 万元 百万元 亿元 万 亿 % ‰ 件 条 个 项 次 人
// 人次 份 期 家 场 篇 部 批 天 日 小时 万条 万件 万人次 余条 余件 余次 户 处 起 名); spaces around the
// parts ignored. nullopt when the text is not one such number ("3项工作", "1.", "").
std::optional<Number> parse_number(std::string_view normalised);

// ---------------------------------------------------------------------------------------------
// Dates

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
    std::string iso() const; // YYYY-MM-DD (fields as they are, even when not a calendar day)
    // A calendar day of the years 1900–2200.
    bool valid() const;
};

enum class DateForm {
    numeric, // year, month, day separated by - / . or 年 月 in any mix: 2024-01-05, 2024/1/5, 2024年1-5
    ymd,     // 2024年1月5日 (年 月 日, 日 printed)
    chinese, // 二〇二四年一月五日, 一九八一年五月二十三日 (年 月 日 all printed)
};

struct DateMatch : Date {
    std::size_t begin = 0, end = 0; // byte range of the date in the searched text (日 included)
    DateForm form = DateForm::numeric;
    bool day_mark = false;     // 日 printed after the day
    bool dashed = false;       // both separators are - / . (ISO-like)
};

// Reads the date that starts exactly at byte `at`, with spaces allowed around separators:
//   year   (19|20)dd, or four of 〇 零 ○ O 一 … 九 (digit by digit);
//   month  one or two digits, or parse_chinese_small of one to three characters;
//   day    likewise, then optionally 日.
// Arabic dates take the separators - / . 年 (after the year) and - / . 月 (after the month) in
// any mix; Chinese-numeral dates need 年 月 日. Months and days are returned as printed (no range
// check). Greedy: two digits are taken when there are two.
std::optional<DateMatch> date_at(std::string_view s, std::size_t at);

// The metadata reader: the first date at or after `from` whose month is 1–12 and day 1–31, with
// Arabic digits, not glued to a digit before or after (「12020-01-01」, 「编号2020-04825」 are not
// dates). With `anchored`, only a date starting at `from` (after spaces) counts.
// Examples: "2020-11-05 15:37", "2018年12月04日", "2018-8-1", "2018- 08- 21", "2021/9/26".
std::optional<DateMatch> find_date(std::string_view s, std::size_t from = 0, bool anchored = false);

// The lenient reader of the page checks: the first date in `s` that is ISO-like (2020-12-18,
// 2020/12/18, 2020.12.18), 年月日 with 日 (2018年8月20日) or Chinese-numeral (二〇二〇年十二月十七日),
// wherever it stands. Fields as printed, possibly not a calendar day (2020年2月30日, 2020-13-05).
std::optional<DateMatch> first_date(std::string_view s);

// The first four-digit year 19xx/20xx followed (after spaces) by 年 and not glued to a digit before
// it: 「2020年度」 → 2020, 「12020年」 → none.
std::optional<int> find_year(std::string_view s);

// `s`, spaces at the ends ignored, is exactly one date of any form date_at reads.
std::optional<DateMatch> whole_date(std::string_view s);

// ---------------------------------------------------------------------------------------------
// Heading numbers

enum class HeadingForm {
    chinese,       // 一、 一. 一．             level 1
    paren_chinese, // (一) （一）               level 2
    arabic,        // 1. 1、 1．                level 3
    paren_arabic,  // (1) （1）                 level 4
    chapter,       // 第一章 第一部分 第一篇 (1), 第一节 (2)   (source dialect only)
    markdown,      // # … ###### (level = number of #)  (source dialect only)
};

struct HeadingNumber {
    int level = 0;
    int value = 0;            // 一 → 1, （3） → 3; 0 for markdown
    HeadingForm form = HeadingForm::chinese;
    std::size_t begin = 0;    // where the number (or its parenthesis) starts
    std::size_t numeral_begin = 0, numeral_end = 0; // the numeral itself ("一", "12")
    std::size_t end = 0;      // after the number and its punctuation (and, normalised, trailing spaces)
};

enum class HeadingDialect {
    // Normalised text (extract, check): numerals of one to three 〇零一二两三四五六七八九十 with a
    // value 1–99, Arabic numbers of one or two digits (1–99); spaces allowed inside
    // (「（ 一 ）」 「1 .」); after a closing parenthesis an optional 、 . ．; 「1.」 is not a heading
    // when a digit follows (「1.5万」, 「1. 2020年」) or precedes (「2020.1」); 「一.」 may be
    // followed by anything.
    normalised,
    // Printed source lines (the plain-text parser): no spaces inside; Chinese numerals of up to
    // four characters with a value 1–999; Arabic digits ASCII or full-width, 1–99, the number
    // alone in its parentheses; 「一.」 and 「1.」 not before a digit; also 第X章/节/部分/篇 and
    // markdown #. Only at the start of the string (at = 0) for markdown.
    source,
};

// Reads the heading number that starts exactly at byte `at`. Characters before `at` are looked at
// only for the normalised 「1.」 rule above. Cheap to call at every position: anything that does
// not start with a numeral character, a digit, ( （ 第 or # is rejected by its first byte (or, for
// a few CJK lead bytes, its first code point) before any further work.
std::optional<HeadingNumber> read_heading_number(std::string_view s, std::size_t at,
                                                 HeadingDialect dialect = HeadingDialect::normalised);

// True when the byte at `at` can start a heading number of either dialect (a cheap pre-filter).
bool may_start_heading(std::string_view s, std::size_t at);

} // namespace gk::grammar
