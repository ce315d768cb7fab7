// Kind "numbering" (format.numbering): numbering that skips, repeats or jumps back —
//  - heading numbers per level under the same parent (一、二、… (一)(二)… 1. 2. … (1)(2)…),
//    from Facts::outline; an attachment (附件) starts its own numbering;
//  - 「一是…二是…」 enumerations: a run starts at 一是 and may continue over the following
//    paragraphs until the next heading;
//  - the 序号 column of tables — real grids, and tables flattened to one cell per line in crawler
//    text (a 「序号」 line followed by the other header cells, then rows), as in seed 003, which
//    numbers 1…24 and then 19, 20 again.
// One finding per break in a sequence, at the number that breaks it.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <re2/re2.h>

#include "check/check.hpp"
#include "grammar/grammar.hpp"

namespace gk {
namespace {

struct Numbered {
    long long value = 0;
    SourceOffset offset = 0;
    // False for numbers whose reading is uncertain (a heading found inside a run-on line of
    // crawler text): they take their place in the sequence but no finding is made at them or
    // right after them.
    bool reportable = true;
};

struct What {
    const char* zh;
    const char* en;
};

using grammar::remove_spaces;

// A serial number cell: at most four digits (spaces anywhere ignored).
std::optional<long long> integer(std::string_view s) {
    const std::string t = remove_spaces(s);
    if (t.size() > 4) return std::nullopt;
    return grammar::parse_arabic(t);
}

class Numbering : public Check {
public:
    explicit Numbering(const Rule& rule) {
        const std::string p = rule.params().child("redacted").text().as_string();
        if (!p.empty()) {
            redacted_ = std::make_shared<RE2>(p);
            if (!redacted_->ok()) throw RulesetError("numbering: bad <redacted> pattern: " + redacted_->error());
        }
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const auto& body = facts.body_blocks;
        bool redacted = false;
        if (redacted_)
            for (std::size_t i : body) {
                const Block& b = doc.blocks[i];
                if (RE2::PartialMatch(b.norm.empty() ? b.text.text : b.norm.text, *redacted_)) { redacted = true; break; }
            }
        check_outline(doc, facts, body, redacted, out);
        check_shi_runs(doc, facts, body, redacted, out);
        check_tables(doc, redacted, out);
        check_flattened_tables(doc, body, redacted, out);
    }

private:
    std::shared_ptr<RE2> redacted_;

    // Reports breaks in `seq`; `fresh` marks positions where a new sequence legitimately starts.
    static void check_sequence(const std::vector<Numbered>& seq, What what, bool skip_gaps, Emitter& out) {
        for (std::size_t i = 1; i < seq.size(); ++i) {
            const long long last = seq[i - 1].value, v = seq[i].value;
            if (v == last + 1) continue;
            if (!seq[i].reportable || !seq[i - 1].reportable) continue;
            // Starting again at 1 is how a new part begins whose heading the outline does not
            // see (第X条, an attachment, an unnumbered sub-title): not reported.
            if (v == 1 && last > 1) continue;
            // A redacted publication (「本文有删减」) legitimately skips numbers.
            if (v > last + 1 && skip_gaps) continue;
            std::string detail, detail_en;
            const std::string sv = std::to_string(v), sl = std::to_string(last);
            if (v == last) {
                detail = sv + " 重复";
                detail_en = sv + " repeated";
            } else if (v > last + 1) {
                const std::string from = std::to_string(last + 1), to = std::to_string(v - 1);
                detail = sl + " 之后是 " + sv + "，缺少 " + (from == to ? from : from + "–" + to);
                detail_en = sl + " is followed by " + sv + ", missing " + (from == to ? from : from + "–" + to);
            } else {
                // Jumped back: how long does the run of already-used numbers go on?
                std::size_t j = i;
                while (j + 1 < seq.size() && seq[j + 1].value == seq[j].value + 1 && seq[j + 1].value <= last) ++j;
                const std::string end = std::to_string(seq[j].value);
                const std::string run = j > i ? sv + "–" + end : sv;
                detail = sl + " 之后又从 " + sv + " 编起，" + run + " 与前面重复";
                detail_en = sl + " is followed by " + sv + " again; " + run + " repeat earlier numbers";
            }
            auto& f = out.emit(seq[i].offset, {{"what", what.zh}, {"what_en", what.en}, {"detail", detail},
                                               {"detail_en", detail_en}});
            f.expected = std::to_string(last + 1);
            f.actual = sv;
        }
    }

