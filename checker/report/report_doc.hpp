// ReportDoc: the one typed result every printer consumes — a self-contained value holding
// everything the JSON contract (spec/output.md, docs/OUTPUT.md) says about one document.
//
// What it guarantees:
// - Built either from a fresh check (from_result) or from a stored document JSON (from_json,
//   e.g. a --resume'd document from the results database); printers cannot tell them apart.
// - to_json(from_result(r, lang)) is the document object of the JSON report, and
//   to_json(from_json(to_json(d))) == to_json(d): the JSON round trip is lossless for every key
//   gkcheck writes.
// - from_json never throws: keys that are missing or of the wrong type are left at their
//   defaults, so any JSON (a hand-edited file, an older database) decodes to something printable.
// - Messages are in one language, the run's --lang (the JSON carries only that one).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/result.hpp"
#include "core/finding.hpp"

namespace gk {

// A table cell's value as printed in the JSON: null, an integer, a decimal or text (an amount
// with its unit, "3.61亿元").
struct ReportValue {
    enum class Kind { null, integer, number, text };
    Kind kind = Kind::null;
    std::int64_t integer = 0;
    double number = 0;
    std::string text;

    static ReportValue of_integer(std::int64_t v) { ReportValue r; r.kind = Kind::integer; r.integer = v; return r; }
    static ReportValue of_number(double v) { ReportValue r; r.kind = Kind::number; r.number = v; return r; }
    static ReportValue of_text(std::string v) { ReportValue r; r.kind = Kind::text; r.text = std::move(v); return r; }
    bool is_null() const { return kind == Kind::null; }
    bool is_numeric() const { return kind == Kind::integer || kind == Kind::number; }
    std::string str() const;   // display form: "16", "1.5", "3.61亿元", "" for null
    bool operator==(const ReportValue&) const = default;
};

struct ReportCell {
    ReportValue value;
    std::optional<ReportValue> yuan; // "<col>_yuan": the amount in 元 when printed with a unit
    std::string unit;                // "<col>_unit": the column's default unit, when not printed
    bool operator==(const ReportCell&) const = default;
};

struct ReportTable {
    // row id → column id → cell (ids of spec/output.md)
    std::map<std::string, std::map<std::string, ReportCell>> rows;
    std::vector<std::string> assumed_zero, not_stated, recovered; // "row.col"
    std::uint32_t line = 0, column = 0; // where the table starts in the original file ("location")
    std::string form;                // "html" | "pipe" | "markdown" | "runtogether" | ""
    bool verifiable = true;
    std::string why;                 // when not verifiable
    bool operator==(const ReportTable&) const = default;
};

struct ReportOutline {
    int level = 1;
    std::string number, title;
    std::uint32_t line = 0;
    bool operator==(const ReportOutline&) const = default;
};

// One edit of a finding's mechanical fix: the characters from line:column up to (not including)
// end_line:end_column become `text`.
struct ReportEdit {
    std::uint32_t line = 0, column = 0, end_line = 0, end_column = 0;
    std::string text;
    bool operator==(const ReportEdit&) const = default;
};

struct ReportFinding {
    std::string rule;
    Severity severity = Severity::info;
    std::string message;
    std::uint32_t line = 0, column = 0; // 1-based, code points, in the original file (docx/pdf: in its rendering)
    std::string table, row, col;     // table findings
    std::string expected, actual;
    std::map<std::string, std::string> extra;
    // For editors: where the judged text ends (exclusive; = line:column for a point), the text as
    // written, the fix's edits, and the baseline fingerprint (report/baseline.hpp).
    std::uint32_t end_line = 0, end_column = 0;
    std::string excerpt;
    std::vector<ReportEdit> fix;
    std::string fixed;               // the judged text after the fix ("fix.text"), when the edits lie in it
    std::string fingerprint;
    // docx and pdf: where line:column is in the original document (Locus, document/document.hpp;
    // the JSON "locus"); empty for html and text. (Last, so that aggregate initialisers of the
    // fields above stay valid.)
    Locus locus;
    bool operator==(const ReportFinding&) const = default;
};

// One rule family's coverage on the document (check/coverage.hpp), reasons in the run's language.
struct ReportFamily {
    std::string family, status;      // status: "ran" | "partial" | "not-applicable" | "disabled"
    std::uint32_t ran = 0, not_applicable = 0, other_type = 0, disabled = 0;
    std::string why;                 // why rules did not apply ("" when all ran)
    bool operator==(const ReportFamily&) const = default;
};

// Something found but not verifiable: a table not read in full, a cut-off text.
struct ReportUnverifiable {
    std::string what, table, why;    // what: "table" | "text"; table: its id
    std::uint32_t line = 0, column = 0;
    bool operator==(const ReportUnverifiable&) const = default;
};

struct ReportError {
    std::string code;                // "input.binary", "input.encoding", …
    std::string message;
    bool fatal = true;               // the document was not checked
    bool operator==(const ReportError&) const = default;
};

// "agency": who the document is from (Facts::agency), with the sources that named it.
struct ReportAgencyEvidence {
    std::string source, text, normalised; // source: "title" | "publisher" | "source" | "signature"
    std::uint32_t line = 0;
    bool agrees = true;
    bool operator==(const ReportAgencyEvidence&) const = default;
};
struct ReportAgency {
    std::string name, normalised, level, kind;
    std::vector<ReportAgencyEvidence> evidence;
    bool operator==(const ReportAgency&) const = default;
};

// "sections": signatures of level-1 sections for cross.duplicate (Facts::sections).
struct ReportSection {
    std::string number, title;
    std::uint32_t line = 0, column = 0;
    std::size_t chars = 0;
    std::string minhash; // hex, 8 digits per hash
    bool operator==(const ReportSection&) const = default;
};

struct ReportDoc {
    std::string path, sha256;
    std::string encoding;            // "" → null
    std::string format, script, type;
    std::optional<int> year;
    std::string type_evidence;       // what decided the type: "title" | "opening" | "structure" | ""
    std::string year_source;         // where the year was read: "title" | "period" | … | ""
    std::string template_id;         // "2019" | "2021" | "legacy" | "" (null)
    std::map<std::string, std::string> metadata;
    std::optional<ReportAgency> agency; // absent when no source names an organ
    std::vector<ReportSection> sections;
    std::vector<ReportOutline> outline;
    std::map<std::string, ReportTable> tables;
    std::vector<ReportFinding> findings; // sorted by position, then rule id
    std::vector<ReportError> errors;
    // "coverage" in the JSON (checked documents only): every rule family with what ran, and
    // what could not be verified. A document with no findings is clean only for the families
    // that ran.
    std::vector<ReportFamily> families;
    std::vector<ReportUnverifiable> not_verifiable;

