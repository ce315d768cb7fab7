// Numbers in prose.
//
// `text-vs-table` (text.table.mismatch): a number the prose states for a table quantity
//   (共受理…申请859件, 上年结转…18件, 行政复议7件 …) differs from the table. The claims are data:
//   <claim pattern="RE2, group 1 = the number" cells="table:row.col ..." what= what-en=/>; the
//   table value is the sum of the listed cells and must be fully known (no null, no assumed 0
//   unless every cell is stated) — otherwise nothing is said. A claim whose wording may mean more
//   than one quantity (受理: 本年新收, or 新收 + 上年结转) lists the other readings in
//   or-cells="table:row.col …|table:row.col …"; it is an error only when no reading matches.
//   <none-left pattern="RE2" cells="table:row.col …" what= what-en=/>: a sentence that says none
//   (所有申请均已办理完成: nothing left; 无败诉: no case lost) while the cells, all stated, add up
//   to a count above 0 (结转下年度; the 纠正 columns of the lawsuits).
//   <some-while-none pattern="RE2, group 1 = the count" cells=… what= what-en=/>: the prose counts
//   some (依申请公开政府信息5条) of what the cells, all stated and their tables read in full, show
//   none of (表三 本年新收 + 上年结转 = 0). Only that direction: with requests in the table, a count of
//   information items released on request is no count of requests.
// `text-sum` (text.sum.mismatch, any document): a total and its breakdown in one sentence whose
//   parts exceed the total or, when the list is evidently exhaustive (其余/其他/另有…), do not add
//   up to it. The forms are data: <list head="RE2 before the total" connector="RE2 between the
//   total and the parts" exceeds="error|warning" exhaustive-end="true|false"/> — 「共N件，其中…」,
//   「N条，涵盖/包括…」, and, with no connecting word, a list read as a breakdown only when its last
//   part is the remainder (「主动公开…364条，人事信息17条，…其他19条」); <units>, <exhaustive> and
//   <not-a-part before= after=> (占/同比/第…, 余/以上: the list is not a breakdown) likewise.
// `text-percent` (text.percent.mismatch, any document): 「N件，占x%」 where no base the document
//   states — a count in the same unit anywhere in the prose, the sum of the shares of one block,
//   or a table quantity named by <base unit= cells=> — gives x% rounded or cut to the printed
//   decimals. Silent when the document states no possible base (nothing to verify against).
// Speed, not behaviour: text-vs-table and text-sum keep their patterns in a PatternFilter (RE2's
// prefilter) and search a prose text only with the patterns that may match it
// (core/pattern_filter.hpp): the others have no match there, so the findings are the same.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <tuple>

#include <re2/re2.h>

#include "check/check.hpp"
#include "check/kinds/report_util.hpp"
#include "check/kinds/table_eval.hpp"
#include "core/pattern_filter.hpp"

