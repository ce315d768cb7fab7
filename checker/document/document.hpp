// The document model: what the parsers produce and every later stage reads.
//
// A Document is an ordered list of Blocks over one decoded source. Each block keeps its
// original text (`text`) and, after the normalise stage, a matching form (`norm`); both are
// MappedTexts, so any byte of either maps back to the original file's line:column.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/finding.hpp"
#include "core/text.hpp"

namespace gk {

enum class BlockKind { heading, paragraph, list_item, table, image };
const char* to_string(BlockKind k);

struct Cell {
    MappedText text;       // original text, whitespace-collapsed
    MappedText norm;       // normalised (filled by normalise)
    bool header = false;   // <th> or recognised header row
    // Rowspan/colspan are expanded: a spanned cell is copied into every grid slot it covers;
    // the copies carry the origin of the one source cell.
    int origin_row = 0, origin_col = 0;
    bool span_copy = false; // true for every slot except the top-left one of a spanned cell
};

struct Table {
    std::vector<std::vector<Cell>> rows; // grid after span expansion (rows may differ in length)
    // How the table was written: "html", "docx" (a Word table: a true grid, like "html"), "pipe" (flattened | cell | lines, or rows "a | b |"),
    // "pipe-rows" (every line a whole row "| a | b |", empty cells real), "markdown",
    // "tsv" (tab-separated rows), "aligned" (space-aligned columns, pdftotext -layout), "columns" (aligned, with its blank cells
    // placed by position: empty cells are real), "cells"
    // (one cell per line), "runtogether" (ptxt region whose cells are not separated; cells unknown).
    std::string form;
    MappedText raw;        // for "runtogether": the region's text, cells to be recovered later
    // "cells" only: blank lines inside the region, (index of the row that follows, source offset of
    // the line). Layout or blank cells — the text cannot say which; extract/annual_tables.cpp
    // reads them as blank cells only when that reading places every row of a table exactly.
    std::vector<std::pair<std::size_t, SourceOffset>> blank_lines;
    // "cells" only: the document writes no blank line outside its grids, so every cell — blank
    // ones too — may have a line of its own (blank_lines is then the table's blank cells, perhaps
    // none); false: blank lines are layout and blank_lines is empty.
    bool lines_are_cells = false;
};

struct Block {
    BlockKind kind = BlockKind::paragraph;
    MappedText text;       // original text (entities decoded, whitespace collapsed)
    MappedText norm;       // normalised for matching (filled by normalise)
    int level = 0;         // heading level when known (h1..h6 or numbering level), else 0
    bool hidden = false;   // display:none, visibility:hidden, zero size, off-screen
    bool boilerplate = false; // page furniture (nav, breadcrumbs, 字号, 打印本页, share bars ...)
    bool in_metadata = false; // part of a page's metadata block (索引号 ...)
    std::string tag;       // HTML element name the block came from ("" for text)
    std::shared_ptr<Table> table; // kind == table
    std::string src, alt;  // kind == image
    std::string href;      // a link block / first off-site link inside a hidden block
    // Where the element starts in the source, for blocks that may have no text (an image
    // without alt); offset() falls back to it when `text` is empty.
    SourceOffset element_offset = 0;
    SourceOffset offset() const { return text.empty() ? element_offset : text.source_at(0); }
};

// Links seen in the page (for hidden-link and spam checks).
struct Link {
    std::string href;
    MappedText text;
    bool hidden = false;
};

// An inline suppression directive, found by the parser with its place in the source:
//   HTML:  <!-- gkcheck-disable [ID…] -->  …  <!-- gkcheck-enable [ID…] -->
//          <!-- gkcheck-disable-next-line [ID…] [-- reason] -->
//   text:  the same comments, or the same words alone on a line (`gkcheck-disable ID`).
// IDs are rule ids or id prefixes (as for --disable), separated by commas or spaces; none means
// every rule. Applied after the check stage (check/suppress.hpp).
struct Directive {
    enum class Kind { disable, enable, disable_next_line };
    Kind kind = Kind::disable;
    std::vector<std::string> rules;  // empty: every rule
    std::string reason;              // after " -- "
    SourceOffset offset = 0;         // first byte of the directive in `source`
    SourceOffset end = 0;            // one past its last byte
};

// Where a line of a derived-text rendering is in the original document (docx, pdf).
//
// The parsers of binary formats (parse/docx.cpp, parse/pdf.cpp) do not check the original bytes
// directly: they build `Document::source` as a UTF-8 rendering of the document and blocks whose
// MappedTexts point into it, exactly like the text parser, so every later stage works unchanged
// and a finding's line:column refers to that rendering. `Document::loci` then says, for each
// line of the rendering, where that line is in the original:
//   docx: one line per paragraph (w:p, in body order, those inside table cells and text boxes
//         included): `paragraph` is its 1-based index in that order; a paragraph inside a table
//         cell also has `table` (1-based, body order of the top-level w:tbl; a table nested in a
//         cell is read into that cell and has the cell's locus), `row` and `col` (1-based grid
//         row and column, after gridSpan/vMerge expansion). An empty
//         cell still has a line (empty) with its locus.
//   pdf:  one line per text line of a page: `page` (1-based) and `line` (1-based on the page).
// The character within the line is the finding's column (code points, 1-based): Document::
// locus_at fills `column` from a source offset. Fields that do not apply are 0.
// This interface is shared by both parsers: keep it stable.
struct Locus {
    std::uint32_t paragraph = 0;            // docx
    std::uint32_t table = 0, row = 0, col = 0; // docx table cell (0: not in a table)
    std::uint32_t page = 0, line = 0;       // pdf
    std::uint32_t column = 0;               // 1-based character in the line (filled by locus_at)
    bool empty() const { return paragraph == 0 && page == 0; }
    bool operator==(const Locus&) const = default;
};

struct Document {
    std::string path;          // as given on the command line ("-" → --stdin-filename or "<stdin>")
    std::string sha256;        // of the original bytes
    std::string encoding;      // "UTF-8", "GB18030", "Big5", ...
    std::string format;        // "html", "text", or a derived-text format: "docx", "pdf"
    std::string script = "simplified"; // "simplified" | "traditional" (set by normalise)
    std::string source;        // the whole input decoded to UTF-8 (docx/pdf: the rendering, see Locus)
    LineIndex lines;           // over `source`
    // Derived-text formats only: the original bytes, kept by ingest for the format's parser
    // (parse_document releases them after parsing), and one Locus per line of `source`
    // (loci[line - 1]); both empty for html and text.
    std::string binary;
    std::vector<Locus> loci;
    std::vector<Block> blocks;
    std::vector<Link> links;
    std::string html_title;    // <title> text when HTML; a .docx's title property (docProps/core.xml); a PDF's document-information Title
    std::vector<std::pair<std::string, std::string>> html_meta; // <meta name=... content=...>
    std::vector<InputError> errors;
    std::vector<Directive> directives; // in source order (filled by parse)

    Position position(SourceOffset off) const { return lines.at(off); }
    // docx and pdf: a rendering of the original, not its bytes (no directives, no in-place fix
    // or redaction).
    bool derived_text() const { return format == "docx" || format == "pdf"; }
    // The Locus of a source offset, with `column` set; an empty Locus when the document has no
    // loci (html, text) or the line has none.
    Locus locus_at(SourceOffset off) const {
        if (loci.empty()) return {};
        const Position p = lines.at(off);
        if (p.line == 0 || p.line > loci.size()) return {};
        Locus l = loci[p.line - 1];
        l.column = p.column;
        return l;
    }
    bool readable() const {
        for (const auto& e : errors) if (e.fatal) return false;
        return true;
    }
};

} // namespace gk
