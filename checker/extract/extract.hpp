// Extract: Document (normalised) → Facts. Each part lives in its own file.
#pragma once

#include "catalogue/catalogue.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"

namespace gk {

// Everything the stage needs from the rules directory comes from `catalogue`.
Facts extract(const Document& doc, const Catalogue& catalogue);

void extract_type_and_year(const Document& doc, Facts& facts); // extract/doctype.cpp
void extract_outline(const Document& doc, Facts& facts);       // extract/outline.cpp
void extract_metadata(const Document& doc, Facts& facts);      // extract/metadata.cpp
void extract_annual_tables(const Document& doc, const AnnualTemplates& templates, Facts& facts); // extract/annual_tables.cpp

} // namespace gk
