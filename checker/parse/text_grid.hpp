// Text tables without pipes, as copy-paste and PDF converters leave them (internal to the parse
// stage, used by parse/text.cpp):
//  - "tsv": rows of tab-separated cells (a table copied from Word or a browser); an empty field
//    between two tabs, or before a line's trailing tab, is a blank cell;
//  - "aligned": rows of cells separated by runs of two or more spaces (`pdftotext -layout`);
//  - "columns": an aligned table whose blank cells were placed by position: where the columns
//    can be told from where the header cells and the figures stand (display width, a CJK
//    character two columns), every row of figures has one cell per column, an empty cell where
//    nothing is printed — only when every figure falls under exactly one column; a region after
//    lone labels without a header of its own keeps the columns of the region above;
//  - "cells": one cell per line (text from PDF, a table copied cell by cell).
// Blank lines and page footers inside a region are layout, never cells: a blank cell of an aligned
// table whose columns cannot be told leaves no trace, so such a row has fewer cells and extract
// leaves its values null (not verifiable) rather than guess their columns. A one-per-line table
// copied from Word or a browser writes a blank cell as an empty line, which pdftotext also writes
// between blocks: a "cells" grid therefore lists its blank lines apart (`blank_lines`), never as
// cells, and extract reads them as blank cells only when that places every row exactly.
//
// A region is a run of table-like lines — multi-cell lines, lone values, short labels — with at
// least four numeric cells; one line of values is enough under a multi-cell header (表四), and
// one cell per line needs two values in a row (a 序号 column between labels is a list). It
//  - never starts at a lone label when its rows have several cells (captions, headings and text
//    fragments stay paragraphs), nor at a numbered line no value follows, nor at a long line
//    (> 20 code points) before the first value unless that value follows it;
//  - ends at prose (a line over 48 code points or ending a sentence), a pipe, image or markdown
//    heading line, two lone labels between multi-cell rows, a section heading that continues the
//    document's outline (the next 一、二、… after the last one seen) unless a value follows it (then
//    it is a row label such as 「四、结转下年度继续办理」), or 48 non-blank lines without a value;
//  - drops trailing lines without a number (they belong to what follows).
// A tab-separated or short-celled aligned header row with no values under it, standing alone
// between captions, is a table too. The recogniser is generic: it knows no template label;
// placing the cells is the extract stage's job (extract/annual_tables.cpp).
//
// Guarantees: every cell is an exact, trimmed byte range of the source; lines are never split
// or merged; a region's lines are consecutive in the source; a region is looked for over at most
// 400 lines from its start (a longer table goes on as the next region), so parsing stays linear.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk::textparse {

struct SourceRange {
    std::size_t begin = 0, end = 0; // bytes of the source; trimmed
    bool empty() const { return begin >= end; }
};

struct TextGrid {
    std::size_t first_line = 0, end_line = 0; // the region: line indices [first_line, end_line)
    std::string form;                          // "tsv" | "aligned" | "columns" | "cells"
    std::vector<std::vector<SourceRange>> rows;
    // "cells" only: the blank lines between the region's first and last line (page footers
    // excluded) and those right after its last line, as (index of the row that follows — rows.size()
    // for those after — , byte offset of the line).
    std::vector<std::pair<std::size_t, std::size_t>> blank_lines;
};

// Whether a cell of a text grid is a figure: grammar::parse_number on the cell trimmed, with
// full-width digits and signs folded (「１２」 「－３」), and no unit but 件 个 项 条 元 万元 亿元 %.
bool is_number(std::string_view cell);

// Finds text grids in one document. `lines` are its lines (trimmed ranges; blank when
// begin >= end); both must outlive the finder. Each line is classified once, however many scans
// look at it.
class TextGridFinder {
public:
    TextGridFinder(std::string_view src, const std::vector<SourceRange>& lines);
    ~TextGridFinder();
    TextGridFinder(const TextGridFinder&) = delete;
    TextGridFinder& operator=(const TextGridFinder&) = delete;

    // The region that starts at line `at`, if any. `last_top` is the value of the last level-1
    // section heading seen before it (0 when none).
    std::optional<TextGrid> at(std::size_t at, int last_top);

private:
    struct Memo;
    std::unique_ptr<Memo> memo_;
};

} // namespace gk::textparse
