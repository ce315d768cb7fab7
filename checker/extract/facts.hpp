// Facts: what the extract stage learns about a document. Checks read Facts and the Document;
// they never re-parse the source.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace gk {

struct OutlineEntry {
    int level = 1;          // 1: 一、  2: (一)  3: 1.  4: (1)
    std::string number;     // as printed, normalised: "一", "(一)"→"一", "1"
    int value = 0;          // numeric value of the number (一 → 1)
    std::string title;      // heading text after the number (normalised)
    std::size_t block = 0;  // index into Document::blocks
    SourceOffset offset = 0;
    bool from_heading_block = false; // a heading element vs a numbered paragraph
};

struct MetaField {
    std::string value;      // normalised value; dates as YYYY-MM-DD
    std::string raw;        // as printed
    std::string label;      // label as printed (e.g. "索  引  号")
    SourceOffset offset = 0;
};

// One numeric cell of a template table (filled by the annual-report extractor).
struct CellValue {
    std::optional<std::string> value; // exact decimal as text ("16", "+3", "3.61"); nullopt = null
    std::string raw;                  // printed text
    std::string unit;                 // "元" / "万元" / "亿元" when printed
    bool assumed_zero = false;        // blank-like part read as 0
    bool not_stated = false;          // blank-like total
    bool recovered = false;           // split out of run-together digits
    SourceOffset offset = 0;
    Position position;                // line:column of offset (filled by the extractor)
    int grid_row = -1, grid_col = -1; // position in the source table grid, when from a grid
};

// A printed table label that matches no label of the format (report.table.label).
struct TableLabelNote {
    std::string printed;              // as printed (normalised)
    std::string expected;             // the format's label it stands for ("" if unknown)
    SourceOffset offset = 0;
};

struct TemplateTable {
    std::string id;                   // "requests" | "review" | "active"
    bool present = false;
    bool verifiable = true;           // false: found but cells could not be recovered
    std::string why_unverifiable;
    SourceOffset offset = 0;
    Position position;                // line:column of offset (filled by the extractor)
    std::size_t block = 0;
    std::string form;                 // Table::form the values came from ("html", "pipe", "runtogether")
    std::vector<TableLabelNote> label_notes;
    // row id → column id → value (ids from spec/output.md)
    std::map<std::string, std::map<std::string, CellValue>> cells;
    std::vector<std::string> assumed_zero, not_stated; // "row.col"
};

struct Facts {
    std::string type = "other";       // annual-report | notice | plan | summary | guide | other
    std::optional<int> year;          // report year / document year
    std::string year_source;          // "title", "period", "metadata", ...
    std::string template_id;          // "2019" | "2021" | "legacy" | "" (null)
    std::string title;
    SourceOffset title_offset = 0;
    std::vector<OutlineEntry> outline;
    std::map<std::string, MetaField> metadata; // keys of spec/output.md: index_no, publisher, ...
    std::map<std::string, TemplateTable> tables;
};

} // namespace gk
