#include "report/csv_audit.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "catalogue/agency.hpp"
#include "core/text.hpp"

namespace gk {

namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";

bool plain_number(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        const std::size_t frac = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == frac) return false;
    }
    return i == s.size();
}

void row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        out += csv_cell(cells[i]);
    }
    out += "\r\n";
}

std::string severity_label(Severity s, bool en) {
    if (en) return to_string(s);
    switch (s) {
    case Severity::error: return "错误";
    case Severity::warning: return "警告";
    case Severity::info: return "提示";
    }
    return "";
}

std::string family_of(const std::string& rule) { return rule.substr(0, rule.find('.')); }

std::string cell_total(const ReportDoc& d, const char* table, const char* r, const char* c) {
    auto t = d.tables.find(table);
    if (t == d.tables.end()) return "";
    auto rr = t->second.rows.find(r);
    if (rr == t->second.rows.end()) return "";
    auto cc = rr->second.find(c);
    return cc == rr->second.end() ? "" : cc->second.value.str();
}

bool not_verifiable(const ReportFinding& f) {
    return f.rule == "report.table.image" ||
           (f.severity == Severity::info && (f.extra.count("unchecked") || f.extra.count("verifiable")));
}

} // namespace

std::string csv_cell(std::string_view value) {
    std::string v(value);
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r') && !plain_number(v))
        v.insert(0, "'");
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) {
        if (c == '"') q += '"';
        q += c;
    }
    q += '"';
    return q;
}

std::string findings_csv(const std::vector<AuditDoc>& docs, const std::string& lang) {
    const bool en = lang == "en";
    std::string out = kBom;
    row(out, en ? std::vector<std::string>{"file", "agency", "year", "rule", "severity", "message", "table", "row", "col", "line:col"}
                : std::vector<std::string>{"文件", "机构", "年度", "规则", "级别", "说明", "表格", "行", "列", "行:列"});
    for (const auto& a : docs) {
        const ReportDoc& d = a.doc;
        const std::string agency = d.agency ? d.agency->normalised : "";
        const std::string year = d.year ? std::to_string(*d.year) : "";
        for (const auto& f : d.findings)
            row(out, {d.path, agency, year, f.rule, severity_label(f.severity, en), f.message, f.table, f.row, f.col,
                      location_text(f)});
        for (const auto& e : d.errors)
            row(out, {d.path, agency, year, e.code, severity_label(Severity::error, en), e.message, "", "", "", ""});
    }
    return out;
}

std::string reports_csv(const std::vector<AuditDoc>& docs, const RuleSet& rules, const std::string& lang) {
    const bool en = lang == "en";
    std::vector<std::string> families;
    for (const auto& r : rules.rules())
        if (std::find(families.begin(), families.end(), family_of(r.id)) == families.end()) families.push_back(family_of(r.id));
    std::vector<std::string> header = en ? std::vector<std::string>{"agency", "level", "kind", "year", "type", "template",
                                                                    "t3 new", "t3 carried over", "t3 handled (total)", "t3 carried to next year",
                                                                    "t4 review total", "t4 litigation total", "t4 litigation after review total"}
                                         : std::vector<std::string>{"机构", "级别", "类别", "年度", "文档类型", "年报格式",
                                                                    "表三本年新收", "表三上年结转", "表三办理结果总计", "表三结转下年度",
                                                                    "表四行政复议总计", "表四未经复议直接起诉总计", "表四复议后起诉总计"};
    for (const auto& fam : families) {
        header.push_back(fam + (en ? " errors" : " 错误"));
        header.push_back(fam + (en ? " warnings" : " 警告"));
    }
    for (const char* h : en ? std::vector<const char*>{"families not applicable", "families not verifiable", "file", "copy of", "same report as"}
                            : std::vector<const char*>{"不适用的规则族", "无法核验的规则族", "文件", "副本（内容相同）", "同一报告的另一文件"})
        header.push_back(h);
    std::string out = kBom;
    row(out, header);
    for (const auto& a : docs) {
        const ReportDoc& d = a.doc;
        std::vector<std::string> cells;
        const bool gov = d.agency && d.agency->kind == "government";
        cells.push_back(d.agency ? d.agency->normalised : "");
        cells.push_back(d.agency ? (en ? d.agency->level : AgencyLexicon::level_zh(d.agency->level)) : "");
        cells.push_back(d.agency ? (en ? d.agency->kind : gov ? "政府" : "部门") : "");
        cells.push_back(d.year ? std::to_string(*d.year) : "");
        cells.push_back(d.type);
        cells.push_back(d.template_id);
        for (const char* r : {"new", "carried", "results-total", "carry-next"}) cells.push_back(cell_total(d, "requests", r, "total"));
        for (const char* g : {"review", "litigation-direct", "litigation-after-review"}) cells.push_back(cell_total(d, "review", g, "total"));
        std::map<std::string, std::pair<int, int>> counts;
        std::set<std::string> unverifiable;
        for (const auto& f : d.findings) {
            auto& c = counts[family_of(f.rule)];
            if (f.severity == Severity::error) ++c.first;
            if (f.severity == Severity::warning) ++c.second;
            if (not_verifiable(f)) unverifiable.insert(family_of(f.rule));
        }
        for (const auto& fam : families) {
            cells.push_back(std::to_string(counts[fam].first));
            cells.push_back(std::to_string(counts[fam].second));
        }
        // A family none of whose enabled rules applies to this document's type, year and template.
        Facts facts;
        facts.type = d.type;
        facts.year = d.year;
        facts.template_id = d.template_id;
        std::set<std::string> applicable;
        for (std::size_t i = 0; i < rules.rules().size(); ++i)
            if (rules.enabled(i) && applies_to(rules.rules()[i].applies, facts)) applicable.insert(family_of(rules.rules()[i].id));
        std::string na, nv;
        for (const auto& fam : families) {
            if (!applicable.count(fam)) na += (na.empty() ? "" : " ") + fam;
            if (unverifiable.count(fam)) nv += (nv.empty() ? "" : " ") + fam;
        }
        cells.push_back(d.checked() ? na : "");
        cells.push_back(nv);
        cells.push_back(d.path);
        cells.push_back(a.copy_of);
        cells.push_back(a.same_report_as);
        row(out, cells);
    }
    return out;
}

} // namespace gk

