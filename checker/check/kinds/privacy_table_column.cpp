// Kind `privacy-table-column`: a table whose header names a person (姓名 …) next to a column of
// ID numbers, mobiles, bank cards or house-number addresses with unmasked values — one finding per
// column, at its header cell. Officials' lists (a 职务 column) are not flagged for their phones;
// 低保 lists of name + household size + amount have no such column. No <params>.
#include "check/check.hpp"
#include "privacy/recognise.hpp"

namespace gk {
namespace {

class PrivacyTableColumn : public Check {
public:
    PrivacyTableColumn(const Rule& rule, const Catalogue& cat) {
        if (!cat.privacy()) throw RulesetError(rule.where() + "kind " + rule.kind + " needs a <data name=\"privacy\"> in the rules directory");
    }
    void run(const Document&, const Facts& facts, Emitter& out) const override {
        if (!facts.privacy) return;
        const auto& scan = *facts.privacy;
        for (const auto& c : scan.columns) {
            auto& f = out.emit(c.offset, {{"column", c.header}, {"rows", std::to_string(c.rows)},
                                          {"example", c.example}});
            f.col = c.header;
            f.actual = c.example;
            f.extra["kind"] = privacy::kind_id(c.kind);
            f.extra["rows"] = std::to_string(c.rows);
        }
    }
private:
};

} // namespace
GK_REGISTER_CHECK("privacy-table-column", PrivacyTableColumn);
} // namespace gk
