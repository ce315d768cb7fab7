// The text, JSON, CSV and SARIF sinks, and make_sink(). The HTML sink is in html_report.cpp.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/text.hpp"
#include "report/csv_audit.hpp"
#include "report/sink.hpp"

namespace gk {

using nlohmann::json;

namespace {

std::string dump(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

// `j` dumped with an indent of 2 as it appears `depth` levels deep in a larger dump: every line
// after the first is shifted right by 2·depth spaces. (JSON strings never hold a raw newline,
// so every newline of the dump is a line break of the layout.)
std::string nested(const json& j, int depth) {
    const std::string flat = dump(j, 2);
    const std::string pad(static_cast<std::size_t>(2 * depth), ' ');
    std::string out;
    out.reserve(flat.size() + flat.size() / 8);
    for (std::size_t from = 0; from < flat.size();) {
        const std::size_t nl = flat.find('\n', from);
        if (nl == std::string::npos) { out.append(flat, from, std::string::npos); break; }
        out.append(flat, from, nl + 1 - from);
        out += pad;
        from = nl + 1;
    }
    return out;
}

// RFC 4180 quoting, and formula injection neutralised (a cell starting with = + - @, tab or CR
// that is not a plain number gets a leading apostrophe): csv_cell() of report/csv_audit.hpp.
std::string csv_field(const std::string& s) { return csv_cell(s); }

// SARIF 2.1.0 §3.4.3, §3.4.4: artifactLocation.uri is a URI (RFC 3986), a relative reference
// resolved against run.originalUriBaseIds[uriBaseId]. Every byte but the unreserved characters
// and '/' is percent-encoded: spaces, '%', '#', '?', ':' and non-ASCII (as UTF-8 bytes).
std::string percent_encode_path(std::string_view p) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(p.size());
    for (unsigned char c : p) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out.push_back(static_cast<char>(c));
        else { out.push_back('%'); out.push_back(hex[c >> 4]); out.push_back(hex[c & 15]); }
    }
    return out;
}

constexpr const char* kSrcRoot = "%SRCROOT%";

// An absolute path is a file: URI; a relative one is relative to %SRCROOT% (the working directory).
json artifact_location(const std::string& path) {
    if (path.starts_with("/")) return {{"uri", "file://" + percent_encode_path(path)}};
    std::string_view rel = path;
    while (rel.starts_with("./")) rel.remove_prefix(2);
    return {{"uri", percent_encode_path(rel)}, {"uriBaseId", kSrcRoot}};
}

const char* sarif_level(Severity s) {
    return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

} // namespace

// ---- text ------------------------------------------------------------------------------------

// Every string from a document (path, message, excerpt) goes through terminal_safe(): no raw
// escape sequence, control character or bidi override reaches a terminal.
void TextSink::document(const ReportDoc& d) {
    const bool en = lang_ == "en";
    const std::string path = terminal_safe(d.path);
    for (const auto& f : d.findings) {
        out_ << path << ':' << location_text(f) << ": " << to_string(f.severity) << ": " << terminal_safe(f.message) << " ["
             << terminal_safe(f.rule) << "]\n";
        if (!f.fix.empty() && !f.fixed.empty()) {
            out_ << "    " << (en ? "fix: " : "建议：");
            // A privacy finding's excerpt is already the masked value: show only what it becomes.
            if (f.excerpt != f.fixed) out_ << (en ? "\"" : "「") << terminal_safe(f.excerpt) << (en ? "\" → " : "」→");
            else out_ << (en ? "→ " : "改为");
            out_ << (en ? "\"" : "「") << terminal_safe(f.fixed) << (en ? "\"" : "」") << " (" << f.line << ':' << f.column << "–" << f.end_line << ':'
                 << f.end_column << ")\n";
        }
    }
    std::string skipped;
    for (const auto& f : d.families) {
        if (f.not_applicable == 0) continue;
        if (!skipped.empty()) skipped += en ? "; " : "；";
        skipped += f.family + (f.status == "partial" ? (en ? " (in part: " : "（部分：") : (en ? " (" : "（")) + f.why +
                   (en ? ")" : "）");
    }
    if (!skipped.empty())
        out_ << path << ": note: " << (en ? "rule families not run: " : "未运行的规则族：") << terminal_safe(skipped) << '\n';
    out_.flush();
}

void TextSink::finish(const Summary&) { out_.flush(); }

// ---- JSON ------------------------------------------------------------------------------------
// The layout of nlohmann's dump(2) of {"documents", "summary", "tool"} (keys sorted), written
// piece by piece.

void JsonSink::begin(const RunInfo& run) {
    run_ = run;
    written_ = 0;
    out_ << "{\n  \"documents\": [";
}

void JsonSink::document(const ReportDoc& d) {
    out_ << (written_++ ? ",\n    " : "\n    ") << nested(to_json(d), 2);
}

void JsonSink::finish(const Summary& summary) {
    out_ << (written_ ? "\n  ]" : "]") << ",\n  \"summary\": " << nested(to_json(summary), 1) << ",\n  \"tool\": "
         << nested(to_json(run_), 1) << "\n}\n";
    out_.flush();
}

// ---- CSV -------------------------------------------------------------------------------------

void CsvSink::begin(const RunInfo&) { out_ << "path,line,column,severity,rule,message,table,row,col,expected,actual,locus\n"; }

void CsvSink::document(const ReportDoc& d) {
    const std::string path = csv_field(d.path);
    for (const auto& e : d.errors)
        out_ << path << ",,," << (e.fatal ? "error" : "warning") << ',' << csv_field(e.code) << ',' << csv_field(e.message)
             << ",,,,,,\n";
    for (const auto& f : d.findings)
        out_ << path << ',' << f.line << ',' << f.column << ',' << to_string(f.severity) << ',' << csv_field(f.rule) << ','
             << csv_field(f.message) << ',' << csv_field(f.table) << ',' << csv_field(f.row) << ',' << csv_field(f.col) << ','
             << csv_field(f.expected) << ',' << csv_field(f.actual) << ',' << (f.locus.empty() ? "" : location_text(f)) << "\n";
}

void CsvSink::finish(const Summary&) { out_.flush(); }

// ---- SARIF -----------------------------------------------------------------------------------

void SarifSink::document(const ReportDoc& d) {
    for (const auto& f : d.findings) {
        json region = {{"startLine", std::max<std::uint32_t>(1, f.line)}, {"startColumn", std::max<std::uint32_t>(1, f.column)}};
        if (f.end_line && (f.end_line > f.line || (f.end_line == f.line && f.end_column > f.column))) {
            region["endLine"] = f.end_line;
            region["endColumn"] = f.end_column;
        }
        if (!f.excerpt.empty()) region["snippet"] = {{"text", f.excerpt}};
        json result = {{"ruleId", f.rule}, {"level", sarif_level(f.severity)},
                       {"message", {{"text", f.message}}},
                       {"locations", json::array({{{"physicalLocation", {{"artifactLocation", artifact_location(d.path)},
                                                                          {"region", region}}}}})}};
        json props = json::object();
        if (!f.table.empty()) props["table"] = f.table;
        if (!f.row.empty()) props["row"] = f.row;
        if (!f.col.empty()) props["col"] = f.col;
        if (!f.expected.empty()) props["expected"] = f.expected;
        if (!f.actual.empty()) props["actual"] = f.actual;
        // docx/pdf: the region is in the rendering; where that is in the original document.
        if (!f.locus.empty()) props["locus"] = locus_json(f.locus);
        if (!props.empty()) result["properties"] = props;
        // The baseline fingerprint (report/baseline.hpp): stable when lines shift.
        if (!f.fingerprint.empty()) result["partialFingerprints"] = {{"gkcheck/v1", f.fingerprint}};
        if (!f.fix.empty()) {
            json replacements = json::array();
            for (const auto& e : f.fix)
                replacements.push_back({{"deletedRegion", {{"startLine", e.line}, {"startColumn", e.column},
                                                           {"endLine", e.end_line}, {"endColumn", e.end_column}}},
                                        {"insertedContent", {{"text", e.text}}}});
            json fix = {{"artifactChanges", json::array({{{"artifactLocation", artifact_location(d.path)}, {"replacements", replacements}}})}};
            if (!f.fixed.empty()) fix["description"] = {{"text", (lang_ == "en" ? "Replace with \"" : "改为「") + f.fixed + (lang_ == "en" ? "\"" : "」")}};
            result["fixes"] = json::array({fix});
        }
        results_.push_back(std::move(result));
    }
}

namespace {

// %SRCROOT%: the working directory, as an absolute file: URI ending in '/' (SARIF §3.14.14).
json original_uri_base_ids() {
    std::error_code ec;
    std::string cwd = std::filesystem::current_path(ec).string();
    if (ec || cwd.empty()) cwd = "/";
    if (!cwd.ends_with("/")) cwd += "/";
    return {{kSrcRoot, {{"uri", "file://" + percent_encode_path(cwd)}}}};
}

} // namespace

void SarifSink::finish(const Summary&) {
    json driver_rules = json::array();
    for (const auto& r : rules_.rules()) {
        json rule = {{"id", r.id}, {"defaultConfiguration", {{"level", sarif_level(r.severity)}}},
                     {"properties", {{"kind", r.kind}, {"ruleset", r.ruleset}}}};
        // helpUri must be a URI; a <doc> written as prose is the rule's help text instead.
        if (!r.doc.empty()) {
            if (is_uri_reference(r.doc)) rule["helpUri"] = r.doc;
            else rule["help"] = {{"text", r.doc}};
        }
        // Sentences, never raw {placeholder} templates (Rule::description).
        rule["shortDescription"] = {{"text", r.description(lang_)}};
        rule["fullDescription"] = {{"text", r.description(lang_)}};
        driver_rules.push_back(std::move(rule));
    }
    json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", json::array({{{"tool", {{"driver", {{"name", run_.name}, {"version", run_.version}, {"rules", driver_rules}}}}},
                                         {"originalUriBaseIds", original_uri_base_ids()},
                                         {"results", results_}}})}};
    out_ << dump(sarif, 2) << "\n";
    out_.flush();
    results_ = json::array();
}

