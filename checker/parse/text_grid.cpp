#include "parse/text_grid.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include "core/text.hpp"
#include "grammar/grammar.hpp"
#include "parse/text_wrap.hpp"

namespace gk::textparse {

namespace {

// A cell longer than this (code points) is prose, not a table cell.
constexpr std::size_t kMaxCellCps = 48;
// A region holds at least this many numeric cells (on two lines at least, unless it has a
// multi-cell line).
constexpr int kMinValues = 4;
// At most this many lines of a region (header cells, labels) come before its first value or
// between two values: table headers are shorter, and the bound keeps the scan linear.
constexpr std::size_t kMaxLabelRun = 48;
// A region is looked for over at most this many lines from its start (a longer table continues
// as the next region): the parser stays linear on any input.
constexpr std::size_t kMaxRegionLines = 400;
// A header cell of a one-cell-per-line table (before its first value) is at most this long.
constexpr std::size_t kMaxHeaderCps = 20;
// A cell of a space-aligned header row standing alone (no value under it) is at most this long.
constexpr std::size_t kMaxHeaderRowCellCps = 12;

enum class LineKind { blank, multi, value, label, prose };

struct Classified {
    LineKind kind = LineKind::blank;
    bool tabs = false;                // multi: split at tabs (else at runs of spaces)
    std::vector<SourceRange> cells;   // multi: the cells (tsv keeps empty fields); else the line
    int numbers = 0;                  // numeric cells
};

// Full-width digits and signs folded, so that 「１２」 reads as a number before normalisation.
std::string fold_digits(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t from = i;
        const char32_t c = utf8::next(s, i);
        if (c >= U'０' && c <= U'９') out.push_back(static_cast<char>('0' + (c - U'０')));
        else if (c == U'．') out.push_back('.');
        else if (c == U'，') out.push_back(',');
        else if (c == U'＋') out.push_back('+');
        else if (c == U'－') out.push_back('-');
        else out.append(s.substr(from, i - from));
    }
    return out;
}


// A printed "nothing" standing for a value: 「/」 「—」 「-」 「无」.
bool is_blank_value(std::string_view s) {
    s = grammar::trim(s);
    return s == "/" || s == "-" || s == "--" || s == "—" || s == "——" || s == "－" || s == "无";
}

std::size_t cps(std::string_view s) { return utf8::count_code_points(s); }

bool ends_sentence(std::string_view s) {
    if (s.empty()) return false;
    std::size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    std::size_t j = i;
    const char32_t c = utf8::next(s, j);
    return c == U'。' || c == U'；' || c == U'！' || c == U'？' || c == ';' || c == '!' || c == '?';
}

// Splits [b, e) at tabs (keeping empty fields) or at runs of two or more spaces.
std::vector<SourceRange> split_cells(std::string_view src, std::size_t b, std::size_t e, bool tabs) {
    std::vector<SourceRange> out;
    std::size_t start = b, i = b;
    auto push = [&](std::size_t end) {
        SourceRange r{start, end};
        grammar::trim_range(src, r.begin, r.end);
        out.push_back(r);
    };
    while (i < e) {
        if (tabs) {
            if (src[i] == '\t') { push(i); start = i + 1; }
            ++i;
            continue;
        }
        if (!grammar::space_len(src, i)) { ++i; continue; }
        std::size_t k = i;
        int n = 0;
        for (std::size_t m; k < e && (m = grammar::space_len(src, k)) != 0; k += m) ++n;
        if (n >= 2) { push(i); start = k; }
        i = k;
    }
    push(e);
    return out;
}

Classified classify(std::string_view src, const SourceRange& l) {
    Classified c;
    if (l.empty()) return c;
    const std::string_view s = src.substr(l.begin, l.end - l.begin);
    // Pipe tables, markdown images and markdown headings are the text parser's other forms.
    if (s.find('|') != std::string_view::npos || s.starts_with("![") || s.starts_with("#")) {
        c.kind = LineKind::prose;
        c.cells = {l};
        return c;
    }
    // Tabs at either end of a tab-separated line are blank cells: look past the line's trimming.
    std::size_t b = l.begin, e = l.end;
    while (b > 0 && (src[b - 1] == '\t' || src[b - 1] == ' ')) --b;
    while (e < src.size() && (src[e] == '\t' || src[e] == ' ')) ++e;
    const bool tabs = src.substr(b, e - b).find('\t') != std::string_view::npos;
    if (!tabs) b = l.begin, e = l.end;
    std::vector<SourceRange> cells = split_cells(src, b, e, tabs);
    std::size_t nonempty = 0;
    bool long_cell = false;
    for (const auto& r : cells) {
        if (!r.empty()) ++nonempty;
        const std::string_view t = src.substr(r.begin, r.end - r.begin);
        if (cps(t) > kMaxCellCps) long_cell = true;
        if (!r.empty() && is_number(t)) ++c.numbers;
    }
    if ((tabs ? cells.size() : nonempty) >= 2 && !long_cell) {
        c.kind = LineKind::multi;
        c.tabs = tabs;
        c.cells = std::move(cells);
        return c;
    }
    c.cells = {l};
    c.numbers = 0;
    if (is_number(s)) { c.kind = LineKind::value; c.numbers = 1; }
    else if (is_blank_value(s)) c.kind = LineKind::value;
    else if (cps(s) <= kMaxCellCps && !ends_sentence(s)) c.kind = LineKind::label;
    else c.kind = LineKind::prose;
    return c;
}

// The most cells a row may have for its blanks to be placed by column.
constexpr std::size_t kMaxPlacedCells = 64;

struct ColumnSpan {
    std::size_t b, e; // display columns [b, e)
};

// Blank cells of a space-aligned table (`pdftotext -layout`) leave only their place: a row of
// figures under seven columns may print four of them. Where the columns can be told from the
// places — the header cells of the region, deepest header row first, and the figures themselves —
// every row of figures is rebuilt with one cell per column, an empty one where nothing is printed.
// Nothing is changed unless every figure of every row falls under exactly one column and no
// column holds two figures of one row, and never by figures alone: a segment of figure rows is
// placed only under header cells of its own or columns carried from above. The header rows and
// labels are kept as they are.
// A table continued after lone labels (which end a region) keeps the columns of the region above
// when it has no header of its own: `inherited`. Returns the columns a header gave (or the
// inherited ones) when the rows were placed by them, for the region that may follow.
std::optional<std::vector<ColumnSpan>> place_by_columns(std::string_view src, std::vector<std::vector<SourceRange>>& rows,
                                                        const std::vector<ColumnSpan>* inherited, bool& placed_any) {
    placed_any = false;
    using Span = ColumnSpan;
    auto span_of = [&](const SourceRange& r) {
        std::size_t line_start = r.begin;
        while (line_start > 0 && src[line_start - 1] != '\n') --line_start;
        const std::size_t b = display_width(src.substr(line_start, r.begin - line_start));
        return Span{b, b + std::max<std::size_t>(display_width(src.substr(r.begin, r.end - r.begin)), 1)};
    };
    auto overlaps = [](const Span& a, const Span& b) { return a.b < b.e && b.b < a.e; };
    auto is_figure = [&](const SourceRange& r) {
        const std::string_view t = src.substr(r.begin, r.end - r.begin);
        return !r.empty() && (is_number(t) || is_blank_value(t));
    };
    // The first figure of each row; a region with a row whose figures are followed by text is
    // left alone.
    std::vector<std::size_t> first_figure(rows.size(), std::string::npos);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        // A statistics table has a few dozen columns at most; a row of thousands of cells is not
        // placed (and placing stays linear: columns × cells of a row are bounded).
        if (rows[r].size() > kMaxPlacedCells) return std::nullopt;
        std::size_t k = 0;
        while (k < rows[r].size() && !is_figure(rows[r][k])) ++k;
        if (k == rows[r].size()) continue;
        for (std::size_t j = k; j < rows[r].size(); ++j)
            if (!is_figure(rows[r][j])) return std::nullopt;
        first_figure[r] = k;
    }
    // Segments: header rows, then rows of figures. Each is placed by its own header's columns;
    // one without a header (a lone label between rows of figures) keeps the columns above it.
    std::vector<std::vector<SourceRange>> placed = rows;
    std::optional<std::vector<Span>> carried;
    if (inherited) carried = *inherited;
    std::size_t seg = 0;
    while (seg < rows.size()) {
        std::size_t figures = seg;
        while (figures < rows.size() && first_figure[figures] == std::string::npos) ++figures;
        std::size_t end = figures;
        while (end < rows.size() && first_figure[end] != std::string::npos) ++end;
        if (figures == end) break; // trailing header rows: nothing to place
        std::size_t left = std::string::npos, widest = 0;
        for (std::size_t r = figures; r < end; ++r) {
            left = std::min(left, span_of(rows[r][first_figure[r]]).b);
            widest = std::max(widest, rows[r].size() - first_figure[r]);
        }
        // Columns: header cells right of the row labels, the deepest row's first (a header above
        // it spans several of its cells), then clusters of figures no header cell is over.
        std::vector<Span> columns;
        for (std::size_t r = figures; r-- > seg;)
            for (const auto& c : rows[r]) {
                if (c.empty()) continue;
                const Span sp = span_of(c);
                if (sp.e <= left) continue;
                bool free = true;
                for (const auto& k : columns) free = free && !overlaps(k, sp);
                if (free) columns.push_back(sp);
            }
        if (columns.empty() && carried) columns = *carried;
        const bool known = !columns.empty();
        for (std::size_t r = figures; r < end; ++r)
            for (std::size_t j = first_figure[r]; j < rows[r].size(); ++j) {
                const Span sp = span_of(rows[r][j]);
                bool under = false;
                for (const auto& k : columns) under = under || overlaps(k, sp);
                if (!under) columns.push_back(sp);
            }
        std::sort(columns.begin(), columns.end(), [](const Span& x, const Span& y) { return x.b < y.b; });
        bool clear = true;
        for (std::size_t k = 1; k < columns.size(); ++k) clear = clear && !overlaps(columns[k - 1], columns[k]);
        if (!clear) return std::nullopt; // figures straddling: no clear columns
        carried = known ? std::optional(columns) : std::nullopt;
        // Without a header cell over them (or columns carried from above), figures alone never
        // place a blank: text whose rows are set a few columns apart (a proportional font laid
        // out in characters) would make two columns of one.
        if (known && columns.size() > widest) {
            for (std::size_t r = figures; r < end; ++r) {
                std::vector<SourceRange> out(rows[r].begin(), rows[r].begin() + static_cast<std::ptrdiff_t>(first_figure[r]));
                std::vector<std::optional<SourceRange>> slot(columns.size());
                for (std::size_t j = first_figure[r]; j < rows[r].size(); ++j) {
                    const Span sp = span_of(rows[r][j]);
                    std::size_t hits = 0, at = 0;
                    for (std::size_t k = 0; k < columns.size(); ++k)
                        if (overlaps(columns[k], sp)) { ++hits; at = k; }
                    if (hits != 1 || slot[at]) return std::nullopt;
                    slot[at] = rows[r][j];
                }
                std::size_t pos = out.empty() ? rows[r][first_figure[r]].begin : out.back().end;
                for (const auto& sl : slot) {
                    if (sl) { out.push_back(*sl); pos = sl->end; }
                    else out.push_back(SourceRange{pos, pos});
                }
                placed[r] = std::move(out);
                placed_any = true;
            }
        }
        seg = end;
    }
    if (placed_any) rows = std::move(placed);
    return carried;
}

