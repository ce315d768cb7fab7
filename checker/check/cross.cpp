#include "check/cross.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gk {

namespace {

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::size_t readable_cells(const CrossDoc& d) {
    std::size_t n = 0;
    for (const auto& [t, rows] : d.cells)
        for (const auto& [r, cols] : rows)
            for (const auto& [c, v] : cols) n += v.has_value();
    return n;
}

bool applies(const Rule& rule, const CrossDoc& d) {
    Facts f;
    f.type = d.type;
    f.year = d.year;
    f.template_id = d.template_id;
    return applies_to(rule.applies, f);
}

// The value of a cell, or why it cannot be had (zh, en).
struct CellRead {
    std::optional<long long> value;
    std::string why, why_en;
};

CellRead cell_of(const CrossDoc& d, const std::string& table, const std::string& row, const std::string& col) {
    auto v = d.verifiable.find(table);
    if (v == d.verifiable.end()) return {std::nullopt, "没有可读取的" + std::string(table == "active" ? "表二" : table == "requests" ? "表三" : "表四"),
                                         "has no readable " + std::string(table == "active" ? "table 2" : table == "requests" ? "table 3" : "table 4")};
    if (!v->second) return {std::nullopt, "的表格无法读取（如表格为图片或数字无法拆分）", "has a table whose cells cannot be read (an image, or digits that cannot be split)"};
    auto t = d.cells.find(table);
    if (t != d.cells.end()) {
        auto r = t->second.find(row);
        if (r != t->second.end()) {
            auto c = r->second.find(col);
            if (c != r->second.end() && c->second) return {c->second, "", ""};
        }
    }
    return {std::nullopt, "中该单元格未填写或不是数字", "leaves that cell blank or not a number"};
}

struct Labels {
    std::string zh, en;
};

Labels col_label(const AnnualTemplates& templates, const std::string& template_id, const std::string& table, const std::string& col) {
    if (const TemplateDef* t = templates.for_document(template_id))
        if (const TableDef* def = t->table(table))
            if (const LabelDef* c = def->col(col)) return {c->short_label.empty() ? c->label : c->short_label, c->en.empty() ? col : c->en};
    return {col, col};
}

Labels row_label(const AnnualTemplates& templates, const std::string& template_id, const std::string& table, const std::string& row) {
    if (const TemplateDef* t = templates.for_document(template_id))
        if (const TableDef* def = t->table(table))
            if (const LabelDef* r = def->row(row)) return {r->short_label.empty() ? r->label : r->short_label, r->en.empty() ? row : r->en};
    return {row, row};
}

std::string not_verifiable_template(const Rule& rule, const char* lang) {
    for (auto m : rule.params().children("not-verifiable"))
        if (std::string(m.attribute("lang").as_string()) == lang) return m.text().as_string();
    return "";
}

Finding make(const Rule& rule, Severity severity, const std::string& zh, const std::string& en,
             const std::map<std::string, std::string>& args, Position at) {
    Finding f;
    f.rule = rule.id;
    f.severity = severity;
    f.message.zh = format_message(zh, args, "zh");
    f.message.en = format_message(en, args, "en");
    f.position = at;
    return f;
}

std::string msg(const Rule& rule, const char* lang) {
    auto it = rule.messages.find(lang);
    if (it != rule.messages.end()) return it->second;
    it = rule.messages.find("zh");
    return it != rule.messages.end() ? it->second : "";
}

} // namespace

bool same_report(const CrossDoc& a, const CrossDoc& b) {
    if (a.sha256 == b.sha256 || a.type != "annual-report" || b.type != "annual-report" || a.agency.empty() ||
        a.agency != b.agency || !a.year || a.year != b.year)
        return false;
    std::size_t compared = 0;
    for (const auto& [table, ok] : a.verifiable) {
        auto other = b.verifiable.find(table);
        if (!ok || other == b.verifiable.end() || !other->second) continue;
        const auto& ra = a.cells.at(table);
        const auto& rb = b.cells.at(table);
        for (const auto& [row, cols] : ra) {
            auto r = rb.find(row);
            if (r == rb.end()) continue;
            for (const auto& [col, v] : cols) {
                auto c = r->second.find(col);
                if (c == r->second.end() || !v || !c->second) continue;
                if (*v != *c->second) return false;
                ++compared;
            }
        }
    }
    return compared > 0;
}

