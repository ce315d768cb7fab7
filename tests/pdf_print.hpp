// PDFs for the tests, made at test time (never committed): printed from HTML by headless
// chromium (installed by tools/setup), post-processed by qpdf (rotation, encryption) and
// poppler-utils (an image-only "scan"). Each result is cached in the build tree under
// pdf-cache/, keyed by the SHA-256 of its inputs, so a re-run prints nothing; GK_PDF_CACHE
// names another cache directory (CI can share one between its builds).
#pragma once

#include <string>

namespace gk::test {

// The cache directory (created on first use).
std::string pdf_cache_dir();
// The PDF chromium prints from an HTML file (`header_footer`: with chromium's own running
// header — date, title — and footer — URL, 「1/9」 — on every page). Throws on failure.
std::string printed_pdf(const std::string& html_path, bool header_footer = false);
// The same for an HTML text (written to the cache first).
std::string printed_html(const std::string& html, bool header_footer = false);
// `pdf` rotated by 90° (qpdf --rotate=+90), encrypted (qpdf, AES-256, `user_password` may be
// empty: opens without one), or re-made image-only (every page rasterised by pdftoppm, the
// images printed again by chromium: a scan, no text layer).
std::string rotated_pdf(const std::string& pdf);
std::string encrypted_pdf(const std::string& pdf, const std::string& user_password);
std::string scanned_pdf(const std::string& pdf);

} // namespace gk::test
