// The boundary between the PDF layout (parse/pdf.cpp, parse/pdf_layout.cpp: in the core) and
// poppler (parse/pdf_poppler.cpp). Poppler and the libraries it pulls in (NSS, freetype, lcms2,
// openjpeg, tiff …: 27,000 relocations for libpoppler alone) cost a process about 9 ms to load,
// more than a whole simplified document's check: the gkcheck binary does not link them, and
// loads the reader as a module (gkcheck-pdf.so, beside the binary) on its first PDF. The tests
// and fuzz targets link the reader in (parse_pdf then calls it directly).
//
// gk_pdf_read fills `out` from the bytes of a PDF: every page's words with their boxes, turned
// upright (parse/pdf_layout.hpp's Word and Page), and the document-information title; or a status
// saying why not. It never throws (an exception inside becomes `invalid`) and keeps no state
// between calls but poppler's silenced error callback, so it may run on several threads at once.
// Both sides are built from this header by the same compiler, so the C++ types are shared as
// they are.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "parse/pdf_layout.hpp"

namespace gk::pdfparse {

struct Reading {
    enum class Status { ok, invalid, encrypted };
    Status status = Status::ok;
    std::string diagnostic; // invalid: poppler's first message ("poppler: …"), or empty
    std::vector<Page> pages;
    std::string title;      // the document-information Title, as UTF-8 (may be empty)
};

} // namespace gk::pdfparse

// The reader's entry point, by this name in the module (dlsym) and in the static reader.
extern "C" void gk_pdf_read(const char* data, std::size_t size, gk::pdfparse::Reading* out);
