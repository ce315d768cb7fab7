// Annual-report statistics tables (表二/表三/表四) → Facts::tables, by label, not by position.
//
// The formats come from the rulesets as data (catalogue/annual_template.hpp). Two readers share
// them:
//  - grids (HTML tables with spans expanded; pipe, markdown and pipeless text tables — tsv,
//    aligned, cells): the cells of the document's tables form one token stream (span copies
//    skipped); a token whose label is a row label of the format starts that row and the value
//    tokens after it fill the row's columns in the format's order. Header cells are recognised by label and skipped. Table 四 is one data
//    row of 15 values after its header block.
//  - run-together crawler text (Table{form="runtogether"}): row labels are searched in order in
//    the region's key text and the digits between two labels are split into cells only when a
//    single split is possible (extract/annual_split.hpp); otherwise the row's cells are null and
//    the table is marked not verifiable, with the reason.
// Blank-like cells are 0 when they are parts (assumed_zero) and null when they are totals
// (not_stated); other text is null. Every value keeps the source offset of its cell.
#include <algorithm>
#include <map>
#include <set>

#include "extract/annual_split.hpp"
#include "catalogue/annual_template.hpp"
#include "extract/extract.hpp"
#include "extract/meta_util.hpp"
#include "normalise/normalise.hpp"
#include "grammar/grammar.hpp"

namespace gk {

namespace {

enum class TokKind { number, blank, text };

struct Token {
    TokKind kind = TokKind::text;
    std::string norm;     // trimmed normalised text
    std::string key;      // label key
    bool lone_row = false; // a row label printed on a line of its own inside a space-aligned table
    const Cell* cell = nullptr;
    std::size_t block = 0;
    int row = -1, col = -1;
    SourceOffset offset = 0;
};

std::string trim(std::string_view s) { return std::string(grammar::trim(s)); }

bool blank_like(std::string_view s) {
    static const std::set<std::string, std::less<>> blanks = {
        "", "/", "-", "--", "—", "——", "－", "–", "\\", "无", "空", "\xC2\xA0", "——/", "/ "};
    return blanks.count(s) > 0;
}

bool money_unit(std::string_view u) { return u == "元" || u == "万元" || u == "亿元" || u == "千元"; }

TokKind classify(const std::string& norm) {
    if (blank_like(norm)) return TokKind::blank;
    if (auto n = grammar::parse_number(norm)) {
        if (n->unit.empty() || money_unit(n->unit) || n->unit == "件" || n->unit == "个" || n->unit == "项" || n->unit == "条")
            return TokKind::number;
    }
    return TokKind::text;
}

std::size_t code_points(std::string_view s) { return utf8::count_code_points(s); }

// ---- label matching ---------------------------------------------------------------------

bool row_matches(const LabelDef& r, const std::string& key) {
    for (std::size_t i = 0; i < r.keys.size(); ++i) {
        const std::string& k = r.keys[i];
        if (k.empty()) continue;
        const std::string& numbered = r.numbered_keys[i];
        if (key == numbered) return true;
        if (!r.require_number && key == k) return true;
        if (r.prefix_keys[i]) {
            if (key.starts_with(numbered)) return true;
            if (!r.require_number && key.starts_with(k)) return true;
        }
    }
    return false;
}

const LabelDef* match_row(const TableDef& t, const std::string& key) {
    for (const auto& r : t.rows)
        if (row_matches(r, key)) return &r;
    return nullptr;
}

bool match_row_anywhere(const AnnualTemplates& cat, const std::string& key) {
    for (const auto& tpl : cat.all())
        for (const auto& t : tpl.tables)
            if (const LabelDef* r = match_row(t, key); r && !r->is_group) return true;
    return false;
}

// Every label the formats print (rows, groups, columns, headers, captions) as keys.
struct KnownLabels {
    const std::set<std::string>& keys;
    explicit KnownLabels(const AnnualTemplates& cat) : keys(cat.known_keys()) {}
    bool known(const std::string& key, const AnnualTemplates& cat) const {
        if (keys.count(key)) return true;
        for (const auto& tpl : cat.all())
            for (const auto& t : tpl.tables)
                if (match_row(t, key)) return true;
        return false;
    }
};

// ---- cells ------------------------------------------------------------------------------

struct CellSource {
    std::string norm;       // value text (normalised)
    std::string raw;        // printed text
    SourceOffset offset = 0;
    int grid_row = -1, grid_col = -1;
    bool recovered = false;
    bool text_null = false; // force null (ambiguous split)
};

void put_cell(TemplateTable& tt, const Document& doc, const std::string& row, const LabelDef& row_def,
              const LabelDef& col_def, const CellSource& src) {
    CellValue cv;
    cv.raw = src.raw;
    cv.offset = src.offset;
    cv.position = doc.position(src.offset);
    cv.grid_row = src.grid_row;
    cv.grid_col = src.grid_col;
    cv.recovered = src.recovered;
    const std::string id = row + "." + col_def.id;
    const bool total = row_def.total || col_def.total;
    if (src.text_null) {
        // value unknown (ambiguous split): null
    } else if (blank_like(src.norm)) {
        if (total) {
            cv.not_stated = true;
            tt.not_stated.push_back(id);
        } else {
            cv.value = "0";
            cv.assumed_zero = true;
            tt.assumed_zero.push_back(id);
        }
    } else if (auto n = grammar::parse_number(src.norm); n && (n->unit.empty() || money_unit(n->unit) || n->unit == "件" ||
                                                     n->unit == "个" || n->unit == "项" || n->unit == "条")) {
        std::string digits = src.norm.substr(0, src.norm.size() - n->unit.size());
        digits = trim(digits);
        if (digits.starts_with("\xE2\x88\x92")) digits = "-" + digits.substr(3);
        digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
        cv.value = digits;
        if (money_unit(n->unit)) cv.unit = n->unit;
        else if (!col_def.unit.empty()) cv.unit = col_def.unit;
    }
    tt.cells[row][col_def.id] = std::move(cv);
}

// ---- grids --------------------------------------------------------------------------------

// A row label exactly as the formats print it (number and label, or a label that needs no number).
bool exact_row_label(const AnnualTemplates& cat, const std::string& key) {
    for (const auto& tpl : cat.all())
        for (const auto& t : tpl.tables)
            for (const auto& r : t.rows) {
                if (r.is_group || t.groups_layout) continue; // (表四's groups are header cells)
                for (std::size_t i = 0; i < r.keys.size(); ++i)
                    if (!r.keys[i].empty() && (key == r.numbered_keys[i] || (!r.require_number && key == r.keys[i]))) return true;
            }
    return false;
}

bool aligned_grid(const Block& b) {
    return b.kind == BlockKind::table && b.table && !b.hidden &&
           (b.table->form == "aligned" || b.table->form == "columns");
}

// Rows a space-aligned table prints with no figure at all are lines of a label alone: the text
// grid ends its region there (parse/text_grid) and they come as paragraphs. Such a line is a row
// of blank cells when it is exactly a row label of the formats, it stands in a run of such lines
// between two space-aligned grids, and the grid after the run starts with a row label of its own
// (a label wrapped onto two lines leaves a fragment there, never a label).
std::vector<bool> lone_label_rows(const Document& doc, const AnnualTemplates& cat) {
    std::vector<bool> out(doc.blocks.size(), false);
    auto label_line = [&](const Block& b) {
        if (b.hidden || b.kind == BlockKind::table || b.kind == BlockKind::image) return false;
        const std::string t = trim((b.norm.empty() ? b.text : b.norm).text);
        return !t.empty() && code_points(t) <= 60 && exact_row_label(cat, label_key(t));
    };
    auto starts_with_label = [&](const Block& b) {
        for (const auto& row : b.table->rows)
            for (const auto& c : row) {
                const std::string t = trim((c.norm.empty() ? c.text : c.norm).text);
                if (t.empty()) continue;
                return classify(t) == TokKind::text && match_row_anywhere(cat, label_key(t));
            }
        return false;
    };
    for (std::size_t b = 1; b < doc.blocks.size(); ++b) {
        if (!aligned_grid(doc.blocks[b - 1]) || !label_line(doc.blocks[b])) continue;
        std::size_t e = b;
        while (e < doc.blocks.size() && label_line(doc.blocks[e])) ++e;
        if (e < doc.blocks.size() && aligned_grid(doc.blocks[e]) && starts_with_label(doc.blocks[e]))
            for (std::size_t k = b; k < e; ++k) out[k] = true;
        b = e;
    }
    return out;
}

// With `blank_lines`, the blank lines of one-cell-per-line grids come as blank tokens before the
// row they precede (see Table::blank_lines); without, they are left out as layout. Lone row
// labels of space-aligned tables (lone_label_rows) come as tokens marked lone_row.
std::vector<Token> grid_tokens(const Document& doc, const AnnualTemplates& cat, bool blank_lines = false) {
    std::vector<Token> out;
    const std::vector<bool> lone = lone_label_rows(doc, cat);
    for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
        const Block& blk = doc.blocks[b];
        if (lone[b]) {
            Token tok;
            tok.norm = trim((blk.norm.empty() ? blk.text : blk.norm).text);
            tok.key = label_key(tok.norm);
            tok.lone_row = true;
            tok.block = b;
            tok.offset = blk.offset();
            out.push_back(std::move(tok));
            continue;
        }
        if (blk.kind != BlockKind::table || !blk.table || blk.hidden) continue;
        const Table& t = *blk.table;
        if (t.form == "runtogether") continue;
        std::size_t next_blank = 0;
        auto blanks_before = [&](std::size_t row) {
            for (; blank_lines && next_blank < t.blank_lines.size() && t.blank_lines[next_blank].first <= row;
                 ++next_blank) {
                Token tok;
                tok.kind = TokKind::blank;
                tok.block = b;
                // a line of its own, not one of the grid's cells: no grid position, the line's offset
                tok.row = tok.col = -1;
                tok.offset = t.blank_lines[next_blank].second;
                out.push_back(std::move(tok));
            }
        };
        // In HTML, Word, markdown, whole-row pipe and tab-separated grids, space-aligned columns and
        // PDF tables rebuilt from positions (an empty slot there stands under a known column) an
        // empty cell is a cell; in flattened pipe text (one cell per line) empty pieces are only layout.
        const bool keep_empty = t.form == "html" || t.form == "docx" || t.form == "markdown" || t.form == "tsv" ||
                                t.form == "pipe-rows" || t.form == "columns" || t.form == "pdf";
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            blanks_before(r);
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                const Cell& cell = t.rows[r][c];
                if (cell.span_copy) continue;
                Token tok;
                tok.norm = trim(cell.norm.empty() ? cell.text.text : cell.norm.text);
                if (tok.norm.empty() && !cell.text.text.empty()) tok.norm = trim(cell.text.text);
                if (tok.norm.empty() && !keep_empty) continue;
                tok.kind = classify(tok.norm);
                tok.key = tok.kind == TokKind::text ? label_key(tok.norm) : std::string();
                tok.cell = &cell;
                tok.block = b;
                tok.row = static_cast<int>(r);
                tok.col = static_cast<int>(c);
                const MappedText& m = cell.norm.empty() ? cell.text : cell.norm;
                tok.offset = m.empty() ? (out.empty() ? blk.offset() : out.back().offset) : m.source_at(0);
                out.push_back(std::move(tok));
            }
        }
        blanks_before(t.rows.size());
    }
    return out;
}

