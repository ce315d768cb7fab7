// PDF input: the original bytes of a `%PDF-` file → Document::source as a UTF-8 rendering, blocks
// over it, and one Locus per rendered line (page, line on the page; see Locus in
// document/document.hpp).
//
// Called by parse_document (parse/parse.cpp) for format "pdf" with the bytes ingest kept
// (Document::binary); on entry doc.path, doc.sha256 and doc.format are set and doc.source, doc.lines,
// doc.blocks and doc.loci are empty. It must set doc.source, doc.lines (LineIndex over source),
// doc.blocks and doc.loci (loci.size() == doc.lines.line_count()), or add a fatal InputError to
// doc.errors (then nothing else is read). Never throws, never crashes, on any bytes.
// This interface is shared with the docx parser's dispatch: keep it stable.
//
// The reader (parse/pdf.cpp, poppler-cpp from Debian's libpoppler-cpp-dev) takes each page's
// words with their boxes, turned upright when the page's text is rotated, and lays them out
// (parse/pdf_layout.hpp: reading order, furniture, tables from positions, paragraphs).
// Errors, each fatal and alone: `input.pdf-invalid` (poppler cannot open it: damaged, not a PDF),
// `input.pdf-encrypted` (it needs a password; an encrypted PDF that opens with the empty user
// password is read, whatever its copy permission: we only check it, as any viewer shows it),
// `input.pdf-no-text` (no page has a text layer: a scan; OCR is out of scope). The document-
// information Title becomes Document::html_title. Poppler's own diagnostics are silenced.
#pragma once

#include <string_view>

#include "document/document.hpp"

namespace gk {

void parse_pdf(Document& doc, std::string_view bytes);

} // namespace gk
