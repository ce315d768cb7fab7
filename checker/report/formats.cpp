#include "report/formats.hpp"

#include <sstream>

#include "report/html_report.hpp"

namespace gk {

using nlohmann::json;

namespace {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) { if (c == '"') out += "\"\""; else out.push_back(c); }
    return out + "\"";
}

std::string render_csv(const json& report) {
    std::ostringstream out;
    out << "path,line,column,severity,rule,message,table,row,col,expected,actual\n";
    for (const auto& d : report["documents"]) {
        const std::string path = d.value("path", "");
        for (const auto& e : d["errors"])
            out << csv_field(path) << ",,," << (e.value("fatal", true) ? "error" : "warning") << ','
                << csv_field(e.value("code", "")) << ',' << csv_field(e.value("message", "")) << ",,,,,\n";
        for (const auto& f : d["findings"]) {
            out << csv_field(path) << ',' << f.value("line", 0) << ',' << f.value("column", 0) << ','
                << f.value("severity", "") << ',' << csv_field(f.value("rule", "")) << ','
                << csv_field(f.value("message", "")) << ',' << csv_field(f.value("table", "")) << ','
                << csv_field(f.value("row", "")) << ',' << csv_field(f.value("col", "")) << ','
                << csv_field(f.value("expected", "")) << ',' << csv_field(f.value("actual", "")) << "\n";
        }
    }
    return out.str();
}

std::string sarif_level(const std::string& severity) {
    return severity == "error" ? "error" : severity == "warning" ? "warning" : "note";
}

std::string render_sarif(const json& report, const RuleSet* rules, const ReportOptions& opts) {
    json driver_rules = json::array();
    if (rules) {
        for (const auto& r : rules->rules()) {
            auto it = r.messages.find(opts.lang);
            json rule = {{"id", r.id}, {"defaultConfiguration", {{"level", sarif_level(to_string(r.severity))}}},
                         {"properties", {{"kind", r.kind}, {"ruleset", r.ruleset}}}};
            if (!r.doc.empty()) rule["helpUri"] = r.doc;
            if (it != r.messages.end()) rule["shortDescription"] = {{"text", it->second}};
            driver_rules.push_back(std::move(rule));
        }
    }
    json results = json::array();
    for (const auto& d : report["documents"]) {
        for (const auto& f : d["findings"]) {
            json region = {{"startLine", std::max(1, f.value("line", 1))}, {"startColumn", std::max(1, f.value("column", 1))}};
            json result = {{"ruleId", f.value("rule", "")}, {"level", sarif_level(f.value("severity", "info"))},
                           {"message", {{"text", f.value("message", "")}}},
                           {"locations", json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", d.value("path", "")}}},
                                                                              {"region", region}}}}})}};
            json props = json::object();
            for (const char* k : {"table", "row", "col", "expected", "actual"})
                if (f.contains(k)) props[k] = f[k];
            if (!props.empty()) result["properties"] = props;
            results.push_back(std::move(result));
        }
    }
    json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", json::array({{{"tool", {{"driver", {{"name", "gkcheck"}, {"version", GK_VERSION}, {"rules", driver_rules}}}}},
                                         {"results", results}}})}};
    return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace

std::string render_report(const std::string& format, const json& report, const RuleSet& rules, const ReportOptions& opts) {
    if (format == "csv") return render_csv(report);
    if (format == "sarif") return render_sarif(report, &rules, opts);
    if (format == "html") return render_html_report(report, opts.lang);
    return report.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void Formatter::document(std::ostream& out, const DocumentResult& r) const {
    if (format_ == "text") print_text(out, r, opts_);
}

void Formatter::finish(std::ostream& out, const json& report, const RuleSet* rules) const {
    if (format_ == "text") return;
    if (format_ == "csv") out << render_csv(report);
    else if (format_ == "sarif") out << render_sarif(report, rules, opts_);
    else if (format_ == "html") out << render_html_report(report, opts_.lang);
    else out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

} // namespace gk
