// Plain-text parser: one block per non-empty line (these documents put one paragraph per line),
// headings recognised by their section numbers, pipe and markdown tables, tables without pipes
// (tab-separated, space-aligned, one cell per line: parse/text_grid), markdown images, the
// header of crawler plain text ("ptxt") and its run-together long lines (parse/text_runtogether).
//
// Every block and cell text is an exact byte range of Document::source (cells trimmed), so
// origins are exact; separators between cells in a table block's text are synthetic.
#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/grammar.hpp"
#include "parse/parse.hpp"
#include "parse/text_grid.hpp"
#include "parse/text_runtogether.hpp"
#include "parse/text_wrap.hpp"
#include "parse/text_util.hpp"

namespace gk {

namespace {

using namespace textparse;

struct Line {
    std::size_t begin = 0, end = 0; // trimmed content, bytes of source
    bool blank() const { return begin >= end; }
};

std::vector<Line> split_lines(std::string_view src) {
    std::vector<Line> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= src.size(); ++i) {
        if (i == src.size() || src[i] == '\n' || src[i] == '\r') {
            Line l{start, i};
            grammar::trim_range(src, l.begin, l.end);
            lines.push_back(l);
            if (i < src.size() && src[i] == '\r' && i + 1 < src.size() && src[i + 1] == '\n') ++i;
            start = i + 1;
        }
    }
    return lines;
}

std::string_view view(std::string_view src, const Line& l) { return src.substr(l.begin, l.end - l.begin); }

// Lines of a long body are split at headings and table regions when they are this long (bytes).
constexpr std::size_t kLongLine = 1000;
// A line this long (code points) is never a heading by itself.
constexpr std::size_t kMaxHeadingCps = 60;

bool pipe_only(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c != '|' && c != ' ' && c != '\t') return false;
    return s.find('|') != std::string_view::npos;
}

