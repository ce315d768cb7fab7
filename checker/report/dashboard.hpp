// The dashboard: the HTML report (report/html_report.hpp) extended for evaluators — one
// self-contained file (CSS, JavaScript and SVG inline; no network, no external resource) that
// `gkcheck check -o x.html`, `gkcheck audit` and `gkcheck score -f html` write.
//
// What it adds to the report, above the per-document sections:
// - with a scoring scheme: the ranking of the annual reports worst first, the agencies with their
//   scores year over year (a table and an SVG line each), every deduction with the finding that
//   caused it (file:line:col, table/row/col), and the scheme's indicators with their sources;
// - the findings of every document in one table; charts (inline SVG) of the findings per rule and
//   of the points lost per dimension; the coverage of the rule families ("ran", "not
//   applicable", "not verifiable" counted apart, never as passed);
// - tables sortable (click a header) and filterable by agency, level, year, rule family and
//   severity (and free text); rules and indicators by their Chinese names, never only ids;
// - a Chinese UI with an English toggle (the findings' messages stay in the run's --lang), a
//   print stylesheet, and a layout usable at 400 px wide.
// Guarantees of the report hold: every string from documents is HTML-escaped, the page is
// well-formed XML (the script sits in a CDATA section), and without JavaScript every table is
// still there, in the order described. Opened with the fragment #selftest, the page sorts and
// filters itself and writes the result into <pre id="gk-selftest"> (the browser test reads it).
#pragma once

#include <string>
#include <vector>

#include "catalogue/scoring.hpp"
#include "check/check.hpp"
#include "report/report_doc.hpp"
#include "report/score.hpp"

namespace gk {

// `scheme` may be null (no scores); `scores`, when given, is used instead of scoring `docs`
// (gkcheck score passes the scores of the whole database).
std::string render_dashboard(const RunInfo& run, const std::vector<ReportDoc>& docs, const Summary& summary, const std::string& lang,
                             const AnnualTemplates& templates, const RuleSet& rules, const ScoringScheme* scheme,
                             const Scores* scores = nullptr);

// A rule's display name in `lang`: its <description> up to the first full stop (Chinese by default).
std::string rule_display_name(const Rule& rule, const std::string& lang);

} // namespace gk
