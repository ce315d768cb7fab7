// Check characters of Chinese organisation identifiers used as 索引号 prefixes.
//
//  - 统一社会信用代码 (GB 32100-2015): 18 characters over the 31-character alphabet
//    0-9 A-H J-N P-R T U W-Y (no I O S V Z); character 18 is the check character:
//    C18 = 31 - (Σ value(ci)·wi mod 31), wi = 3^(i-1) mod 31, a result of 31 written as 0.
//  - 组织机构代码 (GB 11714-1997): 8 body characters (digits or capital letters, A=10 … Z=35)
//    and a check character: C9 = 11 - (Σ value(ci)·wi mod 11), wi = 3 7 9 10 5 8 4 2,
//    10 written as X and 11 as 0.
// Characters 9–17 of a 统一社会信用代码 are the holder's 组织机构代码 (with its own check).
//
// Functions take exactly the characters of the code (no hyphens); they never throw.
#pragma once

#include <optional>
#include <string_view>

namespace gk::page {

// The check character (18th) for the first 17 characters; nullopt when a character is outside
// the alphabet or the length is not 17.
std::optional<char> uscc_check_char(std::string_view first17);
// True when `code` is 18 characters of the alphabet whose 18th is the correct check character.
bool uscc_valid(std::string_view code);

// The check character for an 8-character 组织机构代码 body; nullopt on bad input.
std::optional<char> org_code_check_char(std::string_view body8);
bool org_code_valid(std::string_view code9);

} // namespace gk::page
