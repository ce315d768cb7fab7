// PDF layout: words with positions → lines, reading order, furniture, tables, paragraphs
// (see parse/pdf_layout.hpp for what is recognised and guaranteed).
#include "parse/pdf_layout.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <string_view>

#include "grammar/grammar.hpp"
#include "parse/text_util.hpp"
#include "parse/text_wrap.hpp"

namespace gk::pdfparse {

namespace {

bool wide(char32_t c) {
    return (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x20000 && c <= 0x3FFFD) || (c >= 0x2000 && c <= 0x206F && c != 0x2002 && c != 0x2003 && c != 0x2009 &&
                                              c != 0x200B && c != 0x2010 && c != 0x2011 && c != 0x2013);
}

bool han(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFD); }

char32_t first_cp(std::string_view s) {
    std::size_t i = 0;
    return s.empty() ? 0 : utf8::next(s, i);
}

char32_t last_cp(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t b = s.size() - 1;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    return utf8::next(s, b);
}

bool finite(double v) { return std::isfinite(v) && std::fabs(v) < 1e7; }

// A word kept for layout: text without surrounding whitespace, sane box.
struct W {
    std::string text;
    double x0, x1, yc, h;
    bool space_after;
    std::size_t cps;
    bool has_han;
};

// A word's place inside a fragment's text.
struct Piece {
    std::size_t begin = 0;    // byte of Frag::text where the word starts
    double x0 = 0, gap = 0;   // the gap before it
    bool numeric = false;
};

struct Frag {
    std::string text;
    std::vector<Piece> pieces;
    double x0 = 0, x1 = 0, yc = 0;
    bool numeric = false;
    std::size_t src_begin = 0, src_end = 0; // bytes of doc.source, filled when rendered
};

struct PLine {
    std::vector<Frag> frags;
    double yc = 0, x0 = 0, x1 = 0;
    std::size_t cps = 0;
    bool boiler = false;
    bool in_table = false;
    std::string text() const {
        std::string s;
        for (std::size_t i = 0; i < frags.size(); ++i) {
            if (i) s += ' ';
            s += frags[i].text;
        }
        return s;
    }
};

double median(std::vector<double> v, double fallback) {
    if (v.empty()) return fallback;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

bool is_number_text(std::string_view s) {
    if (s.empty() || s.size() > 40) return false;
    bool digit = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') digit = true;
        else if (c != '.' && c != ',' && c != '%' && c != '-' && c != '+') return false;
    }
    if (s.back() == '.') return false; // 「5.」 numbers an item
    return digit && grammar::parse_number(s).has_value();
}

bool starts_item_number(std::string_view s) {
    return grammar::read_heading_number(s, 0, grammar::HeadingDialect::source).has_value();
}

std::vector<W> clean_words(const Page& p) {
    std::vector<W> out;
    out.reserve(p.words.size());
    for (const auto& w : p.words) {
        if (!finite(w.x0) || !finite(w.x1) || !finite(w.y0) || !finite(w.y1)) continue;
        std::string_view t = w.text;
        std::size_t b = 0, e = t.size();
        grammar::trim_range(t, b, e);
        if (b >= e) continue;
        W k;
        k.text = utf8::is_valid(t.substr(b, e - b)) ? std::string(t.substr(b, e - b)) : std::string();
        if (k.text.empty()) {
            // Invalid UTF-8 (a broken font map): keep the valid code points.
            const std::string_view s = t.substr(b, e - b);
            for (std::size_t i = 0; i < s.size();) {
                const char32_t c = utf8::next(s, i);
                if (c != 0xFFFD && c >= 0x20) utf8::append(k.text, c);
            }
            if (k.text.empty()) continue;
        }
        // Control characters never reach the source (a tab or newline would split its lines).
        std::string clean;
        for (std::size_t i = 0; i < k.text.size();) {
            const std::size_t from = i;
            const char32_t c = utf8::next(k.text, i);
            if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029 || c == 0x85) continue;
            clean.append(k.text, from, i - from);
        }
        if (clean.empty()) continue;
        k.text = std::move(clean);
        k.x0 = std::min(w.x0, w.x1);
        k.x1 = std::max(w.x0, w.x1);
        const double y0 = std::min(w.y0, w.y1), y1 = std::max(w.y0, w.y1);
        k.yc = (y0 + y1) / 2;
        k.h = y1 - y0;
        k.space_after = w.space_after;
        k.cps = utf8::count_code_points(k.text);
        k.has_han = false;
        for (std::size_t i = 0; i < k.text.size();)
            if (han(utf8::next(k.text, i))) { k.has_han = true; break; }
        out.push_back(std::move(k));
    }
    return out;
}

double page_em(const std::vector<W>& ws) {
    std::vector<double> cjk, hs;
    for (const auto& w : ws) {
        if (w.has_han && w.cps > 0 && w.x1 > w.x0) cjk.push_back((w.x1 - w.x0) / static_cast<double>(w.cps));
        if (w.h > 0) hs.push_back(w.h * 0.86);
    }
    double em = cjk.size() >= 3 ? median(cjk, 10) : median(hs, 10);
    if (!(em > 0)) em = 10;
    return std::clamp(em, 2.0, 100.0);
}