std::optional<double> minhash_similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    if (a.empty() || a.size() != b.size()) return std::nullopt;
    std::size_t same = 0;
    for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
    return static_cast<double>(same) / static_cast<double>(a.size());
}

std::vector<CrossFinding> run_cross_rules(const RuleSet& rules, const std::vector<CrossDoc>& docs) {
    const AnnualTemplates& templates = rules.catalogue().templates();
    // (agency, year) → the representative document: most readable cells, then first given.
    std::map<std::pair<std::string, int>, std::size_t> rep;
    std::map<std::pair<std::string, int>, std::vector<std::size_t>> group; // every document of (agency, year)
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const CrossDoc& d = docs[i];
        if (d.type != "annual-report" || d.agency.empty() || !d.year) continue;
        group[{d.agency, *d.year}].push_back(i);
        auto [it, inserted] = rep.emplace(std::make_pair(d.agency, *d.year), i);
        if (!inserted && readable_cells(d) > readable_cells(docs[it->second])) it->second = i;
    }
    std::vector<CrossFinding> out;
    for (std::size_t ri = 0; ri < rules.rules().size(); ++ri) {
        const Rule& rule = rules.rules()[ri];
        if (rule.kind != "cross-year" || !rules.enabled(ri)) continue;
        const Params p = rule.params();
        const std::string check = p.attribute("check").as_string();
        for (const auto& entry : rep) {
            const std::pair<std::string, int> key = entry.first; // not a structured binding: lambdas capture it (clang 14)
            const std::size_t i = entry.second;
            const CrossDoc& cur = docs[i];
            if (!applies(rule, cur)) continue;
            auto prev_it = rep.find({key.first, key.second - 1});
            if (prev_it == rep.end()) continue;
            const CrossDoc& prev = docs[prev_it->second];
            // Last year's value of a cell over every report of that year: one readable value (the
            // report it comes from is named), several that disagree, or none (why, from the
            // representative report).
            const CrossDoc* from = &prev;
            auto prev_cell = [&](const std::string& table, const std::string& row, const std::string& col,
                                 const std::string& need_template) {
                std::optional<long long> v;
                const CrossDoc* source = &prev;
                bool conflict = false;
                std::optional<CellRead> failed;
                for (std::size_t k : group[{key.first, key.second - 1}]) {
                    const CrossDoc& d = docs[k];
                    const CellRead c = !need_template.empty() && d.template_id != need_template
                                           ? CellRead{std::nullopt, "采用另一年报格式，没有该栏目", "uses another report format, without that column"}
                                           : cell_of(d, table, row, col);
                    if (c.value) {
                        if (!v) { v = c.value; source = &d; }
                        else if (*v != *c.value) conflict = true;
                    } else if (!failed || &d == &prev) {
                        failed = c;
                    }
                }
                from = source;
                if (conflict) { from = &prev; return CellRead{std::nullopt, "有多份内容不一致的同年报告", "has other reports of that year with other values"}; }
                if (v) return CellRead{v, "", ""};
                return failed.value_or(CellRead{std::nullopt, "", ""});
            };
            std::map<std::string, std::string> base = {{"prev_year", std::to_string(key.second - 1)}, {"prev_path", prev.path}};
            auto attach = [&](Finding f) {
                if (!f.extra.count("previous")) {
                    f.extra["previous"] = from->path;
                    f.extra["previous_sha256"] = from->sha256;
                }
                out.push_back({i, std::move(f)});
            };
            if (check == "carryover") {
                // this year's 二、上年结转 vs last year's 四、结转下年度继续办理, per column
                const std::vector<std::string> cols = {"natural", "commercial", "research", "social", "legal", "other", "total"};
                // This year's own table 三 unreadable: the comparison cannot be made either.
                if (auto v = cur.verifiable.find("requests"); v != cur.verifiable.end() && !v->second) {
                    const CellRead self = cell_of(cur, "requests", "carried", "total");
                    auto args = base;
                    args["prev_year"] = std::to_string(key.second);
                    args["prev_path"] = cur.path;
                    args["why"] = self.why;
                    args["why_en"] = self.why_en;
                    auto at = cur.table_at.count("requests") ? cur.table_at.at("requests") : cur.title_at;
                    Finding f = make(rule, Severity::info, not_verifiable_template(rule, "zh"), not_verifiable_template(rule, "en"), args, at);
                    f.table = "requests";
                    f.row = "carried";
                    f.extra["verifiable"] = "false";
                    f.extra["previous"] = prev.path;
                    f.extra["previous_sha256"] = prev.sha256;
                    out.push_back({i, std::move(f)});
                    continue;
                }
                std::optional<CellRead> unverifiable;
                std::vector<Finding> found;
                for (const auto& col : cols) {
                    const CellRead now = cell_of(cur, "requests", "carried", col);
                    const CellRead before = prev_cell("requests", "carry-next", col, "");
                    if (!now.value) continue; // this year's own blank is table.cell.invalid's business
                    if (!before.value) { if (!unverifiable) unverifiable = before; continue; }
                    if (*now.value == *before.value) continue;
                    const Labels l = col_label(templates, cur.template_id, "requests", col);
                    auto args = base;
                    args["col"] = l.zh;
                    args["col_en"] = l.en;
                    args["actual"] = std::to_string(*now.value);
                    args["expected"] = std::to_string(*before.value);
                    args["prev_path"] = from->path;
                    auto at = cur.table_at.count("requests") ? cur.table_at.at("requests") : cur.title_at;
                    Finding f = make(rule, rule.severity, msg(rule, "zh"), msg(rule, "en"), args, at);
                    f.table = "requests";
                    f.row = "carried";
                    f.col = col;
                    f.expected = args["expected"];
                    f.actual = args["actual"];
                    f.extra["previous"] = from->path;
                    f.extra["previous_sha256"] = from->sha256;
                    found.push_back(std::move(f));
                }
                if (found.empty() && unverifiable) {
                    auto args = base;
                    args["why"] = unverifiable->why;
                    args["why_en"] = unverifiable->why_en;
                    auto at = cur.table_at.count("requests") ? cur.table_at.at("requests") : cur.title_at;
                    Finding f = make(rule, Severity::info, not_verifiable_template(rule, "zh"), not_verifiable_template(rule, "en"), args, at);
                    f.table = "requests";
                    f.row = "carried";
                    f.extra["verifiable"] = "false";
                    attach(std::move(f));
                }
                for (auto& f : found) attach(std::move(f));
            } else if (check == "rollforward") {
                // 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y), per row
                if (auto v = cur.verifiable.find("active"); v != cur.verifiable.end() && !v->second) {
                    // This year's own table 二 unreadable: one info for its rows.
                    std::string zh, en;
                    for (const auto& row : words(p.attribute("rows").as_string())) {
                        const Labels l = row_label(templates, cur.template_id, "active", row);
                        zh += (zh.empty() ? "" : "、") + l.zh;
                        en += (en.empty() ? "" : ", ") + l.en;
                    }
                    const CellRead self = cell_of(cur, "active", "normative", "in-force");
                    auto args = base;
                    args["row"] = zh;
                    args["row_en"] = en;
                    args["prev_year"] = std::to_string(key.second);
                    args["prev_path"] = cur.path;
                    args["why"] = self.why;
                    args["why_en"] = self.why_en;
                    auto at = cur.table_at.count("active") ? cur.table_at.at("active") : cur.title_at;
                    Finding f = make(rule, Severity::info, not_verifiable_template(rule, "zh"), not_verifiable_template(rule, "en"), args, at);
                    f.table = "active";
                    f.col = "in-force";
                    f.extra["verifiable"] = "false";
                    f.extra["previous"] = prev.path;
                    f.extra["previous_sha256"] = prev.sha256;
                    out.push_back({i, std::move(f)});
                    continue;
                }
                for (const auto& row : words(p.attribute("rows").as_string())) {
                    const CellRead in_force = cell_of(cur, "active", row, "in-force");
                    const CellRead made = cell_of(cur, "active", row, "made");
                    const CellRead repealed = cell_of(cur, "active", row, "repealed");
                    if (!in_force.value || !made.value || !repealed.value) continue; // this year's own gap
                    const Labels l = row_label(templates, cur.template_id, "active", row);
                    auto args = base;
                    args["row"] = l.zh;
                    args["row_en"] = l.en;
                    auto at = cur.table_at.count("active") ? cur.table_at.at("active") : cur.title_at;
                    const CellRead before = prev_cell("active", row, "in-force", cur.template_id);
                    args["prev_path"] = from->path;
                    if (!before.value) {
                        args["why"] = before.why;
                        args["why_en"] = before.why_en;
                        Finding f = make(rule, Severity::info, not_verifiable_template(rule, "zh"), not_verifiable_template(rule, "en"), args, at);
                        f.table = "active";
                        f.row = row;
                        f.col = "in-force";
                        f.extra["verifiable"] = "false";
                        attach(std::move(f));
                        continue;
                    }
                    const long long expected = *before.value + *made.value - *repealed.value;
                    if (expected == *in_force.value) continue;
                    args["prev"] = std::to_string(*before.value);
                    args["made"] = std::to_string(*made.value);
                    args["repealed"] = std::to_string(*repealed.value);
                    args["expected"] = std::to_string(expected);
                    args["actual"] = std::to_string(*in_force.value);
                    Finding f = make(rule, rule.severity, msg(rule, "zh"), msg(rule, "en"), args, at);
                    f.table = "active";
                    f.row = row;
                    f.col = "in-force";
                    f.expected = args["expected"];
                    f.actual = args["actual"];
                    attach(std::move(f));
                }
            } else if (check == "duplicate") {
                const auto sections = words(p.attribute("sections").as_string());
                const int threshold = p.attribute("threshold").as_int(80);
                const std::size_t min_chars = static_cast<std::size_t>(p.attribute("min-chars").as_int(100));
                for (const auto& s : cur.sections) {
                    if (std::find(sections.begin(), sections.end(), s.number) == sections.end() || s.chars < min_chars) continue;
                    for (const auto& t : prev.sections) {
                        if (t.number != s.number || t.chars < min_chars) continue;
                        const auto sim = minhash_similarity(s.minhash, t.minhash);
                        if (!sim) continue;
                        const int percent = static_cast<int>(std::lround(*sim * 100));
                        if (percent < threshold) continue;
                        auto args = base;
                        args["section"] = s.number;
                        args["title"] = s.title;
                        args["percent"] = std::to_string(percent);
                        args["threshold"] = std::to_string(threshold);
                        Finding f = make(rule, rule.severity, msg(rule, "zh"), msg(rule, "en"), args, s.position);
                        f.extra["section"] = s.number;
                        f.extra["similarity"] = std::to_string(percent);
                        attach(std::move(f));
                    }
                }
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const CrossFinding& a, const CrossFinding& b) {
        if (a.doc != b.doc) return a.doc < b.doc;
        if (a.finding.position.line != b.finding.position.line) return a.finding.position.line < b.finding.position.line;
        return a.finding.rule < b.finding.rule;
    });
    return out;
}

} // namespace gk
