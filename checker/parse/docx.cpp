// Word (.docx) reader: WordprocessingML → a UTF-8 rendering (Document::source), blocks over it
// and one Locus per rendered line (see Locus in document/document.hpp).
//
// What it reads, and guarantees:
// - docProps/core.xml's dc:title as Document::html_title (what an HTML page's <title> is).
// - word/document.xml (the body), word/styles.xml (heading levels: a style's w:outlineLvl or a
//   "heading N"/"标题 N" name, through its w:basedOn chain, and the default paragraph style) and
//   word/numbering.xml. Nothing else: headers, footers, footnotes, endnotes and comments are
//   not part of the body and are never read (a footnote reference leaves no mark).
// - Every w:p, in body order (inside table cells and text boxes too), is one line of the
//   rendering, empty ones included: paragraph n is line n, and Locus::paragraph is n. The line is the paragraph's text with its list number first, as Word
//   shows it: w:numPr (direct, or from the style chain) → the abstractNum level's w:lvlText with
//   each %N in its level's w:numFmt (decimal, chineseCounting, chineseCountingThousand,
//   ideographTraditional, decimalEnclosedCircle, decimalFullWidth, letters, roman numerals,
//   decimalZero; bullets and "none" print nothing), followed by a space when w:suff is tab or
//   space (the default) and the number does not end in 、 ） ) or ．. Counters belong to the
//   abstractNum (as in Word: two w:num of one abstractNum continue one sequence), a
//   w:lvlOverride/w:startOverride restarts its level at the first paragraph of that w:num, and
//   a level restarts after any higher level (w:lvlRestart honoured; w:isLgl prints decimals).
// - Runs: w:t, w:tab and w:br (as a space: a paragraph stays one line), w:noBreakHyphen;
//   tracked changes as accepted (w:ins and w:moveTo kept, w:del and w:moveFrom dropped);
//   field instructions dropped, their results kept; w:hyperlink, w:smartTag, w:sdt, w:customXml,
//   w:fldSimple read through.
// - Text boxes (w:txbxContent) once: of mc:AlternateContent the first w:Choice that has one,
//   else the w:Fallback (which repeats the same box as VML). A box's paragraphs are emitted as
//   paragraphs after the paragraph that anchors them (anchored in a table cell: after the
//   table), and are numbered in that order.
// - Headings: a paragraph whose own w:outlineLvl or style gives an outline level 0–8 is a
//   heading block of level outlineLvl + 1; the "Title" style is level 1. Others are paragraph
//   blocks (numbered or not, as the HTML parser makes <p> and <li> text); empty ones are no block.
// - Tables (w:tbl, the rows and cells read through w:sdt/w:customXml) become Table{form="docx"}:
//   w:gridBefore skips columns, w:gridSpan widens a cell, w:vMerge="restart" … w:vMerge
//   (continue) makes one cell of the slots below; spanned slots are copies carrying the origin
//   (origin_row/origin_col, span_copy) exactly as the HTML parser expands rowspan/colspan. A row
//   with w:tblHeader is a header row. A cell's text is its paragraphs joined by a space; a table
//   nested in a cell is read into that cell's text (its paragraphs have the outer cell's locus).
// - Bounded: at most 10,000 ZIP entries; each part read is inflated only up to a budget shared
//   by the parts, 32 × the .docx's size but at least 16 MiB and at most 1 GiB (a zip bomb is
//   refused as input.too-large, not inflated); XML nested deeper than 256 elements is not
//   descended; a table grid has at most 2^20 slots and a gridSpan at most 1,000 columns (the
//   HTML parser's limits). pugixml processes no DTD and fetches nothing.
// - Never throws and never crashes on any bytes: a damaged ZIP or malformed document.xml is
//   one fatal input.damaged error.

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <pugixml.hpp>

#include "core/zip.hpp"
#include "parse/parse.hpp"

namespace gk {
namespace {

constexpr long long kMaxEntries = 10000;
constexpr std::size_t kMinBudget = 16u << 20, kMaxBudget = 1u << 30, kBudgetFactor = 32;
constexpr int kMaxDepth = 256;
constexpr std::size_t kMaxSlots = 1u << 20;
constexpr int kMaxGridSpan = 1000;

InputError input_error(std::string code, std::string zh, std::string en) {
    InputError e;
    e.code = std::move(code);
    e.message = {std::move(zh), std::move(en)};
    e.fatal = true;
    return e;
}

// ---- the ZIP container -------------------------------------------------------------------

class Package {
public:
    Package(const zipread::Api& api, std::string_view bytes) : zip_(api, bytes) {
        budget_ = std::clamp(bytes.size() * kBudgetFactor, kMinBudget, kMaxBudget);
    }