std::vector<PLine> make_lines(std::vector<W>& ws, double em) {
    std::vector<std::size_t> order(ws.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ws[a].yc < ws[b].yc; });
    std::vector<std::vector<std::size_t>> groups;
    double ref = 0;
    for (std::size_t i : order) {
        if (groups.empty() || ws[i].yc - ref > 0.45 * em) {
            groups.emplace_back();
            ref = ws[i].yc;
        }
        groups.back().push_back(i);
    }
    std::vector<PLine> lines;
    for (auto& g : groups) {
        std::stable_sort(g.begin(), g.end(), [&](std::size_t a, std::size_t b) { return ws[a].x0 < ws[b].x0; });
        PLine line;
        double ysum = 0;
        const W* prev = nullptr;
        for (std::size_t i : g) {
            const W& w = ws[i];
            ysum += w.yc;
            const double gap = prev ? w.x0 - prev->x1 : 0;
            if (!prev || gap > 0.5 * em) {
                Frag f;
                f.x0 = w.x0;
                f.x1 = w.x1;
                f.text = w.text;
                f.yc = w.yc;
                f.pieces.push_back({0, w.x0, 0, is_number_text(w.text)});
                line.frags.push_back(std::move(f));
            } else {
                Frag& f = line.frags.back();
                const bool cjk_join = wide(last_cp(f.text)) || wide(first_cp(w.text));
                if (prev->space_after || gap > (cjk_join ? 0.25 : 0.2) * em) f.text += ' ';
                f.pieces.push_back({f.text.size(), w.x0, gap, is_number_text(w.text)});
                f.text += w.text;
                f.x1 = std::max(f.x1, w.x1);
            }
            prev = &w;
        }
        line.yc = ysum / static_cast<double>(g.size());
        for (auto& f : line.frags) {
            f.numeric = is_number_text(f.text);
            line.cps += utf8::count_code_points(f.text);
        }
        line.x0 = line.frags.front().x0;
        line.x1 = 0;
        for (const auto& f : line.frags) line.x1 = std::max(line.x1, f.x1);
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string furniture_key(const std::string& s) {
    std::string k;
    for (char c : s) {
        if (c >= '0' && c <= '9') { if (k.empty() || k.back() != '#') k += '#'; }
        else if (c != ' ') k += c;
    }
    return k;
}

// Reading order of a page: two columns when one gutter in the middle third separates prose.
std::vector<PLine> reading_order(std::vector<PLine> lines, double width, double em) {
    if (lines.size() < 6 || !(width > 0)) return lines;
    double best_x = 0;
    std::size_t best_both = 0, best_cross = lines.size();
    const int steps = 40;
    for (int s = 0; s <= steps; ++s) {
        const double x = width * (0.3 + 0.4 * s / steps);
        std::size_t cross = 0, both = 0, prose = 0;
        for (const auto& l : lines) {
            if (l.boiler) continue;
            bool c = false;
            std::size_t left = 0, right = 0;
            for (const auto& f : l.frags) {
                if (f.x0 < x - 0.4 * em && f.x1 > x + 0.4 * em) c = true;
                else if (f.x1 <= x + 0.4 * em) ++left;
                else ++right;
            }
            if (c) ++cross;
            else if (left && right) {
                ++both;
                if (left == 1 && right == 1) ++prose;
            }
        }
        if (prose * 10 < both * 6) continue;
        if (both > best_both || (both == best_both && cross < best_cross)) {
            best_both = both;
            best_cross = cross;
            best_x = x;
        }
    }
    std::size_t body = 0;
    for (const auto& l : lines) body += l.boiler ? 0 : 1;
    if (best_both < 5 || best_both * 10 < body * 4 || best_cross * 5 > body) return lines;
    // Column widths: both sides must hold prose, not a table's narrow cells.
    std::vector<double> lw, rw;
    for (const auto& l : lines) {
        if (l.boiler) continue;
        for (const auto& f : l.frags) (f.x1 <= best_x + 0.4 * em ? lw : rw).push_back(f.x1 - f.x0);
    }
    if (median(lw, 0) < 8 * em || median(rw, 0) < 8 * em) return lines;

    std::vector<PLine> out, left, right;
    auto flush = [&] {
        for (auto& l : left) out.push_back(std::move(l));
        for (auto& l : right) out.push_back(std::move(l));
        left.clear();
        right.clear();
    };
    for (auto& l : lines) {
        bool crossing = false;
        for (const auto& f : l.frags)
            if (f.x0 < best_x - 0.4 * em && f.x1 > best_x + 0.4 * em) crossing = true;
        if (crossing || l.boiler) {
            flush();
            out.push_back(std::move(l));
            continue;
        }
        PLine a, b;
        for (auto& f : l.frags) (f.x1 <= best_x + 0.4 * em ? a : b).frags.push_back(std::move(f));
        for (PLine* p : {&a, &b}) {
            if (p->frags.empty()) continue;
            p->yc = l.yc;
            p->x0 = p->frags.front().x0;
            for (const auto& f : p->frags) {
                p->x1 = std::max(p->x1, f.x1);
                p->cps += utf8::count_code_points(f.text);
            }
            (p == &a ? left : right).push_back(std::move(*p));
        }
    }
    flush();
    return out;
}

// ---- tables ------------------------------------------------------------------------------

struct CellB {
    std::vector<std::size_t> frags; // indices into the region's fragment list, in reading order
    double x0 = 0, x1 = 0, top = 0, bottom = 0;
    double last_x0 = 0, last_x1 = 0, last_yc = 0;
    bool numeric = false;
};

struct FragRef {
    std::size_t page, line, frag;
};

struct TableUnit {
    std::size_t page = 0;
    std::vector<std::vector<std::vector<FragRef>>> rows; // rows → cells → fragments
    std::vector<double> value_columns;                   // x0 of number columns
    std::vector<std::string> row_keys;                   // joined row text (repeated header detection)
    std::vector<bool> row_has_value;
    bool tentative = false;
    std::vector<std::pair<double, double>> last_columns; // x-ranges of the last segment's columns
};

using Columns = std::vector<std::pair<double, double>>;

// Adds to a segment's columns (number x-ranges) the x-ranges of `extra` that lie under no number
// column: the columns that hold no figure in this table (whole blank columns). Nothing is added
// when one of them spans two columns or two of them overlap: then they do not tell the columns.
void add_columns(Columns& cols, const Columns& extra, double em) {
    Columns add;
    for (const auto& e : extra) {
        std::size_t hits = 0;
        for (const auto& c : cols)
            if (std::min(e.second, c.second) - std::max(e.first, c.first) > 0) ++hits;
        if (hits > 1) return;
        for (const auto& a : add)
            if (std::min(e.second, a.second) - std::max(e.first, a.first) > -0.1 * em) return;
        if (hits == 0) add.push_back(e);
    }
    cols.insert(cols.end(), add.begin(), add.end());
    std::sort(cols.begin(), cols.end());
}

struct PageLines {
    std::vector<PLine> lines;
    double em = 10;
    double width = 0, height = 0;
};

bool sentence_end(char32_t c) { return c == U'。' || c == U'！' || c == U'？' || c == U'；'; }

// Inside a table a number stands in a cell of its own: a fragment is cut where a number word
// and a label word meet across a gap (a label filling its cell up to the next column's value),
// and where a numbered label starts across a gap (「三、本年度办理结果」 beside 「（一）予以公开」).
void split_numbers(PLine& l, double em) {
    std::vector<Frag> out;
    for (auto& f : l.frags) {
        std::size_t start = 0; // piece index where the current output fragment starts
        auto numbered = [&](std::size_t k) {
            if (f.pieces[k].numeric) return false;
            const auto n = grammar::read_heading_number(std::string_view(f.text).substr(f.pieces[k].begin), 0, grammar::HeadingDialect::source);
            return n.has_value();
        };
        for (std::size_t k = 1; k <= f.pieces.size(); ++k) {
            const bool cut = k == f.pieces.size() ||
                             (f.pieces[k].gap > 0.25 * em && f.pieces[k].numeric != f.pieces[k - 1].numeric) ||
                             (f.pieces[k].gap > 0.25 * em && f.pieces[k].numeric && f.pieces[k - 1].numeric) ||
                             (f.pieces[k].gap > 0.25 * em && numbered(k));
            if (!cut) continue;
            if (start == 0 && k == f.pieces.size()) break; // nothing to cut
            const std::size_t b = f.pieces[start].begin;
            const std::size_t e = k < f.pieces.size() ? f.pieces[k].begin : f.text.size();
            Frag g;
            g.text = f.text.substr(b, e - b);
            while (!g.text.empty() && g.text.back() == ' ') g.text.pop_back();
            g.x0 = f.pieces[start].x0;
            g.x1 = k < f.pieces.size() ? f.pieces[k].x0 - f.pieces[k].gap : f.x1;
            g.yc = f.yc;
            for (std::size_t j = start; j < k; ++j) g.pieces.push_back({f.pieces[j].begin - b, f.pieces[j].x0, j == start ? 0 : f.pieces[j].gap, f.pieces[j].numeric});
            g.numeric = is_number_text(g.text);
            out.push_back(std::move(g));
            start = k;
        }
        if (start == 0) out.push_back(std::move(f));
    }
    l.frags = std::move(out);
}

bool number_cut(const PLine& l, double em) {
    for (const auto& f : l.frags)
        for (std::size_t k = 1; k < f.pieces.size(); ++k)
            if (f.pieces[k].gap > 0.25 * em && (f.pieces[k].numeric || f.pieces[k - 1].numeric)) return true;
    return false;
}

struct Region {
    std::size_t first = 0, last = 0;
    bool tentative = false; // a header without numbers ending the page: a table only if one goes on
    bool cont = false;      // few numbers, starting the page: a table only if one ends the page before
};

// Table regions of one page's lines in reading order.
std::vector<Region> table_regions(const std::vector<PLine>& lines, double em) {
    std::vector<Region> out;
    std::vector<bool> multi(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const PLine& l = lines[i];
        std::size_t longest = 0;
        for (const auto& f : l.frags) longest = std::max(longest, utf8::count_code_points(f.text));
        const bool prose = longest > 30 && sentence_end(last_cp(l.frags.back().text));
        multi[i] = !l.boiler && !prose && (l.frags.size() >= 2 || number_cut(l, em));
    }
    std::size_t last_content = lines.size();
    for (std::size_t i = lines.size(); i-- > 0;)
        if (!lines[i].boiler) { last_content = i; break; }
    auto cell_line = [&](std::size_t k) {
        const PLine& l = lines[k];
        if (l.boiler || l.frags.size() != 1 || l.cps > 20) return false;
        const std::string& t = l.frags[0].text;
        if (sentence_end(last_cp(t))) return false;
        const auto n = grammar::read_heading_number(t, 0, grammar::HeadingDialect::source);
        return !(n && n->level == 1);
    };
    std::size_t i = 0;
    while (i < lines.size()) {
        if (!multi[i]) { ++i; continue; }
        std::size_t last_multi = i;
        std::size_t k = i + 1;
        for (; k < lines.size(); ++k) {
            const PLine& l = lines[k];
            if (l.boiler) break;
            const double gap = l.yc - lines[k - 1].yc;
            if (gap < 0 || gap > 4.5 * em) break;
            if (multi[k]) { last_multi = k; continue; }
            const std::string& t = l.frags[0].text;
            if (l.frags.size() >= 2 || l.cps > 40 || sentence_end(last_cp(t))) break;
            const auto n = grammar::read_heading_number(t, 0, grammar::HeadingDialect::source);
            if (n && n->level == 1 && l.cps > 6) break;
            if (k - last_multi > 8) break; // a group of blank rows (表三 prints up to 5 in a row)
        }
        std::size_t first = i, end = last_multi;
        // Wrapped cells: short lines just above the first row and just below the last one.
        const std::size_t floor = out.empty() ? 0 : out.back().last + 1;
        while (first > floor && cell_line(first - 1) && lines[first].yc - lines[first - 1].yc <= 1.9 * em &&
               lines[first].yc > lines[first - 1].yc)
            --first;
        while (end + 1 < lines.size() && cell_line(end + 1) && lines[end + 1].yc - lines[end].yc <= 1.9 * em &&
               lines[end + 1].yc > lines[end].yc)
            ++end;
        // At the foot of a page, up to two short caption lines of the table's next part.
        if (last_content < lines.size() && end < last_content && last_content - end <= 2) {
            bool captions = true;
            for (std::size_t j = end + 1; j <= last_content; ++j)
                if (!cell_line(j) || lines[j].yc - lines[j - 1].yc > 4.5 * em || lines[j].yc < lines[j - 1].yc) captions = false;
            if (captions) end = last_content;
        }
        std::size_t numbers = 0, multis = 0;
        for (std::size_t j = first; j <= end; ++j) {
            multis += multi[j] ? 1 : 0;
            for (const auto& f : lines[j].frags)
                for (const auto& pc : f.pieces) numbers += pc.numeric ? 1 : 0;
        }
        // At the top of a page, after at most two short caption lines (「第二十条第（八）项」).
        bool top = true;
        std::size_t captions = 0, first_content = first;
        for (std::size_t j = 0; j < first; ++j) {
            if (lines[j].boiler) continue;
            if (!cell_line(j) || ++captions > 2) { top = false; break; }
            first_content = std::min(first_content, j);
        }
        if (numbers < 4 && top && numbers >= 1) first = first_content;
        if (numbers >= 4 && end > first) {
            out.push_back({first, end, false, false});
            i = end + 1;
        } else if (top && numbers >= 1) {
            out.push_back({first, end, false, true});
            i = end + 1;
        } else if (end >= last_content && multis >= 2) {
            out.push_back({first, end, true, false});
            i = end + 1;
        } else {
            ++i;
        }
    }
    return out;
}

// `inherit`: the columns of the table just before (on this page or the previous one), used for a
// first segment that has no header of its own.
TableUnit build_table(std::size_t page, const std::vector<PLine>& lines, std::size_t first, std::size_t last, double em,
                      const Columns* inherit = nullptr) {
    std::vector<FragRef> frs;
    for (std::size_t l = first; l <= last; ++l)
        for (std::size_t f = 0; f < lines[l].frags.size(); ++f) frs.push_back({page, l, f});
    auto frag = [&](std::size_t i) -> const Frag& { return lines[frs[i].line].frags[frs[i].frag]; };

    // A bare item number (「5.」 set apart, centred between the lines of its label) belongs to
    // the fragment just right of it.
    std::vector<std::size_t> partner(frs.size(), frs.size()), forced(frs.size(), frs.size());
    for (std::size_t i = 0; i < frs.size(); ++i) {
        const Frag& f = frag(i);
        const auto n = grammar::read_heading_number(f.text, 0, grammar::HeadingDialect::source);
        if (!n || n->end < f.text.size()) continue;
        double best = 0;
        for (std::size_t j = 0; j < frs.size(); ++j) {
            const Frag& g = frag(j);
            if (j == i || g.numeric) continue;
            const double dx = g.x0 - f.x1, dy = std::fabs(g.yc - f.yc);
            if (dx < -0.1 * em || dx > 0.5 * em || dy > 0.8 * em) continue;
            if (partner[i] == frs.size() || dy < best) { partner[i] = j; best = dy; }
        }
    }
    double header_bottom = 1e18; // the first number's line: above it, the header
    for (std::size_t i = 0; i < frs.size(); ++i)
        if (frag(i).numeric) header_bottom = std::min(header_bottom, frag(i).yc - 0.3 * em);
    std::vector<std::size_t> cell_of(frs.size(), frs.size());
    std::vector<CellB> cells;
    for (std::size_t i = 0; i < frs.size(); ++i) {
        const Frag& f = frag(i);
        std::size_t best = cells.size();
        double best_dy = 0;
        if (partner[i] < frs.size() && cell_of[partner[i]] < cells.size()) {
            // Its label was placed already: the number goes first.
            CellB& cb = cells[cell_of[partner[i]]];
            cb.frags.insert(cb.frags.begin(), i);
            cb.x0 = std::min(cb.x0, f.x0);
            cell_of[i] = cell_of[partner[i]];
            continue;
        }
        if (forced[i] < cells.size()) {
            best = forced[i];
        } else if (!f.numeric && !starts_item_number(f.text)) {
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const CellB& cb = cells[c];
                if (cb.numeric) continue;
                const double dy = f.yc - cb.last_yc;
                if (dy <= 0.3 * em) continue;
                if (std::min(f.x1, cb.last_x1) - std::max(f.x0, cb.last_x0) <= 0) continue;
                auto sibling = [&] {
                    const auto& same_line = lines[frs[i].line].frags;
                    for (std::size_t j = 0; j < same_line.size(); ++j)
                        if (j != frs[i].frag && same_line[j].x1 > cb.last_x0 && same_line[j].x0 < cb.last_x1) return true;
                    return false;
                };
                // In the header, a line with a sibling under the same span is the spanning cell's
                // children (法人或其他组织 over 商业企业 … 其他), not its next line.
                if (f.yc < header_bottom && sibling()) continue;
                if (dy > 2.3 * em) {
                    // Header cells (above the first number) may space their lines wider: a line
                    // starting where the cell's last one starts and no wider, within 4 em, with no
                    // sibling under the same span (then the line above spans columns), goes on.
                    if (f.yc >= header_bottom || dy > 4 * em || std::fabs(f.x0 - cb.last_x0) > 0.3 * em ||
                        f.x1 > cb.last_x1 + 0.3 * em)
                        continue;
                    if (sibling()) continue;
                }
                if (best == cells.size() || dy < best_dy) { best = c; best_dy = dy; }
            }
        }
        if (best == cells.size()) {
            CellB cb;
            cb.x0 = f.x0; cb.x1 = f.x1; cb.top = cb.bottom = f.yc;
            cb.numeric = f.numeric;
            cells.push_back(cb);
        }
        CellB& cb = cells[best];
        cb.frags.push_back(i);
        cell_of[i] = best;
        if (partner[i] < frs.size()) forced[partner[i]] = best;
        cb.x0 = std::min(cb.x0, f.x0);
        cb.x1 = std::max(cb.x1, f.x1);
        cb.top = std::min(cb.top, f.yc);
        cb.bottom = std::max(cb.bottom, f.yc);
        // A fragment on the same line as the cell's last one (a "1." before its label) widens it.
        if (cb.frags.size() > 1 && std::fabs(f.yc - cb.last_yc) <= 0.3 * em) {
            cb.last_x0 = std::min(cb.last_x0, f.x0);
            cb.last_x1 = std::max(cb.last_x1, f.x1);
        } else {
            cb.last_x0 = f.x0;
            cb.last_x1 = f.x1;
        }
        cb.last_yc = f.yc;
    }

    // Number rows by baseline.
    std::vector<std::size_t> vals;
    for (std::size_t c = 0; c < cells.size(); ++c)
        if (cells[c].numeric) vals.push_back(c);
    std::stable_sort(vals.begin(), vals.end(), [&](std::size_t a, std::size_t b) { return cells[a].top < cells[b].top; });
    struct RowB {
        double y = 0, key = 0;
        std::vector<std::size_t> cells;
    };
    std::vector<RowB> rows;
    for (std::size_t c : vals) {
        if (rows.empty() || cells[c].top - rows.back().y > 0.5 * em) rows.push_back({cells[c].top, cells[c].top, {}});
        rows.back().cells.push_back(c);
    }
    const std::size_t value_rows = rows.size();
    std::vector<RowB> text_rows;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (cells[c].numeric) continue;
        const CellB& cb = cells[c];
        const double centre = (cb.top + cb.bottom) / 2;
        std::size_t best = value_rows;
        for (std::size_t r = 0; r < value_rows; ++r) {
            if (rows[r].y < cb.top - 0.6 * em || rows[r].y > cb.bottom + 0.6 * em) continue;
            if (best == value_rows || std::fabs(rows[r].y - centre) < std::fabs(rows[best].y - centre)) best = r;
        }
        if (best < value_rows) {
            rows[best].cells.push_back(c);
            rows[best].key = std::min(rows[best].key, cb.top);
            continue;
        }
        bool placed = false;
        for (auto& tr : text_rows)
            if (std::fabs(tr.y - cb.top) <= 0.5 * em) { tr.cells.push_back(c); placed = true; break; }
        if (!placed) text_rows.push_back({cb.top, cb.top, {c}});
    }
    std::vector<bool> has_value(rows.size(), true);
    for (auto& tr : text_rows) { rows.push_back(tr); has_value.push_back(false); }
    std::vector<std::size_t> order(rows.size());
    for (std::size_t r = 0; r < order.size(); ++r) order[r] = r;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rows[a].key < rows[b].key; });

    TableUnit t;
    t.page = page;
    // Columns by x-ranges: in each segment of rows (a header row over the number columns starts
    // one), the number cells' x-ranges that overlap form a column; a row gets one slot per column,
    // left blank when the PDF shows nothing there (a blank cell), after its label cells.
    double first_value_x = 1e18;
    for (std::size_t c : vals) first_value_x = std::min(first_value_x, cells[c].x0);
    std::vector<std::size_t> segment_of(order.size(), 0);
    std::size_t segments = 1;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t r = order[k];
        if (!has_value[r] && k > 0) {
            bool over_values = false;
            for (std::size_t c : rows[r].cells)
                if (cells[c].x1 > first_value_x + 0.1 * em) over_values = true;
            if (over_values) ++segments;
        }
        segment_of[k] = segments - 1;
    }
    std::vector<std::vector<std::pair<double, double>>> columns(segments);
    for (std::size_t k = 0; k < order.size(); ++k) {
        auto& cols = columns[segment_of[k]];
        for (std::size_t c : rows[order[k]].cells) {
            if (!cells[c].numeric) continue;
            std::pair<double, double> iv{cells[c].x0, cells[c].x1};
            for (std::size_t j = 0; j < cols.size();) {
                if (std::min(iv.second, cols[j].second) - std::max(iv.first, cols[j].first) > -0.1 * em) {
                    iv = {std::min(iv.first, cols[j].first), std::max(iv.second, cols[j].second)};
                    cols.erase(cols.begin() + static_cast<std::ptrdiff_t>(j));
                    j = 0;
                } else {
                    ++j;
                }
            }
            cols.push_back(iv);
        }
        std::sort(cols.begin(), cols.end());
    }
    // A column that never holds a figure (blank all the way down) shows only in the header: the
    // header's leaf cells over the values (cells with no header cell under them) add their
    // x-ranges. A segment without a header takes the columns of the table it continues.
    std::vector<bool> headed(segments, false);
    {
        std::vector<std::size_t> run; // header fragments over the values since the last row of figures
        for (std::size_t k = 0; k < order.size(); ++k) {
            const std::size_t r = order[k];
            if (!has_value[r]) {
                for (std::size_t c : rows[r].cells)
                    for (std::size_t fi : cells[c].frags)
                        if (frag(fi).x1 > first_value_x + 0.1 * em) run.push_back(fi);
                continue;
            }
            const std::size_t sg = segment_of[k];
            if (run.empty()) continue;
            if (headed[sg]) { run.clear(); continue; }
            if (run.size() > 512) { run.clear(); continue; } // no header is that large: quadratic below
            // Leaves: header lines with no header line under them (a spanning cell's line has its
            // children under it; a wrapped label's last line stands for its column).
            Columns leaves;
            for (std::size_t fi : run) {
                const Frag& f = frag(fi);
                bool parent = false;
                for (std::size_t gi : run)
                    if (gi != fi && frag(gi).yc > f.yc + 0.3 * em && std::min(f.x1, frag(gi).x1) - std::max(f.x0, frag(gi).x0) > 0.1 * em)
                        parent = true;
                if (parent) continue;
                // One line of header words with cell-padding gaps (「商业企业 科研机构 … 其他」, one
                // fragment by its small gaps) are that many leaves — when every figure column
                // under the line stands centred under exactly one of its words.
                Columns words;
                for (std::size_t w = 0; w < f.pieces.size(); ++w) {
                    const double x1 = w + 1 < f.pieces.size() ? f.pieces[w + 1].x0 - f.pieces[w + 1].gap : f.x1;
                    if (w > 0 && f.pieces[w].gap < 0.2 * em) { words.clear(); break; }
                    words.push_back({f.pieces[w].x0, x1});
                }
                bool by_words = words.size() > 1;
                for (const auto& col : columns[sg]) {
                    if (!by_words) break;
                    if (std::min(col.second, f.x1) - std::max(col.first, f.x0) <= 0) continue;
                    std::size_t hits = 0;
                    const double centre = (col.first + col.second) / 2;
                    for (const auto& w : words)
                        if (std::min(col.second, w.second) - std::max(col.first, w.first) > 0) {
                            ++hits;
                            if (centre < w.first || centre > w.second) by_words = false;
                        }
                    if (hits != 1) by_words = false;
                }
                if (by_words) leaves.insert(leaves.end(), words.begin(), words.end());
                else leaves.push_back({f.x0, f.x1});
            }
            std::sort(leaves.begin(), leaves.end());
            add_columns(columns[sg], leaves, em);
            headed[sg] = true;
            run.clear();
        }
    }
    // A segment with no header of its own (one started by a long label reaching over the values)
    // has the columns of the segment above; the first, those of the table it continues.
    for (std::size_t sg = 0; sg < segments; ++sg) {
        if (headed[sg]) continue;
        if (sg > 0) add_columns(columns[sg], columns[sg - 1], em);
        else if (inherit) add_columns(columns[0], *inherit, em);
    }
    if (!columns.empty()) t.last_columns = columns.back();
    // A row printed with a label and no figure between rows of figures is a row of blank cells
    // (「3.要求提供公开出版物」 left empty): it gets a blank slot per column, as the grid shows it.
    std::size_t first_value_k = order.size(), last_value_k = 0;
    for (std::size_t k = 0; k < order.size(); ++k)
        if (has_value[order[k]]) {
            first_value_k = std::min(first_value_k, k);
            last_value_k = k;
        }
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t r = order[k];
        auto& rc = rows[r].cells;
        std::stable_sort(rc.begin(), rc.end(), [&](std::size_t a, std::size_t b) { return cells[a].x0 < cells[b].x0; });
        std::vector<std::vector<FragRef>> row;
        std::string key;
        auto put = [&](std::size_t c) {
            row.emplace_back();
            for (std::size_t fi : cells[c].frags) {
                row.back().push_back(frs[fi]);
                key += frag(fi).text;
            }
            key += '|';
        };
        const auto& cols = columns[segment_of[k]];
        if (!has_value[r] || cols.empty()) {
            for (std::size_t c : rc) put(c);
            bool label_only = !has_value[r] && !cols.empty() && k > first_value_k && k < last_value_k;
            for (std::size_t c : rc)
                if (cells[c].x1 > first_value_x + 0.1 * em) label_only = false;
            if (label_only)
                for (std::size_t j = 0; j < cols.size(); ++j) { row.emplace_back(); key += '|'; }
        } else {
            std::vector<std::vector<std::size_t>> slot(cols.size());
            for (std::size_t c : rc) {
                std::size_t hit = cols.size();
                for (std::size_t j = 0; j < cols.size(); ++j)
                    if (std::min(cells[c].x1, cols[j].second) - std::max(cells[c].x0, cols[j].first) > 0 &&
                        cells[c].x0 >= cols[j].first - 1.5 * em) { hit = j; break; }
                if (hit == cols.size()) put(c); // a label
                else slot[hit].push_back(c);
            }
            for (const auto& sl : slot) {
                if (sl.empty()) { row.emplace_back(); key += '|'; }
                for (std::size_t c : sl) put(c);
            }
        }
        t.rows.push_back(std::move(row));
        t.row_keys.push_back(std::move(key));
        t.row_has_value.push_back(has_value[r]);
    }
    for (std::size_t c : vals) {
        bool seen = false;
        for (double x : t.value_columns)
            if (std::fabs(x - cells[c].x0) <= em) seen = true;
        if (!seen) t.value_columns.push_back(cells[c].x0);
    }
    return t;
}