bool any_lines_are_cells(const Document& doc) {
    for (const Block& blk : doc.blocks)
        if (blk.kind == BlockKind::table && blk.table && !blk.hidden && blk.table->lines_are_cells) return true;
    return false;
}

CellSource source_of(const Token& t) {
    CellSource s;
    s.norm = t.norm;
    s.raw = t.cell ? trim(t.cell->text.text) : t.norm;
    s.offset = t.offset;
    s.grid_row = t.row;
    s.grid_col = t.col;
    return s;
}

struct Extraction {
    TemplateTable table;
    int matched_rows = 0;
    std::size_t first_token = 0, last_token = 0; // token range the table occupies (grids)
    // Grids: every row found has its full count of values and none is followed by a value no row
    // took — the tokens explain the table with nothing short and nothing left over.
    bool exact = false;
};

bool token_is_stop(const Token& t, const KnownLabels& known, const AnnualTemplates& cat) {
    if (t.kind != TokKind::text) return false;
    if (known.known(t.key, cat)) return true;
    return code_points(t.norm) > 8; // a long text is a label, never a cell value
}

struct MatchedRow {
    const LabelDef* row;
    std::size_t label, end; // token index of the label, one past its last value
};

// Tables of one cell per line and space-aligned columns print nothing for a blank cell: a row
// with fewer values than columns cannot tell which cells are blank. So do tables rebuilt from a
// PDF's positions ("pdf") when a whole column is blank: its x-range is never seen.
bool blanks_leave_no_trace(const Table* t) {
    return t && (t->form == "cells" || t->form == "aligned" || t->form == "pdf");
}
constexpr const char* kNoTrace = "（空白单元格在此版式中不留痕迹，无法确定数值所在的列）";