bool markdown_separator(std::string_view s) {
    if (s.empty() || s.find('-') == std::string_view::npos || s.find('|') == std::string_view::npos) return false;
    for (char c : s)
        if (c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t') return false;
    return true;
}

// A line that belongs to a pipe table: ends with '|' or starts with '|' and has another one.
bool pipe_line(std::string_view s) {
    if (s.empty()) return false;
    if (s.back() == '|') return true;
    return s.front() == '|' && s.find('|', 1) != std::string_view::npos;
}

const RE2& image_re() {
    static const RE2 re(R"((!\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)))");
    return re;
}

// The whole line is one or more markdown images (optionally inside table pipes).
bool image_line(std::string_view s, std::vector<std::pair<std::string, std::string>>& images,
                std::vector<std::size_t>& offsets) {
    images.clear();
    offsets.clear();
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece whole, alt, src;
    std::size_t consumed = 0;
    while (RE2::PartialMatch(input, image_re(), &whole, &alt, &src)) {
        const std::size_t at = static_cast<std::size_t>(whole.data() - s.data());
        for (std::size_t i = consumed; i < at; ++i)
            if (s[i] != ' ' && s[i] != '|' && s[i] != '\t') return false;
        images.emplace_back(std::string(alt), std::string(src));
        offsets.push_back(at);
        consumed = at + whole.size();
        input = re2::StringPiece(s.data() + consumed, s.size() - consumed);
    }
    for (std::size_t i = consumed; i < s.size(); ++i)
        if (s[i] != ' ' && s[i] != '|' && s[i] != '\t') return false;
    return !images.empty();
}

bool is_heading_line(std::string_view s, grammar::HeadingNumber& number) {
    const auto n = grammar::read_heading_number(s, 0, grammar::HeadingDialect::source);
    if (!n) return false;
    if (n->level > 0 && s[0] == '#') { number = *n; return true; }
    if (utf8::count_code_points(s) > kMaxHeadingCps) return false;
    // A sentence end before the last character means a paragraph that starts with a number.
    std::size_t i = n->end;
    while (i < s.size()) {
        const char32_t c = utf8::next(s, i);
        if ((c == U'。' || c == U'；' || c == ';') && i < s.size()) return false;
    }
    number = *n;
    return true;
}

// ---- pipe / markdown tables --------------------------------------------------------------

struct CellRange {
    std::size_t begin, end;
};

// Cells of one line: text between pipes, trimmed; a leading and a trailing pipe open/close.
std::vector<CellRange> line_cells(std::string_view src, const Line& l) {
    std::vector<CellRange> cells;
    std::size_t b = l.begin, e = l.end;
    if (b < e && src[b] == '|') ++b;
    if (e > b && src[e - 1] == '|') --e;
    std::size_t start = b;
    for (std::size_t i = b; i <= e; ++i) {
        if (i == e || src[i] == '|') {
            CellRange c{start, i};
            grammar::trim_range(src, c.begin, c.end);
            cells.push_back(c);
            start = i + 1;
        }
    }
    return cells;
}

std::string squeeze(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t from = i;
        const char32_t c = utf8::next(s, i);
        if (!grammar::is_space(c)) out.append(s.substr(from, i - from));
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A row that opens a new template table (表三's note or 申请人情况, 表四's 行政复议/行政诉讼 header).
bool table_start_row(std::string_view src, const std::vector<CellRange>& row) {
    if (row.empty()) return false;
    const std::string first = squeeze(src.substr(row[0].begin, row[0].end - row[0].begin));
    if (starts_with(first, "(本列数据") || starts_with(first, "（本列数据") || first == "申请人情况") return true;
    if (starts_with(first, "行政复议")) {
        for (std::size_t i = 1; i < row.size(); ++i)
            if (starts_with(squeeze(src.substr(row[i].begin, row[i].end - row[i].begin)), "行政诉讼")) return true;
    }
    return false;
}

bool metadata_label(std::string_view cell) {
    const std::string s = squeeze(cell);
    for (std::string_view l : {"索引号", "发布机构", "信息名称", "发文日期", "发布日期", "生成日期", "成文日期",
                               "文号", "发布文号", "公开方式", "组配分类", "主题分类"})
        if (starts_with(s, l)) return true;
    return false;
}

Block make_table_block(std::string_view src, const std::vector<std::vector<CellRange>>& rows, const std::string& form) {
    Block blk;
    blk.kind = BlockKind::table;
    blk.table = std::make_shared<Table>();
    blk.table->form = form;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::vector<Cell> cells;
        bool any_number = false;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            Cell cell;
            cell.text = mapped(src, rows[r][c].begin, rows[r][c].end);
            cell.origin_row = static_cast<int>(r);
            cell.origin_col = static_cast<int>(c);
            any_number = any_number || grammar::parse_number(cell.text.text).has_value();
            cells.push_back(std::move(cell));
        }
        for (auto& cell : cells) cell.header = !any_number;
        // The block's text lists the cells, each closed by '|', rows on lines, for display and
        // plain matching ('|' survives normalisation, so labels of adjacent cells never merge).
        for (std::size_t c = 0; c < cells.size(); ++c) {
            blk.text.append(cells[c].text);
            blk.text.append_synthetic("|", static_cast<SourceOffset>(rows[r][c].end));
        }
        if (r + 1 < rows.size() && !rows[r].empty())
            blk.text.append_synthetic("\n", static_cast<SourceOffset>(rows[r].back().end));
        blk.table->rows.push_back(std::move(cells));
    }
    if (!rows.empty() && !rows[0].empty())
        blk.in_metadata = metadata_label(src.substr(rows[0][0].begin, rows[0][0].end - rows[0][0].begin));
    return blk;
}

// Turns a run of pipe lines into one or more table blocks.
void emit_pipe_region(std::string_view src, const std::vector<Line>& region, std::vector<Block>& out) {
    bool markdown = false, leading_pipes = false;
    for (const auto& l : region) {
        const std::string_view s = view(src, l);
        if (markdown_separator(s)) markdown = true;
        if (!s.empty() && s.front() == '|' && !pipe_only(s)) leading_pipes = true;
    }
    // Every line a whole row 「| a | b |」 (markdown without its separator line, a PDF-to-markdown
    // converter's fragments): one row per line, its empty cells real blank cells.
    bool whole_rows = leading_pipes;
    for (const auto& l : region) {
        const std::string_view s = view(src, l);
        if (pipe_only(s)) continue;
        whole_rows = whole_rows && s.front() == '|' && s.back() == '|' && line_cells(src, l).size() >= 2;
    }
    std::vector<std::vector<CellRange>> rows;
    std::string form = "pipe";
    if (markdown) {
        for (const auto& l : region) {
            if (markdown_separator(view(src, l))) continue;
            rows.push_back(line_cells(src, l));
        }
        out.push_back(make_table_block(src, rows, "markdown"));
        return;
    }
    if (whole_rows) {
        for (const auto& l : region)
            if (!pipe_only(view(src, l))) rows.push_back(line_cells(src, l));
        form = "pipe-rows";
    } else if (leading_pipes) {
        // Flattened form (seed 000): "| label |" opens a row, "value |" lines continue it,
        // separator-only lines ("|", "||", "||||") close it.
        std::vector<CellRange> cur;
        for (const auto& l : region) {
            const std::string_view s = view(src, l);
            if (pipe_only(s)) {
                if (!cur.empty()) rows.push_back(std::move(cur));
                cur.clear();
                continue;
            }
            if (s.front() == '|' && !cur.empty()) {
                rows.push_back(std::move(cur));
                cur.clear();
            }
            for (const auto& c : line_cells(src, l)) cur.push_back(c);
        }
        if (!cur.empty()) rows.push_back(std::move(cur));
    } else {
        // One row per line ("label | 5 | 1 | 25 |").
        for (const auto& l : region)
            if (!pipe_only(view(src, l))) rows.push_back(line_cells(src, l));
    }
    // One contiguous region can hold tables 二, 三 and 四: split where a template table starts.
    std::vector<std::vector<CellRange>> current;
    for (auto& row : rows) {
        if (!current.empty() && table_start_row(src, row)) {
            out.push_back(make_table_block(src, current, form));
            current.clear();
        }
        current.push_back(std::move(row));
    }
    if (!current.empty()) out.push_back(make_table_block(src, current, form));
}

