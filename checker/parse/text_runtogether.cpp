#include "parse/text_runtogether.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>

#include "core/script.hpp"
#include "core/text.hpp"
#include "parse/text_util.hpp"

namespace gk::textparse {

namespace {

// Section titles of annual reports (2019/2021 templates and the pre-2019 layouts), longest
// first so that the longest one wins. A heading number followed by one of these starts a section
// wherever it sits in a run-together line, even right after a table's last digits.
const std::vector<std::string_view>& known_titles() {
    static const std::vector<std::string_view> titles = [] {
        std::vector<std::string_view> t{
            "总体情况", "概述",
            "主动公开政府信息情况", "主动公开政府信息", "主动公开",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议和行政诉讼情况",
            "政府信息公开行政法复议、行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况", "因政府信息公开申请行政复议、提起行政诉讼情况",
            "政府信息公开申请行政复议、提起行政诉讼的情况",
            "申请行政复议、提起行政诉讼和申诉的情况", "复议、诉讼情况",
            "存在的主要问题及改进情况", "存在的主要问题和改进情况", "存在的主要问题及改进措施",
            "存在的主要问题和改进措施", "政府信息公开工作存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进措施", "主要问题和改进措施", "主要问题及改进措施",
            "存在问题及改进情况", "存在问题及改进措施", "存在问题及下一步工作计划",
            "其他需要报告的事项", "其他需要报告事项",
            "政府信息依申请公开工作情况", "政府信息依申请公开办理情况", "依申请公开政府信息情况",
            "依申请公开、不予公开及咨询政府信息情况", "依申请公开",
            "政府信息公开的收费及减免情况", "政府信息公开收费及减免情况", "政府信息公开情况统计表",
            "重点领域政府信息公开情况", "审批事项及处理情况", "工作人员及信息公开事务支出情况",
            "监督和救济方式", "监督方式及程序",
        };
        std::stable_sort(t.begin(), t.end(), [](auto a, auto b) { return a.size() > b.size(); });
        return t;
    }();
    return titles;
}

struct Mark {
    enum Kind { heading, table, boilerplate } kind = heading;
    std::size_t b = 0, e = 0; // code-point indices [b, e)
    int level = 0;
    int value = 0;
};

class LineSplitter {
public:
    LineSplitter(std::string_view source, std::size_t begin, std::size_t end)
        : src_(source), cps_(decode(source, begin, end)), n_(cps_.size() - 1),
          base_(cps_.front().at), match_(script::simplified_chars_same_width(source.substr(base_, cps_[n_].at - base_))) {}

    void run(OutlineState& state, std::vector<Block>& out, bool weak_headings) {
        std::vector<Mark> marks;
        std::size_t k = 0;
        if (auto bp = boilerplate_prefix()) { marks.push_back(*bp); k = bp->e; }

        const std::vector<Mark> strong = strong_headings(k);
        std::vector<Mark> tables;
        {
            std::size_t seg = k;
            for (std::size_t i = 0; i <= strong.size(); ++i) {
                const std::size_t seg_end = i < strong.size() ? strong[i].b : n_;
                find_tables(seg, seg_end, tables);
                if (i < strong.size()) seg = strong[i].e;
            }
        }

        std::size_t si = 0, ti = 0;
        std::size_t last_mark_end = k;
        while (k < n_) {
            if (si < strong.size() && strong[si].b == k) {
                marks.push_back(strong[si]);
                state.last_top = strong[si].value;
                k = last_mark_end = strong[si].e;
                ++si;
                continue;
            }
            if (ti < tables.size() && tables[ti].b == k) {
                marks.push_back(tables[ti]);
                k = last_mark_end = tables[ti].e;
                ++ti;
                continue;
            }
            if (auto weak = weak_headings ? weak_heading(k, last_mark_end, state) : std::nullopt) {
                const std::size_t limit = std::min(si < strong.size() ? strong[si].b : n_,
                                                   ti < tables.size() ? tables[ti].b : n_);
                if (weak->e <= limit) {
                    marks.push_back(*weak);
                    if (weak->level == 1) state.last_top = weak->value;
                    k = last_mark_end = weak->e;
                    continue;
                }
            }
            ++k;
        }
        emit(marks, out);
    }

private:
    std::string_view src_;
    std::vector<Cp> cps_;
    std::size_t n_;
    // The printed words below are simplified; a traditional-script line is matched through a
    // same-width simplified copy of it (core/script.hpp), so every offset found is one of src_.
    std::size_t base_;
    std::string match_;

    char32_t at(std::size_t k) const { return k < n_ ? cps_[k].cp : 0; }

    bool starts_with(std::size_t k, std::string_view word) const {
        if (k >= n_) return false;
        const std::size_t b = cps_[k].at;
        return b + word.size() <= cps_[n_].at && std::string_view(match_).substr(b - base_, word.size()) == word;
    }

