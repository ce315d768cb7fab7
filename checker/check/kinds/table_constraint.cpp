// Kind `table-constraint`: one constraint of an annual-report table, from the format data of
// the rulesets (<constraint id= per= expr=>), checked on every column (or row) of the extracted
// table with exact decimal arithmetic.
//
//   <params table="requests" constraint="balance"/>
//
// A failing line is an error naming the formula, both sides and the difference. The finding
// names the cell to look at: where the table's other constraints also fail on exactly one
// crossing line (a wrong cell breaks its column AND its row), that cell; otherwise the line's
// left-hand side. extra["cells"] lists every operand cell. A line with a null operand (text,
// a total left blank, digits that could not be split) is not checkable: one info per table
// names those lines — never reported as passed, never as an arithmetic error.
#include <set>

#include "check/check.hpp"
#include "check/kinds/table_eval.hpp"

namespace gk {
namespace {

using namespace annual;

class TableConstraint : public Check {
public:
    TableConstraint(const Rule& rule, const Catalogue& cat) : templates_(&cat.templates()) {
        const auto p = rule.params();
        table_ = p.attribute("table").as_string();
        constraint_ = p.attribute("constraint").as_string();
        if (table_.empty() || constraint_.empty())
            throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": table-constraint needs table= and constraint=");
        bool known = false;
        for (const auto& tpl : templates_->all())
            if (const TableDef* t = tpl.table(table_)) known = known || t->constraint(constraint_);
        if (!known)
            throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": no constraint '" + constraint_ +
                               "' for table '" + table_ + "' in the annual-template data");
    }

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        auto it = facts.tables.find(table_);
        if (it == facts.tables.end() || !it->second.present) return;
        const TemplateTable& table = it->second;
        const TableDef* def = table_def(*templates_, facts, table_);
        if (!def) return;
        const ConstraintDef* c = def->constraint(constraint_);
        if (!c) return;

        std::vector<std::string> unchecked;
        for (const auto& line : lines_of(*def, table, *c)) {
            const Evaluation e = evaluate(*def, table, *c, line);
            if (!e.checkable) {
                bool any_value = false;
                for (const auto* s : {&e.lhs, &e.rhs}) for (const auto& t : *s) any_value = any_value || t.value;
                if (any_value || !e.lhs.empty()) unchecked.push_back(line);
                continue;
            }
            if (e.holds()) continue;
            auto [row, col] = locate(*def, table, *c, e);
            const CellValue* cv = cell(table, row, col);
            const SourceOffset at = cv ? cv->offset : table.offset;
            const std::string where = c->per_row ? row_label(*def, line, false) + "行" : col_label(*def, line, false) + "列";
            const std::string where_en = c->per_row ? "row " + row_label(*def, line, true) : "column " + col_label(*def, line, true);
            Finding& f = out.emit(at, {{"table", def->name}, {"table_en", def->name_en},
                                       {"where", where}, {"where_en", where_en},
                                       {"formula", formula(*def, e, false)}, {"formula_en", formula(*def, e, true)},
                                       {"detail", ""}, {"detail_en", ""}});
            f.table = table_;
            f.row = row;
            f.col = col;
            f.expected = e.rhs_sum.str();
            f.actual = e.lhs_sum.str();
            std::string cells;
            for (const auto* s : {&e.lhs, &e.rhs})
                for (const auto& t : *s) cells += (cells.empty() ? "" : ",") + t.row + "." + t.col;
            f.extra["cells"] = cells;
            f.extra["constraint"] = c->expr;
        }
        if (!unchecked.empty()) {
            std::vector<std::string> zh, en;
            for (const auto& l : unchecked) {
                zh.push_back(c->per_row ? row_label(*def, l, false) + "行" : col_label(*def, l, false) + "列");
                en.push_back(c->per_row ? row_label(*def, l, true) : col_label(*def, l, true));
            }
            Finding& f = out.emit(table.offset, Severity::info,
                                  {{"table", def->name}, {"table_en", def->name_en},
                                   {"where", join_limited(zh, 6, false)}, {"where_en", join_limited(en, 6, true)},
                                   {"formula", "无法核验"}, {"formula_en", "cannot be checked"},
                                   {"detail", "（有单元格未填写总计、为文字或数字无法拆分）"},
                                   {"detail_en", " (a total left blank, a text cell or digits that cannot be split)"}});
            f.table = table_;
            f.extra["unchecked"] = join_limited(unchecked, 100, true);
        }
    }

private:
    const AnnualTemplates* templates_;
    // The cell a failing line points at (see the header comment).
    static std::pair<std::string, std::string> locate(const TableDef& def, const TemplateTable& table,
                                                      const ConstraintDef& c, const Evaluation& e) {
        std::set<std::pair<std::string, std::string>> candidates;
        for (const auto& other : def.constraints) {
            if (other.per_row == c.per_row) continue;
            for (const auto* s : {&e.lhs, &e.rhs})
                for (const auto& t : *s) {
                    const std::string cross = c.per_row ? t.col : t.row;
                    const Evaluation o = evaluate(def, table, other, cross);
                    if (o.checkable && !o.holds()) candidates.insert({t.row, t.col});
                }
        }
        if (candidates.size() == 1) return *candidates.begin();
        const Term& lhs = e.lhs.front();
        return {lhs.row, lhs.col};
    }

    std::string table_, constraint_;
};

} // namespace

GK_REGISTER_CHECK("table-constraint", TableConstraint);

} // namespace gk
