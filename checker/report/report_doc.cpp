#include "report/report_doc.hpp"
#include "report/baseline.hpp"

#include <algorithm>

#include "core/decimal.hpp"
#include "grammar/grammar.hpp"

namespace gk {

using nlohmann::json;

namespace {

// ---- building from a fresh check -------------------------------------------------------------

// An exact decimal as the JSON prints it: an integer when it is one, else a double; null when
// the text is not a number.
ReportValue number_value(const std::string& v) {
    const auto d = Decimal::parse(v);
    if (!d) return {};
    if (d->is_integer()) {
        std::int64_t units = d->units();
        for (int i = 0; i < d->scale(); ++i) units /= 10;
        return ReportValue::of_integer(units);
    }
    return ReportValue::of_number(std::stod(d->str()));
}

ReportCell report_cell(const CellValue& cv) {
    ReportCell c;
    if (!cv.value) return c;
    if (!cv.unit.empty() && cv.raw.find(cv.unit) != std::string::npos) {
        // printed with its unit: keep the printed amount and add the value in 元
        c.value = ReportValue::of_text(*cv.value + cv.unit);
        if (auto n = grammar::parse_number(*cv.value + cv.unit)) {
            if (auto y = n->yuan()) c.yuan = number_value(y->str());
        }
    } else {
        c.value = number_value(*cv.value);
        c.unit = cv.unit;
    }
    return c;
}

// ---- reading JSON without ever throwing ------------------------------------------------------

std::string string_at(const json& obj, const char* key) {
    if (!obj.is_object()) return "";
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

template <class Int>
Int int_at(const json& obj, const char* key, Int fallback = 0) {
    if (!obj.is_object()) return fallback;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number()) return fallback;
    if (it->is_number_float()) return static_cast<Int>(it->get<double>());
    if (it->is_number_unsigned()) return static_cast<Int>(it->get<std::uint64_t>());
    return static_cast<Int>(it->get<std::int64_t>());
}

bool bool_at(const json& obj, const char* key, bool fallback) {
    if (!obj.is_object()) return fallback;
    auto it = obj.find(key);
    return it != obj.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

const json& member(const json& obj, const char* key) {
    static const json none;
    if (!obj.is_object()) return none;
    auto it = obj.find(key);
    return it == obj.end() ? none : *it;
}

std::vector<std::string> strings_at(const json& obj, const char* key) {
    std::vector<std::string> out;
    const json& list = member(obj, key);
    if (!list.is_array()) return out;
    for (const auto& x : list)
        if (x.is_string()) out.push_back(x.get<std::string>());
    return out;
}

ReportValue value_of(const json& j) {
    if (j.is_number_float()) return ReportValue::of_number(j.get<double>());
    if (j.is_number_unsigned()) return ReportValue::of_integer(static_cast<std::int64_t>(j.get<std::uint64_t>()));
    if (j.is_number_integer()) return ReportValue::of_integer(j.get<std::int64_t>());
    if (j.is_string()) return ReportValue::of_text(j.get<std::string>());
    if (j.is_null()) return {};
    return ReportValue::of_text(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

json value_json(const ReportValue& v) {
    switch (v.kind) {
    case ReportValue::Kind::integer: return v.integer;
    case ReportValue::Kind::number: return v.number;
    case ReportValue::Kind::text: return v.text;
    case ReportValue::Kind::null: break;
    }
    return nullptr;
}

ReportTable table_of(const json& t) {
    ReportTable table;
    const json& rows = member(t, "rows");
    if (rows.is_object()) {
        for (const auto& [row, cols] : rows.items()) {
            if (!cols.is_object()) continue;
            auto& out = table.rows[row];
            // "amount_yuan" / "amount_unit" beside "amount" belong to that cell.
            for (const auto& [col, v] : cols.items()) {
                const bool yuan = col.ends_with("_yuan"), unit = col.ends_with("_unit") && v.is_string();
                const std::string base = col.substr(0, col.size() - 5);
                if ((yuan || unit) && cols.contains(base)) {
                    if (yuan) out[base].yuan = value_of(v);
                    else out[base].unit = v.get<std::string>();
                } else {
                    out[col].value = value_of(v);
                }
            }
        }
    }
    table.assumed_zero = strings_at(t, "assumed_zero");
    table.not_stated = strings_at(t, "not_stated");
    table.recovered = strings_at(t, "recovered");
    const json& location = member(t, "location");
    table.line = int_at<std::uint32_t>(location, "line");
    table.column = int_at<std::uint32_t>(location, "column");
    table.form = string_at(t, "form");
    table.verifiable = bool_at(t, "verifiable", true);
    table.why = string_at(t, "why");
    return table;
}

} // namespace

std::string ReportValue::str() const {
    switch (kind) {
    case Kind::integer: return std::to_string(integer);
    case Kind::number: return json(number).dump();
    case Kind::text: return text;
    case Kind::null: break;
    }
    return "";
}

bool ReportDoc::checked() const {
    for (const auto& e : errors)
        if (e.fatal) return false;
    return true;
}

std::map<std::string, ReportTable> report_tables(const Facts& facts) {
    std::map<std::string, ReportTable> out;
    for (const auto& [id, table] : facts.tables) {
        if (!table.present) continue;
        ReportTable t;
        for (const auto& [row, cols] : table.cells) {
            auto& r = t.rows[row];
            for (const auto& [col, cv] : cols) {
                r[col] = report_cell(cv);
                if (cv.value && cv.recovered) t.recovered.push_back(row + "." + col);
            }
        }
        t.assumed_zero = table.assumed_zero;
        t.not_stated = table.not_stated;
        t.line = table.position.line;
        t.column = table.position.column;
        t.form = table.form;
        t.verifiable = table.verifiable;
        t.why = table.why_unverifiable;
        out[id] = std::move(t);
    }
    return out;
}

ReportDoc from_result(const DocumentResult& r, const std::string& lang) {
    const auto& d = r.doc;
    const auto& f = r.facts;
    ReportDoc out;
    out.path = d.path;
    out.sha256 = d.sha256;
    out.encoding = d.encoding;
    for (const auto& e : d.errors) out.errors.push_back({e.code, e.message.in(lang), e.fatal});
    if (d.readable()) {
        out.format = d.format;
        out.script = d.script;
        out.type = f.type;
        out.year = f.year;
        out.type_evidence = f.type_evidence;
        out.year_source = f.year_source;
        out.template_id = f.template_id;
        for (const auto& [key, field] : f.metadata)
            if (!field.value.empty()) out.metadata[key] = field.value;
        if (!out.metadata.contains("title") && !f.title.empty()) out.metadata["title"] = f.title;
        if (f.agency) {
            ReportAgency a{f.agency->name, f.agency->normalised, f.agency->level, f.agency->kind, {}};
            for (const auto& e : f.agency->evidence)
                a.evidence.push_back({e.source, e.text, e.normalised, d.position(e.offset).line, e.agrees});
            out.agency = std::move(a);
        }
        for (const auto& sp : f.sections) {
            ReportSection rs{sp.number, sp.title, d.position(sp.offset).line, d.position(sp.offset).column, sp.chars, {}};
            static const char* const hex = "0123456789abcdef";
            for (std::uint32_t v : sp.minhash)
                for (int shift = 28; shift >= 0; shift -= 4) rs.minhash += hex[(v >> shift) & 0xF];
            out.sections.push_back(std::move(rs));
        }
        for (const auto& o : f.outline) out.outline.push_back({o.level, o.number, o.title, d.position(o.offset).line});
        out.tables = report_tables(f);
        const bool en = lang == "en";
        for (const auto& fc : r.coverage.families)
            out.families.push_back({fc.family, fc.status(), static_cast<std::uint32_t>(fc.ran),
                                    static_cast<std::uint32_t>(fc.not_applicable), static_cast<std::uint32_t>(fc.other_type),
                                    static_cast<std::uint32_t>(fc.disabled), en ? fc.why_en : fc.why});
        for (const auto& nv : r.coverage.not_verifiable) {
            const Position p = d.position(nv.offset);
            out.not_verifiable.push_back({nv.what, nv.table, en ? nv.why_en : nv.why, p.line, p.column});
        }
    }
    const std::vector<std::string> prints = fingerprints(r);
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
        const Finding& x = r.findings[i];
        ReportFinding g;
        g.rule = x.rule;
        g.severity = x.severity;
        g.message = x.message.in(lang);
        g.line = x.position.line;
        g.column = x.position.column;
        g.locus = d.locus_at(x.offset);
        g.table = x.table;
        g.row = x.row;
        g.col = x.col;
        g.expected = x.expected;
        g.actual = x.actual;
        g.extra = x.extra;
        g.end_line = x.end_position.line;
        g.end_column = x.end_position.column;
        g.excerpt = x.excerpt;
        for (const auto& e : x.fix) {
            const Position b = d.position(e.begin), en = d.position(e.end);
            g.fix.push_back({b.line, b.column, en.line, en.column, e.text});
        }
        if (!x.fix.empty() && x.end > x.offset && x.fix.front().begin >= x.offset && x.fix.back().end <= x.end) {
            SourceOffset at = x.offset;
            for (const auto& e : x.fix) {
                if (e.begin < at) { g.fixed.clear(); break; }
                g.fixed.append(d.source, at, e.begin - at);
                g.fixed += e.text;
                at = e.end;
            }
            g.fixed.append(d.source, at, x.end - at);
        }
        g.fingerprint = i < prints.size() ? prints[i] : "";
        out.findings.push_back(std::move(g));
    }
    return out;
}

json locus_json(const Locus& l) {
    if (l.paragraph) {
        json j = {{"paragraph", l.paragraph}, {"char", l.column}};
        if (l.table) {
            j["table"] = l.table;
            j["row"] = l.row;
            j["col"] = l.col;
        }
        return j;
    }
    if (l.page) return {{"page", l.page}, {"line", l.line}, {"column", l.column}};
    return json::object();
}

std::string location_text(const ReportFinding& f) {
    const Locus& l = f.locus;
    if (l.paragraph) {
        std::string s = "¶" + std::to_string(l.paragraph);
        if (l.table) s += "(t" + std::to_string(l.table) + "r" + std::to_string(l.row) + "c" + std::to_string(l.col) + ")";
        return s + ":" + std::to_string(l.column);
    }
    if (l.page) return "p" + std::to_string(l.page) + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
    return std::to_string(f.line) + ":" + std::to_string(f.column);
}

ReportDoc from_json(const json& j) {
    ReportDoc d;
    if (!j.is_object()) return d;
    d.path = string_at(j, "path");
    d.sha256 = string_at(j, "sha256");
    d.encoding = string_at(j, "encoding");
    d.format = string_at(j, "format");
    d.script = string_at(j, "script");
    d.type = string_at(j, "type");
    if (member(j, "year").is_number()) d.year = int_at<int>(j, "year");
    d.type_evidence = string_at(j, "type_evidence");
    d.year_source = string_at(j, "year_source");
    d.template_id = string_at(j, "template");
    const json& meta = member(j, "metadata");
    if (meta.is_object())
        for (const auto& [k, v] : meta.items())
            if (v.is_string()) d.metadata[k] = v.get<std::string>();
    const json& agency = member(j, "agency");
    if (agency.is_object()) {
        ReportAgency a{string_at(agency, "name"), string_at(agency, "normalised"), string_at(agency, "level"),
                       string_at(agency, "kind"), {}};
        const json& ev = member(agency, "evidence");
        if (ev.is_array())
            for (const auto& e : ev)
                if (e.is_object())
                    a.evidence.push_back({string_at(e, "source"), string_at(e, "text"), string_at(e, "normalised"),
                                          int_at<std::uint32_t>(e, "line"), bool_at(e, "agrees", true)});
        d.agency = std::move(a);
    }
    const json& sections = member(j, "sections");
    if (sections.is_array())
        for (const auto& x : sections)
            if (x.is_object())
                d.sections.push_back({string_at(x, "number"), string_at(x, "title"), int_at<std::uint32_t>(x, "line"),
                                      int_at<std::uint32_t>(x, "column"), int_at<std::size_t>(x, "chars"), string_at(x, "minhash")});
    const json& outline = member(j, "outline");
    if (outline.is_array())
        for (const auto& o : outline)
            if (o.is_object())
                d.outline.push_back({int_at<int>(o, "level", 1), string_at(o, "number"), string_at(o, "title"), int_at<std::uint32_t>(o, "line")});
    const json& tables = member(j, "tables");
    if (tables.is_object())
        for (const auto& [id, t] : tables.items())
            if (t.is_object()) d.tables[id] = table_of(t);
    const json& findings = member(j, "findings");
    if (findings.is_array()) {
        static const char* const known[] = {"rule", "severity", "message", "line", "column", "table", "row", "col", "expected", "actual",
                                            "end_line", "end_column", "excerpt", "fix", "fingerprint", "locus"};
        for (const auto& x : findings) {
            if (!x.is_object()) continue;
            ReportFinding f;
            f.rule = string_at(x, "rule");
            f.severity = severity_from_string(string_at(x, "severity")).value_or(Severity::info);
            f.message = string_at(x, "message");
            f.line = int_at<std::uint32_t>(x, "line");
            f.column = int_at<std::uint32_t>(x, "column");
            f.table = string_at(x, "table");
            f.row = string_at(x, "row");
            f.col = string_at(x, "col");
            f.expected = string_at(x, "expected");
            f.actual = string_at(x, "actual");
            f.end_line = int_at<std::uint32_t>(x, "end_line");
            f.end_column = int_at<std::uint32_t>(x, "end_column");
            f.excerpt = string_at(x, "excerpt");
            f.fingerprint = string_at(x, "fingerprint");
            if (const json& l = member(x, "locus"); l.is_object()) {
                f.locus.paragraph = int_at<std::uint32_t>(l, "paragraph");
                f.locus.table = int_at<std::uint32_t>(l, "table");
                f.locus.row = int_at<std::uint32_t>(l, "row");
                f.locus.col = int_at<std::uint32_t>(l, "col");
                f.locus.page = int_at<std::uint32_t>(l, "page");
                f.locus.line = int_at<std::uint32_t>(l, "line");
                f.locus.column = int_at<std::uint32_t>(l, f.locus.paragraph ? "char" : "column");
            }
            const json& fix = member(x, "fix");
            if (fix.is_object()) f.fixed = string_at(fix, "text");
            if (fix.is_object() && member(fix, "edits").is_array())
                for (const auto& e : member(fix, "edits"))
                    if (e.is_object())
                        f.fix.push_back({int_at<std::uint32_t>(e, "line"), int_at<std::uint32_t>(e, "column"),
                                         int_at<std::uint32_t>(e, "end_line"), int_at<std::uint32_t>(e, "end_column"),
                                         string_at(e, "text")});
            for (const auto& [k, v] : x.items()) {
                if (std::find(std::begin(known), std::end(known), k) != std::end(known)) continue;
                f.extra[k] = v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace);
            }
            d.findings.push_back(std::move(f));
        }
    }
    const json& errors = member(j, "errors");
    if (errors.is_array())
        for (const auto& e : errors)
            d.errors.push_back({string_at(e, "code"), string_at(e, "message"), bool_at(e, "fatal", true)});
    const json& coverage = member(j, "coverage");
    const json& families = member(coverage, "families");
    if (families.is_array())
        for (const auto& x : families)
            if (x.is_object())
                d.families.push_back({string_at(x, "family"), string_at(x, "status"), int_at<std::uint32_t>(x, "ran"),
                                      int_at<std::uint32_t>(x, "not_applicable"), int_at<std::uint32_t>(x, "other_type"),
                                      int_at<std::uint32_t>(x, "disabled"),
                                      string_at(x, "why")});
    const json& unverifiable = member(coverage, "not_verifiable");
    if (unverifiable.is_array())
        for (const auto& x : unverifiable)
            if (x.is_object())
                d.not_verifiable.push_back({string_at(x, "what"), string_at(x, "table"), string_at(x, "why"),
                                            int_at<std::uint32_t>(x, "line"), int_at<std::uint32_t>(x, "column")});
    return d;
}

json to_json(const std::map<std::string, ReportTable>& tables) {
    json out = json::object();
    for (const auto& [id, table] : tables) {
        json t = json::object();
        json rows = json::object();
        for (const auto& [row, cols] : table.rows) {
            json r = json::object();
            for (const auto& [col, cell] : cols) {
                r[col] = value_json(cell.value);
                if (cell.yuan) r[col + "_yuan"] = value_json(*cell.yuan);
                if (!cell.unit.empty()) r[col + "_unit"] = cell.unit;
            }
            rows[row] = std::move(r);
        }
        if (id == "review") {
            // spec: "review": {"review": {...}, "litigation-direct": {...}, ...}
            for (auto& [k, v] : rows.items()) t[k] = v;
        }
        t["rows"] = std::move(rows);
        t["assumed_zero"] = table.assumed_zero;
        t["not_stated"] = table.not_stated;
        if (!table.recovered.empty()) t["recovered"] = table.recovered;
        t["location"] = {{"line", table.line}, {"column", table.column}};
        if (!table.form.empty()) t["form"] = table.form;
        t["verifiable"] = table.verifiable;
        if (!table.verifiable) t["why"] = table.why;
        out[id] = std::move(t);
    }
    return out;
}

json to_json(const ReportDoc& d) {
    json doc = json::object();
    doc["path"] = d.path;
    doc["sha256"] = d.sha256;
    doc["encoding"] = d.encoding.empty() ? json(nullptr) : json(d.encoding);
    if (d.checked()) {
        doc["format"] = d.format;
        doc["script"] = d.script;
        doc["type"] = d.type;
        doc["year"] = d.year ? json(*d.year) : json(nullptr);
        doc["type_evidence"] = d.type_evidence.empty() ? json(nullptr) : json(d.type_evidence);
        doc["year_source"] = d.year_source.empty() ? json(nullptr) : json(d.year_source);
        doc["template"] = d.template_id.empty() ? json(nullptr) : json(d.template_id);
        doc["metadata"] = d.metadata;
        if (d.agency) {
            json ev = json::array();
            for (const auto& e : d.agency->evidence)
                ev.push_back({{"source", e.source}, {"text", e.text}, {"normalised", e.normalised}, {"line", e.line},
                              {"agrees", e.agrees}});
            doc["agency"] = {{"name", d.agency->name}, {"normalised", d.agency->normalised},
                             {"level", d.agency->level.empty() ? json(nullptr) : json(d.agency->level)},
                             {"kind", d.agency->kind}, {"evidence", ev}};
        }
        if (!d.sections.empty()) {
            json sections = json::array();
            for (const auto& x : d.sections)
                sections.push_back({{"number", x.number}, {"title", x.title}, {"line", x.line}, {"column", x.column},
                                    {"chars", x.chars}, {"minhash", x.minhash}});
            doc["sections"] = sections;
        }
        json outline = json::array();
        for (const auto& o : d.outline)
            outline.push_back({{"level", o.level}, {"number", o.number}, {"title", o.title}, {"line", o.line}});
        doc["outline"] = outline;
        doc["tables"] = to_json(d.tables);
        json families = json::array();
        for (const auto& f : d.families) {
            json x = {{"family", f.family}, {"status", f.status}, {"ran", f.ran},
                      {"not_applicable", f.not_applicable}, {"other_type", f.other_type}, {"disabled", f.disabled}};
            if (!f.why.empty()) x["why"] = f.why;
            families.push_back(std::move(x));
        }
        json unverifiable = json::array();
        for (const auto& u : d.not_verifiable) {
            json x = {{"what", u.what}, {"why", u.why}, {"line", u.line}, {"column", u.column}};
            if (!u.table.empty()) x["table"] = u.table;
            unverifiable.push_back(std::move(x));
        }
        doc["coverage"] = {{"families", std::move(families)}, {"not_verifiable", std::move(unverifiable)}};
    }
    json findings = json::array();
    for (const auto& x : d.findings) {
        json j = {{"rule", x.rule}, {"severity", to_string(x.severity)}, {"message", x.message},
                  {"line", x.line}, {"column", x.column}};
        if (!x.table.empty()) j["table"] = x.table;
        if (!x.row.empty()) j["row"] = x.row;
        if (!x.col.empty()) j["col"] = x.col;
        if (!x.expected.empty()) j["expected"] = x.expected;
        if (!x.actual.empty()) j["actual"] = x.actual;
        if (x.end_line) {
            j["end_line"] = x.end_line;
            j["end_column"] = x.end_column;
        }
        if (!x.excerpt.empty()) j["excerpt"] = x.excerpt;
        if (!x.fix.empty()) {
            json edits = json::array();
            for (const auto& e : x.fix)
                edits.push_back({{"line", e.line}, {"column", e.column}, {"end_line", e.end_line}, {"end_column", e.end_column},
                                 {"text", e.text}});
            j["fix"] = {{"edits", edits}};
            if (!x.fixed.empty()) j["fix"]["text"] = x.fixed;
        }
        if (!x.fingerprint.empty()) j["fingerprint"] = x.fingerprint;
        if (!x.locus.empty()) j["locus"] = locus_json(x.locus);
        for (const auto& [k, v] : x.extra) j[k] = v;
        findings.push_back(std::move(j));
    }
    doc["findings"] = findings;
    json errors = json::array();
    for (const auto& e : d.errors) errors.push_back({{"code", e.code}, {"message", e.message}, {"fatal", e.fatal}});
    doc["errors"] = errors;
    return doc;
}

json to_json(const RunInfo& info) {
    return {{"name", info.name}, {"version", info.version}, {"rulesets", info.rulesets}};
}

void Summary::add(const ReportDoc& d) {
    ++documents;
    for (const auto& f : d.findings) {
        switch (f.severity) {
        case Severity::error: ++error; break;
        case Severity::warning: ++warning; break;
        case Severity::info: ++info; break;
        }
    }
    if (!d.checked()) ++unreadable;
    if (!d.errors.empty()) ++input_errors;
}

json to_json(const Summary& s) {
    return {{"documents", s.documents}, {"error", s.error}, {"warning", s.warning}, {"info", s.info}, {"unreadable", s.unreadable}};
}

} // namespace gk
