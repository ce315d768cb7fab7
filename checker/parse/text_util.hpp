// Shared helpers of the plain-text parser (parse/text*.cpp). Internal to the parse stage.
//
// Guarantees: every helper works on byte ranges of Document::source, so block texts built from
// them map each byte to its exact source offset; no helper reads outside [begin, end).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.hpp"

namespace gk::textparse {

// A decoded code point and the byte offset (in the source) where it starts.
struct Cp {
    char32_t cp;
    std::size_t at;
};

// Decodes source[begin, end). The returned vector has one extra sentinel {0, end}.
std::vector<Cp> decode(std::string_view source, std::size_t begin, std::size_t end);

bool is_blank(char32_t c); // ASCII whitespace, U+3000, NBSP, BOM and other space-like code points
bool is_chinese_digit(char32_t c); // 〇零一二两三四五六七八九十
bool is_sentence_end(char32_t c);  // 。；：！？ and ASCII ;:!?

// Trims blanks from both ends of source[begin, end) (in place).
void trim(std::string_view source, std::size_t& begin, std::size_t& end);

// source[begin, end) as a MappedText whose byte i maps to begin + i.
MappedText mapped(std::string_view source, std::size_t begin, std::size_t end);

// A section number at the start of a text: 一、 (1), (一)/（一） (2), 1. 1、 (3), (1)/（1） (4),
// 第一章 (1), 第一节 (2), markdown #.. (number of #).
struct HeadingNumber {
    int level = 0;
    int value = 0;          // numeric value (一 → 1); 0 for markdown
    std::size_t bytes = 0;  // length of the number prefix, including its punctuation
};
std::optional<HeadingNumber> match_heading_number(std::string_view s);

// Value of a Chinese numeral of at most a few characters (一 → 1, 十二 → 12); 0 if none.
int small_chinese_value(std::string_view s);

} // namespace gk::textparse
