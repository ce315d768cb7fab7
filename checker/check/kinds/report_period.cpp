// Kind `report-period`: the statistics period, the report year and the publication deadline of an
// annual report (条例第四十九条; domain.md §1.1, X-2).
//   mode="period":   the 统计期限 sentence is missing, or is not 1月1日–12月31日 of the report year;
//   mode="year":     the year in the title and the year of the period sentence disagree;
//   mode="deadline": published after 1月31日 (a department's report) or 3月31日 (a government's
//                    report, or when the kind of body is unknown) of the next year.
#include <optional>

#include <re2/re2.h>

#include "check/check.hpp"
#include "check/kinds/report_util.hpp"

namespace gk {
namespace {

struct Period {
    int y1 = 0, m1 = 0, d1 = 0, y2 = 0, m2 = 0, d2 = 0;
    SourceOffset offset = 0;
    std::string text;
};

bool ends_sentence(const std::string& t) {
    for (std::string_view p : {"。", "！", "？", "；", ".", "!", "?", ";"})
        if (t.size() >= p.size() && std::string_view(t).substr(t.size() - p.size()) == p) return true;
    return false;
}

std::optional<Period> match_period(const MappedText& m) {
    static const RE2 re(
        R"((统计(?:期|期限|时限|时间|区间|周期|范围)[^。；]{0,24}?((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^。；0-9]{0,8}?((?:19|20)\d\d\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日))");
    re2::StringPiece in(m.text), whole, y1, mo1, d1, y2, mo2, d2;
    if (!RE2::PartialMatch(in, re, &whole, &y1, &mo1, &d1, &y2, &mo2, &d2)) return std::nullopt;
    Period p;
    p.y1 = std::stoi(std::string(y1));
    p.m1 = std::stoi(std::string(mo1));
    p.d1 = std::stoi(std::string(d1));
    p.y2 = y2.empty() ? p.y1 : std::stoi(std::string(y2.substr(0, 4)));
    p.m2 = std::stoi(std::string(mo2));
    p.d2 = std::stoi(std::string(d2));
    p.offset = m.source_at(static_cast<std::size_t>(whole.data() - m.text.data()));
    p.text = std::string(whole);
    return p;
}

// The period sentence, in one block or broken over the line ends of PDF/OCR text: a block that
// does not end its sentence is read together with the next text block.
std::optional<Period> find_period(const Document& doc) {
    const MappedText* prev = nullptr;
    for (const auto& b : doc.blocks) {
        if (b.kind == BlockKind::table || b.boilerplate) { prev = nullptr; continue; }
        const MappedText& m = b.norm.empty() ? b.text : b.norm;
        if (auto p = match_period(m)) return p;
        if (prev && !ends_sentence(prev->text)) {
            MappedText joined = *prev;
            joined.append(m);
            if (auto p = match_period(joined)) return p;
        }
        prev = &m;
    }
    return std::nullopt;
}

std::optional<int> title_year(const Facts& facts) {
    static const RE2 re(R"(((?:19|20)\d\d)\s*年)");
    std::string y;
    if (!facts.title.empty() && RE2::PartialMatch(facts.title, re, &y)) return std::stoi(y);
    return std::nullopt;
}

class ReportPeriod : public Check {
public:
    explicit ReportPeriod(const Rule& rule) {
        mode_ = rule.params().attribute("mode").as_string();
        if (mode_ != "period" && mode_ != "year" && mode_ != "deadline")
            throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": report-period mode must be period, year or deadline");
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        if (!facts.year) return;
        const int year = *facts.year;
        if (mode_ == "deadline") return deadline(doc, facts, year, out);
        const auto p = find_period(doc);
        if (mode_ == "period") {
            if (!p) {
                if (!facts.truncated.empty()) return; // an excerpt: the sentence may be after the cut
                const SourceOffset at = doc.blocks.empty() ? 0 : doc.blocks.front().offset();
                out.emit(at, {{"detail", "未写明统计期限（应为" + std::to_string(year) + "年1月1日至12月31日）"},
                              {"detail_en", "The statistics period is not stated (it should be 1 January to 31 December " + std::to_string(year) + ")"}});
                return;
            }
            const bool ok = p->y1 == year && p->m1 == 1 && p->d1 == 1 && p->y2 == year && p->m2 == 12 && p->d2 == 31;
            if (ok) return;
            const std::string got = std::to_string(p->y1) + "年" + std::to_string(p->m1) + "月" + std::to_string(p->d1) + "日至" +
                                    std::to_string(p->y2) + "年" + std::to_string(p->m2) + "月" + std::to_string(p->d2) + "日";
            Finding& f = out.emit(p->offset, {{"detail", "统计期限「" + got + "」不是报告年度" + std::to_string(year) + "年的1月1日至12月31日"},
                                              {"detail_en", "The statistics period " + got + " is not 1 January to 31 December of the report year " + std::to_string(year)}});
            f.expected = std::to_string(year) + "-01-01/" + std::to_string(year) + "-12-31";
            f.actual = std::to_string(p->y1) + "-" + std::to_string(p->m1) + "-" + std::to_string(p->d1) + "/" +
                       std::to_string(p->y2) + "-" + std::to_string(p->m2) + "-" + std::to_string(p->d2);
            return;
        }
        // mode == "year"
        const auto ty = title_year(facts);
        if (!ty || !p || p->y1 != p->y2 || *ty == p->y1) return;
        Finding& f = out.emit(p->offset, {{"detail", "标题为" + std::to_string(*ty) + "年，统计期限为" + std::to_string(p->y1) + "年"},
                                          {"detail_en", "the title says " + std::to_string(*ty) + ", the statistics period " + std::to_string(p->y1)}});
        f.expected = std::to_string(*ty);
        f.actual = std::to_string(p->y1);
    }

private:
    void deadline(const Document& doc, const Facts& facts, int year, Emitter& out) const {
        auto it = facts.metadata.find("published");
        const BodyKind kind = annual::body_kind(doc, facts);
        const bool department = kind == BodyKind::department;
        const std::string limit = std::to_string(year + 1) + (department ? "-01-31" : "-03-31");
        const std::string deadline_zh = std::to_string(year + 1) + (department ? "年1月31日" : "年3月31日");
        if (it == facts.metadata.end() || it->second.value.size() < 10) {
            // Not checked is never clean: without a publication date the deadline is not verifiable.
            Finding& f = out.emit(doc.blocks.empty() ? 0 : doc.blocks.front().offset(), Severity::info,
                                  {{"detail", "未找到发布日期（页面未标明发布日期或发布时间），无法核验是否在" + deadline_zh + "前发布"},
                                   {"detail_en", "no publication date (the page states none): whether it was published by " +
                                                     limit + " cannot be verified"}});
            f.expected = limit;
            return;
        }
        const std::string& date = it->second.value; // YYYY-MM-DD
        if (date.substr(0, 10) <= limit) return;
        const std::string who = department ? "政府部门" : kind == BodyKind::government ? "人民政府" : "按政府报告的期限";
        const std::string who_en = department ? "a government department" : kind == BodyKind::government ? "a government" : "government deadline, body unknown";
        Finding& f = out.emit(it->second.offset,
                              {{"detail", std::to_string(year) + "年度报告于" + date.substr(0, 10) + "发布，晚于《政府信息公开条例》第四十九条规定的" +
                                              deadline_zh + "（" + who + "）"},
                               {"detail_en", "The " + std::to_string(year) + " report was published on " + date.substr(0, 10) + ", after the " +
                                                 limit + " deadline of Regulations art. 49 (" + who_en + ")"}});
        f.expected = limit;
        f.actual = date.substr(0, 10);
    }

    std::string mode_;
};

} // namespace

GK_REGISTER_CHECK("report-period", ReportPeriod);

} // namespace gk