    bool open() const { return zip_.open(); }
    bool too_many_entries() const { return zip_.open() && zip_.entries() > kMaxEntries; }
    bool over_budget() const { return over_budget_; }
    bool has(const char* name) const { return zip_.has(name); }

    // The inflated part, or nullopt when absent, unreadable or over the budget (over_budget()).
    std::optional<std::string> read(const char* name) {
        if (!zip_.open()) return std::nullopt;
        std::string out;
        const int status = zip_.read(name, budget_, out);
        if (status == 2) over_budget_ = true;
        if (status != 0) return std::nullopt;
        return out;
    }
    std::size_t budget_limit(std::size_t size) const { return std::clamp(size * kBudgetFactor, kMinBudget, kMaxBudget); }

private:
    Zip zip_;
    std::size_t budget_ = 0;
    bool over_budget_ = false;
};

// ---- XML helpers -------------------------------------------------------------------------

// The local name of an element ("w:p" → "p"); prefixes are not resolved to namespaces (Word and
// every writer seen use the standard prefixes w:, mc:, wps:, v:).
std::string_view local(const pugi::xml_node& n) {
    std::string_view name = n.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}
std::string_view prefix(const pugi::xml_node& n) {
    std::string_view name = n.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}
bool is(const pugi::xml_node& n, std::string_view pfx, std::string_view name) {
    return n.type() == pugi::node_element && local(n) == name && prefix(n) == pfx;
}
pugi::xml_node child(const pugi::xml_node& n, std::string_view pfx, std::string_view name) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
        if (is(c, pfx, name)) return c;
    return {};
}
// w:val of a w: child, "" when absent.
std::string val(const pugi::xml_node& n, std::string_view name) {
    const pugi::xml_node c = child(n, "w", name);
    return c ? c.attribute("w:val").as_string() : "";
}
bool has_child(const pugi::xml_node& n, std::string_view name) { return static_cast<bool>(child(n, "w", name)); }
int to_int(std::string_view s, int fallback) {
    if (s.empty()) return fallback;
    long v = 0;
    bool neg = false;
    std::size_t i = 0;
    if (s[0] == '-') { neg = true; i = 1; }
    if (i >= s.size()) return fallback;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return fallback;
        v = v * 10 + (s[i] - '0');
        if (v > 1000000000L) return fallback;
    }
    return static_cast<int>(neg ? -v : v);
}
// A boolean property (<w:b/>, <w:tblHeader w:val="0"/>).
bool on(const pugi::xml_node& n, std::string_view name) {
    const pugi::xml_node c = child(n, "w", name);
    if (!c) return false;
    const std::string v = c.attribute("w:val").as_string("true");
    return v != "0" && v != "false" && v != "off";
}

bool parse_xml(pugi::xml_document& xml, const std::string& text) {
    // No DTD, no entities beyond XML's own: pugixml never fetches. Whitespace-only w:t kept.
    const unsigned options = (pugi::parse_default | pugi::parse_ws_pcdata_single) & ~pugi::parse_doctype;
    return static_cast<bool>(xml.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8));
}

// ---- styles ------------------------------------------------------------------------------

struct Style {
    std::string based_on;
    int outline = -1;     // 0..8, or -1 when not set here
    bool title = false;
    int num_id = -1, ilvl = -1; // numPr in the style's pPr, -1 when not set
};

struct Styles {
    std::unordered_map<std::string, Style> by_id;
    std::string default_paragraph;

    void load(const pugi::xml_node& root) {
        for (pugi::xml_node s = root.first_child(); s; s = s.next_sibling()) {
            if (!is(s, "w", "style") || std::string_view(s.attribute("w:type").as_string()) != "paragraph") continue;
            const std::string id = s.attribute("w:styleId").as_string();
            if (id.empty()) continue;
            Style st;
            st.based_on = val(s, "basedOn");
            std::string name = val(s, "name");
            std::string lower;
            for (char c : name) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
            const pugi::xml_node ppr = child(s, "w", "pPr");
            if (ppr && has_child(ppr, "outlineLvl")) st.outline = to_int(val(ppr, "outlineLvl"), -1);
            if (st.outline < 0) {
                // Word's built-in names: "heading 1".."heading 9" (localised UIs show 标题 1).
                for (const char* p : {"heading ", "标题 ", "标题"}) {
                    if (lower.starts_with(p)) {
                        const int n = to_int(std::string_view(lower).substr(std::strlen(p)), 0);
                        if (n >= 1 && n <= 9) st.outline = n - 1;
                        break;
                    }
                }
            }
            st.title = lower == "title" || lower == "标题";
            if (ppr) {
                if (const pugi::xml_node numpr = child(ppr, "w", "numPr")) {
                    st.num_id = to_int(val(numpr, "numId"), -1);
                    st.ilvl = to_int(val(numpr, "ilvl"), -1);
                }
            }
            if (s.attribute("w:default").as_bool()) default_paragraph = id;
            by_id[id] = std::move(st);
        }
    }

