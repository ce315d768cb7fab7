// Evaluating the annual-report table constraints of the rulesets (catalogue/annual_template.hpp)
// on extracted tables, with exact decimal arithmetic, and naming cells in messages. Shared by
// the table-* and report-* check kinds.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "catalogue/annual_template.hpp"
#include "extract/facts.hpp"

namespace gk::annual {

// The format definition of a document's table: the document's template, else the newest format.
const TableDef* table_def(const AnnualTemplates& templates, const Facts& facts, const std::string& table_id);

struct Term {
    std::string row, col;
    int sign = 1;
    std::optional<Decimal> value; // nullopt: null, missing or not stated
};

struct Evaluation {
    std::string line;              // the column (per="col") or row (per="row") evaluated
    std::vector<Term> lhs, rhs;
    bool per_row = false;
    bool checkable = true;         // every operand has a value
    Decimal lhs_sum, rhs_sum;
    bool holds() const { return checkable && lhs_sum == rhs_sum; }
};

// Evaluates `c` on `line` (a column id for per="col", a row id for per="row").
Evaluation evaluate(const TableDef& def, const TemplateTable& table, const ConstraintDef& c, const std::string& line);
// The lines a constraint is checked on: every column of the format (per="col"), or every row
// present in the table (per="row").
std::vector<std::string> lines_of(const TableDef& def, const TemplateTable& table, const ConstraintDef& c);

// Numeric value of a cell, or nullopt (absent, null, not stated).
std::optional<Decimal> cell_value(const TemplateTable& table, const std::string& row, const std::string& col);
const CellValue* cell(const TemplateTable& table, const std::string& row, const std::string& col);

// Labels for messages.
std::string row_label(const TableDef& def, const std::string& row, bool en);
// The column definition in the document's format, else in the other format.
const LabelDef* col_def(const TableDef& def, const std::string& col);
std::string col_label(const TableDef& def, const std::string& col, bool en);
std::string cell_label(const TableDef& def, const std::string& row, const std::string& col, bool en);

// "本年新收(16)+上年结转(0)=16 ≠ 办理结果总计(15)+结转下年度(0)=15，差1". Long sides list only
// their non-zero terms.
std::string formula(const TableDef& def, const Evaluation& e, bool en);

// Lists up to `max` items joined by 、 / ", ", then "等N项" / "and N more".
std::string join_limited(const std::vector<std::string>& items, std::size_t max, bool en);

} // namespace gk::annual
