// Kind "index-number-year" (meta.index.year): the year (and month, for YYYYMM forms) in the
// 索引号 must be those of the document's 成文/生成日期, or of its 发布日期 when no 成文日期 is
// given (domain.md M-4). A 索引号 that agrees with either date is accepted: sites number by
// one or the other.
#include "check/check.hpp"

namespace gk {
namespace {

class IndexNumberYear : public Check {
public:
    explicit IndexNumberYear(const Rule&) {}

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        const MetaField* f = facts.field("index_no");
        if (!f) return;
        const auto& n = facts.index_number;
        if (!n) return;
        const auto created = facts.date("created");
        const auto published = facts.date("published");
        if (!created && !published) return;
        auto agrees = [&](const page::Date& d) { return d.year == n->year && (!n->month || *n->month == d.month); };
        if ((created && agrees(*created)) || (published && agrees(*published))) return;
        const page::Date& ref = created ? *created : *published;
        char printed[16];
        if (n->month) std::snprintf(printed, sizeof printed, "%04d%02d", n->year % 10000, *n->month % 100);
        else std::snprintf(printed, sizeof printed, "%04d", n->year % 10000);
        char wanted[16];
        if (n->month) std::snprintf(wanted, sizeof wanted, "%04d%02d", ref.year % 10000, ref.month % 100);
        else std::snprintf(wanted, sizeof wanted, "%04d", ref.year % 10000);
        auto& finding = out.emit(f->offset, {{"index", f->value}, {"index_year", printed}, {"date", ref.iso()},
                                             {"date_field", created ? "成文日期" : "发布日期"},
                                             {"date_field_en", created ? "date of creation" : "publication date"}});
        finding.expected = wanted;
        finding.actual = printed;
    }
};

} // namespace
GK_REGISTER_CHECK("index-number-year", IndexNumberYear);
} // namespace gk
