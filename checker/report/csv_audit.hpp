// The two spreadsheets of an audit (`gkcheck audit … --out DIR`): findings.csv, one row per
// finding, and reports.csv, one row per document, for Excel on Chinese Windows.
//
// What they guarantee:
// - UTF-8 with a byte-order mark (Excel otherwise reads GBK and shows mojibake), CRLF line ends,
//   RFC 4180 quoting: a cell holding a comma, a quote, CR or LF is quoted, quotes doubled; so a
//   message with commas, quotes and line breaks reads back as one cell.
// - Headers in the run's language (Chinese by default, English with --lang en); ids (rule ids,
//   table/row/column ids) never change with the language.
// - Formula injection is neutralised: a cell beginning with = + - @ (or a tab or CR) that is not
//   a plain number gets a leading apostrophe, so text taken from documents is never evaluated.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalogue/annual_template.hpp"
#include "check/check.hpp"
#include "report/report_doc.hpp"

namespace gk {

// One CSV cell: neutralised, then quoted when needed.
std::string csv_cell(std::string_view value);

// A document of the audit with what the results database knows beside its JSON.
struct AuditDoc {
    ReportDoc doc;
    std::string copy_of;        // path of the file with the same bytes listed first ("" if none)
    std::string same_report_as; // path of the same report in another format ("" if none)
};

std::string findings_csv(const std::vector<AuditDoc>& docs, const std::string& lang);
std::string reports_csv(const std::vector<AuditDoc>& docs, const RuleSet& rules, const std::string& lang);

} // namespace gk

namespace gk {

// The audit's own section of report.html (`gkcheck audit`): the cross-year findings, copies and
// the same report in other files, as one <section id="audit"> fragment (HTML-escaped, invalid
// UTF-8 and control characters replaced by U+FFFD, well-formed XML) that the audit inserts after
// the report's summary.
std::string audit_html_section(const std::vector<AuditDoc>& docs, const std::string& lang);

} // namespace gk
