// The document model: what the parsers produce and every later stage reads.
//
// A Document is an ordered list of Blocks over one decoded source. Each block keeps its
// original text (`text`) and, after the normalise stage, a matching form (`norm`); both are
// MappedTexts, so any byte of either maps back to the original file's line:column.
#pragma once

#include <memory>
#include <string>
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
    // How the table was written: "html", "pipe" (flattened | cell | lines, or rows "a | b |"),
    // "pipe-rows" (every line a whole row "| a | b |", empty cells real), "markdown",
    // "tsv" (tab-separated rows), "aligned" (space-aligned columns, pdftotext -layout), "cells"
    // (one cell per line), "runtogether" (ptxt region whose cells are not separated; cells unknown).
    std::string form;
    MappedText raw;        // for "runtogether": the region's text, cells to be recovered later
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

struct Document {
    std::string path;          // as given on the command line ("-" → --stdin-filename or "<stdin>")
    std::string sha256;        // of the original bytes
    std::string encoding;      // "UTF-8", "GB18030", "Big5", ...
    std::string format;        // "html", "text" or "pdf"
    std::string script = "simplified"; // "simplified" | "traditional" (set by normalise)
    std::string source;        // the whole input decoded to UTF-8
    LineIndex lines;           // over `source`
    std::vector<Block> blocks;
    std::vector<Link> links;
    std::string html_title;    // <title> text when HTML; the document-information Title when PDF
    std::vector<std::pair<std::string, std::string>> html_meta; // <meta name=... content=...>
    std::vector<InputError> errors;
    std::vector<Directive> directives; // in source order (filled by parse)

    Position position(SourceOffset off) const { return lines.at(off); }
    bool readable() const {
        for (const auto& e : errors) if (e.fatal) return false;
        return true;
    }
};

} // namespace gk