    // Outline level (0..8, -1 none), title, and numPr through the basedOn chain.
    struct Resolved {
        int outline = -1;
        bool title = false;
        int num_id = -1, ilvl = -1;
    };
    Resolved resolve(const std::string& id_in) const {
        Resolved r;
        bool have_outline = false, have_num = false, have_ilvl = false;
        std::string id = id_in.empty() ? default_paragraph : id_in;
        for (int hops = 0; hops < 32 && !id.empty(); ++hops) {
            const auto it = by_id.find(id);
            if (it == by_id.end()) break;
            const Style& s = it->second;
            if (hops == 0) r.title = s.title;
            if (!have_outline && s.outline >= 0) { r.outline = s.outline; have_outline = true; }
            if (!have_num && s.num_id >= 0) { r.num_id = s.num_id; have_num = true; }
            if (!have_ilvl && s.ilvl >= 0) { r.ilvl = s.ilvl; have_ilvl = true; }
            if (s.based_on == id) break;
            id = s.based_on;
        }
        return r;
    }
};

// ---- numbering ---------------------------------------------------------------------------

struct Level {
    std::string fmt = "decimal", text;
    int start = 1;
    int restart = -1;     // w:lvlRestart, -1 default
    bool legal = false;   // w:isLgl
    std::string suff = "tab";
    bool defined = false;
};

struct NumDef {
    int abstract_id = -1;
    std::map<int, int> start_override; // ilvl → start
};

std::string chinese_number(long n) {
    static const char* const digit[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0) return "〇";
    if (n >= 100000000L) return std::to_string(n);
    auto below_10000 = [&](long v, bool leading) {
        static const char* const unit[] = {"千", "百", "十", ""};
        const long div[] = {1000, 100, 10, 1};
        std::string out;
        bool zero = false, started = false;
        for (int i = 0; i < 4; ++i) {
            const long d = (v / div[i]) % 10;
            if (d == 0) { if (started) zero = true; continue; }
            if (zero) { out += "〇"; zero = false; }
            if (!(i == 2 && d == 1 && !started && leading)) out += digit[d]; // 十一, not 一十一
            out += unit[i];
            started = true;
        }
        return out;
    };
    if (n < 10000) return below_10000(n, true);
    std::string out = below_10000(n / 10000, true) + "万";
    const long rest = n % 10000;
    if (rest) out += (rest < 1000 ? "〇" : "") + below_10000(rest, false);
    return out;
}

std::string letters(long n, char base) {
    if (n <= 0) return std::to_string(n);
    // Word: a..z, aa..zz, aaa..: the letter repeated.
    const long reps = (n - 1) / 26 + 1;
    return std::string(static_cast<std::size_t>(std::min(reps, 100L)), static_cast<char>(base + (n - 1) % 26));
}

