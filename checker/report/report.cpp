#include "report/report.hpp"

namespace gk {

using nlohmann::json;

void print_text(std::ostream& out, const DocumentResult& r, const ReportOptions& opts) {
    // Input errors are printed on stderr by the CLI; stdout carries the findings.
    for (const auto& f : r.findings) {
        out << r.doc.path << ':' << f.position.line << ':' << f.position.column << ": " << to_string(f.severity) << ": "
            << f.message.in(opts.lang) << " [" << f.rule << "]\n";
    }
}

json document_to_json(const DocumentResult& r, const ReportOptions& opts) {
    const auto& d = r.doc;
    const auto& f = r.facts;
    json doc = json::object();
    doc["path"] = d.path;
    doc["sha256"] = d.sha256;
    doc["encoding"] = d.encoding.empty() ? json(nullptr) : json(d.encoding);
    if (d.readable()) {
        doc["format"] = d.format;
        doc["script"] = d.script;
        doc["type"] = f.type;
        doc["year"] = f.year ? json(*f.year) : json(nullptr);
        doc["template"] = f.template_id.empty() ? json(nullptr) : json(f.template_id);
        json meta = json::object();
        for (const auto& [key, field] : f.metadata)
            if (!field.value.empty()) meta[key] = field.value;
        if (!meta.contains("title") && !f.title.empty()) meta["title"] = f.title;
        doc["metadata"] = meta;
        json outline = json::array();
        for (const auto& o : f.outline)
            outline.push_back({{"level", o.level}, {"number", o.number}, {"title", o.title}, {"line", d.position(o.offset).line}});
        doc["outline"] = outline;
        doc["tables"] = tables_to_json(f);
        // Tables report their location as a line in the original file.
        for (auto& [id, table] : doc["tables"].items()) {
            auto it = f.tables.find(id);
            if (it != f.tables.end() && table.is_object() && !table.contains("location"))
                table["location"] = {{"line", d.position(it->second.offset).line}};
        }
    }
    json findings = json::array();
    for (const auto& x : r.findings) {
        json j = {{"rule", x.rule}, {"severity", to_string(x.severity)}, {"message", x.message.in(opts.lang)},
                  {"line", x.position.line}, {"column", x.position.column}};
        if (!x.table.empty()) j["table"] = x.table;
        if (!x.row.empty()) j["row"] = x.row;
        if (!x.col.empty()) j["col"] = x.col;
        if (!x.expected.empty()) j["expected"] = x.expected;
        if (!x.actual.empty()) j["actual"] = x.actual;
        for (const auto& [k, v] : x.extra) j[k] = v;
        findings.push_back(std::move(j));
    }
    doc["findings"] = findings;
    json errors = json::array();
    for (const auto& e : d.errors) errors.push_back({{"code", e.code}, {"message", e.message.in(opts.lang)}, {"fatal", e.fatal}});
    doc["errors"] = errors;
    return doc;
}

json report_to_json(const std::vector<json>& documents, const RuleSet& rules) {
    json summary = {{"documents", documents.size()}, {"error", 0}, {"warning", 0}, {"info", 0}, {"unreadable", 0}};
    for (const auto& d : documents) {
        for (const auto& f : d["findings"]) summary[f["severity"].get<std::string>()] = summary[f["severity"].get<std::string>()].get<int>() + 1;
        for (const auto& e : d["errors"])
            if (e.value("fatal", true)) { summary["unreadable"] = summary["unreadable"].get<int>() + 1; break; }
    }
    return {{"tool", {{"name", "gkcheck"}, {"version", GK_VERSION}, {"rulesets", rules.ruleset_ids()}}},
            {"documents", documents},
            {"summary", summary}};
}

} // namespace gk