    // Code-point index of the byte offset `byte` (which must be a code-point start at or after k).
    std::size_t index_of(std::size_t k, std::size_t byte) const {
        while (k < n_ && cps_[k].at < byte) ++k;
        return k;
    }

    std::size_t skip_blanks(std::size_t k) const {
        while (k < n_ && grammar::is_space(cps_[k].cp)) ++k;
        return k;
    }

    // A heading number of `form` (source dialect) at code point k whose numeral has at most three
    // characters.
    std::optional<grammar::HeadingNumber> number_at(std::size_t k, grammar::HeadingForm form) const {
        if (k >= n_) return std::nullopt;
        const auto h = grammar::read_heading_number(src_.substr(0, cps_[n_].at), cps_[k].at, grammar::HeadingDialect::source);
        if (!h || h->form != form ||
            utf8::count_code_points(src_.substr(h->numeral_begin, h->numeral_end - h->numeral_begin)) > 3)
            return std::nullopt;
        return h;
    }

    // "一、" at k: returns the index after 、 and the value.
    bool top_number(std::size_t k, std::size_t& after, int& value) const {
        if (!grammar::is_numeral_char(at(k))) return false;
        if (k > 0 && (grammar::is_numeral_char(at(k - 1)) || at(k - 1) == U'第')) return false;
        const auto h = number_at(k, grammar::HeadingForm::chinese);
        if (!h || src_.compare(h->numeral_end, 3, "、") != 0) return false;
        value = h->value;
        after = index_of(k, h->end);
        return true;
    }

    std::optional<Mark> boilerplate_prefix() const {
        // Crawled pages start with the breadcrumb and share bar: 「当前位置： 首页… 相关链接： -->」.
        if (!starts_with(0, "当前位置")) return std::nullopt;
        const std::size_t limit = std::min<std::size_t>(n_, 400);
        for (std::size_t k = 0; k + 2 < limit; ++k)
            if (at(k) == '-' && at(k + 1) == '-' && at(k + 2) == '>') return Mark{Mark::boilerplate, 0, k + 3, 0, 0};
        return std::nullopt;
    }

    std::vector<Mark> strong_headings(std::size_t from) const {
        std::vector<Mark> out;
        for (std::size_t k = from; k < n_; ++k) {
            std::size_t after = 0;
            int value = 0;
            if (!top_number(k, after, value)) continue;
            const std::size_t title = skip_blanks(after);
            for (auto t : known_titles()) {
                if (!starts_with(title, t)) continue;
                const std::size_t end = index_of(title, cps_[title].at + t.size());
                out.push_back(Mark{Mark::heading, k, end, 1, value});
                k = end - 1;
                break;
            }
        }
        return out;
    }

    // A digit run (ASCII digits with inner '.' or ',') starting at k; returns its end.
    std::size_t digit_run(std::size_t k) const {
        std::size_t j = k;
        while (j < n_) {
            const char32_t c = at(j);
            if (c >= '0' && c <= '9') { ++j; continue; }
            if ((c == '.' || c == ',') && at(j + 1) >= '0' && at(j + 1) <= '9' && j > k) { ++j; continue; }
            break;
        }
        return j;
    }

    bool table_marker(std::size_t k) const {
        if (k >= n_) return false;
        // Every marker below starts with one of these characters, which most positions are not
        // (match_ is the line's simplified copy, so its code point at k is the one compared).
        std::size_t i = cps_[k].at - base_;
        switch (utf8::next(match_, i)) {
        case U'第': case U'（': case U'(': case U'申': case U'指': case U'行': break;
        default: return false;
        }
        for (std::string_view m : {"第二十条第", "（本列数据", "(本列数据", "申请人情况", "指标名称"})
            if (starts_with(k, m)) return true;
        if (starts_with(k, "行政复议")) {
            const std::size_t j = skip_blanks(index_of(k, cps_[k].at + std::string_view("行政复议").size()));
            return starts_with(j, "行政诉讼");
        }
        return false;
    }

    void find_tables(std::size_t from, std::size_t to, std::vector<Mark>& out) const {
        std::size_t k = from;
        while (k < to) {
            if (!table_marker(k)) { ++k; continue; }
            std::size_t j = k, last = k, last_digit_end = 0;
            std::size_t value_digits = 0;
            bool any_digits = false;
            while (j < to) {
                const char32_t c = at(j);
                if (c == U'。') break;
                if (c >= '0' && c <= '9') {
                    const std::size_t e = digit_run(j);
                    // "1." / "2、" before a label is an item number, not a cell value.
                    const char32_t after = at(e);
                    const bool item_number = (after == '.' || after == U'、' || after == U'．') &&
                                             !(at(e + 1) >= '0' && at(e + 1) <= '9');
                    if (!item_number) value_digits += e - j;
                    any_digits = true;
                    last_digit_end = last = j = e;
                    continue;
                }
                if (j - last > (any_digits ? 100u : 200u)) break;
                ++j;
            }
            if (value_digits >= 5 && last_digit_end > k) {
                std::size_t end = std::min(last_digit_end, to);
                for (std::string_view unit : {"亿元", "万元", "元", "%"})
                    if (starts_with(end, unit)) { end = index_of(end, cps_[end].at + unit.size()); break; }
                out.push_back(Mark{Mark::table, k, std::min(end, to), 0, 0});
                k = end;
            } else {
                ++k;
            }
        }
    }

