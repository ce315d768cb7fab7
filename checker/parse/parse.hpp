// Parse: decoded source → ordered Blocks (see document/document.hpp).
#pragma once

#include <string_view>
#include <vector>

#include "document/document.hpp"

namespace gk {

// Dispatches on doc.format ("html" | "text" | "docx" | "pdf"). html and text require doc.source
// and doc.lines set by ingest; docx and pdf read doc.binary (the original bytes, released after
// parsing) and build source, lines, blocks and loci themselves (see Locus in
// document/document.hpp), or add a fatal InputError. Directives are found in html and text only.
void parse_document(Document& doc);

// Word (.docx, WordprocessingML) via libzip and pugixml: see parse/docx.cpp. Same contract as
// parse_pdf (parse/pdf.hpp).
void parse_docx(Document& doc, std::string_view bytes);

// HTML via libxml2's HTML parser (recover, no network, no external entities). Tables keep their
// grid (rowspan/colspan expanded), page furniture is flagged boilerplate, hidden elements are
// flagged hidden, Word conditional comments and mso- styles never leak into text.
void parse_html(Document& doc);

// Plain text: paragraphs, headings, pipe tables (| cell | lines, seed 000 form), markdown tables,
// tables without pipes (tab-separated "tsv", space-aligned "aligned", one cell per line "cells":
// parse/text_grid.hpp), and run-together table regions of crawler plain text (kept as
// Table{form="runtogether"}).
void parse_text(Document& doc);

// The suppression directives of a decoded source (see Directive in document/document.hpp):
// `<!-- gkcheck-… -->` comments in HTML and text, and in text also lines that start with
// `gkcheck-disable`, `gkcheck-enable` or `gkcheck-disable-next-line`. Anything else is not a
// directive (a comment that merely mentions gkcheck, a word inside a sentence).
std::vector<Directive> find_directives(std::string_view source, std::string_view format);

} // namespace gk
