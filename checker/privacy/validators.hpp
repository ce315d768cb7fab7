// Validators for personal identifiers found in disclosed documents, and the masks used to show
// or hide them. Functions over ASCII strings (digits, 'X', '*'); no state, thread-safe. Pure,
// except that real_birth_date (and analyse_id through it) reads the system clock for "today".
//
// Guarantees:
//  - id18_check_digit (and IdAnalysis::check_digit) implement GB 11643 (ISO 7064 MOD 11-2);
//  - a "real date" is a calendar date (leap years included) from 1900-01-01 to today, today
//    being the system clock's UTC date;
//  - province codes are the 34 first-level codes of GB/T 2260 (71 台湾, 81 香港, 82 澳门
//    included) plus 83 (residence permits of Taiwan residents);
//  - mask_* never return the full value: at least the characters promised are replaced by '*'.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gk::privacy {

// Province (first two digits of the 6-digit area code) → Chinese name, or nullptr if no such code.
const char* province_name(std::string_view two_digits);

// True when yyyy-mm-dd is a real calendar date between 1900-01-01 and today (system clock).
bool real_birth_date(int year, int month, int day);

// The ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') of the first 17 digits; '\0' if the
// input is not 17 ASCII digits.
char id18_check_digit(std::string_view first17);

struct IdAnalysis {
    bool shape = false;        // 17 digits + digit/X (18) or 15 digits
    bool province = false;     // known province code
    bool date = false;         // real birth date
    bool check_digit = false;  // MOD 11-2 matches (always true for the 15-digit form)
    std::string birth;         // YYYY-MM-DD when the date is real
    std::string province_zh;   // e.g. "北京"
    bool valid() const { return shape && province && date && check_digit; }
};
// Analyses an 18-character (upper/lower x accepted) or 15-digit candidate.
IdAnalysis analyse_id(std::string_view value);

// Luhn (mod 10) checksum over ASCII digits; false for any non-digit or fewer than 2 digits.
bool luhn_valid(std::string_view digits);

// A mobile number without prefix: 11 digits starting 13–19 with an allocated second/third digit.
bool plausible_mobile(std::string_view digits);

// Masks as written by redact and shown in findings.
//  ID 18: first 6 + 8 '*' + last 4 (birth date hidden); ID 15: first 6 + 6 '*' + last 3.
//  Mobile: 3 + "****" + 4.  Bank card: all '*' but the last 4.
std::string mask_id(std::string_view value);
std::string mask_mobile(std::string_view digits);
std::string mask_bank(std::string_view digits);

// Judging a mask that is already in a document (a string of digits/X and '*').
struct MaskAssessment {
    int hidden = 0;             // number of '*'
    bool reveals_birth_date = false; // ID: every character of the birth date is visible
    bool weak = false;
    std::string why_zh, why_en;
};
// For ID masks (15 or 18 characters): weak when the birth date is fully visible or fewer than
// 8 (18-char) / 6 (15-char) characters are hidden. For bank masks: weak when fewer than 8 are
// hidden. Mobile masks (3+4+4) are the accepted convention and are never weak on their own.
MaskAssessment assess_id_mask(std::string_view mask);
MaskAssessment assess_bank_mask(std::string_view mask);

// Two masks of the same length "stitch" when every position visible in both agrees, at least
// `min_common` positions are visible in both, and together they show more than either alone.
// Returns the union (visible where either is visible) when they stitch.
std::optional<std::string> stitch(std::string_view a, std::string_view b, int min_common);

} // namespace gk::privacy