std::optional<grammar::HeadingNumber> heading_of(std::string_view src, const SourceRange& l) {
    return grammar::read_heading_number(src.substr(l.begin, l.end - l.begin), 0, grammar::HeadingDialect::source);
}

} // namespace

bool is_number(std::string_view s) {
    s = grammar::trim(s);
    // grammar::parse_number reads a sign, a digit, a comma or a point first (U+2212 as a sign):
    // a text whose first code point folds to none of them is no number, without a folded copy.
    if (s.empty()) return false;
    std::size_t k = 0;
    const char32_t first = utf8::next(s, k);
    if (!((first >= '0' && first <= '9') || first == '+' || first == '-' || first == ',' || first == '.' ||
          (first >= U'０' && first <= U'９') || first == U'．' || first == U'，' || first == U'＋' || first == U'－' ||
          first == U'\u2212'))
        return false;
    const auto n = grammar::parse_number(fold_digits(s));
    if (!n) return false;
    const std::string& u = n->unit;
    return u.empty() || u == "件" || u == "个" || u == "项" || u == "条" || u == "元" || u == "万元" || u == "亿元" ||
           u == "%";
}

// Every line classified once (a scan may start at every line).
struct TextGridFinder::Memo {
    std::optional<std::vector<ColumnSpan>> columns; // of the last aligned region placed by columns
    std::size_t columns_end_line = 0;
    std::string_view src;
    const std::vector<SourceRange>& lines;
    std::vector<std::optional<Classified>> cls;
    std::vector<signed char> footers; // -1 unknown, 0 no, 1 yes