    // False when an input error kept the document from being checked (then the JSON has no
    // format, script, type, year, template, metadata, outline, tables or coverage).
    bool checked() const;
    bool operator==(const ReportDoc&) const = default;
};

ReportDoc from_result(const DocumentResult& r, const std::string& lang);

// A finding's place as printed by the text, HTML and audit outputs: "line:column" (html, text),
// "¶12:5" (docx paragraph 12, character 5), "¶40(t2r3c4):5" (docx paragraph 40, in table 2,
// row 3, column 4), "p3:7:12" (pdf page 3, line 7, column 12).
std::string location_text(const ReportFinding& f);
// The JSON "locus" object of a non-empty Locus: docx {"paragraph", "char"[, "table", "row",
// "col"]}, pdf {"page", "line", "column"}.
nlohmann::json locus_json(const Locus& l);
ReportDoc from_json(const nlohmann::json& document);
nlohmann::json to_json(const ReportDoc& d);

// The typed "tables" of a document's Facts, and their JSON (the "tables" object).
std::map<std::string, ReportTable> report_tables(const Facts& facts);
nlohmann::json to_json(const std::map<std::string, ReportTable>& tables);

// What a report says about the run ("tool" in the JSON).
struct RunInfo {
    std::string name = "gkcheck";
    std::string version = GK_VERSION;
    std::vector<std::string> rulesets;
};
nlohmann::json to_json(const RunInfo& info);

// Counts over the documents of a run, taken from the typed results.
struct Summary {
    std::size_t documents = 0;
    std::size_t error = 0, warning = 0, info = 0;
    std::size_t unreadable = 0;      // documents with a fatal input error (not checked)
    std::size_t input_errors = 0;    // documents with any input error (exit code 2)
    void add(const ReportDoc& d);
};
// The JSON "summary": documents, error, warning, info, unreadable.
nlohmann::json to_json(const Summary& s);

} // namespace gk