bool same_columns(const TableUnit& a, const TableUnit& b, double em) {
    if (a.value_columns.empty() || b.value_columns.empty()) return false;
    std::size_t shared = 0;
    for (double x : b.value_columns)
        for (double y : a.value_columns)
            if (std::fabs(x - y) <= em) { ++shared; break; }
    return shared >= 2 || shared == b.value_columns.size();
}

// ---- rendering ---------------------------------------------------------------------------

struct Unit {
    bool table = false;
    std::size_t page = 0, index = 0; // line: index into the page's lines; table: into tables
};

MappedText range_text(const std::string& src, std::size_t b, std::size_t e) { return textparse::mapped(src, b, e); }

bool is_heading_text(std::string_view s, grammar::HeadingNumber& number) {
    const auto n = grammar::read_heading_number(s, 0, grammar::HeadingDialect::source);
    if (!n || n->level <= 0) return false;
    if (utf8::count_code_points(s) > 60) return false;
    std::size_t i = n->end;
    if (i >= s.size()) return false;
    while (i < s.size()) {
        const char32_t c = utf8::next(s, i);
        if ((c == U'。' || c == U'；' || c == ';') && i < s.size()) return false;
    }
    number = *n;
    return true;
}

std::string squeezed(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t from = i;
        if (!grammar::is_space(utf8::next(s, i))) out.append(s.substr(from, i - from));
    }
    return out;
}

