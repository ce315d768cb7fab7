// Small text helpers shared by the first-pass extractors (metadata, type/year, outline). Dates,
// numerals, heading numbers and trimming are grammar/grammar.hpp.
//
// What they guarantee: every function accepts any bytes (invalid UTF-8 included) without
// crashing; positions are byte offsets into the string given; compiled patterns are built once
// per process.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "document/document.hpp"

namespace gk::extract_util {

// Year printed in a document number: "国办发〔2018〕15号", "[2008]", "﹝2018﹞", "(2020)".
std::optional<int> doc_number_year(std::string_view s);

// True when the whole string is a document number ("国办发〔2019〕3号", "国令第706号").
bool is_document_number(std::string_view s);

// The original text (from Document::source) that produced norm bytes [b, e). Falls back to the
// normalised bytes when the mapping is not a plain forward run.
std::string printed(const Document& doc, const MappedText& norm, std::size_t b, std::size_t e);

std::size_t code_points(std::string_view s);

// The first `n_blocks` readable, non-hidden blocks' normalised text joined with '\n'
// (table cells joined with '|'), cut at `max_bytes`. For whole-opening signals only (no offsets).
std::string opening_text(const Document& doc, std::size_t n_blocks, std::size_t max_bytes);

// Document type named by a title's head noun (the end of a Chinese title): "annual-report"
// (…政府信息公开工作年度报告, …信息公开年报), "notice" (通知 通报 公告 意见 决定 批复 函 条例 办法
// 规定 …, and 情况 work bulletins), "plan" (方案 计划 规划 要点), "summary" (总结), "guide" (指南),
// or "" when the title ends in none of them. Trailing brackets such as （试行） are ignored, so
// 「关于…年度报告…的通知」 is a notice and 「…指南（试行）」 a guide.
// True when `text` holds one of `heads`, then at most `max_gap` code points none of which is 。,
// then one of `tails`: RE2::PartialMatch of (?:h1|h2|…)[^。]{0,max_gap}?(?:t1|t2|…) (the words
// taken literally), without compiling a bounded gap of a negated class, which costs RE2 ~0.5 ms
// in every process. An invalid byte ends a gap, as it matches no RE2 class. O(occurrences of
// the heads × max_gap × tails): for short texts (the opening of a document).
bool head_gap_tail(std::string_view text, std::span<const std::string_view> heads, std::size_t max_gap,
                   std::span<const std::string_view> tails);

// Removes a bracketed qualifier of at most 20 characters that ends `t` (（试行）, (暂行), 【…】,
// [...]); true when it removed one.
bool strip_bracket_tail(std::string& t);
std::string type_from_title(std::string_view title);

// A table row (span copies skipped) as one MappedText: cell norms joined by a synthetic '|'.
MappedText row_text(const std::vector<Cell>& row);

} // namespace gk::extract_util
