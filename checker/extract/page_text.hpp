// The facts of a published page beyond the metadata block: which blocks are the document body,
// the 文号 printed in the body, the issuing-organ signature (落款) with its date, the 公开属性
// markings, the metadata dates as values and the 索引号's parts. extract_page_facts() fills them
// into Facts once per document; the check kinds (meta_*, label_*, format_*, content_*) read Facts.
//
// Guarantees: pure functions of (Document, Facts, Catalogue); never throw; offsets are
// decoded-source byte offsets (Finding::offset) of the original characters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "catalogue/disclosure.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"
#include "normalise/dates.hpp"

namespace gk::page {

// Body blocks: text blocks that are not page furniture, not hidden, not part of the metadata
// block (flagged by the parser, or holding a metadata field's offset), in document order.
std::vector<std::size_t> body_blocks(const Document& doc, const Facts& facts);

// A metadata field with a non-empty value, or nullptr (Facts::field).
const MetaField* meta(const Facts& facts, const std::string& key);

// The valid date a metadata field holds (its value, else as printed), or nullopt.
std::optional<Date> field_date(const Facts& facts, const std::string& key);

// The document's own 文号 printed as a line of its own in one of the `body` blocks.
std::optional<BodyDocNo> find_body_docno(const Document& doc, const std::vector<std::size_t>& body);

// The first issuing-organ signature in the `body` blocks.
std::optional<Signature> find_signature(const Document& doc, const std::vector<std::size_t>& body);

// Whether a line is only an organ name (「上海市人民政府办公厅」): the first line of a two-line
// signature, or an organ named alone at the end of a text.
bool is_organ_line(std::string_view line);

// Every 公开属性 marking of `lexicon` in the `body` blocks, in document order.
std::vector<Marking> find_markings(const Document& doc, const std::vector<std::size_t>& body,
                                   const DisclosureLexicon& lexicon);

} // namespace gk::page

namespace gk {

// Fills the page facts of `facts` from the document and its metadata (already extracted):
// body_blocks, body_docno, signature, disclosure (when the catalogue has a disclosure lexicon),
// dates, index_number and the privacy scan (when the catalogue has a privacy config). Called
// once by extract(); tests call it on hand-built metadata.
void extract_page_facts(const Document& doc, const Catalogue& catalogue, Facts& facts);

} // namespace gk
