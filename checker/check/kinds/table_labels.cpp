// Kind `table-labels` (report.table.label): a printed row/column label of an annual-report table
// that matches no label of the format but stands for one (truncated 「本年新」 for
// 「本年新公开数量」). The extractor records them (TemplateTable::label_notes).
#include "check/check.hpp"
#include "check/kinds/table_eval.hpp"

namespace gk {
namespace {

using namespace annual;

class TableLabels : public Check {
public:
    TableLabels(const Rule&, const Catalogue& cat) : templates_(&cat.templates()) {}
    void run(const Document&, const Facts& facts, Emitter& out) const override {
        for (const auto& [id, table] : facts.tables) {
            const TableDef* def = table_def(*templates_, facts, id);
            for (const auto& note : table.label_notes) {
                Finding& f = out.emit(note.offset, {{"table", def ? def->name : id}, {"table_en", def ? def->name_en : id},
                                                    {"printed", note.printed}, {"expected", note.expected}});
                f.table = id;
                f.expected = note.expected;
                f.actual = note.printed;
            }
        }
    }
private:
    const AnnualTemplates* templates_;
};

} // namespace

GK_REGISTER_CHECK("table-labels", TableLabels);

} // namespace gk