namespace gk {
namespace {

using CellList = std::vector<std::pair<std::string, std::string>>; // table, "row.col"

struct Claim {
    const RE2* re = nullptr; // owned by the kind's PatternFilter, as pattern `id`
    int id = -1;
    CellList cells;
    std::vector<CellList> alternatives; // other readings of the same wording
    std::string what, what_en;
};

// A sentence that says none is left (所有申请均已办理完成, 全部办结) while the cell counts some.
struct NoneLeft {
    const RE2* re = nullptr;
    int id = -1;
    CellList cells;                           // their sum is what must be 0
    std::string what, what_en;
};

CellList parse_cells(const Rule& rule, const std::string& cells) {
    CellList out;
    std::size_t i = 0;
    while (i < cells.size()) {
        const auto sp = cells.find(' ', i);
        const std::string item = cells.substr(i, sp == std::string::npos ? std::string::npos : sp - i);
        i = sp == std::string::npos ? cells.size() : sp + 1;
        const auto colon = item.find(':');
        if (item.empty()) continue;
        if (colon == std::string::npos) throw RulesetError(rule.file + ": claim cell '" + item + "' needs table:row.col");
        out.emplace_back(item.substr(0, colon), item.substr(colon + 1));
    }
    return out;
}

// The sum of the listed cells when every one is stated (a value, not a blank read as 0), else
// nullopt; with `whole_table`, also only when each table was read in full.
std::optional<Decimal> stated_sum(const CellList& cells, const Facts& facts, bool whole_table) {
    Decimal sum;
    for (const auto& [tid, rc] : cells) {
        const auto it = facts.tables.find(tid);
        const auto dot = rc.rfind('.');
        if (it == facts.tables.end() || dot == std::string::npos) return std::nullopt;
        if (whole_table && (!it->second.present || !it->second.verifiable)) return std::nullopt;
        const CellValue* cv = annual::cell(it->second, rc.substr(0, dot), rc.substr(dot + 1));
        const auto v = cv && cv->value && !cv->assumed_zero ? Decimal::parse(*cv->value) : std::nullopt;
        if (!v) return std::nullopt;
        sum = sum + *v;
    }
    return sum;
}

// Compiles `pattern` into `filter`: returns it and its id, or nullptr with RE2's message.
std::pair<const RE2*, int> add_pattern(PatternFilter& filter, const std::string& pattern, std::string& error) {
    const int id = filter.add(pattern, RE2::Quiet, error);
    return {id < 0 ? nullptr : &filter.re(id), id};
}

// may[t][id]: pattern `id` of `filter` may match texts[t] (it has no match where this is false).
std::vector<std::vector<bool>> candidates_by_text(const PatternFilter& filter, const std::vector<const MappedText*>& texts) {
    std::vector<std::vector<bool>> may(texts.size(), std::vector<bool>(filter.size(), false));
    std::vector<int> ids;
    for (std::size_t t = 0; t < texts.size(); ++t) {
        filter.candidates(texts[t]->text, ids);
        for (int id : ids) may[t][static_cast<std::size_t>(id)] = true;
    }
    return may;
}

// A sentence that states a count above 0 of what the table, read in full, shows none of
// (依申请公开政府信息5条 in a year whose 表三 counts no request).
struct SomeWhileNone {
    const RE2* re = nullptr; // group 1 = the count
    int id = -1;
    CellList cells;          // their sum is 0
    std::string what, what_en;
};

class TextVsTable : public Check {
public:
    TextVsTable(const Rule& rule, const Catalogue& cat) : templates_(&cat.templates()) {
        for (auto c : rule.params().children("claim")) {
            Claim cl;
            // Wrapped once so that group 1 is the whole claim and group 2 the number.
            std::string error;
            std::tie(cl.re, cl.id) = add_pattern(filter_, "(" + std::string(c.attribute("pattern").as_string()) + ")", error);
            if (!cl.re || cl.re->NumberOfCapturingGroups() < 2)
                throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": bad claim pattern: " + (cl.re ? cl.re->error() : error));
            cl.cells = parse_cells(rule, c.attribute("cells").as_string());
            const std::string alt = c.attribute("or-cells").as_string();
            for (std::size_t i = 0; i <= alt.size() && !alt.empty();) {
                const auto bar = alt.find('|', i);
                const std::string part = alt.substr(i, bar == std::string::npos ? std::string::npos : bar - i);
                if (auto l = parse_cells(rule, part); !l.empty()) cl.alternatives.push_back(std::move(l));
                if (bar == std::string::npos) break;
                i = bar + 1;
            }
            cl.what = c.attribute("what").as_string();
            cl.what_en = c.attribute("what-en").as_string(cl.what.c_str());
            claims_.push_back(std::move(cl));
        }
        for (auto c : rule.params().children("none-left")) {
            NoneLeft n;
            std::string error;
            std::tie(n.re, n.id) = add_pattern(filter_, "(" + std::string(c.attribute("pattern").as_string()) + ")", error);
            if (!n.re) throw RulesetError(rule.where() + "bad none-left pattern: " + error);
            n.cells = parse_cells(rule, c.attribute("cells").as_string());
            if (n.cells.empty()) throw RulesetError(rule.where() + "none-left needs cells=\"table:row.col …\"");
            n.what = c.attribute("what").as_string();
            n.what_en = c.attribute("what-en").as_string(n.what.c_str());
            none_left_.push_back(std::move(n));
        }
        for (auto c : rule.params().children("some-while-none")) {
            SomeWhileNone n;
            std::string error;
            std::tie(n.re, n.id) = add_pattern(filter_, "(" + std::string(c.attribute("pattern").as_string()) + ")", error);
            if (!n.re || n.re->NumberOfCapturingGroups() < 2)
                throw RulesetError(rule.where() + "bad some-while-none pattern (group 1 = the count): " + (n.re ? n.re->error() : error));
            n.cells = parse_cells(rule, c.attribute("cells").as_string());
            if (n.cells.empty()) throw RulesetError(rule.where() + "some-while-none needs cells=\"table:row.col …\"");
            n.what = c.attribute("what").as_string();
            n.what_en = c.attribute("what-en").as_string(n.what.c_str());
            some_while_none_.push_back(std::move(n));
        }
        filter_.compile();
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const auto texts = annual::prose(doc);
        const auto may = candidates_by_text(filter_, texts);
        run_none_left(texts, may, facts, out);
        run_some_while_none(texts, may, facts, out);
        for (const auto& cl : claims_) {
            // The table value.
            Decimal sum;
            bool known = true;
            std::string table_id, cell_zh, cell_en, first_row, first_col;
            for (const auto& [tid, rc] : cl.cells) {
                auto it = facts.tables.find(tid);
                const auto dot = rc.rfind('.');
                if (it == facts.tables.end() || !it->second.present || dot == std::string::npos) { known = false; break; }
                const std::string row = rc.substr(0, dot), col = rc.substr(dot + 1);
                const CellValue* cv = annual::cell(it->second, row, col);
                if (!cv || !cv->value || cv->assumed_zero) { known = false; break; }
                const auto v = Decimal::parse(*cv->value);
                if (!v) { known = false; break; }
                sum = sum + *v;
                if (table_id.empty()) {
                    table_id = tid;
                    first_row = row;
                    first_col = col;
                }
                const TableDef* def = annual::table_def(*templates_, facts, tid);
                if (def) {
                    cell_zh += (cell_zh.empty() ? "" : "+") + annual::cell_label(*def, row, col, false);
                    cell_en += (cell_en.empty() ? "" : " + ") + annual::cell_label(*def, row, col, true);
                }
            }
            if (!known) continue;
            // Other readings: their sums, when fully known (an unknown reading leaves the claim
            // undecided, so nothing is said when the first reading does not match).
            std::vector<Decimal> others;
            bool undecided = false;
            for (const auto& alt : cl.alternatives) {
                if (const auto s2 = stated_sum(alt, facts, false)) others.push_back(*s2);
                else undecided = true;
            }
            for (std::size_t t = 0; t < texts.size(); ++t) {
                if (!may[t][static_cast<std::size_t>(cl.id)]) continue;
                const MappedText* m = texts[t];
                re2::StringPiece in(m->text), whole, number;
                while (RE2::FindAndConsume(&in, *cl.re, &whole, &number)) {
                    const auto v = Decimal::parse(std::string(number));
                    if (!v || *v == sum || undecided) continue;
                    bool other_reading = false;
                    for (const auto& o : others) other_reading = other_reading || *v == o;
                    if (other_reading) continue;
                    const TableDef* def = annual::table_def(*templates_, facts, table_id);
                    Finding& f = out.emit(m->source_at(static_cast<std::size_t>(number.data() - m->text.data())),
                                          {{"quote", std::string(whole)}, {"value", v->str()},
                                           {"table", def ? def->name : table_id}, {"table_en", def ? def->name_en : table_id},
                                           {"cell", cell_zh}, {"cell_en", cell_en}, {"table_value", sum.str()}});
                    f.table = table_id;
                    f.row = first_row;
                    f.col = first_col;
                    f.expected = sum.str();
                    f.actual = v->str();
                }
            }
        }
    }

private:
    // The cells' names, joined with "+" (Chinese) and " + " (English).
    std::pair<std::string, std::string> cell_labels(const CellList& cells, const Facts& facts) const {
        std::string zh, en;
        for (const auto& [t, cell] : cells) {
            const auto d = cell.rfind('.');
            const TableDef* td = annual::table_def(*templates_, facts, t);
            zh += (zh.empty() ? "" : "+") + (td ? annual::cell_label(*td, cell.substr(0, d), cell.substr(d + 1), false) : cell);
            en += (en.empty() ? "" : " + ") + (td ? annual::cell_label(*td, cell.substr(0, d), cell.substr(d + 1), true) : cell);
        }
        return {zh, en};
    }

