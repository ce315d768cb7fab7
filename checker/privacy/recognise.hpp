// Recognisers for personal data in a normalised Document: resident ID numbers, mobile numbers,
// bank card/account numbers, masked forms of them, and 公示 tables that publish them next to names.
//
// What it guarantees:
//  - Matching runs on Block::norm / Cell::norm (full-width digits already folded); numbers may be
//    written in groups separated by one space or hyphen ("1101 0519 9001 0112 34",
//    "+86 138-1234-5678"). A candidate is always made of whole digit groups: a digit run glued to
//    ASCII letters (索引号 11370983K21344588M, 统一社会信用代码) or part of a decimal is never a candidate.
//  - Every Found value lists the decoded-source offset of each of its characters, so callers can
//    report exact line:column and redact exactly those characters.
//  - The label vocabulary, the patterns (RE2) and the official-contact allow-list are data, read
//    from the <data name="privacy"> element of rulesets/privacy.xml; the Catalogue compiles the
//    one Config of a rules directory at load time. Scanning keeps no state: thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "document/document.hpp"

namespace gk::privacy {

enum class Kind { id_number, mobile, bank_card, address };
const char* kind_id(Kind k);     // "id-number" | "mobile" | "bank-card" | "address"
const char* kind_zh(Kind k);     // 身份证号 | 手机号 | 银行卡号 | 家庭住址

struct Config;

// Loads the privacy data element. Throws std::runtime_error naming what is missing or invalid.
std::shared_ptr<const Config> load_config(pugi::xml_node data);

struct Found {
    Kind kind = Kind::id_number;
    std::string value;                 // ASCII digits (ID may end in 'X'); masks contain '*'
    std::vector<SourceOffset> chars;   // decoded-source offset of each character of `value`
    SourceOffset offset = 0;           // of the first character
    bool masked = false;               // a masked form (for privacy.mask.weak)
    bool confident = true;             // false: lower-confidence match (reported as a warning)
    std::string label;                 // the label seen before it ("身份证号", column header ...)
    std::string why_zh, why_en;        // why it fired
    std::size_t block = 0;
    int row = -1, col = -1;            // table cell, when found in a table
    std::string shown() const;         // the value as findings may show it (masked, never full)
};

// A 公示 table column that publishes personal data next to a name column.
struct ColumnHit {
    Kind kind = Kind::id_number;
    std::string header;                // header text as printed
    SourceOffset offset = 0;           // header cell
    int rows = 0;                      // data rows with an unmasked value
    std::string example;               // one value, masked
    std::size_t block = 0;
};

struct Scan {
    std::vector<Found> values;         // unmasked personal values (id / mobile / bank card)
    std::vector<Found> masks;          // masked forms already in the document
    std::vector<Found> addresses;      // house-number digits in address columns of personal tables
    std::vector<ColumnHit> columns;
};

Scan scan_document(const Document& doc, const Config& cfg);

} // namespace gk::privacy
