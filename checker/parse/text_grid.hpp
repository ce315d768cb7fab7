// Text tables without pipes, as copy-paste and PDF converters leave them (internal to the parse
// stage, used by parse/text.cpp):
//  - "tsv": rows of tab-separated cells (a table copied from Word or a browser); an empty field
//    between two tabs is a blank cell;
//  - "aligned": rows of cells separated by runs of two or more spaces (`pdftotext -layout`);
//  - "cells": one cell per line (text from PDF, a table copied cell by cell).
// Blank lines inside a region are layout, never cells: a blank cell of an aligned or one-per-line
// table leaves no trace, so such a row has fewer cells and extract marks it not verifiable.
// A region is a run of table-like lines — multi-cell lines, lone values, short labels — holding
// at least four numeric cells (on two lines at least when no line has several cells). It never starts at a numbered heading
// that is not followed by a value, and never runs into a section heading that continues the
// document's outline (the next 一、二、… after the last one seen) unless a value follows it (then it
// is a row label such as 「四、结转下年度继续办理」). The recogniser is generic: it knows no
// template label; placing the cells is the extract stage's job (extract/annual_tables.cpp).
//
// Guarantees: every cell is an exact, trimmed byte range of the source; lines are never split
// or merged; a region's lines are consecutive in the source.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk::textparse {

struct SourceRange {
    std::size_t begin = 0, end = 0; // bytes of the source; trimmed
    bool empty() const { return begin >= end; }
};

struct TextGrid {
    std::size_t first_line = 0, end_line = 0; // the region: line indices [first_line, end_line)
    std::string form;                          // "tsv" | "aligned" | "cells"
    std::vector<std::vector<SourceRange>> rows;
};

// `lines` are the document's lines (trimmed ranges; blank when begin >= end). Looks for a region
// that starts at line `at`. `last_top` is the value of the last level-1 section heading seen
// before it (0 when none).
std::optional<TextGrid> text_grid_at(std::string_view src, const std::vector<SourceRange>& lines, std::size_t at,
                                     int last_top);

} // namespace gk::textparse