    // Every cell must be stated and known (not blank read as 0): only counts above zero that the
    // table prints contradict "none left".
    void run_none_left(const std::vector<const MappedText*>& texts, const std::vector<std::vector<bool>>& may,
                       const Facts& facts, Emitter& out) const {
        for (const auto& n : none_left_) {
            const auto known = stated_sum(n.cells, facts, true);
            if (!known || !(Decimal() < *known)) continue;
            const Decimal sum = *known;
            const auto& [tid, rc] = n.cells.front();
            const auto dot = rc.rfind('.');
            const TableDef* def = annual::table_def(*templates_, facts, tid);
            const auto [cell_zh, cell_en] = cell_labels(n.cells, facts);
            for (std::size_t t = 0; t < texts.size(); ++t) {
                if (!may[t][static_cast<std::size_t>(n.id)]) continue;
                const MappedText* m = texts[t];
                re2::StringPiece in(m->text), whole;
                while (RE2::FindAndConsume(&in, *n.re, &whole)) {
                    Finding& f = out.emit(m->source_at(static_cast<std::size_t>(whole.data() - m->text.data())),
                                          {{"quote", std::string(whole)}, {"value", n.what}, {"value_en", n.what_en},
                                           {"table", def ? def->name : tid}, {"table_en", def ? def->name_en : tid},
                                           {"cell", cell_zh}, {"cell_en", cell_en}, {"table_value", sum.str()}});
                    f.table = tid;
                    f.row = rc.substr(0, dot);
                    f.col = rc.substr(dot + 1);
                    f.expected = "0";
                    f.actual = sum.str();
                }
            }
        }
    }