// ---- the rest --------------------------------------------------------------------------------

bool is_uri_reference(const std::string& s) {
    if (s.empty()) return false;
    // Unreserved, reserved and '%' (RFC 3986 §2); a percent must start an escape.
    static const std::string allowed =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (allowed.find(s[i]) == std::string::npos) return false;
        if (s[i] == '%' && (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
                            !std::isxdigit(static_cast<unsigned char>(s[i + 2]))))
            return false;
    }
    // A scheme, if any, is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) before the first ':' that
    // precedes any '/', '?' or '#'; a relative reference must not look like one with a bad scheme.
    const auto colon = s.find(':');
    const auto first_delim = s.find_first_of("/?#");
    if (colon != std::string::npos && (first_delim == std::string::npos || colon < first_delim)) {
        if (colon == 0 || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
        for (std::size_t i = 1; i < colon; ++i)
            if (!std::isalnum(static_cast<unsigned char>(s[i])) && s[i] != '+' && s[i] != '-' && s[i] != '.') return false;
    }
    return true;
}

std::unique_ptr<Sink> make_sink(const std::string& format, std::ostream& out, const SinkContext& ctx) {
    if (format == "text") return std::make_unique<TextSink>(out, ctx.lang);
    if (format == "csv") return std::make_unique<CsvSink>(out);
    if (format == "sarif") return std::make_unique<SarifSink>(out, ctx.rules, ctx.lang);
    if (format == "html") return std::make_unique<HtmlSink>(out, ctx.templates, ctx.lang, &ctx.rules, ctx.scheme);
    return std::make_unique<JsonSink>(out);
}

} // namespace gk
