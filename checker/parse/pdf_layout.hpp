// PDF layout: words with positions → the Document model (internal to the parse stage, used by
// parse/pdf.cpp, which reads the words with poppler; tested and fuzzed directly).
//
// Input: for each page its size and the words poppler found (UTF-8 text, box in points, origin
// top-left, y growing downwards, in the page's displayed orientation, so a /Rotate page reads
// upright). Output: Document::source — a derived UTF-8 rendering, one source line per text line
// of the PDF, in reading order; the pieces of a line that stand apart (cells of a table, items
// spaced out) separated by a tab, words by a space where the PDF spaced them — and the blocks
// over it, every block and cell text a concatenation of exact byte ranges of that rendering.
//
//  - Lines: words whose vertical centres lie within 0.45 em, left to right; a gap over 0.8 em
//    starts a new piece ("fragment"). The em is the page's median CJK advance (or glyph height).
//  - Reading order per page: a page whose lines leave one vertical gutter in its middle third,
//    with prose (one fragment) on both sides of it on most lines, is read as two columns, the
//    left one first; lines crossing the gutter (a title) stay in place between column runs.
//  - Page furniture: a line among the first or last two of a page, in its top or bottom 12%,
//    whose text (digits ignored) recurs so on at least half of the pages (and two), or that is
//    a page number by itself (「— 7 —」, 「第 3 页 共 9 页」, 「3/9」: textparse::page_footer), is a
//    boilerplate block: kept in the source, never checked, never part of a paragraph or a table.
//  - Tables are rebuilt from positions: a run of lines of two or more fragments (with short
//    one-fragment lines between them, the wrapped parts of cells) holding at least four numbers
//    is a table. Fragments stacked within 1.9 em, overlapping in x, neither a number nor starting
//    with an item number, are one cell (a cell wrapped over lines; joined without a separator).
//    Rows are the baselines of the number cells; a label cell belongs to the number row nearest
//    its centre among those its lines reach, others (headers, group labels) form rows of their
//    own at their top; cells of a row are ordered by x. A table that ends a page and one that
//    starts the next with the same number columns (x within 1 em) are one table; a header row
//    repeated at the top of the next page is dropped. Columns are the number cells' x-ranges,
//    plus those of the header's leaf cells (a header line with no header line under it; one line
//    of words split at cell-padding gaps when every figure column under it is centred under one
//    word) that lie under no figure: a column blank all the way down. A part of a table with no
//    header (after a long label, on the next page) takes the columns of the part above. A label
//    printed with no figure between rows of figures is a row of blank cells. Rulings are not read (poppler's C++ API
//    gives no vector graphics): cells are separated by whitespace only, so a table whose cells
//    touch without a gap comes out as fewer cells (the extract stage then leaves values null).
//  - Paragraphs: consecutive prose lines are joined, across a page break too, while a line
//    reaches its column's right edge (within 1.5 em) and the next one is not indented, not a
//    heading and not further than 1.7 line pitches below; CJK text is joined without a space,
//    Latin text with a (synthetic) space. A short line starting with a section number (一、 （一）
//    1.) that ends no sentence before its end is a heading of that number's level.
//
// Guarantees: never throws on any input (NaN or huge coordinates, empty words, invalid UTF-8
// are tolerated); loci has one entry per line of `doc.source` (1-based page and line); work is
// O(n log n) in the words plus O(n·k) in a table's fragments, k the open cells of its rows.
#pragma once

#include <string>
#include <vector>

#include "document/document.hpp"

namespace gk::pdfparse {

struct Word {
    std::string text;                     // UTF-8
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0; // points, top-left origin
    bool space_after = false;             // poppler saw a space after the word
};

struct Page {
    double width = 0, height = 0;
    std::vector<Word> words;
};

// Where a line of the derived source came from.
struct LineLocus {
    int page = 0; // 1-based
    int line = 0; // 1-based, in the page's reading order
};

// Fills doc.source, doc.lines and doc.blocks (appending) from the pages; returns one locus per
// line of doc.source. Table blocks have form "pdf".
std::vector<LineLocus> layout(const std::vector<Page>& pages, Document& doc);

} // namespace gk::pdfparse
