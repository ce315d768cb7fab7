// What the page checks need to know about a published page beyond Facts: which blocks are the
// document body, the 文号 printed in the body, and the issuing-organ signature (落款) with its
// date. Shared by the meta_*, label_* and format_* check kinds.
//
// Guarantees: pure functions of (Document, Facts); never throw; offsets are decoded-source byte
// offsets (Finding::offset) of the original characters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "normalise/dates.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"

namespace gk::page {

// Body blocks: text blocks that are not page furniture, not hidden, not part of the metadata
// block (flagged by the parser, or holding a metadata field's offset), in document order.
std::vector<std::size_t> body_blocks(const Document& doc, const Facts& facts);

// A metadata field with a non-empty value, or nullptr.
const MetaField* meta(const Facts& facts, const std::string& key);

// The valid date a metadata field holds (its value, else as printed), or nullopt.
std::optional<Date> field_date(const Facts& facts, const std::string& key);

// The document's own 文号 printed as a line of its own in the body (e.g. 「国办发〔2018〕123号」),
// with any bracket style. Citations of other documents inside sentences are not it.
struct BodyDocNo {
    std::string text;       // normalised, as printed
    std::string canonical;  // brackets unified to 〔〕, spaces removed
    SourceOffset offset = 0;
};
std::optional<BodyDocNo> find_body_docno(const Document& doc, const Facts& facts);

// 文号 with brackets unified to 〔〕 and whitespace removed, for comparison.
std::string canonical_docno(std::string_view docno);

// The issuing organ's signature: an organ name (ending in 人民政府/办公室/局/委员会 …) followed by
// a date, on one line or on two consecutive body lines. The first one in the document.
struct Signature {
    Date date;
    SourceOffset date_offset = 0;
    SourceOffset organ_offset = 0;
};
std::optional<Signature> find_signature(const Document& doc, const Facts& facts);

// A 公文: has a 文号 (metadata field or printed in the body) or an issuing-organ signature.
bool is_official_document(const Document& doc, const Facts& facts);

} // namespace gk::page