// Rows whose label the converter split off or moved (PDF/OCR text): a grid row that ends in
// exactly one row's worth of values and whose other cells are fragments matching no label. Between
// two labelled rows, such rows are given to the format's unfilled rows in order — only when their
// number equals the number of unfilled rows there, so the position decides nothing by guess.
void fill_positional(const Document& doc, const std::vector<Token>& toks, const TableDef& def,
                     const KnownLabels& known, const AnnualTemplates& cat, std::vector<MatchedRow> matched,
                     Extraction& ex) {
    if (!def.rows.empty() && def.rows.front().block_cols.size()) return;
    const std::size_t ncols = def.cols.size();
    auto index_of = [&](const LabelDef* r) {
        return static_cast<std::size_t>(r - def.rows.data());
    };
    std::vector<bool> used(toks.size(), false);
    for (const auto& m : matched)
        for (std::size_t k = m.label; k < m.end && k < toks.size(); ++k) used[k] = true;
    // Orphan rows: (first value token) per grid row, in token order.
    struct Orphan { std::vector<std::size_t> vals; };
    std::vector<std::pair<std::size_t, Orphan>> orphans; // token index of the row start
    for (std::size_t i = matched.front().label; i < toks.size();) {
        const Table* grid = doc.blocks[toks[i].block].table.get();
        std::size_t e = i;
        std::vector<std::size_t> vals;
        bool ok = true, any_used = false;
        if (grid && grid->form == "cells") {
            // One cell per line has no rows: a run of values between two texts, or after the
            // values a labelled row took, is one — every token of it a cell (the blank lines of
            // the blank-cell reading too).
            if (toks[i].kind == TokKind::text) { ++i; continue; }
            while (e < toks.size() && toks[e].block == toks[i].block && toks[e].kind != TokKind::text &&
                   used[e] == used[i]) {
                any_used = any_used || used[e];
                vals.push_back(e++);
            }
        } else {
            while (e < toks.size() && toks[e].block == toks[i].block && toks[e].row == toks[i].row) ++e;
            for (std::size_t k = i; k < e; ++k) {
                any_used = any_used || used[k];
                const Token& t = toks[k];
                if (t.kind == TokKind::text) {
                    if (!vals.empty() || known.known(t.key, cat)) { ok = false; break; }
                } else if (!(t.kind == TokKind::blank && t.norm.empty())) {
                    vals.push_back(k);
                }
            }
        }
        if (ok && !any_used && vals.size() == ncols) orphans.push_back({i, {vals}});
        i = e;
    }
    if (orphans.empty()) return;
    for (std::size_t m = 0; m + 1 < matched.size(); ++m) {
        const std::size_t a = index_of(matched[m].row), b = index_of(matched[m + 1].row);
        if (b <= a) continue; // labels out of the format's order: no position to trust
        std::vector<const LabelDef*> gap;
        for (std::size_t k = a + 1; k < b; ++k)
            if (!def.rows[k].is_group && !ex.table.cells.count(def.rows[k].id)) gap.push_back(&def.rows[k]);
        std::vector<const Orphan*> between;
        for (const auto& [at, o] : orphans)
            if (at > matched[m].label && at < matched[m + 1].label) between.push_back(&o);
        if (gap.empty() || gap.size() != between.size()) continue;
        for (std::size_t g = 0; g < gap.size(); ++g) {
            for (std::size_t k = 0; k < ncols; ++k)
                put_cell(ex.table, doc, gap[g]->id, *gap[g], def.cols[k], source_of(toks[between[g]->vals[k]]));
            ++ex.matched_rows;
        }
    }
}

std::size_t index_of_row(const TableDef& def, const LabelDef* r) {
    return static_cast<std::size_t>(r - def.rows.data());
}

// Whether a row of the format after `r` (a data row, not a group) has not been found yet.
bool later_rows_missing(const TableDef& def, const LabelDef* r, const std::set<std::string>& done) {
    for (std::size_t n = index_of_row(def, r) + 1; n < def.rows.size(); ++n)
        if (!def.rows[n].is_group && !done.count(def.rows[n].id)) return true;
    return false;
}

// The last block a reader sees (not hidden); doc.blocks.size() when there is none.
std::size_t last_visible_block(const Document& doc) {
    for (std::size_t b = doc.blocks.size(); b-- > 0;)
        if (!doc.blocks[b].hidden) return b;
    return doc.blocks.size();
}