    // The cells, all stated and their tables read in full, add up to 0, while the prose counts some.
    void run_some_while_none(const std::vector<const MappedText*>& texts, const std::vector<std::vector<bool>>& may,
                             const Facts& facts, Emitter& out) const {
        for (const auto& n : some_while_none_) {
            const auto known = stated_sum(n.cells, facts, true);
            if (!known || !(*known == Decimal())) continue;
            const auto& [tid, rc] = n.cells.front();
            const auto dot = rc.rfind('.');
            const TableDef* def = annual::table_def(*templates_, facts, tid);
            const auto [cell_zh, cell_en] = cell_labels(n.cells, facts);
            for (std::size_t t = 0; t < texts.size(); ++t) {
                if (!may[t][static_cast<std::size_t>(n.id)]) continue;
                const MappedText* m = texts[t];
                re2::StringPiece in(m->text), whole, number;
                while (RE2::FindAndConsume(&in, *n.re, &whole, &number)) {
                    const auto v = Decimal::parse(std::string(number));
                    if (!v || !(Decimal() < *v)) continue;
                    Finding& f = out.emit(m->source_at(static_cast<std::size_t>(number.data() - m->text.data())),
                                          {{"quote", std::string(whole)}, {"value", v->str()},
                                           {"table", def ? def->name : tid}, {"table_en", def ? def->name_en : tid},
                                           {"cell", cell_zh}, {"cell_en", cell_en}, {"table_value", "0"}});
                    f.table = tid;
                    f.row = rc.substr(0, dot);
                    f.col = rc.substr(dot + 1);
                    f.expected = "0";
                    f.actual = v->str();
                }
            }
        }
    }