std::string roman(long n, bool upper) {
    if (n <= 0 || n >= 4000) return std::to_string(n);
    static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
                                                        {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    std::string out;
    for (const auto& [v, s] : table)
        while (n >= v) { out += s; n -= v; }
    if (upper) for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string format_number(long n, const std::string& fmt) {
    if (fmt == "chineseCounting" || fmt == "chineseCountingThousand" || fmt == "chineseLegalSimplified" ||
        fmt == "japaneseCounting" || fmt == "taiwaneseCounting" || fmt == "taiwaneseCountingThousand" ||
        fmt == "ideographLegalTraditional")
        return chinese_number(n);
    if (fmt == "ideographDigital" || fmt == "taiwaneseDigital" || fmt == "japaneseDigitalTenThousand") {
        static const char* const digit[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        std::string out;
        for (char c : std::to_string(n)) out += c >= '0' && c <= '9' ? digit[c - '0'] : std::string(1, c);
        return out;
    }
    if (fmt == "ideographTraditional") {
        static const char* const stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
        return n >= 1 && n <= 10 ? stems[n - 1] : std::to_string(n);
    }
    if (fmt == "ideographZodiac") {
        static const char* const branches[] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};
        return n >= 1 && n <= 12 ? branches[n - 1] : std::to_string(n);
    }
    if (fmt == "decimalEnclosedCircle" || fmt == "decimalEnclosedCircleChinese") {
        if (n >= 1 && n <= 20) {
            std::string out;
            utf8::append(out, static_cast<char32_t>(0x2460 + n - 1));
            return out;
        }
        return std::to_string(n);
    }
    if (fmt == "decimalFullWidth" || fmt == "decimalFullWidth2") {
        std::string out;
        for (char c : std::to_string(n)) utf8::append(out, c >= '0' && c <= '9' ? static_cast<char32_t>(0xFF10 + (c - '0')) : static_cast<char32_t>(c));
        return out;
    }
    if (fmt == "lowerLetter") return letters(n, 'a');
    if (fmt == "upperLetter") return letters(n, 'A');
    if (fmt == "lowerRoman") return roman(n, false);
    if (fmt == "upperRoman") return roman(n, true);
    if (fmt == "decimalZero") return n >= 0 && n < 10 ? "0" + std::to_string(n) : std::to_string(n);
    return std::to_string(n); // decimal and anything unknown
}

class Numbering {
public:
    void load(const pugi::xml_node& root) {
        for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
            if (is(n, "w", "abstractNum")) {
                const int id = to_int(n.attribute("w:abstractNumId").as_string(), -1);
                if (id < 0) continue;
                auto& levels = abstract_[id];
                for (pugi::xml_node l = n.first_child(); l; l = l.next_sibling()) {
                    if (!is(l, "w", "lvl")) continue;
                    const int ilvl = to_int(l.attribute("w:ilvl").as_string(), -1);
                    if (ilvl < 0 || ilvl > 8) continue;
                    Level& lv = levels[static_cast<std::size_t>(ilvl)];
                    lv.defined = true;
                    if (has_child(l, "numFmt")) lv.fmt = val(l, "numFmt");
                    lv.text = val(l, "lvlText");
                    lv.start = to_int(val(l, "start"), 1);
                    if (has_child(l, "lvlRestart")) lv.restart = to_int(val(l, "lvlRestart"), -1);
                    lv.legal = on(l, "isLgl");
                    if (has_child(l, "suff")) lv.suff = val(l, "suff");
                }
            } else if (is(n, "w", "num")) {
                const int id = to_int(n.attribute("w:numId").as_string(), -1);
                if (id < 0) continue;
                NumDef& d = num_[id];
                d.abstract_id = to_int(val(n, "abstractNumId"), -1);
                for (pugi::xml_node o = n.first_child(); o; o = o.next_sibling()) {
                    if (!is(o, "w", "lvlOverride")) continue;
                    const int ilvl = to_int(o.attribute("w:ilvl").as_string(), -1);
                    if (ilvl < 0 || ilvl > 8) continue;
                    if (has_child(o, "startOverride")) d.start_override[ilvl] = to_int(val(o, "startOverride"), 1);
                }
            }
        }
    }

    // The number Word shows before a paragraph with numPr (numId, ilvl), advancing the counters;
    // "" when there is none (numId 0, unknown, a bullet, "none").
    std::string next(int num_id, int ilvl) {
        if (num_id <= 0 || ilvl < 0 || ilvl > 8) return "";
        const auto it = num_.find(num_id);
        if (it == num_.end()) return "";
        const auto at = abstract_.find(it->second.abstract_id);
        if (at == abstract_.end()) return "";
        const auto& levels = at->second;
        auto& counters = counters_[it->second.abstract_id];
        // A w:num with a startOverride restarts those levels at its first paragraph.
        if (started_nums_.insert(num_id).second)
            for (const auto& [l, start] : it->second.start_override) counters[static_cast<std::size_t>(l)] = start - 1;
        const Level& lv = levels[static_cast<std::size_t>(ilvl)];
        long& c = counters[static_cast<std::size_t>(ilvl)];
        if (c == kUnset) c = lv.start - 1;
        ++c;
        for (int k = ilvl + 1; k < 9; ++k) {
            const Level& deeper = levels[static_cast<std::size_t>(k)];
            const int restart_after = deeper.restart < 0 ? k : deeper.restart; // 1-based level
            if (restart_after != 0 && ilvl < restart_after) counters[static_cast<std::size_t>(k)] = kUnset;
        }
        if (!lv.defined || lv.fmt == "bullet" || lv.fmt == "none") return "";
        std::string out;
        const std::string& t = lv.text;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
                const int ref = t[i + 1] - '1';
                const Level& rl = levels[static_cast<std::size_t>(ref)];
                long v = counters[static_cast<std::size_t>(ref)];
                if (v == kUnset) v = rl.start;
                out += format_number(v, lv.legal && ref != ilvl ? "decimal" : (ref == ilvl ? lv.fmt : rl.fmt));
                ++i;
            } else {
                out.push_back(t[i]);
            }
        }
        if (out.empty()) return out;
        if (lv.suff != "nothing" && !out.ends_with("、") && !out.ends_with("）") && !out.ends_with(")") && !out.ends_with("．"))
            out += ' ';
        return out;
    }

