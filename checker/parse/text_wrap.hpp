// Text from PDF (pdftotext, copy-paste from a viewer): running page footers and hard line breaks
// inside paragraphs (internal to the parse stage, used by parse/text.cpp).
//
//  - page_footer(): a line that is only a page number — 「— 3 —」 「-3-」 「－ 3 －」 「第3页 共9页」
//    「第 3 页」 「共9页 第3页」 「3/9」 — is page furniture. The parser keeps it as a boilerplate
//    block (never checked, never part of a paragraph or a table).
//  - wrap_width(): the display width (a CJK character counts two) at which the document's
//    paragraphs were broken, or 0 when they were not. A document is wrapped when at least
//    kMinWrapped lines not ending a sentence reach one width W (±1) of at least 40, and they are
//    most of the lines that long; a document of one paragraph per line is never wrapped.
//  - a line that reaches the wrap width and does not end a sentence continues on the next text
//    line (a page footer and blank lines between them are skipped), which parse/text.cpp joins
//    into one paragraph. The joined text is the lines' bytes, concatenated without a separator
//    (Chinese text wraps without spaces), each byte still mapped to its own source offset.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "parse/text_grid.hpp"

namespace gk::textparse {

bool page_footer(std::string_view line);

// Display width of a line: 2 per wide (CJK, full-width) code point, 1 otherwise.
std::size_t display_width(std::string_view s);

// `lines` as in text_grid.hpp. Lines inside pipe tables or holding tabs are not looked at.
std::size_t wrap_width(std::string_view src, const std::vector<SourceRange>& lines);

// Whether `line` was broken at the wrap width `width` (nonzero) inside a sentence.
bool wrapped_line(std::string_view line, std::size_t width);

} // namespace gk::textparse
