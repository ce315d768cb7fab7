// Sinks: the printers. A run hands every document's typed result (ReportDoc) to each sink in
// input order — begin(run), document(d)…, finish(summary) — the model of ripgrep's `Sink`.
// One implementation per format; a sink never re-parses a document and never reads JSON.
//
// What every sink guarantees:
// - Output goes only to the std::ostream given to its constructor, and is complete after
//   finish(). Text and CSV write each document as it arrives; JSON streams too (documents are
//   written as they come; the output is byte-identical to dumping report_to_json() with an
//   indent of 2, plus a final newline); SARIF and HTML need the whole run and write at finish().
// - Counting is not a sink's business: finish() receives the Summary the caller built with
//   Summary::add() over the same documents.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "catalogue/annual_template.hpp"
#include "report/report_doc.hpp"

namespace gk {

class Sink {
public:
    virtual ~Sink() = default;
    virtual void begin(const RunInfo& run) = 0;
    virtual void document(const ReportDoc& doc) = 0;
    virtual void finish(const Summary& summary) = 0;
};

// `path:line:col: severity: message [rule-id]`, one finding a line (input errors are the CLI's
// stderr lines, not part of this output). After a document's findings, one `path: note: …` line
// names the rule families for the document's type that did not run or ran only in part, with
// the reason (a pre-2019 report's section and table rules, say). Families meant for other types
// of document (a notice's rules on a report) are not listed: that is by design. What could not
// be verified (a table, a cut-off text) is not repeated here: it is in the JSON's coverage and,
// for annual reports, an info finding of its own (table.cell.invalid, report.text.truncated).
class TextSink final : public Sink {
public:
    // A finding with a mechanical fix gets a second, indented line: the text as written, the
    // text after the fix and the span ("    建议：「…」→「…」 (9:5–9:16)").
    explicit TextSink(std::ostream& out, std::string lang = "zh") : out_(out), lang_(std::move(lang)) {}
    void begin(const RunInfo&) override {}
    void document(const ReportDoc& doc) override;
    void finish(const Summary&) override;
private:
    std::ostream& out_;
    std::string lang_;
};

// The JSON report of spec/output.md: {"documents": […], "summary": {…}, "tool": {…}}.
class JsonSink final : public Sink {
public:
    explicit JsonSink(std::ostream& out) : out_(out) {}
    void begin(const RunInfo& run) override;
    void document(const ReportDoc& doc) override;
    void finish(const Summary& summary) override;
private:
    std::ostream& out_;
    RunInfo run_;
    std::size_t written_ = 0;
};

// `path,line,column,severity,rule,message,table,row,col,expected,actual,locus` (RFC 4180 quoting;
// locus: the text form of report_doc.hpp's location_text for docx/pdf, else empty);
// input errors as rows with their code as the rule.
class CsvSink final : public Sink {
public:
    explicit CsvSink(std::ostream& out) : out_(out) {}
    void begin(const RunInfo&) override;
    void document(const ReportDoc& doc) override;
    void finish(const Summary&) override;
private:
    std::ostream& out_;
};

// SARIF 2.1.0: one run; tool.driver.rules from the loaded rules (helpUri only when the rule's
// <doc> is a URI reference, otherwise the text goes to help.text; short/fullDescription are the
// rule's description sentence, Rule::description); one result per finding, its region with the
// end and the excerpt when the finding has a span, partialFingerprints (the baseline
// fingerprint), and fixes[].artifactChanges[].replacements for a mechanical fix.
class SarifSink final : public Sink {
public:
    SarifSink(std::ostream& out, const RuleSet& rules, std::string lang) : out_(out), rules_(rules), lang_(std::move(lang)) {}
    void begin(const RunInfo& run) override { run_ = run; }
    void document(const ReportDoc& doc) override;
    void finish(const Summary& summary) override;
private:
    std::ostream& out_;
    const RuleSet& rules_;
    std::string lang_;
    RunInfo run_;
    nlohmann::json results_ = nlohmann::json::array();
};

// The self-contained HTML report (report/html_report.hpp); statistics tables are labelled from
// the annual-report table definitions passed in.
class HtmlSink final : public Sink {
public:
    HtmlSink(std::ostream& out, const AnnualTemplates& templates, std::string lang)
        : out_(out), templates_(templates), lang_(std::move(lang)) {}
    void begin(const RunInfo& run) override { run_ = run; }
    void document(const ReportDoc& doc) override { docs_.push_back(doc); }
    void finish(const Summary& summary) override;
private:
    std::ostream& out_;
    const AnnualTemplates& templates_;
    std::string lang_;
    RunInfo run_;
    std::vector<ReportDoc> docs_;
};

// What sinks may need besides their stream; referenced, not copied: must outlive the sink.
struct SinkContext {
    std::string lang = "zh";
    const RuleSet& rules;
    const AnnualTemplates& templates;
};

// "text" | "json" | "sarif" | "csv" | "html"; anything else is JSON.
std::unique_ptr<Sink> make_sink(const std::string& format, std::ostream& out, const SinkContext& ctx);

// True when `s` is an RFC 3986 URI reference (a scheme, or a relative reference such as
// docs/rules/privacy.md#privacy.id), with no spaces or raw non-ASCII.
bool is_uri_reference(const std::string& s);

} // namespace gk