// A printed web page: the paragraph that equals the document-information title (its part before
// a site suffix 「_栏目_网站」) is the article's title; the short lines above it, up to the top of
// the document, are the site's header (navigation, search box, breadcrumb) — boilerplate, as the
// HTML parser flags them. Nothing happens when no block near the top equals the title.
void mark_site_header(Document& doc) {
    std::string title = doc.html_title;
    for (const char* sep : {"_", "|", " - ", "——", "－"})
        if (const auto at = title.find(sep); at != std::string::npos) title.resize(at);
    title = squeezed(title);
    if (utf8::count_code_points(title) < 6) return;
    const std::size_t limit = std::min<std::size_t>(doc.blocks.size(), 60);
    for (std::size_t i = 0; i < limit; ++i) {
        const Block& b = doc.blocks[i];
        if (b.kind == BlockKind::table) return;
        if (squeezed(b.text.text) != title) continue;
        for (std::size_t k = 0; k < i; ++k) {
            const std::string& t = doc.blocks[k].text.text;
            if (utf8::count_code_points(t) > 100 || t.find("。") != std::string::npos) return;
        }
        for (std::size_t k = 0; k < i; ++k) doc.blocks[k].boilerplate = true;
        doc.blocks[i].kind = BlockKind::heading;
        doc.blocks[i].level = 1;
        return;
    }
}

} // namespace

