// Extract: Document (normalised) → Facts. Each part lives in its own file. Every fact is
// computed here once per document; check kinds only judge them.
#pragma once

#include "catalogue/catalogue.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"

namespace gk {

// Everything the stage needs from the rules directory comes from `catalogue`.
Facts extract(const Document& doc, const Catalogue& catalogue);

void extract_type_and_year(const Document& doc, const AnnualTemplates& templates, Facts& facts); // extract/doctype.cpp
void extract_outline(const Document& doc, Facts& facts);       // extract/outline.cpp
void extract_section_heads(const Document& doc, Facts& facts); // extract/outline.cpp
void extract_metadata(const Document& doc, Facts& facts);      // extract/metadata.cpp
// After metadata and page facts (it reads the title, 发布机构/来源 and the signature).
void extract_agency(const Document& doc, const Catalogue& catalogue, Facts& facts); // extract/agency.cpp
// After the outline and page facts: section signatures for cross.duplicate.
void extract_sections(const Document& doc, const Catalogue& catalogue, Facts& facts); // extract/sections.cpp
void extract_annual_tables(const Document& doc, const AnnualTemplates& templates, Facts& facts); // extract/annual_tables.cpp
// extract_page_facts (body blocks, signature, 文号, 公开属性, dates, 索引号, privacy scan): extract/page_text.hpp

} // namespace gk