    const AnnualTemplates* templates_;
    PatternFilter filter_; // every pattern of claims_, none_left_ and some_while_none_
    std::vector<Claim> claims_;
    std::vector<NoneLeft> none_left_;
    std::vector<SomeWhileNone> some_while_none_;
};

// One way prose states a breakdown (text-sum's <list> params).
struct SumList {
    const RE2* head = nullptr; // groups: whole, total, unit, clause; the kind's PatternFilter's pattern `id`
    int id = -1;
    bool needs_exhaustive_end = false; // read as a breakdown only when its last part is 其他/其余…
    Severity exceeds = Severity::error;
};

class TextSum : public Check {
    static std::string top_level(re2::StringPiece clause) {
        const std::string_view text(clause.data(), clause.size());
        std::string out;
        int depth = 0;
        std::size_t i = 0;
        while (i < text.size()) {
            const std::size_t start = i;
            const char32_t c = utf8::next(text, i);
            if (c == U'(' || c == U'（') { ++depth; continue; }
            if (c == U')' || c == U'）') {
                if (depth == 0) break;
                --depth;
                continue;
            }
            if (depth == 0) out.append(text.substr(start, i - start));
        }
        return out;
    }

    static std::shared_ptr<RE2> compile(const Rule& rule, const std::string& what, const std::string& pattern) {
        auto re = std::make_shared<RE2>(pattern, RE2::Quiet);
        if (!re->ok()) throw RulesetError(rule.where() + "text-sum: " + what + ": " + re->error());
        return re;
    }

public:
    explicit TextSum(const Rule& rule) {
        const auto params = rule.params();
        const std::string units = params.child("units").text().as_string();
        const std::string not_part = params.child("not-a-part").attribute("before").as_string();
        const std::string not_part_after = params.child("not-a-part").attribute("after").as_string();
        const std::string exhaustive = params.child("exhaustive").text().as_string();
        if (units.empty() || exhaustive.empty() || not_part.empty() || not_part_after.empty())
            throw RulesetError(rule.where() + "text-sum needs <units>, <exhaustive> and <not-a-part before= after=>");
        part_ = compile(rule, "<units>", "((?:" + not_part + ")?)(\\d+)(" + units + ")((?:" + not_part_after + ")?)");
        exhaustive_ = compile(rule, "<exhaustive>", "(?:" + exhaustive + ")");
        for (auto l : params.children("list")) {
            SumList list;
            const std::string head = l.attribute("head").as_string(), connector = l.attribute("connector").as_string();
            std::string error;
            std::tie(list.head, list.id) = add_pattern(heads_, "(" + head + "(\\d+)(" + units + ")" + connector + "([^。；]*))", error);
            if (!list.head) throw RulesetError(rule.where() + "text-sum: <list head>: " + error);
            list.needs_exhaustive_end = l.attribute("exhaustive-end").as_bool(false);
            const std::string sev = l.attribute("exceeds").as_string("error");
            if (sev != "error" && sev != "warning") throw RulesetError(rule.where() + "text-sum: exceeds= must be error or warning");
            list.exceeds = sev == "error" ? Severity::error : Severity::warning;
            lists_.push_back(std::move(list));
        }
        if (lists_.empty()) throw RulesetError(rule.where() + "text-sum needs at least one <list>");
        heads_.compile();
    }