// `blank_cells`: the tokens hold the blank lines of one-cell-per-line grids as blank cells (see
// grid_tokens), so every cell has its line and a row short at the very end of the text is cut
// there: its values are placed in order and the table records the cut (TemplateTable::cut_at).
Extraction grid_rows(const Document& doc, const std::vector<Token>& toks, const TableDef& def,
                     const KnownLabels& known, const AnnualTemplates& cat, bool blank_cells = false) {
    Extraction ex;
    ex.table.id = def.id;
    std::set<std::string> done;
    std::vector<MatchedRow> matched; // labelled rows, in token order
    bool first = true, any_short = false;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].kind != TokKind::text) continue;
        const LabelDef* r = match_row(def, toks[i].key);
        if (!r || r->is_group || done.count(r->id)) continue;
        std::vector<std::string> cols;
        if (!r->block_cols.empty()) cols = r->block_cols;
        else for (const auto& c : def.cols) cols.push_back(c.id);
        std::vector<const Token*> vals;
        std::size_t j = i + 1;
        // In a real grid (HTML, markdown) the row's own cells are the values.
        const Table* grid = doc.blocks[toks[i].block].table.get();
        bool blank_row = toks[i].lone_row; // a row printed as its label alone: every cell blank
        if (!blank_row && grid && grid->form != "pipe") {
            std::vector<const Token*> same_row;
            std::size_t k = i + 1;
            for (; k < toks.size() && toks[k].block == toks[i].block && toks[k].row == toks[i].row; ++k) {
                if (toks[k].kind == TokKind::text && known.known(toks[k].key, cat)) same_row.clear(); // a later label
                else same_row.push_back(&toks[k]);
            }
            // A row of a space-aligned table printed as its label alone, between rows that start
            // with labels of their own: nothing is printed in any of its columns, so every cell
            // is blank (a label wrapped onto two lines leaves fragments, never two whole labels).
            if (same_row.empty() && (grid->form == "aligned" || grid->form == "columns") &&
                exact_row_label(cat, toks[i].key) && k < toks.size() && toks[k].block == toks[i].block &&
                toks[k].kind == TokKind::text && known.known(toks[k].key, cat) && i > 0 &&
                toks[i - 1].block == toks[i].block) {
                std::size_t p = i - 1;
                while (p > 0 && toks[p - 1].block == toks[i].block && toks[p - 1].row == toks[p].row) --p;
                blank_row = toks[p].kind == TokKind::text && known.known(toks[p].key, cat);
            }
            // Extra cells are spacers: blank ones go first from the front (rowspan/colspan
            // leftovers after the label), then from the back (padding to the grid's width).
            std::size_t front = 0, back = same_row.size();
            while (back - front > cols.size() && same_row[front]->kind == TokKind::blank) ++front;
            while (back - front > cols.size() && same_row[back - 1]->kind == TokKind::blank) --back;
            // Blank slots placed by position at the end of a row that the text ends in, with rows
            // of the format still to come, are where the text stops, not printed blanks.
            bool cut = false;
            if (k == toks.size() && (grid->form == "columns" || grid->form == "pdf") &&
                toks[i].block == last_visible_block(doc) && later_rows_missing(def, r, done))
                while (back > front && same_row[back - 1]->kind == TokKind::blank && same_row[back - 1]->norm.empty()) {
                    --back;
                    cut = true;
                }
            if (cut && front < back && back - front < cols.size()) {
                vals.assign(same_row.begin() + static_cast<std::ptrdiff_t>(front),
                            same_row.begin() + static_cast<std::ptrdiff_t>(back));
                j = k;
            } else if (back - front >= cols.size() && front < back) {
                vals.assign(same_row.begin() + static_cast<std::ptrdiff_t>(front),
                            same_row.begin() + static_cast<std::ptrdiff_t>(front + cols.size()));
                j = k;
            }
        }
        Token blank;
        if (blank_row) {
            blank.kind = TokKind::blank;
            blank.block = toks[i].block;
            blank.offset = toks[i].offset;
            vals.assign(cols.size(), &blank);
            j = i + 1;
        }
        if (vals.empty()) {
            // Flattened text: the values follow the label, one cell per token. One cell per line
            // takes no text for a value: a text there is a fragment of a label the converter split.
            const bool cells = grid && grid->form == "cells";
            for (; j < toks.size() && vals.size() < cols.size(); ++j) {
                if (token_is_stop(toks[j], known, cat) || (cells && toks[j].kind == TokKind::text)) break;
                vals.push_back(&toks[j]);
            }
        }
        if (vals.empty()) continue; // a header mention of the label, not a data row
        const std::size_t found = vals.size();
        const bool short_row = found < cols.size();
        const bool cut = short_row && blank_cells && grid && grid->lines_are_cells && j == toks.size() && toks[i].block == last_visible_block(doc);
        if (!cut) any_short = any_short || short_row;
        if (short_row && blanks_leave_no_trace(grid) && !cut) {
            // Which cells the row's values belong to is unknown: they are not placed by guess.
            for (std::size_t k = 0; k < cols.size(); ++k) {
                CellSource src = source_of(*vals[std::min(k, vals.size() - 1)]);
                src.text_null = true;
                put_cell(ex.table, doc, r->id, *r, *def.col(cols[k]), src);
            }
            vals.clear();
        }
        done.insert(r->id);
        ++ex.matched_rows;
        if (first) {
            ex.table.offset = toks[i].offset;
            ex.table.block = toks[i].block;
            ex.first_token = i;
            first = false;
        }
        ex.last_token = j;
        matched.push_back({r, i, j});
        for (std::size_t k = 0; k < vals.size(); ++k)
            put_cell(ex.table, doc, r->id, *r, *def.col(cols[k]), source_of(*vals[k]));
        if (short_row) {
            ex.table.verifiable = false;
            ex.table.why_unverifiable += r->short_label + "只有" + std::to_string(found) + "/" +
                                         std::to_string(cols.size()) + "个单元格" +
                                         (vals.empty() ? std::string(kNoTrace) : std::string()) + "；";
        }
    }
    ex.exact = !matched.empty() && !any_short;
    for (const auto& m : matched)
        if (m.end < toks.size() && toks[m.end].kind != TokKind::text) ex.exact = false;
    // The text ends in this table: its last row found is the last thing in the document and rows
    // of the format after it are not there.
    if (!matched.empty() && matched.back().end == toks.size() &&
        toks[matched.back().label].block == last_visible_block(doc) && later_rows_missing(def, matched.back().row, done))
        ex.table.cut_at = toks[matched.back().label].offset;
    if (ex.matched_rows > 0) fill_positional(doc, toks, def, known, cat, matched, ex);
    return ex;
}

bool label_of_table(const TableDef& def, const std::string& key) {
    for (const auto& c : def.cols) for (const auto& k : c.keys) if (k == key) return true;
    for (const auto& k : def.header_keys) if (k == key) return true;
    for (const auto& k : def.detect_keys) if (k == key) return true;
    for (const auto& k : def.captions) if (k == key) return true;
    return match_row(def, key) != nullptr;
}