    bool title_terminator(char32_t c) const {
        return is_sentence_end(c) || grammar::is_space(c) || c == U'，' || c == ',' || c == '(' || c == U'（' ||
               c == U'《' || c == U'“' || c == '"';
    }

    // End of a heading title starting at `from`: at a terminator within `max_len` code points, or
    // at the end of the line. 0 when the title runs on too long to be a heading.
    std::size_t title_end(std::size_t from, std::size_t max_len, std::size_t min_len) const {
        std::size_t j = from;
        while (j < n_ && j - from <= max_len) {
            const char32_t c = at(j);
            if (title_terminator(c)) break;
            // Digits after a title start the text ("一、总体情况2021年，…"); leading ones belong to
            // it ("一、2014年政府信息公开工作情况").
            if (c >= '0' && c <= '9' && j - from >= 2 && !(at(j - 1) >= '0' && at(j - 1) <= '9')) break;
            ++j;
        }
        if (j - from > max_len || j - from < min_len) return 0;
        return j;
    }

    bool heading_may_start(std::size_t k, std::size_t last_mark_end) const {
        if (k == 0 || k == last_mark_end) return true;
        const char32_t prev = at(k - 1);
        return grammar::is_space(prev) || is_sentence_end(prev);
    }

    std::optional<Mark> weak_heading(std::size_t k, std::size_t last_mark_end, const OutlineState& state) const {
        const char32_t c = at(k);
        if (grammar::is_numeral_char(c)) {
            std::size_t after = 0;
            int value = 0;
            if (!top_number(k, after, value)) return std::nullopt;
            if (!heading_may_start(k, last_mark_end) && !(k > 0 && (at(k - 1) == U'）' || at(k - 1) == ')')))
                return std::nullopt;
            if (value != state.last_top + 1 && value != 1) return std::nullopt;
            const std::size_t title = skip_blanks(after);
            if (grammar::is_numeral_char(at(title))) return std::nullopt; // 「一、二、三」 is a list, not a heading
            const std::size_t end = title_end(title, 40, 1);
            if (end == 0) return std::nullopt;
            return Mark{Mark::heading, k, end, 1, value};
        }
        if (c == '(' || c == U'（') {
            if (!heading_may_start(k, last_mark_end)) return std::nullopt;
            const auto h = number_at(k, grammar::HeadingForm::paren_chinese);
            if (!h) return std::nullopt;
            const int value = h->value;
            const std::size_t close = index_of(k, h->numeral_end); // the closing parenthesis
            const std::size_t end = title_end(skip_blanks(close + 1), 30, 2);
            if (end == 0) return std::nullopt;
            return Mark{Mark::heading, k, end, 2, value};
        }
        return std::nullopt;
    }

    void emit_paragraph(std::size_t b, std::size_t e, std::vector<Block>& out, bool boilerplate = false) const {
        std::size_t bb = cps_[b].at, ee = cps_[e].at;
        grammar::trim_range(src_, bb, ee);
        if (bb >= ee) return;
        Block blk;
        blk.kind = BlockKind::paragraph;
        blk.text = mapped(src_, bb, ee);
        blk.boilerplate = boilerplate;
        out.push_back(std::move(blk));
    }

    void emit(const std::vector<Mark>& marks, std::vector<Block>& out) const {
        std::size_t k = 0;
        for (const Mark& m : marks) {
            if (m.b > k) emit_paragraph(k, m.b, out);
            switch (m.kind) {
            case Mark::boilerplate:
                emit_paragraph(m.b, m.e, out, true);
                break;
            case Mark::heading: {
                std::size_t bb = cps_[m.b].at, ee = cps_[m.e].at;
                grammar::trim_range(src_, bb, ee);
                Block blk;
                blk.kind = BlockKind::heading;
                blk.level = m.level;
                blk.text = mapped(src_, bb, ee);
                out.push_back(std::move(blk));
                break;
            }
            case Mark::table: {
                Block blk;
                blk.kind = BlockKind::table;
                blk.text = mapped(src_, cps_[m.b].at, cps_[m.e].at);
                blk.table = std::make_shared<Table>();
                blk.table->form = "runtogether";
                blk.table->raw = blk.text;
                out.push_back(std::move(blk));
                break;
            }
            }
            k = m.e;
        }
        if (k < n_) emit_paragraph(k, n_, out);
    }
};

} // namespace

void split_long_line(std::string_view source, std::size_t begin, std::size_t end,
                     OutlineState& state, std::vector<Block>& out, bool weak_headings) {
    if (begin >= end) return;
    LineSplitter(source, begin, end).run(state, out, weak_headings);
}

} // namespace gk::textparse