private:
    static constexpr long kUnset = -0x7fffffffL;
    std::unordered_map<int, std::array<Level, 9>> abstract_;
    std::unordered_map<int, NumDef> num_;
    struct Counters : std::array<long, 9> { Counters() { fill(kUnset); } };
    std::unordered_map<int, Counters> counters_;
    std::set<int> started_nums_;
};

// ---- the body ----------------------------------------------------------------------------

class BodyReader {
public:
    BodyReader(Document& doc, Styles& styles, Numbering& numbering) : doc_(doc), styles_(styles), numbering_(numbering) {}

    void body(const pugi::xml_node& b) { block_content(b, 0); }

    void finish() {
        doc_.lines = LineIndex(doc_.source);
        // LineIndex counts a line after the last '\n' (empty): it has no paragraph.
        doc_.loci.resize(doc_.lines.line_count());
    }

private:
    // Body-level content: paragraphs, tables, and containers of them.
    void block_content(const pugi::xml_node& parent, int depth) {
        if (depth > kMaxDepth) return;
        for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
            if (n.type() != pugi::node_element) continue;
            if (is(n, "w", "p")) paragraph_block(n, depth);
            else if (is(n, "w", "tbl")) table(n, depth);
            else if (is(n, "w", "sdt")) { if (auto c = child(n, "w", "sdtContent")) block_content(c, depth + 1); }
            else if (is(n, "w", "customXml") || is(n, "w", "ins") || is(n, "w", "moveTo") || is(n, "w", "smartTag"))
                block_content(n, depth + 1);
            else if (is(n, "mc", "AlternateContent")) alternate(n, depth, [&](const pugi::xml_node& c) { block_content(c, depth + 1); });
            // w:del, w:moveFrom (tracked deletions), w:sectPr, bookmarks: nothing to read
        }
    }

    // mc:AlternateContent: the first Choice, else the Fallback.
    template <class F>
    void alternate(const pugi::xml_node& n, int, F&& read) {
        if (const pugi::xml_node c = child(n, "mc", "Choice")) read(c);
        else if (const pugi::xml_node f = child(n, "mc", "Fallback")) read(f);
    }

    struct Para {
        std::string text;                     // the line (no newline)
        std::vector<pugi::xml_node> boxes;    // w:txbxContent met in the runs
        int outline = -1;
        bool title = false;
    };

    // Reads a w:p into a line of the rendering with its locus; returns the line's byte range.
    std::pair<SourceOffset, SourceOffset> emit_line(const pugi::xml_node& p, int depth, Para& para, Locus locus) {
        const pugi::xml_node ppr = child(p, "w", "pPr");
        const std::string style = ppr ? val(ppr, "pStyle") : "";
        const Styles::Resolved st = styles_.resolve(style);
        para.outline = st.outline;
        para.title = st.title;
        if (ppr && has_child(ppr, "outlineLvl")) para.outline = to_int(val(ppr, "outlineLvl"), -1);
        int num_id = st.num_id, ilvl = st.ilvl;
        if (ppr) {
            if (const pugi::xml_node numpr = child(ppr, "w", "numPr")) {
                if (has_child(numpr, "numId")) num_id = to_int(val(numpr, "numId"), -1);
                if (has_child(numpr, "ilvl")) ilvl = to_int(val(numpr, "ilvl"), -1);
            }
            // A deleted paragraph mark (tracked) keeps the text: it joins the next paragraph in Word;
            // here it stays its own line.
        }
        if (num_id > 0) para.text = numbering_.next(num_id, ilvl < 0 ? 0 : ilvl);
        fields_.clear();
        inline_content(p, depth + 1, para);
        for (char& c : para.text)
            if (c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f') c = ' ';
        ++paragraphs_;
        locus.paragraph = paragraphs_;
        const SourceOffset begin = static_cast<SourceOffset>(doc_.source.size());
        doc_.source += para.text;
        const SourceOffset end = static_cast<SourceOffset>(doc_.source.size());
        doc_.source += '\n';
        doc_.loci.push_back(locus);
        return {begin, end};
    }

    // The line [begin, end) of source, whitespace collapsed and trimmed, as a MappedText.
    MappedText collapsed(SourceOffset begin, SourceOffset end) const {
        MappedText m;
        std::string_view s(doc_.source.data() + begin, end - begin);
        std::size_t i = 0;
        bool pending_space = false;
        while (i < s.size()) {
            if (s[i] == ' ') { pending_space = !m.empty(); ++i; continue; }
            std::size_t j = i;
            while (j < s.size() && s[j] != ' ') ++j;
            if (pending_space) m.append_synthetic(" ", static_cast<SourceOffset>(begin + i - 1));
            m.append_run(s.substr(i, j - i), static_cast<SourceOffset>(begin + i));
            pending_space = false;
            i = j;
        }
        return m;
    }

    void paragraph_block(const pugi::xml_node& p, int depth) {
        Para para;
        const auto [begin, end] = emit_line(p, depth, para, {});
        Block b;
        b.text = collapsed(begin, end);
        b.element_offset = begin;
        b.tag = "p";
        if (para.outline >= 0 && para.outline <= 8) {
            b.kind = BlockKind::heading;
            b.level = para.outline + 1;
        } else if (para.title) {
            b.kind = BlockKind::heading;
            b.level = 1;
        }
        if (!b.text.empty()) doc_.blocks.push_back(std::move(b));
        for (const auto& box : para.boxes) block_content(box, depth + 1);
    }

    // Paragraph content: runs and their containers.
    void inline_content(const pugi::xml_node& parent, int depth, Para& para) {
        if (depth > kMaxDepth) return;
        for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
            if (n.type() != pugi::node_element) continue;
            const std::string_view pfx = prefix(n), name = local(n);
            if (pfx == "w") {
                if (name == "r") run(n, depth + 1, para);
                else if (name == "del" || name == "moveFrom" || name == "pPr" || name == "rPr") continue;
                else if (name == "hyperlink" || name == "ins" || name == "moveTo" || name == "smartTag" || name == "customXml" ||
                         name == "fldSimple" || name == "bdo" || name == "dir")
                    inline_content(n, depth + 1, para);
                else if (name == "sdt") { if (auto c = child(n, "w", "sdtContent")) inline_content(c, depth + 1, para); }
            } else if (pfx == "mc" && name == "AlternateContent") {
                alternate(n, depth, [&](const pugi::xml_node& c) { inline_content(c, depth + 1, para); });
            } else if (pfx == "m") {
                math_text(n, depth + 1, para); // Office Math: its m:t text, in order
            }
        }
    }

    void math_text(const pugi::xml_node& n, int depth, Para& para) {
        if (depth > kMaxDepth) return;
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            if (is(c, "m", "t")) para.text += c.text().get();
            else math_text(c, depth + 1, para);
        }
    }

    bool in_instruction() const {
        return std::any_of(fields_.begin(), fields_.end(), [](bool instr) { return instr; });
    }

    void run(const pugi::xml_node& r, int depth, Para& para) {
        for (pugi::xml_node n = r.first_child(); n; n = n.next_sibling()) {
            if (n.type() != pugi::node_element) continue;
            const std::string_view pfx = prefix(n), name = local(n);
            if (pfx == "w") {
                if (name == "fldChar") {
                    const std::string_view type = n.attribute("w:fldCharType").as_string();
                    if (type == "begin") { if (fields_.size() < 64) fields_.push_back(true); }
                    else if (type == "separate") { if (!fields_.empty()) fields_.back() = false; }
                    else if (type == "end") { if (!fields_.empty()) fields_.pop_back(); }
                    continue;
                }
                if (in_instruction()) continue;
                if (name == "t") para.text += n.text().get();
                else if (name == "tab" || name == "br" || name == "cr" || name == "ptab") para.text += ' ';
                else if (name == "noBreakHyphen") para.text += '-';
                else if (name == "drawing" || name == "pict" || name == "object") boxes(n, depth + 1, para);
                // w:delText, w:instrText, w:footnoteReference, w:endnoteReference, w:sym…: no text
            } else if (pfx == "mc" && name == "AlternateContent") {
                alternate(n, depth, [&](const pugi::xml_node& c) { run(c, depth + 1, para); });
            }
        }
    }

    // The text boxes (w:txbxContent) inside a drawing or VML shape, outermost only.
    void boxes(const pugi::xml_node& n, int depth, Para& para) {
        if (depth > kMaxDepth) return;
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            if (is(c, "w", "txbxContent")) para.boxes.push_back(c);
            else if (is(c, "mc", "AlternateContent")) alternate(c, depth, [&](const pugi::xml_node& a) { boxes(a, depth + 1, para); });
            else boxes(c, depth + 1, para);
        }
    }

    // Paragraphs of a cell (nested tables read into it), each a line with the cell's locus.
    void cell_content(const pugi::xml_node& parent, int depth, const Locus& locus, MappedText& text, std::vector<pugi::xml_node>& boxes_out) {
        if (depth > kMaxDepth) return;
        for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
            if (n.type() != pugi::node_element) continue;
            if (is(n, "w", "p")) {
                Para para;
                const auto [begin, end] = emit_line(n, depth, para, locus);
                const MappedText m = collapsed(begin, end);
                if (!m.empty()) {
                    if (!text.empty()) text.append_synthetic(" ", begin);
                    text.append(m);
                }
                for (const auto& b : para.boxes) boxes_out.push_back(b);
            } else if (is(n, "w", "tbl") || is(n, "w", "tr") || is(n, "w", "tc") || is(n, "w", "customXml") || is(n, "w", "ins") ||
                       is(n, "w", "moveTo")) {
                cell_content(n, depth + 1, locus, text, boxes_out);
            } else if (is(n, "w", "sdt")) {
                if (auto c = child(n, "w", "sdtContent")) cell_content(c, depth + 1, locus, text, boxes_out);
            } else if (is(n, "mc", "AlternateContent")) {
                alternate(n, depth, [&](const pugi::xml_node& c) { cell_content(c, depth + 1, locus, text, boxes_out); });
            }
        }
    }

    // Rows of a table, through w:sdt/w:customXml.
    static void collect(const pugi::xml_node& parent, std::string_view name, std::vector<pugi::xml_node>& out, int depth) {
        if (depth > kMaxDepth) return;
        for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
            if (is(n, "w", name)) out.push_back(n);
            else if (is(n, "w", "customXml") || is(n, "w", "ins") || is(n, "w", "moveTo")) collect(n, name, out, depth + 1);
            else if (is(n, "w", "sdt")) { if (auto c = child(n, "w", "sdtContent")) collect(c, name, out, depth + 1); }
        }
    }

    void table(const pugi::xml_node& tbl, int depth) {
        const std::uint32_t table_no = ++tables_;
        std::vector<pugi::xml_node> rows;
        collect(tbl, "tr", rows, depth + 1);
        auto t = std::make_shared<Table>();
        t->form = "docx";
        auto& grid = t->rows;
        std::vector<std::vector<bool>> filled;
        std::vector<pugi::xml_node> boxes_out;
        std::size_t slots = 0;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (slots >= kMaxSlots) break;
            const pugi::xml_node trpr = child(rows[r], "w", "trPr");
            const bool header = trpr && on(trpr, "tblHeader");
            int c = trpr ? std::clamp(to_int(val(trpr, "gridBefore"), 0), 0, kMaxGridSpan) : 0;
            grid.emplace_back();
            filled.emplace_back();
            std::vector<pugi::xml_node> cells;
            collect(rows[r], "tc", cells, depth + 2);
            for (const pugi::xml_node& tc : cells) {
                const pugi::xml_node tcpr = child(tc, "w", "tcPr");
                int span = tcpr ? std::clamp(to_int(val(tcpr, "gridSpan"), 1), 1, kMaxGridSpan) : 1;
                if (slots + static_cast<std::size_t>(span) > kMaxSlots) span = 1;
                bool cont = false;
                if (tcpr) {
                    if (const pugi::xml_node vm = child(tcpr, "w", "vMerge")) {
                        const std::string v = vm.attribute("w:val").as_string("continue");
                        cont = v != "restart";
                    }
                }
                // The origin of a continued merge: the slot above, if it holds a cell.
                const Cell* above = nullptr;
                if (cont && r > 0 && static_cast<std::size_t>(c) < grid[r - 1].size() && filled[r - 1][static_cast<std::size_t>(c)])
                    above = &grid[r - 1][static_cast<std::size_t>(c)];
                Locus locus;
                locus.table = table_no;
                locus.row = static_cast<std::uint32_t>(r + 1);
                locus.col = static_cast<std::uint32_t>(c + 1);
                MappedText text;
                cell_content(tc, depth + 3, locus, text, boxes_out);
                auto& grow = grid[r];
                auto& frow = filled[r];
                const std::size_t need = static_cast<std::size_t>(c + span);
                if (grow.size() < need) { grow.resize(need); frow.resize(need, false); }
                for (int dc = 0; dc < span; ++dc) {
                    Cell& cell = grow[static_cast<std::size_t>(c + dc)];
                    if (above) {
                        const Cell& origin = grid[static_cast<std::size_t>(above->origin_row)][static_cast<std::size_t>(above->origin_col)];
                        cell.text = origin.text;
                        cell.header = origin.header;
                        cell.origin_row = origin.origin_row;
                        cell.origin_col = origin.origin_col;
                        cell.span_copy = true;
                    } else {
                        cell.text = text;
                        cell.header = header;
                        cell.origin_row = static_cast<int>(r);
                        cell.origin_col = c;
                        cell.span_copy = dc != 0;
                    }
                    frow[static_cast<std::size_t>(c + dc)] = true;
                }
                slots += static_cast<std::size_t>(span);
                c += span;
            }
        }
        for (std::size_t r = 0; r < grid.size(); ++r)
            for (std::size_t c = 0; c < grid[r].size(); ++c)
                if (!filled[r][c]) {
                    grid[r][c].origin_row = static_cast<int>(r);
                    grid[r][c].origin_col = static_cast<int>(c);
                }
        while (!grid.empty() && grid.back().empty()) grid.pop_back();
        Block b;
        b.kind = BlockKind::table;
        b.tag = "table";
        for (const auto& row : grid)
            for (const auto& cell : row) {
                if (cell.span_copy || cell.text.empty()) continue;
                if (!b.text.empty()) b.text.append_synthetic(" ", cell.text.source_at(0));
                b.text.append(cell.text);
            }
        b.element_offset = static_cast<SourceOffset>(doc_.source.size());
        b.table = std::move(t);
        if (!b.text.empty()) doc_.blocks.push_back(std::move(b));
        for (const auto& box : boxes_out) block_content(box, depth + 1);
    }

    Document& doc_;
    Styles& styles_;
    Numbering& numbering_;
    std::uint32_t paragraphs_ = 0, tables_ = 0;
    std::vector<bool> fields_; // open complex fields: true while in the instruction part
};

} // namespace