// Table 四: one data row of groups × columns after the header block.
Extraction grid_groups(const Document& doc, const std::vector<Token>& toks, const TableDef& def) {
    Extraction ex;
    ex.table.id = def.id;
    std::size_t start = toks.size();
    for (std::size_t i = 0; i < toks.size(); ++i)
        if (toks[i].kind == TokKind::text)
            for (const auto& k : def.detect_keys)
                if (toks[i].key == k) { start = i; break; }
    if (start == toks.size()) return ex;
    // The header block runs on to this table's last label before the first number (blank header
    // cells of markdown grids included); the data row follows it.
    std::size_t last_label = start;
    for (std::size_t k = start + 1; k < toks.size() && k < start + 64 && toks[k].kind != TokKind::number; ++k) {
        if (toks[k].kind != TokKind::text) continue;
        if (!label_of_table(def, toks[k].key)) break;
        last_label = k;
    }
    std::size_t j = last_label + 1;
    const std::size_t want = def.rows.size() * def.cols.size();
    std::vector<const Token*> vals;
    for (; j < toks.size() && vals.size() < want; ++j) {
        if (toks[j].kind == TokKind::text && (code_points(toks[j].norm) > 8 || label_of_table(def, toks[j].key))) break;
        vals.push_back(&toks[j]);
    }
    if (vals.empty()) return ex;
    ex.table.offset = vals.front()->offset;
    ex.table.block = vals.front()->block;
    ex.first_token = start;
    ex.last_token = j;
    ex.exact = vals.size() == want && (j == toks.size() || toks[j].kind == TokKind::text);
    const bool unplaced = vals.size() < want && blanks_leave_no_trace(doc.blocks[vals.front()->block].table.get());
    std::size_t k = 0;
    for (const auto& r : def.rows) {
        if (r.is_group) continue;
        for (const auto& c : def.cols) {
            if (k >= vals.size() && !unplaced) break;
            CellSource src = source_of(*vals[std::min(k, vals.size() - 1)]);
            src.text_null = unplaced;
            put_cell(ex.table, doc, r.id, r, c, src);
            ++k;
        }
        ++ex.matched_rows;
    }
    if (vals.size() < want) {
        ex.table.verifiable = false;
        ex.table.why_unverifiable += "只有" + std::to_string(vals.size()) + "/" + std::to_string(want) + "个单元格" +
                                     (unplaced ? std::string(kNoTrace) : std::string()) + "；";
    }
    return ex;
}

// Table 四 laid out across blocks (PDF/OCR text, one table per group): from the first block that
// names the table (a <detect> label, or its <header> together with its first group's label) the
// value rows that follow — table rows of numbers only, or paragraphs of numbers separated by
// spaces or tabs — up to the next section heading or prose. A value row is given to the group the
// nearest caption before it names (「### 行政诉讼（复议后起诉）」) when every row has a distinct
// one; otherwise the values fill the groups in the format's order, and only when there are exactly
// groups × columns of them.
constexpr std::size_t kMaxCaptionCps = 60;

Extraction block_groups(const Document& doc, const TableDef& def) {
    Extraction ex;
    ex.table.id = def.id;
    std::vector<const LabelDef*> groups;
    for (const auto& r : def.rows) if (!r.is_group) groups.push_back(&r);
    if (groups.empty()) return ex;
    const std::size_t per = def.cols.size(), want = groups.size() * per;
    auto names = [&](const std::string& key) {
        std::vector<const LabelDef*> out;
        for (const LabelDef* g : groups) {
            bool hit = false;
            for (const auto& k : g->keys) hit = hit || (!k.empty() && key.find(k) != std::string::npos);
            // a group label that is part of another group's label (复议后起诉 in 未经复议直接起诉?) is
            // resolved by the longer one below
            if (hit) out.push_back(g);
        }
        return out;
    };
    auto anchor = [&](const std::string& key) {
        for (const auto& k : def.detect_keys) if (key.find(k) != std::string::npos) return true;
        if (def.header_keys.empty()) return false;
        for (const auto& h : def.header_keys) if (key.find(h) == std::string::npos) return false;
        for (const auto& k : groups.front()->keys) if (!k.empty() && key.find(k) != std::string::npos) return true;
        return false;
    };
    struct ValueRow { const LabelDef* caption = nullptr; std::vector<CellSource> vals; };
    std::vector<ValueRow> rows;
    const LabelDef* caption = nullptr;
    bool started = false;
    std::size_t first_block = 0;
    auto take_caption = [&](const std::string& key) {
        const auto n = names(key);
        caption = n.size() == 1 ? n.front() : nullptr;
    };
    for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
        const Block& blk = doc.blocks[b];
        if (blk.hidden) continue;
        if (blk.kind != BlockKind::table || !blk.table) {
            const MappedText& m = blk.norm.empty() ? blk.text : blk.norm;
            const std::string text = trim(m.text);
            if (!started) {
                // A caption names the table; a sentence mentioning 行政复议 and 行政诉讼 does not.
                if (code_points(text) <= kMaxCaptionCps && anchor(label_key(text))) {
                    started = true;
                    first_block = b;
                    take_caption(label_key(text));
                }
                continue;
            }
            // a paragraph of numbers: one value per whitespace-separated piece
            std::vector<CellSource> vals;
            bool numeric = !text.empty();
            for (std::size_t i = 0; i < m.text.size() && numeric;) {
                while (i < m.text.size() && (m.text[i] == ' ' || m.text[i] == '\t')) ++i;
                std::size_t e = i;
                while (e < m.text.size() && m.text[e] != ' ' && m.text[e] != '\t') ++e;
                if (e == i) break;
                CellSource c;
                c.norm = m.text.substr(i, e - i);
                c.raw = c.norm;
                c.offset = m.source_at(i);
                if (classify(c.norm) == TokKind::text) numeric = false;
                else vals.push_back(c);
                i = e;
            }
            if (numeric && !vals.empty()) { rows.push_back({caption, vals}); continue; }
            if (!rows.empty()) {
                const auto h = grammar::read_heading_number(text, 0);
                if (code_points(text) > 40 || (h && h->form == grammar::HeadingForm::chinese)) break;
            }
            take_caption(label_key(text));
            continue;
        }
        const Table& t = *blk.table;
        if (!started) {
            for (const auto& row : t.rows) {
                if (anchor(label_key(extract_util::row_text(row).text))) { started = true; first_block = b; break; }
            }
            if (!started) continue;
        }
        for (const auto& row : t.rows) {
            std::vector<CellSource> vals;
            bool text = false;
            for (std::size_t c = 0; c < row.size(); ++c) {
                const Cell& cell = row[c];
                if (cell.span_copy) continue;
                const MappedText& m = cell.norm.empty() ? cell.text : cell.norm;
                const std::string v = trim(m.text);
                if (v.empty() && t.form != "html" && t.form != "docx") continue;
                if (classify(v) == TokKind::text) { text = true; break; }
                CellSource cs;
                cs.norm = v;
                cs.raw = trim(cell.text.text);
                cs.offset = m.empty() ? blk.offset() : m.source_at(0);
                cs.grid_col = static_cast<int>(c);
                vals.push_back(cs);
            }
            if (text) { if (rows.empty() || rows.back().caption != nullptr) take_caption(label_key(extract_util::row_text(row).text)); continue; }
            if (!vals.empty()) rows.push_back({caption, vals});
        }
        std::size_t n = 0;
        for (const auto& r : rows) n += r.vals.size();
        if (n >= want) break;
    }
    std::size_t n = 0;
    for (const auto& r : rows) n += r.vals.size();
    // A block naming the table with no number after it (a section heading or an introduction
    // listing the sections) is not the table: leave it absent, for report.table.missing.
    if (!started || n == 0) return ex;
    ex.table.present = true;
    ex.table.block = first_block;
    ex.table.offset = doc.blocks[first_block].offset();
    // By caption: every row names one group, distinct, with one group's worth of values.
    std::set<const LabelDef*> seen;
    bool by_caption = rows.size() == groups.size();
    for (const auto& r : rows) by_caption = by_caption && r.caption && r.vals.size() == per && seen.insert(r.caption).second;
    if (by_caption) {
        for (const auto& r : rows)
            for (std::size_t k = 0; k < per; ++k) put_cell(ex.table, doc, r.caption->id, *r.caption, def.cols[k], r.vals[k]);
    } else if (n == want) {
        std::size_t k = 0;
        for (const auto& r : rows)
            for (const auto& v : r.vals) {
                const LabelDef* g = groups[k / per];
                put_cell(ex.table, doc, g->id, *g, def.cols[k % per], v);
                ++k;
            }
    } else {
        ex.table.verifiable = false;
        ex.table.why_unverifiable = "找到" + std::to_string(n) + "个数值，应为" + std::to_string(want) + "个，无法确定其位置；";
        return ex;
    }
    ex.table.offset = rows.front().vals.front().offset;
    ex.matched_rows = static_cast<int>(groups.size());
    return ex;
}

