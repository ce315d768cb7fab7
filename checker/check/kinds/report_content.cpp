// Kinds about what an annual report's prose must say.
//
// `report-accountability` (report.government.accountability): a government's report (not a
//   department's, see report_util) must report 工作考核、社会评议和责任追究结果情况 (条例第五十条
//   第(四)项); the finding names the parts never mentioned anywhere in the report.
// `report-fee` (30号 reports), mode="missing": section 六 says nothing about 信息处理费;
//   mode="conflict": section 六 says no fee was charged, yet table 三 (六)2 counts requests
//   dropped for unpaid fee notices, or the report itself states a fee amount.
#include <re2/re2.h>

#include "check/check.hpp"
#include "check/kinds/report_util.hpp"
#include "check/kinds/table_eval.hpp"

namespace gk {
namespace {

bool any_match(const std::vector<const MappedText*>& texts, const RE2& re, SourceOffset* at = nullptr,
               std::string* what = nullptr) {
    for (const auto* m : texts) {
        re2::StringPiece in(m->text), hit;
        if (RE2::PartialMatch(in, re, &hit)) {
            if (at) *at = m->source_at(static_cast<std::size_t>(hit.data() - m->text.data()));
            if (what) *what = std::string(hit);
            return true;
        }
    }
    return false;
}

class ReportAccountability : public Check {
public:
    explicit ReportAccountability(const Rule&) {}
    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        if (annual::body_kind(doc, facts) != BodyKind::government) return;
        static const RE2 assess("(考核|考评|绩效评估)");
        static const RE2 evaluate("(社会评议|评议|社会评价|群众评价|满意度)");
        static const RE2 account("(责任追究|追责|问责|追究责任)");
        const auto texts = annual::prose(doc);
        if (texts.empty()) return;
        std::vector<std::string> zh, en;
        if (!any_match(texts, assess)) { zh.push_back("工作考核"); en.push_back("assessment"); }
        if (!any_match(texts, evaluate)) { zh.push_back("社会评议"); en.push_back("public evaluation"); }
        if (!any_match(texts, account)) { zh.push_back("责任追究"); en.push_back("accountability"); }
        if (zh.empty()) return;
        std::size_t at_block = 0;
        if (auto r = annual::section_blocks(doc, facts, 1)) at_block = r->first;
        const SourceOffset at = doc.blocks.empty() ? 0 : doc.blocks[std::min(at_block, doc.blocks.size() - 1)].offset();
        Finding& f = out.emit(at, {{"missing", annual::join_limited(zh, 3, false)}, {"missing_en", annual::join_limited(en, 3, true)}});
        f.expected = "工作考核、社会评议、责任追究";
    }
};

class ReportFee : public Check {
public:
    explicit ReportFee(const Rule& rule) {
        mode_ = rule.params().attribute("mode").as_string();
        if (mode_ != "missing" && mode_ != "conflict")
            throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": report-fee mode must be missing or conflict");
    }
    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const auto range = annual::section_blocks(doc, facts, 6);
        if (!range) return; // no section 六: report.section.missing says so
        // The heading block itself may carry the section's text (run-in headings of crawler text).
        const auto texts = annual::prose(doc, range->first, range->second);
        static const RE2 fee("(信息处理费|处理费|收费)");
        static const RE2 none(
            "((?:未|没有|无|不)(?:收取|收|产生|涉及)[^。；]{0,6}(?:信息处理费|处理费|费用)|(?:信息处理费|处理费)[^。；0-9]{0,8}(?:为0(?:$|[^0-9.])|为零|0元|零元|无)|无收取信息处理费)");
        static const RE2 amount("((?:收取|收缴|共收)[^。；]{0,12}?(?:信息处理费|处理费)[^。；0-9]{0,10}?([1-9][0-9]*(?:\\.[0-9]+)?)元)");
        if (mode_ == "missing") {
            if (texts.empty() || any_match(texts, fee)) return;
            out.emit(doc.blocks[range->first].offset(), {});
            return;
        }
        SourceOffset none_at = 0;
        std::string none_text;
        if (!any_match(texts, none, &none_at, &none_text)) return;
        std::string zh, en, actual;
        bool from_table = false;
        // (六)2 > 0 means fee notices were sent (and not paid): no contradiction with "no fee
        // collected", but one with "no fee notice / no fee arose".
        static const RE2 no_notice("((?:未|没有|无)(?:发出|下达|送达|开具|发放)[^。；]{0,6}收费通知|不涉及[^。；]{0,6}(?:信息处理费|收费)|未产生[^。；]{0,6}信息处理费)");
        SourceOffset notice_at = 0;
        std::string notice_text;
        if (any_match(texts, no_notice, &notice_at, &notice_text)) {
            if (auto it = facts.tables.find("requests"); it != facts.tables.end()) {
                const CellValue* cv = annual::cell(it->second, "other.overdue-fee", "total");
                const auto v = cv && cv->value ? Decimal::parse(*cv->value) : std::nullopt;
                if (v && !v->is_zero() && !v->is_negative()) {
                    zh = "第六部分称「" + notice_text + "」，但表三(六)2「申请人逾期未按收费通知要求缴纳费用」为" + *cv->value + "件，说明曾发出收费通知";
                    en = "Section 6 says \"" + notice_text + "\" but table 3 row (六)2 (fee notice not paid) is " + *cv->value + ": fee notices were sent";
                    actual = *cv->value;
                    from_table = true;
                    none_at = notice_at;
                }
            }
        }
        if (zh.empty()) {
            SourceOffset amount_at = 0;
            std::string amount_text;
            if (any_match(annual::prose(doc), amount, &amount_at, &amount_text)) {
                zh = "第六部分称「" + none_text + "」，但报告又称「" + amount_text + "」";
                en = "Section 6 says \"" + none_text + "\" but the report also says \"" + amount_text + "\"";
                actual = amount_text;
            }
        }
        if (zh.empty()) return;
        Finding& f = out.emit(none_at, {{"detail", zh}, {"detail_en", en}});
        f.actual = actual;
        if (from_table) { f.table = "requests"; f.row = "other.overdue-fee"; f.col = "total"; }
    }
private:
    std::string mode_;
};

} // namespace

GK_REGISTER_CHECK("report-accountability", ReportAccountability);
GK_REGISTER_CHECK("report-fee", ReportFee);

} // namespace gk
