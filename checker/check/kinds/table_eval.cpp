#include "check/kinds/table_eval.hpp"

#include <algorithm>

namespace gk::annual {

const TableDef* table_def(const AnnualTemplates& templates, const Facts& facts, const std::string& table_id) {
    const TemplateDef* tpl = templates.for_document(facts.template_id);
    return tpl ? tpl->table(table_id) : nullptr;
}

const CellValue* cell(const TemplateTable& table, const std::string& row, const std::string& col) {
    auto r = table.cells.find(row);
    if (r == table.cells.end()) return nullptr;
    auto c = r->second.find(col);
    return c == r->second.end() ? nullptr : &c->second;
}

std::optional<Decimal> cell_value(const TemplateTable& table, const std::string& row, const std::string& col) {
    const CellValue* cv = cell(table, row, col);
    if (!cv || !cv->value) return std::nullopt;
    return Decimal::parse(*cv->value);
}

namespace {

bool matches(const std::string& id, const std::string& pattern) {
    if (!pattern.empty() && pattern.back() == '*') return id.starts_with(pattern.substr(0, pattern.size() - 1));
    return id == pattern;
}

// Rows an operand stands for: the table's own rows when it has any that match (a report of
// the other format keeps its own (六) rows), else the format's rows.
std::vector<std::string> expand_rows(const TableDef& def, const TemplateTable& table, const std::string& pattern) {
    std::vector<std::string> out;
    if (pattern.back() == '*') {
        for (const auto& r : def.rows)
            if (!r.is_group && matches(r.id, pattern) && table.cells.count(r.id)) out.push_back(r.id);
        for (const auto& [id, cols] : table.cells)
            if (matches(id, pattern) && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
        if (!out.empty()) return out;
    }
    return def.expand_rows(pattern);
}

std::vector<Term> side(const TableDef& def, const TemplateTable& table, const ConstraintDef& c,
                       const std::vector<Operand>& ops, const std::string& line) {
    std::vector<Term> out;
    for (const auto& op : ops) {
        if (c.per_row) {
            for (const auto& col : def.expand_cols(op.pattern))
                out.push_back({line, col, op.sign, cell_value(table, line, col)});
        } else {
            for (const auto& row : expand_rows(def, table, op.pattern))
                out.push_back({row, line, op.sign, cell_value(table, row, line)});
        }
    }
    return out;
}

std::string num(const Decimal& d) { return d.str(); }

} // namespace

Evaluation evaluate(const TableDef& def, const TemplateTable& table, const ConstraintDef& c, const std::string& line) {
    Evaluation e;
    e.line = line;
    e.per_row = c.per_row;
    e.lhs = side(def, table, c, c.lhs, line);
    e.rhs = side(def, table, c, c.rhs, line);
    for (const auto* s : {&e.lhs, &e.rhs})
        for (const auto& t : *s) {
            if (!t.value) { e.checkable = false; continue; }
            Decimal& sum = s == &e.lhs ? e.lhs_sum : e.rhs_sum;
            sum = t.sign > 0 ? sum + *t.value : sum - *t.value;
        }
    return e;
}

std::vector<std::string> lines_of(const TableDef& def, const TemplateTable& table, const ConstraintDef& c) {
    std::vector<std::string> out;
    if (c.per_row) {
        for (const auto& r : def.rows)
            if (!r.is_group && table.cells.count(r.id)) out.push_back(r.id);
        for (const auto& [id, cols] : table.cells)
            if (!def.row(id)) out.push_back(id); // rows of the other format
    } else {
        for (const auto& col : def.cols) out.push_back(col.id);
    }
    return out;
}

std::string row_label(const TableDef& def, const std::string& row, bool en) {
    if (const LabelDef* r = def.row(row)) return en ? r->en : r->short_label;
    for (const auto& r : def.other_rows) if (r.id == row) return en ? r.en : r.short_label;
    return row;
}

const LabelDef* col_def(const TableDef& def, const std::string& col) {
    if (const LabelDef* c = def.col(col)) return c;
    for (const auto& c : def.other_cols) if (c.id == col) return &c;
    return nullptr;
}

std::string col_label(const TableDef& def, const std::string& col, bool en) {
    if (const LabelDef* c = col_def(def, col)) return en ? c->en : c->label;
    return col;
}

std::string cell_label(const TableDef& def, const std::string& row, const std::string& col, bool en) {
    return en ? row_label(def, row, true) + " / " + col_label(def, col, true)
              : row_label(def, row, false) + "/" + col_label(def, col, false);
}

std::string join_limited(const std::vector<std::string>& items, std::size_t max, bool en) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < max; ++i) out += (i ? (en ? ", " : "、") : "") + items[i];
    if (items.size() > max)
        out += en ? " and " + std::to_string(items.size() - max) + " more" : "等" + std::to_string(items.size()) + "项";
    return out;
}

std::string formula(const TableDef& def, const Evaluation& e, bool en) {
    const bool per_row = e.per_row;
    auto term_label = [&](const Term& t) {
        // The varying part: the row in a per-column constraint, the column in a per-row one.
        return per_row ? col_label(def, t.col, en) : row_label(def, t.row, en);
    };
    auto render = [&](const std::vector<Term>& terms, const Decimal& sum) {
        std::string s;
        const bool long_side = terms.size() > 6;
        std::size_t shown = 0, zero = 0;
        for (const auto& t : terms) {
            const bool is_zero = t.value && t.value->is_zero();
            if (long_side && is_zero) { ++zero; continue; }
            if (shown++) s += t.sign > 0 ? "+" : "-";
            else if (t.sign < 0) s += "-";
            s += term_label(t) + "(" + (t.value ? num(*t.value) : std::string(en ? "blank" : "空")) + ")";
        }
        if (shown == 0) s += en ? "all items (0)" : "各项(0)";
        else if (zero) s += en ? " + other items (0)" : "+其余各项(0)";
        if (terms.size() > 1 || long_side) s += "=" + num(sum);
        return s;
    };
    std::string out = render(e.lhs, e.lhs_sum) + (en ? " ≠ " : " ≠ ") + render(e.rhs, e.rhs_sum);
    const Decimal diff = e.lhs_sum < e.rhs_sum ? e.rhs_sum - e.lhs_sum : e.lhs_sum - e.rhs_sum;
    out += en ? ", difference " + num(diff) : "，差" + num(diff);
    return out;
}

} // namespace gk::annual