// Labels printed in the table that match nothing: truncated or misspelt (report.table.label).
// Header cells printed as lines of their own before the grid (OCR markdown, one cell per line
// with the header apart): the short non-table blocks right before the table's first block, back
// to prose or another table — taken as the table's header only when two of them at least are
// this table's column labels exactly.
std::vector<Token> header_lines_before(const Document& doc, std::size_t first_block, const TableDef& def) {
    constexpr std::size_t kMaxRun = 24, kMaxRunCps = 30, kMaxCellCps = 12;
    std::vector<Token> out;
    int exact = 0;
    for (std::size_t b = first_block, n = 0; b-- > 0 && n < kMaxRun; ++n) {
        const Block& blk = doc.blocks[b];
        if (blk.hidden) continue;
        if (blk.kind == BlockKind::table || blk.kind == BlockKind::image) break;
        const std::string t = trim((blk.norm.empty() ? blk.text : blk.norm).text);
        if (code_points(t) > kMaxRunCps) break;
        if (t.empty() || code_points(t) > kMaxCellCps) continue;
        Token tok;
        tok.norm = t;
        tok.key = label_key(t);
        tok.block = b;
        tok.offset = blk.offset();
        for (const auto& c : def.cols)
            for (const auto& k : c.keys) exact += (k == tok.key) ? 1 : 0;
        out.push_back(std::move(tok));
    }
    if (exact < 2) out.clear();
    std::reverse(out.begin(), out.end());
    return out;
}

void note_labels(const Document& doc, const std::vector<Token>& toks, Extraction& ex, const TableDef& def,
                 const KnownLabels& known, const AnnualTemplates& cat) {
    if (ex.matched_rows == 0) return;
    std::map<std::string, std::string> printed; // key → label as the format prints it
    for (const auto& c : def.cols) printed[c.keys.front()] = c.label;
    std::set<std::string> seen;
    // Scan from the table's first own label (its header) to the end of its last row.
    std::size_t from = ex.first_token;
    while (from > 0 && toks[from - 1].kind == TokKind::text &&
           (label_of_table(def, toks[from - 1].key) || !known.known(toks[from - 1].key, cat)))
        --from;
    std::vector<const Token*> scan;
    const std::vector<Token> header =
        from < toks.size() ? header_lines_before(doc, toks[from].block, def) : std::vector<Token>();
    for (const Token& t : header) scan.push_back(&t);
    for (std::size_t i = from; i < ex.last_token && i < toks.size(); ++i) scan.push_back(&toks[i]);
    for (const Token* t : scan)
        if (t->kind == TokKind::text) seen.insert(t->key);
    for (const Token* tp : scan) {
        const Token& t = *tp;
        if (t.kind != TokKind::text || known.known(t.key, cat) || code_points(t.key) < 2) continue;
        std::vector<std::string> candidates;
        for (const auto& [key, label] : printed)
            if (key.size() > t.key.size() && key.starts_with(t.key) && !seen.count(key)) candidates.push_back(label);
        if (candidates.empty()) continue;
        TableLabelNote note;
        note.printed = t.norm;
        for (std::size_t k = 0; k < candidates.size(); ++k) note.expected += (k ? "/" : "") + candidates[k];
        note.offset = t.offset;
        ex.table.label_notes.push_back(std::move(note));
    }
}

// ---- run-together text --------------------------------------------------------------------