    Memo(std::string_view s, const std::vector<SourceRange>& l) : src(s), lines(l), cls(l.size()), footers(l.size(), -1) {}

    const Classified& get(std::size_t i) {
        if (!cls[i]) cls[i] = classify(src, lines[i]);
        return *cls[i];
    }
    bool footer(std::size_t i) {
        if (footers[i] < 0) footers[i] = page_footer(src.substr(lines[i].begin, lines[i].end - lines[i].begin)) ? 1 : 0;
        return footers[i] == 1;
    }
    // The next text line after `i` (past blanks and page footers, within kMaxLabelRun lines) is a value line.
    bool value_follows(std::size_t i) {
        for (std::size_t k = i + 1; k < lines.size() && k <= i + kMaxLabelRun; ++k) {
            if (lines[k].empty() || footer(k)) continue;
            return get(k).kind == LineKind::value;
        }
        return false;
    }
};

TextGridFinder::TextGridFinder(std::string_view src, const std::vector<SourceRange>& lines)
    : memo_(std::make_unique<Memo>(src, lines)) {}
TextGridFinder::~TextGridFinder() = default;

std::optional<TextGrid> TextGridFinder::at(std::size_t at, int last_top) {
    Memo& m = *memo_;
    const std::string_view src = m.src;
    const std::vector<SourceRange>& lines = m.lines;
    if (at >= lines.size() || lines[at].empty()) return std::nullopt;
    const Classified& first = m.get(at);
    if (first.kind == LineKind::prose || first.kind == LineKind::blank) return std::nullopt;
    // A numbered line that no value follows is a heading or a list item, not a table's first cell.
    if (first.kind == LineKind::label && heading_of(src, lines[at]) && !m.value_follows(at))
        return std::nullopt;

    // A region of multi-cell rows never starts at a lone label (a caption, a heading, a fragment
    // of text): only a table of one cell per line does, its header cells before its first value —
    // short cells; a longer line there is a caption or text, unless it is the first row's label.
    if (first.kind == LineKind::label) {
        std::size_t seen = 0;
        for (std::size_t i = at; i < lines.size(); ++i) {
            if (lines[i].empty()) continue;
            const Classified& c = m.get(i);
            if (c.kind == LineKind::value) break;
            if (c.kind != LineKind::label || ++seen > kMaxLabelRun) return std::nullopt;
            // (a long label right before a value is that row's label)
            if (cps(src.substr(lines[i].begin, lines[i].end - lines[i].begin)) > kMaxHeaderCps &&
                !m.value_follows(i))
                return std::nullopt;
        }
    }

    std::vector<std::pair<std::size_t, Classified>> taken;
    std::size_t last_numeric = 0; // one past the last taken line holding a number (index into taken)
    std::size_t last_numeric_line = at;
    bool multi_seen = false;
    std::size_t since_numeric = 0; // non-blank lines since the last one holding a number
    for (std::size_t i = at; i < lines.size(); ++i) {
        // blank lines and page footers inside a region are layout
        if (lines[i].empty() || m.footer(i)) continue;
        if (i > last_numeric_line && ++since_numeric > kMaxLabelRun) break;
        if (i >= at + kMaxRegionLines) break;
        Classified c = m.get(i);
        if (c.kind == LineKind::prose) break;
        if (c.kind == LineKind::label && multi_seen) {
            // Between multi-cell rows, one lone label is a caption row; two in a row are text.
            std::size_t k = i + 1;
            while (k < lines.size() && lines[k].empty()) ++k;
            if (k < lines.size() && m.get(k).kind == LineKind::label) break;
        }
        if (c.kind == LineKind::label) {
            // A section heading continuing the outline ends the region, unless a value follows it.
            const auto h = heading_of(src, lines[i]);
            if (h && h->form == grammar::HeadingForm::chinese && h->level == 1 && h->value == last_top + 1 &&
                !m.value_follows(i))
                break;
        }
        const bool numeric = c.numbers > 0;
        multi_seen = multi_seen || c.kind == LineKind::multi;
        taken.emplace_back(i, std::move(c));
        if (numeric) {
            last_numeric = taken.size();
            last_numeric_line = i;
            since_numeric = 0;
        }
    }
    // Header rows alone (between two captions) are a table when a row has three cells or more,
    // tab-separated or short ones set apart by spaces: prose is written neither way. Otherwise
    // trailing labels belong to what follows.
    auto header_row = [&](const Classified& c) {
        if (c.kind != LineKind::multi || c.cells.size() < 3) return false;
        if (c.tabs) return true;
        for (const auto& r : c.cells)
            if (cps(src.substr(r.begin, r.end - r.begin)) > kMaxHeaderRowCellCps) return false;
        return true;
    };
    if (last_numeric == 0 && !taken.empty() && header_row(taken.front().second)) {
        TextGrid g;
        g.first_line = g.end_line = at;
        g.form = taken.front().second.tabs ? "tsv" : "aligned";
        for (auto& [i, c] : taken) {
            if (c.kind != LineKind::multi) break;
            g.rows.push_back(std::move(c.cells));
            g.end_line = i + 1;
        }
        return g;
    }
    taken.resize(last_numeric);
    int values = 0, value_lines = 0;
    bool any_tabs = false, any_multi = false, adjacent_values = false;
    for (std::size_t k = 0; k < taken.size(); ++k) {
        const Classified& c = taken[k].second;
        values += c.numbers;
        if (c.numbers) ++value_lines;
        if (k > 0 && c.kind == LineKind::value && taken[k - 1].second.kind == LineKind::value) adjacent_values = true;
        any_multi = any_multi || c.kind == LineKind::multi;
        any_tabs = any_tabs || (c.kind == LineKind::multi && c.tabs);
    }
    // One line of values is enough in a multi-cell table (表四: one row of 15 under its header).
    if (values < kMinValues || (value_lines < 2 && !any_multi)) return std::nullopt;
    // One cell per line: a table of figures has a row of two values or more, that is two value
    // lines in a row; numbers that each stand between labels are a numbered list (序号 1, 2, …).
    if (!any_multi && !adjacent_values) return std::nullopt;

    TextGrid g;
    g.first_line = at;
    g.end_line = taken.back().first + 1;
    g.form = any_tabs ? "tsv" : any_multi ? "aligned" : "cells";
    for (auto& [i, c] : taken) g.rows.push_back(std::move(c.cells));
    if (g.form == "cells")
        for (std::size_t k = 1; k < taken.size(); ++k)
            for (std::size_t l = taken[k - 1].first + 1; l < taken[k].first; ++l)
                if (lines[l].empty() && !m.footer(l)) g.blank_lines.emplace_back(k, lines[l].begin);
    // (and those right after its last line, blank cells that end the last row — unless the text
    // ends there: blank lines at the end of a file are no cells)
    if (g.form == "cells") {
        std::size_t l = g.end_line;
        while (l < lines.size() && lines[l].empty()) ++l;
        if (l < lines.size())
            for (std::size_t k = g.end_line; k < l; ++k) g.blank_lines.emplace_back(g.rows.size(), lines[k].begin);
    }
    if (g.form == "aligned") {
        // The columns of the region above carry over when only lone labels came between.
        const bool continues = m.columns && at <= m.columns_end_line + kMaxLabelRun;
        bool placed = false;
        m.columns = place_by_columns(src, g.rows, continues ? &*m.columns : nullptr, placed);
        m.columns_end_line = g.end_line;
        if (placed) g.form = "columns";
    }
    return g;
}

} // namespace gk::textparse