std::vector<LineLocus> layout(const std::vector<Page>& pages, Document& doc) {
    std::vector<LineLocus> loci;
    std::vector<PageLines> pls(pages.size());
    for (std::size_t p = 0; p < pages.size(); ++p) {
        auto ws = clean_words(pages[p]);
        pls[p].em = page_em(ws);
        pls[p].width = finite(pages[p].width) ? pages[p].width : 0;
        pls[p].height = finite(pages[p].height) ? pages[p].height : 0;
        pls[p].lines = make_lines(ws, pls[p].em);
    }

    // Running headers and footers.
    std::map<std::string, std::set<std::size_t>> seen;
    auto band = [&](std::size_t p, std::size_t i) {
        const auto& pl = pls[p];
        const std::size_t n = pl.lines.size();
        if (!(i < 2 || i + 2 >= n)) return false;
        if (!(pl.height > 0)) return true;
        const double y = pl.lines[i].yc;
        return y < pl.height * 0.12 || y > pl.height * 0.88;
    };
    for (std::size_t p = 0; p < pls.size(); ++p)
        for (std::size_t i = 0; i < pls[p].lines.size(); ++i)
            if (band(p, i)) seen[furniture_key(pls[p].lines[i].text())].insert(p);
    const std::size_t need = std::max<std::size_t>(2, (pls.size() + 1) / 2);
    for (std::size_t p = 0; p < pls.size(); ++p)
        for (std::size_t i = 0; i < pls[p].lines.size(); ++i) {
            if (!band(p, i)) continue;
            PLine& l = pls[p].lines[i];
            const std::string t = l.text();
            const std::string key = furniture_key(t);
            std::size_t letters = 0;
            for (std::size_t k = 0; k < key.size();) letters += utf8::next(key, k) != '#' ? 1 : 0;
            if ((pls.size() >= 2 && letters >= 2 && seen[key].size() >= need) || textparse::page_footer(t)) l.boiler = true;
        }

    // Rows of a table are not furniture, though they recur at a page's top (a <thead> header
    // repeated on every page) or foot (rows of numbers): a repeated line of several fragments
    // next to a line of several fragments on the body's side stays.
    auto multi_line = [&](const PageLines& pl, const PLine& l) { return l.frags.size() >= 2 || number_cut(l, pl.em); };
    for (auto& pl : pls) {
        for (std::size_t i = 0; i + 1 < pl.lines.size(); ++i) { // top band, downwards
            PLine& l = pl.lines[i];
            const PLine& next = pl.lines[i + 1];
            if (l.boiler && multi_line(pl, l) && !next.boiler && multi_line(pl, next) && next.yc - l.yc <= 4 * pl.em &&
                !textparse::page_footer(l.text()))
                l.boiler = false;
        }
        for (std::size_t i = pl.lines.size(); i-- > 1;) { // bottom band, upwards
            PLine& l = pl.lines[i];
            const PLine& prev = pl.lines[i - 1];
            if (l.boiler && multi_line(pl, l) && !prev.boiler && multi_line(pl, prev) && l.yc - prev.yc <= 4 * pl.em &&
                !textparse::page_footer(l.text()))
                l.boiler = false;
        }
    }

    for (auto& pl : pls) pl.lines = reading_order(std::move(pl.lines), pl.width, pl.em);

    // Tables, and the units in reading order; a table continued on the next page is joined.
    std::vector<std::vector<Region>> regions(pls.size());
    for (std::size_t p = 0; p < pls.size(); ++p) regions[p] = table_regions(pls[p].lines, pls[p].em);
    auto starts_page = [&](std::size_t p, const Region& r) {
        for (std::size_t k = 0; k < r.first; ++k)
            if (!pls[p].lines[k].boiler) return false;
        return true;
    };
    for (std::size_t p = 0; p < pls.size(); ++p)
        for (auto& r : regions[p]) {
            if (!r.tentative) continue;
            // A header ending the page is a table's when a table with numbers starts the next.
            const bool goes_on = p + 1 < pls.size() && !regions[p + 1].empty() && !regions[p + 1][0].tentative &&
                                 starts_page(p + 1, regions[p + 1][0]);
            if (!goes_on) r.last = r.first - 1; // dropped below
        }
    auto ends_page = [&](std::size_t p, const Region& r) {
        for (std::size_t k = r.last + 1; k < pls[p].lines.size(); ++k)
            if (!pls[p].lines[k].boiler) return false;
        return true;
    };
    for (std::size_t p = 0; p < pls.size(); ++p)
        for (auto& r : regions[p]) {
            if (!r.cont) continue;
            const bool went_on = p > 0 && !regions[p - 1].empty() && regions[p - 1].back().last + 1 > regions[p - 1].back().first &&
                                 ends_page(p - 1, regions[p - 1].back());
            if (!went_on) r.last = r.first - 1;
        }
    std::vector<TableUnit> tables;
    std::vector<Unit> units;
    for (std::size_t p = 0; p < pls.size(); ++p) {
        auto& lines = pls[p].lines;
        std::vector<Region> rs;
        for (const auto& r : regions[p])
            if (r.last + 1 > r.first) rs.push_back(r);
        std::size_t r = 0;
        bool content_before = false;
        for (std::size_t i = 0; i < lines.size();) {
            if (r < rs.size() && rs[r].first == i) {
                for (std::size_t k = rs[r].first; k <= rs[r].last; ++k) {
                    lines[k].in_table = true;
                    split_numbers(lines[k], pls[p].em);
                }
                std::size_t u = units.size();
                while (u > 0 && !units[u - 1].table && pls[units[u - 1].page].lines[units[u - 1].index].boiler) --u;
                // The table just before (nothing but furniture between, on this page or at the end of
                // the previous one): a part of the same table without a header takes its columns.
                const Columns* inherit = nullptr;
                if (u > 0 && units[u - 1].table) {
                    const TableUnit& before = tables[units[u - 1].index];
                    if (before.page == p || (before.page + 1 == p && !content_before)) inherit = &before.last_columns;
                }
                TableUnit t = build_table(p, lines, rs[r].first, rs[r].last, pls[p].em, inherit);
                t.tentative = rs[r].tentative;
                i = rs[r].last + 1;
                ++r;
                if (!content_before && u > 0 && units[u - 1].table && tables[units[u - 1].index].page + 1 == p &&
                    (tables[units[u - 1].index].tentative || same_columns(tables[units[u - 1].index], t, pls[p].em))) {
                    TableUnit& prev = tables[units[u - 1].index];
                    // A header row split by the page break: its second part joins the cells above.
                    if (!prev.rows.empty() && !prev.row_has_value.back() && !t.rows.empty() && !t.row_has_value[0]) {
                        auto& above = prev.rows.back();
                        bool all = true;
                        std::vector<std::size_t> into;
                        for (const auto& cell : t.rows[0]) {
                            const Frag& f = pls[cell.front().page].lines[cell.front().line].frags[cell.front().frag];
                            std::size_t hit = above.size();
                            for (std::size_t c = 0; c < above.size(); ++c) {
                                const auto& a = above[c].front();
                                const Frag& g = pls[a.page].lines[a.line].frags[a.frag];
                                if (std::min(f.x1, g.x1) - std::max(f.x0, g.x0) > 0) { hit = c; break; }
                            }
                            if (hit == above.size()) { all = false; break; }
                            into.push_back(hit);
                        }
                        if (all && !into.empty()) {
                            for (std::size_t c = 0; c < into.size(); ++c)
                                for (const auto& fr : t.rows[0][c]) above[into[c]].push_back(fr);
                            t.rows.erase(t.rows.begin());
                            t.row_keys.erase(t.row_keys.begin());
                            t.row_has_value.erase(t.row_has_value.begin());
                        }
                    }
                    std::size_t skip = 0;
                    while (!prev.tentative && skip < t.rows.size() && skip < prev.rows.size() && !t.row_has_value[skip] &&
                           t.row_keys[skip] == prev.row_keys[skip])
                        ++skip;
                    for (std::size_t k = skip; k < t.rows.size(); ++k) {
                        prev.rows.push_back(std::move(t.rows[k]));
                        prev.row_keys.push_back(std::move(t.row_keys[k]));
                        prev.row_has_value.push_back(t.row_has_value[k]);
                    }
                    for (double x : t.value_columns) prev.value_columns.push_back(x);
                    if (!t.last_columns.empty()) prev.last_columns = t.last_columns;
                    prev.page = p; // it may go on over the next page too
                    prev.tentative = false;
                    content_before = true;
                    continue;
                }
                tables.push_back(std::move(t));
                units.push_back({true, p, tables.size() - 1});
                content_before = true;
                continue;
            }
            if (!lines[i].boiler) content_before = true;
            units.push_back({false, p, i});
            ++i;
        }
    }

    // The derived source: one line per PDF line, pages in order.
    std::string& src = doc.source;
    const std::size_t base = src.size();
    (void)base;
    for (std::size_t p = 0; p < pls.size(); ++p) {
        for (std::size_t i = 0; i < pls[p].lines.size(); ++i) {
            PLine& l = pls[p].lines[i];
            for (std::size_t f = 0; f < l.frags.size(); ++f) {
                if (f) src += l.in_table ? "\t" : "  ";
                l.frags[f].src_begin = src.size();
                src += l.frags[f].text;
                l.frags[f].src_end = src.size();
            }
            src += '\n';
            loci.push_back({static_cast<int>(p + 1), static_cast<int>(i + 1)});
        }
    }
    doc.lines = LineIndex(src);

    // Column geometry of prose lines, per page and side (two-column pages have two).
    struct Geo {
        double left = 1e18, right = -1e18, pitch = 0;
    };
    auto side_of = [&](std::size_t p, const PLine& l) { return pls[p].width > 0 && l.x0 >= pls[p].width * 0.45 ? 1 : 0; };
    std::vector<std::array<Geo, 2>> geo(pls.size());
    for (std::size_t p = 0; p < pls.size(); ++p) {
        std::array<std::vector<double>, 2> gaps;
        std::array<double, 2> last_y = {-1e18, -1e18};
        for (const auto& l : pls[p].lines) {
            if (l.boiler || l.in_table || l.frags.size() != 1) continue;
            Geo& g = geo[p][side_of(p, l)];
            g.left = std::min(g.left, l.x0);
            g.right = std::max(g.right, l.x1);
            const int s = side_of(p, l);
            const double d = l.yc - last_y[s];
            if (d > 0 && d <= 3 * pls[p].em) gaps[s].push_back(d);
            last_y[s] = l.yc;
        }
        for (int s = 0; s < 2; ++s) geo[p][s].pitch = median(gaps[s], 1.5 * pls[p].em);
    }
    // A page with little prose (a page of tables) takes its edges from the whole document.
    {
        std::array<std::vector<double>, 2> lefts, rights;
        for (std::size_t p = 0; p < pls.size(); ++p)
            for (int s = 0; s < 2; ++s)
                if (geo[p][s].right > geo[p][s].left) { lefts[s].push_back(geo[p][s].left); rights[s].push_back(geo[p][s].right); }
        for (std::size_t p = 0; p < pls.size(); ++p) {
            std::array<std::size_t, 2> prose = {0, 0};
            for (const auto& l : pls[p].lines)
                if (!l.boiler && !l.in_table && l.frags.size() == 1) ++prose[side_of(p, l)];
            for (int s = 0; s < 2; ++s)
                if (prose[s] < 6 && !rights[s].empty()) {
                    geo[p][s].left = std::min(geo[p][s].left, median(lefts[s], geo[p][s].left));
                    geo[p][s].right = std::max(geo[p][s].right, median(rights[s], geo[p][s].right));
                }
        }
    }

    auto line_range = [&](const PLine& l) {
        return std::pair<std::size_t, std::size_t>{l.frags.front().src_begin, l.frags.back().src_end};
    };
    auto full = [&](std::size_t p, const PLine& l) {
        const Geo& g = geo[p][side_of(p, l)];
        return l.frags.size() == 1 && l.x1 >= g.right - 1.5 * pls[p].em;
    };
    auto indented = [&](std::size_t p, const PLine& l) {
        const Geo& g = geo[p][side_of(p, l)];
        return l.x0 > g.left + 1.2 * pls[p].em;
    };

    Block para;
    bool open = false;
    std::size_t open_page = 0;
    const PLine* open_last = nullptr;
    std::vector<Block> furniture; // page furniture inside an open paragraph: emitted after it
    auto close = [&] {
        if (open) doc.blocks.push_back(std::move(para));
        for (auto& fb : furniture) doc.blocks.push_back(std::move(fb));
        furniture.clear();
        para = Block{};
        open = false;
        open_last = nullptr;
    };
    for (const Unit& u : units) {
        if (u.table) {
            close();
            const TableUnit& t = tables[u.index];
            Block blk;
            blk.kind = BlockKind::table;
            blk.table = std::make_shared<Table>();
            blk.table->form = "pdf";
            for (std::size_t r = 0; r < t.rows.size(); ++r) {
                std::vector<Cell> row;
                bool any_number = false;
                for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                    Cell cell;
                    for (const FragRef& fr : t.rows[r][c]) {
                        const Frag& f = pls[fr.page].lines[fr.line].frags[fr.frag];
                        if (!cell.text.empty() && !wide(last_cp(cell.text.text)) && !wide(first_cp(f.text)))
                            cell.text.append_synthetic(" ", static_cast<SourceOffset>(f.src_begin));
                        cell.text.append(range_text(src, f.src_begin, f.src_end));
                    }
                    cell.origin_row = static_cast<int>(r);
                    cell.origin_col = static_cast<int>(c);
                    any_number = any_number || is_number_text(cell.text.text);
                    row.push_back(std::move(cell));
                }
                for (auto& cell : row) cell.header = !any_number;
                for (const auto& cell : row) {
                    blk.text.append(cell.text);
                    blk.text.append_synthetic("|", cell.text.source_at(cell.text.text.size()));
                }
                if (r + 1 < t.rows.size() && !row.empty())
                    blk.text.append_synthetic("\n", row.back().text.source_at(row.back().text.text.size()));
                blk.table->rows.push_back(std::move(row));
            }
            if (!blk.table->rows.empty()) doc.blocks.push_back(std::move(blk));
            continue;
        }
        const PLine& l = pls[u.page].lines[u.index];
        const auto [b, e] = line_range(l);
        if (l.boiler) {
            // Furniture between two parts of a paragraph does not end it.
            Block fb;
            fb.text = range_text(src, b, e);
            fb.boilerplate = true;
            if (open) furniture.push_back(std::move(fb)); // blocks stay ordered by their first byte
            else doc.blocks.push_back(std::move(fb));
            continue;
        }
        const std::string_view s(src.data() + b, e - b);
        grammar::HeadingNumber number;
        const bool heading = l.frags.size() == 1 && is_heading_text(s, number) && !full(u.page, l);
        bool joins = false;
        if (open && open_last && !heading && l.frags.size() == 1 && open_last->frags.size() == 1) {
            const bool same_page = open_page == u.page;
            const double pitch = geo[u.page][side_of(u.page, l)].pitch;
            const bool near = !same_page || (l.yc > open_last->yc && l.yc - open_last->yc <= 1.7 * pitch) ||
                              side_of(u.page, l) != side_of(open_page, *open_last);
            joins = full(open_page, *open_last) && !sentence_end(last_cp(open_last->frags.back().text)) &&
                    !indented(u.page, l) && near;
            if (joins && para.kind == BlockKind::heading) joins = false;
        }
        if (joins) {
            if (!wide(last_cp(para.text.text)) && !wide(first_cp(s)))
                para.text.append_synthetic(" ", static_cast<SourceOffset>(b));
            para.text.append(range_text(src, b, e));
            open_last = &l;
            open_page = u.page;
            continue;
        }
        close();
        para.text = range_text(src, b, e);
        if (heading) {
            para.kind = BlockKind::heading;
            para.level = number.level;
        }
        open = true;
        open_last = &l;
        open_page = u.page;
    }
    close();
    mark_site_header(doc);
    return loci;
}

} // namespace gk::pdfparse