    // A heading is read reliably when it begins its block and, in plain text, its line: numbers
    // found inside a run-on line of crawler text may be table labels (「四、结转下年度继续办理」)
    // or glued to prose.
    static bool reliable_heading(const Document& doc, const OutlineEntry& e) {
        if (e.block >= doc.blocks.size()) return false;
        const Block& b = doc.blocks[e.block];
        const std::string& t = b.text.text;
        const std::size_t first = t.find_first_not_of(" \t\r\n");
        if (first == std::string::npos || e.offset > b.text.source_at(first) + 3) return false;
        if (doc.format != "text" || e.offset > doc.source.size()) return true;
        const auto pos = doc.position(e.offset);
        const SourceOffset line_start = doc.lines.line_start(pos.line);
        for (SourceOffset i = line_start; i < e.offset; ++i) {
            const char c = doc.source[i];
            if (c == ' ' || c == '\t') continue;
            // an ideographic space (E3 80 80) is allowed too
            if (static_cast<unsigned char>(c) == 0xE3 && i + 2 < e.offset && doc.source.compare(i, 3, "\u3000") == 0) {
                i += 2;
                continue;
            }
            return false;
        }
        return true;
    }

    static bool starts_attachment(const Block& b) {
        const std::string t = remove_spaces(b.norm.empty() ? b.text.text : b.norm.text);
        return t.rfind("附件", 0) == 0;
    }

    static void check_outline(const Document& doc, const Facts& facts, const std::vector<std::size_t>& body,
                              bool skip_gaps, Emitter& out) {
        static const What names[] = {{"一级标题", "level-1 heading"}, {"二级标题", "level-2 heading"},
                                     {"三级标题", "level-3 heading"}, {"四级标题", "level-4 heading"}};
        std::map<int, std::vector<Numbered>> open; // level → current run
        auto flush_from = [&](int level) {
            for (auto it = open.lower_bound(level); it != open.end();) {
                const int l = std::min(it->first, 4);
                check_sequence(it->second, names[l - 1], skip_gaps, out);
                it = open.erase(it);
            }
        };
        std::size_t next_body = 0, prev_block = 0;
        for (const auto& e : facts.outline) {
            // An attachment between the previous heading and this one restarts everything.
            bool attachment = false;
            while (next_body < body.size() && body[next_body] < e.block) {
                if (body[next_body] >= prev_block && starts_attachment(doc.blocks[body[next_body]]) &&
                    body[next_body] != e.block)
                    attachment = true;
                ++next_body;
            }
            if (e.block < doc.blocks.size() && starts_attachment(doc.blocks[e.block])) attachment = true;
            if (attachment) flush_from(1);
            prev_block = e.block;
            if (e.level < 1 || e.value <= 0) continue;
            flush_from(e.level + 1); // deeper runs end when a heading of this level comes
            open[e.level].push_back(Numbered{e.value, e.offset, reliable_heading(doc, e)});
        }
        flush_from(1);
    }

    static void check_shi_runs(const Document& doc, const Facts& facts, const std::vector<std::size_t>& body,
                               bool skip_gaps, Emitter& out) {
        static const RE2 shi(R"((?:^|[。；;：:！？!?\s])([一二三四五六七八九十]{1,3})是)");
        std::vector<std::size_t> heading_blocks;
        for (const auto& e : facts.outline) heading_blocks.push_back(e.block);
        std::vector<Numbered> run;
        auto flush = [&]() {
            if (run.size() >= 2) check_sequence(run, {"“一是、二是”列举", "\"firstly, secondly\" enumeration"}, skip_gaps, out);
            run.clear();
        };
        for (std::size_t i : body) {
            if (std::find(heading_blocks.begin(), heading_blocks.end(), i) != heading_blocks.end()) flush();
            const Block& b = doc.blocks[i];
            const MappedText& mt = b.norm.empty() ? b.text : b.norm;
            re2::StringPiece input(mt.text), m[2];
            std::size_t pos = 0;
            while (pos < mt.text.size() && shi.Match(input, pos, mt.text.size(), RE2::UNANCHORED, m, 2)) {
                pos = static_cast<std::size_t>(m[0].data() - mt.text.data()) + m[0].size();
                const auto v = grammar::parse_chinese_small(std::string_view(m[1].data(), m[1].size()));
                if (!v) continue;
                const SourceOffset off = mt.source_at(static_cast<std::size_t>(m[1].data() - mt.text.data()));
                if (*v == 1) { flush(); run.push_back({1, off}); }
                else if (!run.empty()) run.push_back({*v, off});
            }
        }
        flush();
    }

