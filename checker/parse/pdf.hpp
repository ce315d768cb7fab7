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
#pragma once

#include <string_view>

#include "document/document.hpp"

namespace gk {

void parse_pdf(Document& doc, std::string_view bytes);

} // namespace gk
