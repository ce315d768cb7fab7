// Kind `table-active` (table.active.check): sanity of table 二 (domain.md §2.6 T2-2..T2-4) —
// warnings, since real data can break them:
//  - 60号: 本年新公开数量 > 对外公开总数量;
//  - 30号: 本年废止件数 > 现行有效件数 + 本年制发件数 (more repealed than could exist);
//  - an amount cell printed with text that is not a number with a unit.
// Negative counts are reported by table.cell.invalid.
#include "check/check.hpp"
#include "check/kinds/table_eval.hpp"

namespace gk {
namespace {

using namespace annual;

class TableActive : public Check {
public:
    TableActive(const Rule&, const Catalogue& cat) : templates_(&cat.templates()) {}
    void run(const Document&, const Facts& facts, Emitter& out) const override {
        auto it = facts.tables.find("active");
        if (it == facts.tables.end() || !it->second.present) return;
        const TemplateTable& t = it->second;
        const TableDef* def = table_def(*templates_, facts, "active");
        if (!def) return;
        // A named element, not a structured binding: C++20 lambdas may capture bindings, but
        // clang 14 does not implement that yet.
        for (const auto& row_cells : t.cells) {
            const std::string& row = row_cells.first;
            const std::string rz = row_label(*def, row, false), re = row_label(*def, row, true);
            auto emit = [&](const std::string& col, const std::string& zh, const std::string& en,
                            const std::string& expected, const std::string& actual) {
                const CellValue* cv = cell(t, row, col);
                Finding& f = out.emit(cv ? cv->offset : t.offset, {{"row", rz}, {"row_en", re}, {"detail", zh}, {"detail_en", en}});
                f.table = "active";
                f.row = row;
                f.col = col;
                f.expected = expected;
                f.actual = actual;
            };
            const auto published = cell_value(t, row, "published"), total = cell_value(t, row, "public-total");
            if (published && total && *total < *published)
                emit("published", "本年新公开数量(" + published->str() + ")大于对外公开总数量(" + total->str() + ")",
                     "published this year (" + published->str() + ") exceeds the total public (" + total->str() + ")",
                     "<=" + total->str(), published->str());
            const auto made = cell_value(t, row, "made"), repealed = cell_value(t, row, "repealed"),
                       in_force = cell_value(t, row, "in-force");
            if (made && repealed && in_force && *in_force + *made < *repealed)
                emit("repealed", "本年废止件数(" + repealed->str() + ")大于现行有效件数与本年制发件数之和(" + (*in_force + *made).str() + ")",
                     "repealed (" + repealed->str() + ") exceeds in force plus made (" + (*in_force + *made).str() + ")",
                     "<=" + (*in_force + *made).str(), repealed->str());
            if (const CellValue* a = cell(t, row, "amount"); a && !a->value && !a->not_stated && !a->raw.empty() && t.verifiable)
                emit("amount", "金额「" + a->raw + "」无法识别（应为数字，可带元/万元/亿元）",
                     "amount \"" + a->raw + "\" is not a number with a unit (元/万元/亿元)", "", a->raw);
        }
    }
private:
    const AnnualTemplates* templates_;
};

} // namespace

GK_REGISTER_CHECK("table-active", TableActive);

} // namespace gk
