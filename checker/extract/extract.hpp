// Extract: Document (normalised) → Facts. Each part lives in its own file.
#pragma once

#include "document/document.hpp"
#include "extract/facts.hpp"

namespace gk {

Facts extract(const Document& doc);

void extract_type_and_year(const Document& doc, Facts& facts); // extract/doctype.cpp
void extract_outline(const Document& doc, Facts& facts);       // extract/outline.cpp
void extract_metadata(const Document& doc, Facts& facts);      // extract/metadata.cpp
void extract_annual_tables(const Document& doc, Facts& facts); // extract/annual_tables.cpp

} // namespace gk