bool value_char(char c) { return (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '+' || c == '-' || c == ','; }

// The value text right after key index `from`: digits, spaces, signs, a decimal point, and a
// money unit at the end. Returns [begin, end) byte range in `norm` and the unit.
std::pair<std::size_t, std::size_t> value_run(const std::string& norm, std::size_t begin, std::size_t limit,
                                              std::string* unit) {
    std::size_t e = begin;
    while (e < limit && value_char(norm[e])) ++e;
    std::size_t end = e;
    for (std::string_view u : {"亿元", "万元", "千元", "元"})
        if (norm.compare(e, u.size(), u) == 0 && e > begin) {
            if (unit) *unit = std::string(u);
            end = e; // unit not part of the digits
            break;
        }
    while (end > begin && (norm[end - 1] == ' ' || norm[end - 1] == ',')) --end;
    std::size_t b = begin;
    while (b < end && norm[b] == ' ') ++b;
    return {b, end};
}

struct KeyMatch {
    const LabelDef* row;
    std::size_t start, end; // key indices; start includes the printed number
};

// Finds key `k` (with number `num` printed before it, or — when allowed — without) at or after
// `from`. Returns npos if absent.
std::pair<std::size_t, std::size_t> find_label(const std::string& key, const LabelDef& r, std::size_t from) {
    const std::string& num = r.number_key;
    std::pair<std::size_t, std::size_t> best{std::string::npos, 0};
    for (std::size_t i = 0; i < r.keys.size(); ++i) {
        const std::string& k = r.keys[i];
        if (k.empty()) continue;
        std::size_t f;
        if (r.require_number) {
            f = key.find(r.numbered_keys[i], from);
            if (f != std::string::npos && f < best.first) best = {f, f + r.numbered_keys[i].size()};
        } else {
            f = key.find(k, from);
            if (f == std::string::npos) continue;
            std::size_t s = f;
            if (!num.empty() && f >= num.size() && key.compare(f - num.size(), num.size(), num) == 0 && f - num.size() >= from)
                s = f - num.size();
            if (s < best.first) best = {s, f + k.size()};
        }
    }
    return best;
}

SplitSpec spec_for(const TableDef& def, std::size_t ncols, bool groups) {
    SplitSpec spec;
    spec.count = static_cast<int>(ncols);
    if (def.row_sum && !def.groups_layout) {
        std::vector<int> g;
        for (int i = 0; i < spec.count; ++i) g.push_back(i);
        spec.sum_groups.push_back(g);
    } else if (groups) {
        const int per = static_cast<int>(def.cols.size());
        for (int s = 0; s + per <= spec.count; s += per) {
            std::vector<int> g;
            for (int i = 0; i < per; ++i) g.push_back(s + i);
            spec.sum_groups.push_back(g);
        }
    } else {
        spec.allow_decimal = true;
        spec.allow_sign = true;
    }
    return spec;
}

// Splits one value run into the cells of `cols` for row `row` (or the groups of table 四).
void fill_from_run(const Document& doc, const MappedText& region, const std::string& norm, std::size_t b,
                   std::size_t e, const std::string& unit, const TableDef& def,
                   const std::vector<std::pair<const LabelDef*, const LabelDef*>>& slots, bool groups,
                   const std::string& what, Extraction& ex) {
    const std::string text = norm.substr(b, e - b);
    const SplitResult sr = split_runtogether(text, spec_for(def, slots.size(), groups));
    if (sr.status != SplitResult::Status::unique) {
        for (const auto& [r, c] : slots) {
            CellSource src;
            src.norm = text;
            src.raw = text;
            src.offset = region.source_at(b);
            src.text_null = true;
            put_cell(ex.table, doc, r->id, *r, *c, src);
        }
        ex.table.verifiable = false;
        std::string why = what + "「" + text + "」";
        if (sr.alternatives.size() == 2) {
            auto show = [&](const std::vector<std::pair<std::size_t, std::size_t>>& cells) {
                std::string s;
                for (const auto& [cb, ce] : cells) s += (s.empty() ? "" : "|") + text.substr(cb, ce - cb);
                return s;
            };
            why += "可拆分为" + show(sr.alternatives[0]) + "或" + show(sr.alternatives[1]) + "等多种方式";
        } else {
            why += "无法唯一拆分为" + std::to_string(slots.size()) + "个单元格";
        }
        ex.table.why_unverifiable += why + "；";
        return;
    }
    for (std::size_t k = 0; k < slots.size(); ++k) {
        const auto [cb, ce] = sr.cells[k];
        CellSource src;
        src.norm = text.substr(cb, ce - cb);
        if (k + 1 == slots.size() && !unit.empty()) src.norm += unit;
        src.raw = src.norm;
        src.offset = region.source_at(b + cb);
        src.recovered = sr.needed_split;
        put_cell(ex.table, doc, slots[k].first->id, *slots[k].first, *slots[k].second, src);
    }
}

Extraction runtogether_table(const Document& doc, const MappedText& region, const TableDef& def, std::size_t block) {
    Extraction ex;
    ex.table.id = def.id;
    ex.table.form = "runtogether";
    const std::string& norm = region.text;
    const KeyedText kt = keyed_text(norm);
    bool detected = false;
    for (const auto& k : def.detect_keys) detected = detected || kt.key.find(k) != std::string::npos;
    if (!detected) return ex;
    ex.table.present = true;
    ex.table.block = block;

    if (def.groups_layout) {
        std::size_t pos = std::string::npos;
        for (const auto& k : def.detect_keys) {
            const auto f = kt.key.rfind(k);
            if (f != std::string::npos && (pos == std::string::npos || f + k.size() > pos)) pos = f + k.size();
        }
        for (bool advanced = true; advanced;) {
            advanced = false;
            std::vector<std::string> keys = def.header_keys;
            for (const auto& c : def.cols) keys.insert(keys.end(), c.keys.begin(), c.keys.end());
            for (const auto& r : def.rows) keys.insert(keys.end(), r.keys.begin(), r.keys.end());
            for (const auto& k : keys)
                if (!k.empty() && kt.key.compare(pos, k.size(), k) == 0) { pos += k.size(); advanced = true; }
        }
        std::string unit;
        const auto [b, e] = value_run(norm, kt.at[pos], norm.size(), &unit);
        if (b >= e) return ex;
        std::vector<std::pair<const LabelDef*, const LabelDef*>> slots;
        for (const auto& r : def.rows)
            if (!r.is_group)
                for (const auto& c : def.cols) slots.emplace_back(&r, &c);
        ex.table.offset = region.source_at(b);
        fill_from_run(doc, region, norm, b, e, "", def, slots, true, def.name, ex);
        ex.matched_rows = static_cast<int>(def.rows.size());
        return ex;
    }

    std::vector<KeyMatch> matches;
    std::size_t pos = 0;
    for (const auto& r : def.rows) {
        const auto [s, e] = find_label(kt.key, r, pos);
        if (s == std::string::npos) continue;
        matches.push_back({&r, s, e});
        pos = e;
    }
    bool first = true;
    for (std::size_t m = 0; m < matches.size(); ++m) {
        const LabelDef& r = *matches[m].row;
        if (r.is_group) continue;
        const std::size_t begin = kt.at[matches[m].end];
        const std::size_t limit = m + 1 < matches.size() ? kt.at[matches[m + 1].start] : norm.size();
        std::string unit;
        const auto [b, e] = value_run(norm, begin, std::max(begin, limit), &unit);
        if (b >= e) continue;
        std::vector<std::string> cols = r.block_cols;
        if (cols.empty()) for (const auto& c : def.cols) cols.push_back(c.id);
        std::vector<std::pair<const LabelDef*, const LabelDef*>> slots;
        for (const auto& c : cols) slots.emplace_back(&r, def.col(c));
        if (first) {
            ex.table.offset = region.source_at(kt.at[matches[m].start]);
            first = false;
        }
        fill_from_run(doc, region, norm, b, e, unit, def, slots, false, r.short_label, ex);
        ++ex.matched_rows;
    }
    return ex;
}

// ---- assembly -----------------------------------------------------------------------------

// A table no reader placed, whose row labels stand in the text followed by numbers (a table a
// converter broke into lines no layout describes, 「规章 22 235」; run-together text whose table
// region was not recognised): it is there, but not verifiable — never missing. The evidence: two
// distinct rows whose label opens a paragraph, or three whose label is anywhere in one, each
// followed by a digit or, at a paragraph's end, by nothing.
Extraction rows_in_prose(const Document& doc, const TableDef& def) {
    Extraction ex;
    ex.table.id = def.id;
    std::set<std::string> opening, anywhere;
    for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
        const Block& blk = doc.blocks[b];
        if (blk.kind == BlockKind::table || blk.hidden || blk.boilerplate || blk.in_metadata) continue;
        const std::string key = label_key(blk.norm.empty() ? blk.text.text : blk.norm.text);
        for (const auto& r : def.rows) {
            if (r.is_group || anywhere.count(r.id)) continue;
            for (std::size_t i = 0; i < r.keys.size(); ++i) {
                if (r.keys[i].empty()) continue;
                for (const std::string* form_of : {&r.numbered_keys[i], r.require_number ? nullptr : &r.keys[i]}) {
                    if (!form_of) continue;
                    const std::string& form = *form_of;
                    for (std::size_t at = key.find(form); at != std::string::npos; at = key.find(form, at + 1)) {
                        const std::size_t e = at + form.size();
                        const char next = e < key.size() ? key[e] : '0';
                        if (next < '0' || next > '9') continue;
                        if (anywhere.empty()) {
                            ex.table.block = b;
                            ex.table.offset = blk.offset();
                        }
                        anywhere.insert(r.id);
                        if (at == 0) opening.insert(r.id);
                        break;
                    }
                }
            }
        }
    }
    if (opening.size() < 2 && anywhere.size() < 3) return ex;
    ex.table.present = true;
    ex.table.verifiable = false;
    ex.table.why_unverifiable = "表格的行标签出现在正文段落中，但其单元格未能识别为表格；";
    return ex;
}

