// PDF input (poppler's C++ API): the derived UTF-8 rendering of the text layer and its blocks.
#pragma once

#include <string_view>

#include "document/document.hpp"

namespace gk {

// Reads a PDF's text layer with positions (poppler) and lays it out (parse/pdf_layout.hpp):
// doc.source becomes the derived rendering (one line per PDF text line), doc.lines its index,
// doc.blocks the paragraphs, headings and tables. Problems become fatal InputErrors on doc:
// `input.pdf-invalid` (poppler cannot open it), `input.pdf-encrypted` (it needs a password;
// an encrypted PDF that opens with the empty user password is read), `input.pdf-no-text`
// (no page has a text layer: a scan; OCR is out of scope). Never throws; poppler's own
// diagnostics are silenced.
void parse_pdf(Document& doc, std::string_view bytes);

} // namespace gk