// ---- ptxt header -------------------------------------------------------------------------

// Index of the 「==== 正文 ====」 line of crawler plain text, or npos.
std::size_t ptxt_body_marker(std::string_view src, const std::vector<Line>& lines) {
    bool has_title = false;
    for (std::size_t i = 0; i < lines.size() && i < 30; ++i) {
        const std::string_view s = view(src, lines[i]);
        if (starts_with(s, "标题:") || starts_with(s, "标题：")) has_title = true;
        if (has_title && starts_with(s, "==") && s.find("正文") != std::string_view::npos) return i;
    }
    return std::string_view::npos;
}

Block paragraph(std::string_view src, const Line& l) {
    Block b;
    b.kind = BlockKind::paragraph;
    b.text = mapped(src, l.begin, l.end);
    return b;
}

} // namespace

void parse_text(Document& doc) {
    const std::string_view src = doc.source;
    const std::vector<Line> lines = split_lines(src);
    std::vector<Block>& out = doc.blocks;
    OutlineState outline;

    std::size_t i = 0;
    // One-cell-per-line grids, and the line spans of every text grid: a document that leaves a
    // blank line anywhere else uses blank lines as layout (see the end).
    std::vector<std::size_t> cells_tables;
    std::vector<std::pair<std::size_t, std::size_t>> grid_spans;
    const std::size_t marker = ptxt_body_marker(src, lines);
    const bool ptxt = marker != std::string_view::npos;
    if (ptxt) {
        for (; i <= marker; ++i) {
            if (lines[i].blank()) continue;
            Block b = paragraph(src, lines[i]);
            b.in_metadata = true;
            out.push_back(std::move(b));
        }
    }

    std::vector<SourceRange> ranges;
    ranges.reserve(lines.size());
    for (const auto& l : lines) ranges.push_back({l.begin, std::max(l.begin, l.end)});

    TextGridFinder grids(src, ranges);
    // PDF text: paragraphs broken at a fixed width are joined again (parse/text_wrap).
    const std::size_t wrap = ptxt ? 0 : wrap_width(src, ranges);

    std::vector<std::pair<std::string, std::string>> images;
    std::vector<std::size_t> image_offsets;
    while (i < lines.size()) {
        const Line& line = lines[i];
        if (line.blank()) { ++i; continue; }
        const std::string_view s = view(src, line);

        if (!ptxt && page_footer(s)) {
            Block b = paragraph(src, line);
            b.boilerplate = true; // a running page number: page furniture
            out.push_back(std::move(b));
            ++i;
            continue;
        }

        if (image_line(s, images, image_offsets)) {
            for (std::size_t k = 0; k < images.size(); ++k) {
                Block b;
                b.kind = BlockKind::image;
                const std::size_t at = line.begin + image_offsets[k];
                const std::size_t end = k + 1 < images.size() ? line.begin + image_offsets[k + 1] : line.end;
                std::size_t bb = at, ee = end;
                grammar::trim_range(src, bb, ee);
                while (ee > bb && (src[ee - 1] == '|' || src[ee - 1] == ' ')) --ee;
                b.text = mapped(src, bb, ee);
                b.alt = images[k].first;
                b.src = images[k].second;
                out.push_back(std::move(b));
            }
            ++i;
            continue;
        }

        if (pipe_line(s)) {
            // Collect the region; blank lines inside are allowed when a pipe line follows.
            std::vector<Line> region;
            std::size_t j = i;
            while (j < lines.size()) {
                if (lines[j].blank()) {
                    std::size_t k = j;
                    while (k < lines.size() && lines[k].blank()) ++k;
                    if (k < lines.size() && pipe_line(view(src, lines[k]))) { j = k; continue; }
                    break;
                }
                const std::string_view t = view(src, lines[j]);
                if (!pipe_line(t) || image_line(t, images, image_offsets)) break;
                region.push_back(lines[j]);
                ++j;
            }
            emit_pipe_region(src, region, out);
            i = j;
            continue;
        }

        // Tables without pipes: tab-separated, space-aligned, one cell per line (parse/text_grid).
        if (!ptxt) {
            if (auto grid = grids.at(i, outline.last_top)) {
                std::vector<std::vector<CellRange>> rows;
                for (const auto& row : grid->rows) {
                    rows.emplace_back();
                    for (const auto& c : row) rows.back().push_back({c.begin, c.end});
                }
                out.push_back(make_table_block(src, rows, grid->form));
                for (const auto& [row, at] : grid->blank_lines)
                    out.back().table->blank_lines.emplace_back(row, static_cast<SourceOffset>(at));
                if (grid->form == "cells") cells_tables.push_back(out.size() - 1);
                grid_spans.emplace_back(grid->first_line, grid->end_line);
                i = grid->end_line;
                continue;
            }
        }

        grammar::HeadingNumber number;
        if (is_heading_line(s, number)) {
            Block b = paragraph(src, line);
            b.kind = BlockKind::heading;
            b.level = number.level;
            if (s[0] == '#') {
                // Markdown: the text is what follows the #s; a section number in it decides the level.
                Line title{line.begin + number.end, line.end};
                grammar::trim_range(src, title.begin, title.end);
                if (title.blank()) { ++i; continue; }
                b.text = mapped(src, title.begin, title.end);
                if (const auto inner = grammar::read_heading_number(view(src, title), 0, grammar::HeadingDialect::source)) number = *inner;
                else number.value = 0;
                b.level = number.level;
            }
            if (number.level == 1 && number.value > 0) outline.last_top = number.value;
            out.push_back(std::move(b));
            ++i;
            continue;
        }

        if (ptxt || line.end - line.begin >= kLongLine) {
            split_long_line(src, line.begin, line.end, outline, out, ptxt);
            ++i;
            continue;
        }
        Block para = paragraph(src, line);
        ++i;
        // A line broken at the wrap width goes on in the next text line, past a page footer.
        for (std::string_view cur = s; wrapped_line(cur, wrap);) {
            std::size_t k = i;
            bool footer = false;
            while (k < lines.size() && (lines[k].blank() || page_footer(view(src, lines[k])))) {
                footer = footer || !lines[k].blank();
                ++k;
            }
            if (k >= lines.size() || (k > i && !footer)) break; // a blank line ends a paragraph
            const std::string_view next = view(src, lines[k]);
            grammar::HeadingNumber unused;
            if (pipe_line(next) || image_line(next, images, image_offsets) || is_heading_line(next, unused) ||
                next.find('\t') != std::string_view::npos)
                break;
            para.text.append(mapped(src, lines[k].begin, lines[k].end));
            cur = next;
            i = k + 1;
        }
        out.push_back(std::move(para));
    }

    // A blank line of a one-cell-per-line grid is a blank cell only in a document that writes
    // blank lines nowhere else (its paragraphs one per line, as a copy from Word or a browser
    // gives): where blank lines also part paragraphs (pdftotext, hand-typed text) they are layout,
    // inside tables too, and are dropped. Blank lines right after a grid count as the grid's.
    if (!cells_tables.empty()) {
        std::vector<bool> own(lines.size(), false);
        for (const auto& [b, e] : grid_spans) {
            for (std::size_t l = b; l < e; ++l) own[l] = true;
            for (std::size_t l = e; l < lines.size() && lines[l].blank(); ++l) own[l] = true;
        }
        std::size_t first = 0, last = 0; // the first and last non-blank lines
        bool any = false;
        for (std::size_t l = 0; l < lines.size(); ++l)
            if (!lines[l].blank()) {
                if (!any) first = l;
                last = l;
                any = true;
            }
        bool elsewhere = false;
        for (std::size_t l = first; l < last && !elsewhere; ++l) elsewhere = lines[l].blank() && !own[l];
        for (std::size_t b : cells_tables) {
            if (elsewhere) out[b].table->blank_lines.clear();
            out[b].table->lines_are_cells = !elsewhere;
        }
    }
}

} // namespace gk