// The format whose <identify> labels the document prints (the first such format in file order).
std::string detect_template(const Document& doc, const AnnualTemplates& cat) {
    for (const auto& b : doc.blocks) {
        const std::string& t = b.norm.empty() ? b.text.text : b.norm.text;
        std::string raw;
        if (b.table && b.table->form == "runtogether") raw = b.table->raw.text;
        for (const std::string* s : std::initializer_list<const std::string*>{&t, &raw})
            for (const auto& tpl : cat.all())
                for (const auto& label : tpl.identify)
                    if (s->find(label) != std::string::npos) return tpl.id;
    }
    return "";
}

} // namespace

void extract_annual_tables(const Document& doc, const AnnualTemplates& cat, Facts& facts) {
    if (facts.type != "annual-report") return;
    std::string preferred;
    if (facts.year) {
        facts.template_id = cat.template_for_year(*facts.year);
        if (facts.template_id == "legacy") return; // older reports follow other formats
        preferred = facts.template_id;
    } else {
        preferred = detect_template(doc, cat);
        if (preferred.empty()) preferred = cat.for_document("") ? cat.for_document("")->id : "";
    }
    if (cat.all().empty()) return;

    const KnownLabels known_labels(cat);
    const KnownLabels* known = &known_labels;
    const std::vector<Token> toks = grid_tokens(doc, cat);
    // One-cell-per-line grids whose every cell has a line (Table::lines_are_cells): the reading with
    // their blank lines as blank cells and a row cut by the end of the text placed in order, used
    // for a table only when it places every row exactly and the reading without them does not.
    const std::vector<Token> toks_blank = any_lines_are_cells(doc) ? grid_tokens(doc, cat, true) : std::vector<Token>();

    // Run-together regions, normalised once.
    std::vector<std::pair<std::size_t, MappedText>> regions;
    const bool to_simplified = doc.script == "traditional";
    for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
        const Block& blk = doc.blocks[b];
        if (blk.kind == BlockKind::table && blk.table && blk.table->form == "runtogether" && !blk.hidden)
            regions.emplace_back(b, Normaliser::instance().fold(blk.table->raw, to_simplified));
    }

    for (const std::string& table_id : cat.table_ids()) {
        Extraction best;
        bool have = false;
        bool best_preferred = false;
        for (const auto& tpl : cat.all()) {
            const TableDef* def = tpl.table(table_id);
            if (!def) continue;
            Extraction ex;
            if (!toks.empty()) {
                auto read = [&](const std::vector<Token>& ts, bool blank_cells) {
                    return def->groups_layout ? grid_groups(doc, ts, *def)
                                              : grid_rows(doc, ts, *def, *known, cat, blank_cells);
                };
                ex = read(toks, false);
                const std::vector<Token>* used = &toks;
                if (!ex.exact && !toks_blank.empty()) {
                    Extraction eb = read(toks_blank, true);
                    if (eb.exact && eb.matched_rows >= ex.matched_rows) {
                        ex = std::move(eb);
                        used = &toks_blank;
                    }
                }
                if (ex.matched_rows > 0) {
                    ex.table.present = true;
                    ex.table.form = doc.blocks[ex.table.block].table ? doc.blocks[ex.table.block].table->form : "";
                    note_labels(doc, *used, ex, *def, *known, cat);
                }
            }
            if (ex.matched_rows == 0 && def->groups_layout) {
                Extraction bg = block_groups(doc, *def);
                if (bg.table.present && (bg.matched_rows > 0 || regions.empty())) ex = std::move(bg);
            }
            if (ex.matched_rows == 0) {
                for (const auto& [b, region] : regions) {
                    Extraction rt = runtogether_table(doc, region, *def, b);
                    if (rt.table.present) { ex = std::move(rt); break; }
                }
            }
            if (!ex.table.present) ex = rows_in_prose(doc, *def);
            const bool is_pref = tpl.id == preferred;
            if (!have || ex.matched_rows > best.matched_rows ||
                (ex.matched_rows == best.matched_rows && is_pref && !best_preferred)) {
                best = std::move(ex);
                have = true;
                best_preferred = is_pref;
            }
        }
        if (!have || !best.table.present) continue;
        if (best.matched_rows == 0) {
            best.table.verifiable = false;
            if (best.table.why_unverifiable.empty()) best.table.why_unverifiable = "未识别出年报格式的行标签";
        }
        best.table.position = doc.position(best.table.offset);
        facts.tables[table_id] = std::move(best.table);
    }
}

} // namespace gk