void parse_docx(Document& doc, std::string_view bytes) {
    std::string why;
    const zipread::Api* api = Zip::reader(why);
    if (!api) {
        doc.errors.push_back(input_error("input.zip-unavailable", "无法加载 ZIP 读取模块，未检查：" + why,
                                         "cannot load the ZIP reader module; not checked: " + why));
        return;
    }
    Package pkg(*api, bytes);
    if (!pkg.open()) {
        doc.errors.push_back(input_error("input.damaged", "Word 文件已损坏：无法读取其 ZIP 结构", "damaged Word file: its ZIP structure cannot be read"));
        return;
    }
    if (pkg.too_many_entries()) {
        doc.errors.push_back(input_error("input.unsupported", "ZIP 文件的条目过多，不是可读的 Word 文档",
                                         "a ZIP archive with too many entries is not a readable Word document"));
        return;
    }
    auto too_large = [&] {
        const std::string limit = std::to_string(pkg.budget_limit(bytes.size()) >> 20) + " MiB";
        doc.errors.push_back(input_error("input.too-large", "Word 文件解压后超过上限（" + limit + "）：可能是压缩炸弹",
                                         "the Word file expands past the limit (" + limit + "): possibly a zip bomb"));
    };
    const std::optional<std::string> body = pkg.read("word/document.xml");
    if (!body) {
        if (pkg.over_budget()) too_large();
        else doc.errors.push_back(input_error("input.damaged", "Word 文件已损坏：无法解压 word/document.xml",
                                              "damaged Word file: word/document.xml cannot be inflated"));
        return;
    }
    Styles styles;
    Numbering numbering;
    pugi::xml_document styles_xml, numbering_xml, body_xml;
    if (const auto s = pkg.read("word/styles.xml"); s && parse_xml(styles_xml, *s)) styles.load(styles_xml.document_element());
    if (const auto n = pkg.read("word/numbering.xml"); n && parse_xml(numbering_xml, *n)) numbering.load(numbering_xml.document_element());
    // The document's title property (docProps/core.xml dc:title) plays the part of an HTML page's
    // <title> (Document::html_title): metadata and the type/agency of the report read it.
    pugi::xml_document core_xml;
    if (const auto c = pkg.read("docProps/core.xml"); c && parse_xml(core_xml, *c))
        if (const pugi::xml_node t = child(core_xml.document_element(), "dc", "title")) {
            std::string title = t.text().get();
            for (char& ch : title)
                if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
            if (utf8::is_valid(title)) doc.html_title = utf8::truncate(title, 4096);
        }
    if (pkg.over_budget()) { too_large(); return; }
    if (!parse_xml(body_xml, *body)) {
        doc.errors.push_back(input_error("input.damaged", "Word 文件已损坏：word/document.xml 不是合法的 XML",
                                         "damaged Word file: word/document.xml is not well-formed XML"));
        return;
    }
    const pugi::xml_node root = body_xml.document_element();
    const pugi::xml_node b = child(root, "w", "body");
    BodyReader reader(doc, styles, numbering);
    if (b) reader.body(b);
    reader.finish();
    if (doc.blocks.empty()) {
        InputError e = input_error("input.empty", "Word 文件正文没有文字", "the Word file's body has no text");
        doc.errors.push_back(std::move(e));
    }
}

} // namespace gk