    void run(const Document& doc, const Facts&, Emitter& out) const override {
        std::vector<int> may; // the lists whose head may match the text
        for (const auto* m : annual::prose(doc)) {
            std::vector<const char*> totals_seen; // a total is read by the first list form that takes it
            heads_.candidates(m->text, may);
            for (int id : may) {
                const SumList& list = lists_[static_cast<std::size_t>(id)];
                re2::StringPiece in(m->text), whole, total_s, unit, clause;
                while (RE2::FindAndConsume(&in, *list.head, &whole, &total_s, &unit, &clause)) {
                    if (std::find(totals_seen.begin(), totals_seen.end(), total_s.data()) != totals_seen.end()) continue;
                    const auto total = Decimal::parse(std::string(total_s));
                    if (!total) continue;
                    // Only the top level of the list counts: 「预决算公开197条（政府预决算32条、部门预决算
                    // 公开165条）」 breaks one part down, it adds nothing. A closing bracket that was not
                    // opened inside the clause ends the list (「(其中…856条)对于…」).
                    const std::string top = top_level(clause);
                    re2::StringPiece c = top, prefix, n, u, suffix;
                    Decimal sum;
                    int parts = 0;
                    bool clean = true;
                    std::size_t last_part_begin = 0, previous_end = 0;
                    while (RE2::FindAndConsume(&c, *part_, &prefix, &n, &u, &suffix)) {
                        if (!prefix.empty() || !suffix.empty()) { clean = false; break; }
                        if (u != unit) continue;
                        if (auto v = Decimal::parse(std::string(n))) {
                            sum = sum + *v;
                            ++parts;
                            last_part_begin = previous_end;
                            previous_end = static_cast<std::size_t>(u.data() + u.size() - top.data());
                        }
                    }
                    if (!clean || parts < 2) continue;
                    if (list.needs_exhaustive_end) {
                        // No word says the list breaks the total down: only a list that ends in its
                        // remainder (「…，其他信息19条」) does, and a nested 其中 makes it another form.
                        const std::string_view last(top.data() + last_part_begin, previous_end - last_part_begin);
                        if (!RE2::PartialMatch(last, *exhaustive_) || top.find("其中") != std::string::npos) continue;
                    }
                    totals_seen.push_back(total_s.data());
                    const bool exceeds = *total < sum;
                    const bool misses = sum < *total && RE2::PartialMatch(clause, *exhaustive_);
                    if (!exceeds && !misses) continue;
                    std::string quote(whole);
                    if (quote.size() > 150) quote = std::string(utf8::truncate(quote, 150)) + "…";
                    const std::string t = total->str(), s = sum.str(), u8(unit);
                    Finding& f = out.emit(m->source_at(static_cast<std::size_t>(total_s.data() - m->text.data())),
                                          exceeds ? list.exceeds : out.rule().severity,
                                          {{"quote", quote},
                                           {"detail", exceeds ? "其中各项之和" + s + u8 + "超过总数" + t + u8
                                                              : "其中各项之和" + s + u8 + "与总数" + t + u8 + "不符"},
                                           {"detail_en", exceeds ? "the parts add up to " + s + ", more than the total " + t
                                                                 : "the parts add up to " + s + ", not the total " + t}});
                    f.expected = t;
                    f.actual = s;
                }
            }
        }
    }

private:
    PatternFilter heads_;        // every list's head: pattern k is lists_[k].head
    std::vector<SumList> lists_;
    std::shared_ptr<RE2> part_, exhaustive_;
};

// 「N件，占x%」: a share whose rate no base stated in the document reproduces.
class TextPercent : public Check {
public:
    explicit TextPercent(const Rule& rule) {
        const auto params = rule.params();
        const std::string units = params.child("units").text().as_string();
        const std::string claim = params.child("claim").attribute("pattern").as_string();
        if (units.empty() || claim.empty()) throw RulesetError(rule.where() + "text-percent needs <units> and <claim pattern>");
        // Groups: whole, count, unit, rate.
        claim_ = std::make_shared<RE2>("(" + claim + ")", RE2::Quiet);
        if (!claim_->ok() || claim_->NumberOfCapturingGroups() != 4)
            throw RulesetError(rule.where() + "text-percent: the claim pattern needs exactly three groups (count, unit, rate): " + claim_->error());
        number_ = std::make_shared<RE2>("(\\d+)(" + units + ")", RE2::Quiet);
        if (!number_->ok()) throw RulesetError(rule.where() + "text-percent: <units>: " + number_->error());
        for (auto b : params.children("base")) {
            const std::string unit = b.attribute("unit").as_string();
            if (unit.empty()) throw RulesetError(rule.where() + "text-percent: <base> needs unit=");
            table_bases_.emplace_back(unit, parse_cells(rule, b.attribute("cells").as_string()));
        }
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const auto texts = annual::prose(doc);
        // The bases a share may be of: every count the prose states, in its unit; the sum of the
        // shares stated in one block (「区直各部门1822条，占53%；各乡镇1638条，占47%」); the table
        // quantities the rule names.
        std::map<std::string, std::vector<double>> bases;
        struct Share {
            const MappedText* text;
            re2::StringPiece whole, count, unit, rate;
        };
        std::vector<Share> shares;
        for (const auto* m : texts) {
            re2::StringPiece in(m->text), n, u;
            while (RE2::FindAndConsume(&in, *number_, &n, &u)) bases[std::string(u)].push_back(std::stod(std::string(n)));
            std::map<std::string, double> block_sum;
            re2::StringPiece c(m->text);
            Share sh{m, {}, {}, {}, {}};
            while (RE2::FindAndConsume(&c, *claim_, &sh.whole, &sh.count, &sh.unit, &sh.rate)) {
                shares.push_back(sh);
                block_sum[std::string(sh.unit)] += std::stod(std::string(sh.count));
            }
            for (const auto& [unit, sum] : block_sum) bases[unit].push_back(sum);
        }
        for (const auto& [unit, cells] : table_bases_)
            if (const auto v = stated_sum(cells, facts, false)) bases[unit].push_back(std::stod(v->str()));
        for (const auto& sh : shares) {
            const std::string unit(sh.unit), rate(sh.rate);
            const double count = std::stod(std::string(sh.count)), printed = std::stod(rate);
            const auto dot = rate.find('.');
            const int decimals = dot == std::string::npos ? 0 : static_cast<int>(rate.size() - dot - 1);
            const double scale = std::pow(10.0, decimals);
            const auto it = bases.find(unit);
            if (it == bases.end()) continue;
            bool reproduced = false, any_base = false;
            double nearest = -1, nearest_rate = 0;
            for (const double base : it->second) {
                if (base <= 0 || base < count) continue;
                if (base == count && printed != 100) continue; // the share's own count is no base
                any_base = true;
                const double r = count * 100.0 / base;
                // Rounded half-up or cut to the printed decimals: both are common.
                const double rounded = std::floor(r * scale + 0.5 + 1e-9) / scale;
                const double cut = std::floor(r * scale + 1e-9) / scale;
                if (std::fabs(rounded - printed) < 0.5 / scale / 10 || std::fabs(cut - printed) < 0.5 / scale / 10) {
                    reproduced = true;
                    break;
                }
                if (nearest < 0 || std::fabs(r - printed) < std::fabs(nearest_rate - printed)) { nearest = base; nearest_rate = r; }
            }
            if (reproduced || !any_base) continue;
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.*f", decimals + 1, nearest_rate);
            const std::string base_s = Decimal::parse(std::to_string(static_cast<long long>(nearest)))->str();
            Finding& f = out.emit(sh.text->source_at(static_cast<std::size_t>(sh.rate.data() - sh.text->text.data())),
                                  {{"quote", std::string(sh.whole)},
                                   {"detail", "文中及统计表中的总数都算不出" + rate + "%（最接近的是" + std::string(sh.count) + unit + "÷" +
                                                  base_s + unit + "＝" + buf + "%）"},
                                   {"detail_en", "no total stated in the text or the tables gives " + rate + "% (nearest: " +
                                                     std::string(sh.count) + " / " + base_s + " = " + buf + "%)"}});
            f.expected = std::string(buf) + "%";
            f.actual = rate + "%";
        }
    }

private:
    std::shared_ptr<RE2> claim_, number_;
    std::vector<std::pair<std::string, CellList>> table_bases_;
};

} // namespace

GK_REGISTER_CHECK("text-vs-table", TextVsTable);
GK_REGISTER_CHECK("text-sum", TextSum);
GK_REGISTER_CHECK("text-percent", TextPercent);

} // namespace gk