    static bool is_serial_header(const std::string& s) {
        const std::string t = remove_spaces(s);
        return t == "序号" || t == "序" || t == "编号" || t == "序列号";
    }

    static void check_tables(const Document& doc, bool skip_gaps, Emitter& out) {
        for (const Block& b : doc.blocks) {
            if (b.kind != BlockKind::table || !b.table || b.hidden || b.boilerplate || b.in_metadata) continue;
            const auto& rows = b.table->rows;
            std::optional<std::size_t> header_row, col;
            for (std::size_t r = 0; r < rows.size() && r < 3 && !col; ++r)
                for (std::size_t c = 0; c < rows[r].size(); ++c)
                    if (is_serial_header(rows[r][c].norm.empty() ? rows[r][c].text.text : rows[r][c].norm.text)) {
                        header_row = r;
                        col = c;
                        break;
                    }
            if (!col) continue;
            std::vector<Numbered> seq;
            for (std::size_t r = *header_row + 1; r < rows.size(); ++r) {
                if (*col >= rows[r].size()) continue;
                const Cell& cell = rows[r][*col];
                if (cell.span_copy) continue;
                const auto v = integer(cell.norm.empty() ? cell.text.text : cell.norm.text);
                if (v) seq.push_back({*v, cell.text.source_at(0)});
            }
            if (seq.size() >= 3) check_sequence(seq, {"表格序号", "table serial number"}, skip_gaps, out);
        }
    }

    // Seed 003: 「序号」「试点领域」「编制单位」「备注」 each on a line, then rows 「1」「城乡规划领域」 …
    // Rows lose their merged cells, so a row has 1..header-1 cells after its 序号.
    static void check_flattened_tables(const Document& doc, const std::vector<std::size_t>& body, bool skip_gaps,
                                       Emitter& out) {
        auto text_of = [&](std::size_t k) -> const std::string& {
            const Block& b = doc.blocks[body[k]];
            return b.norm.empty() ? b.text.text : b.norm.text;
        };
        for (std::size_t k = 0; k < body.size(); ++k) {
            if (!is_serial_header(text_of(k))) continue;
            std::size_t j = k + 1;
            std::size_t header_cells = 1;
            while (j < body.size() && !integer(text_of(j)) && utf8::count_code_points(remove_spaces(text_of(j))) <= 12 &&
                   header_cells < 12) {
                ++header_cells;
                ++j;
            }
            if (header_cells < 2 || j >= body.size()) continue;
            std::vector<Numbered> seq;
            std::size_t cells_since_number = 0;
            bool first = true;
            for (; j < body.size(); ++j) {
                const Block& b = doc.blocks[body[j]];
                const std::string& t = text_of(j);
                if (starts_attachment(b) || b.kind == BlockKind::heading) break;
                const auto v = integer(t);
                if (v && (first || cells_since_number >= 1)) {
                    seq.push_back({*v, (b.norm.empty() ? b.text : b.norm).source_at(t.find_first_not_of(" \t"))});
                    cells_since_number = 0;
                    first = false;
                    continue;
                }
                if (first) break; // the first row must start with its number
                ++cells_since_number;
                if (cells_since_number > header_cells - 1 || utf8::count_code_points(t) > 200) break;
            }
            if (seq.size() >= 3) check_sequence(seq, {"表格序号", "table serial number"}, skip_gaps, out);
            k = j > k ? j - 1 : k;
        }
    }
};

} // namespace
GK_REGISTER_CHECK("numbering", Numbering);
} // namespace gk
