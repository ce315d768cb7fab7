// Kind `table-cells` (table.cell.invalid): the numeric cells of the annual-report tables that are
// not plain non-negative numbers.
//  - one warning per table naming the blank-like parts read as 0 (assumed_zero), the blank
//    totals (not_stated) and the cells holding text (null);
//  - one error per negative count (本年增/减 of table 二 is signed and exempt);
//  - one info when the table could not be read (run-together digits with several possible
//    splits, missing cells), with the reason: the table is not verifiable.
#include "check/check.hpp"
#include "check/kinds/table_eval.hpp"

namespace gk {
namespace {

using namespace annual;

class TableCells : public Check {
public:
    TableCells(const Rule&, const Catalogue& cat) : templates_(&cat.templates()) {}

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        for (const auto& [id, table] : facts.tables) {
            if (!table.present) continue;
            const TableDef* def = table_def(*templates_, facts, id);
            if (!def) continue;
            std::vector<std::string> zero_zh, zero_en, blank_zh, blank_en, text_zh, text_en;
            const CellValue* first = nullptr;
            for (const auto& [row, cols] : table.cells)
                for (const auto& [col, cv] : cols) {
                    const bool text = !cv.value && !cv.not_stated && !cv.raw.empty() && table.verifiable;
                    if (cv.assumed_zero) { zero_zh.push_back(cell_label(*def, row, col, false)); zero_en.push_back(cell_label(*def, row, col, true)); }
                    else if (cv.not_stated) { blank_zh.push_back(cell_label(*def, row, col, false)); blank_en.push_back(cell_label(*def, row, col, true)); }
                    else if (text) { text_zh.push_back(cell_label(*def, row, col, false) + "「" + cv.raw + "」"); text_en.push_back(cell_label(*def, row, col, true) + " \"" + cv.raw + "\""); }
                    else continue;
                    if (!first || cv.offset < first->offset) first = &cv;
                }
            if (first) {
                std::string zh, en;
                if (!zero_zh.empty()) {
                    zh += "有" + std::to_string(zero_zh.size()) + "个单元格为空白或「/」「—」，按0计：" + join_limited(zero_zh, 5, false) + "；";
                    en += ": " + std::to_string(zero_en.size()) + " blank cells read as 0: " + join_limited(zero_en, 5, true) + ";";
                }
                if (!blank_zh.empty()) {
                    zh += "有" + std::to_string(blank_zh.size()) + "个总计单元格未填写（视为未说明，相关核对无法进行）：" + join_limited(blank_zh, 5, false) + "；";
                    en += std::string(en.empty() ? ":" : "") + " " + std::to_string(blank_en.size()) + " totals left blank (not stated; their checks cannot run): " + join_limited(blank_en, 5, true) + ";";
                }
                if (!text_zh.empty()) {
                    zh += "有" + std::to_string(text_zh.size()) + "个单元格不是数字：" + join_limited(text_zh, 5, false) + "；";
                    en += std::string(en.empty() ? ":" : "") + " " + std::to_string(text_en.size()) + " cells are not numbers: " + join_limited(text_en, 5, true) + ";";
                }
                if (!zh.empty()) zh.pop_back(), zh.pop_back(), zh.pop_back(); // trailing "；"
                if (!en.empty()) en.pop_back();
                Finding& f = out.emit(first->offset, {{"table", def->name}, {"table_en", def->name_en},
                                                      {"detail", zh}, {"detail_en", en}});
                f.table = id;
            }
            for (const auto& [row, cols] : table.cells)
                for (const auto& [col, cv] : cols) {
                    if (!cv.value || cv.value->empty() || (*cv.value)[0] != '-') continue;
                    const LabelDef* c = col_def(*def, col);
                    if (c && c->signed_values) continue;
                    Finding& f = out.emit(cv.offset, Severity::error,
                                          {{"table", def->name}, {"table_en", def->name_en},
                                           {"detail", "：" + cell_label(*def, row, col, false) + "为负数（" + *cv.value + "），数量不能为负"},
                                           {"detail_en", ": " + cell_label(*def, row, col, true) + " is negative (" + *cv.value + "); counts cannot be negative"}});
                    f.table = id;
                    f.row = row;
                    f.col = col;
                    f.actual = *cv.value;
                }
            if (!table.verifiable) {
                Finding& f = out.emit(table.offset, Severity::info,
                                      {{"table", def->name}, {"table_en", def->name_en},
                                       {"detail", "无法完整读取，不能核验：" + table.why_unverifiable},
                                       {"detail_en", " could not be read in full and cannot be verified: " + table.why_unverifiable}});
                f.table = id;
            }
        }
    }
private:
    const AnnualTemplates* templates_;
};

} // namespace

GK_REGISTER_CHECK("table-cells", TableCells);

} // namespace gk