namespace gk {

namespace {

std::string html_escape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = utf8::next(s, i);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) c = 0xFFFD;
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: utf8::append(out, c);
        }
    }
    return out;
}

} // namespace

std::string audit_html_section(const std::vector<AuditDoc>& docs, const std::string& lang) {
    const bool en = lang == "en";
    std::string cross, copies;
    std::size_t n_cross = 0, n_copies = 0;
    for (const auto& a : docs) {
        for (const auto& f : a.doc.findings) {
            if (!f.rule.starts_with("cross.")) continue;
            ++n_cross;
            cross += "<tr><td>" + html_escape(a.doc.path + ":" + location_text(f)) + "</td><td>" +
                     html_escape(a.doc.agency ? a.doc.agency->normalised : "") + "</td><td>" + (a.doc.year ? std::to_string(*a.doc.year) : "") +
                     "</td><td>" + html_escape(severity_label(f.severity, en)) + "</td><td><code>" + html_escape(f.rule) + "</code></td><td>" +
                     html_escape(f.message) + "</td></tr>\n";
        }
        if (!a.copy_of.empty() || !a.same_report_as.empty()) {
            ++n_copies;
            const bool copy = !a.copy_of.empty();
            copies += "<tr><td>" + html_escape(a.doc.path) + "</td><td>" +
                      html_escape(copy ? (en ? "copy (same bytes) of" : "副本（内容相同）") : (en ? "the same report (agency, year, table values) as" : "同一报告（机构、年度、表格数据相同）")) +
                      "</td><td>" + html_escape(copy ? a.copy_of : a.same_report_as) + "</td></tr>\n";
        }
    }
    std::string out = "<section id=\"audit\">\n<h2>" + html_escape(en ? "Across documents" : "跨文档审核") + "</h2>\n";
    out += "<h3>" + html_escape(en ? "Cross-year findings (" : "跨年度问题（") + std::to_string(n_cross) + html_escape(en ? ")" : "）") + "</h3>\n";
    if (n_cross)
        out += "<table>\n<tr><th>" + html_escape(en ? "file" : "文件") + "</th><th>" + html_escape(en ? "agency" : "机构") + "</th><th>" +
               html_escape(en ? "year" : "年度") + "</th><th>" + html_escape(en ? "severity" : "级别") + "</th><th>" + html_escape(en ? "rule" : "规则") +
               "</th><th>" + html_escape(en ? "message" : "说明") + "</th></tr>\n" + cross + "</table>\n";
    out += "<h3>" + html_escape(en ? "Copies and the same report in other files (" : "副本与同一报告的其他文件（") + std::to_string(n_copies) +
           html_escape(en ? ")" : "）") + "</h3>\n";
    if (n_copies) out += "<table>\n" + copies + "</table>\n";
    out += "</section>\n";
    return out;
}

} // namespace gk
