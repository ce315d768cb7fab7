// HTML report: one self-contained file an auditor can open in a browser and forward.
//
// What it guarantees:
// - A single HTML5 document: inline CSS, no script, no external resource (fonts, images, links
//   out), so it renders the same offline and in a mail attachment. Collapsible parts use
//   <details>, which needs no JavaScript.
// - Well-formed as XML too (every element closed, attributes quoted), so it also parses as XHTML.
// - Every string taken from the report (paths, metadata, messages, table cells — all untrusted
//   document text) is HTML-escaped; invalid UTF-8 and control characters become U+FFFD.
// - Reads only the JSON report of report_to_json() (spec/output.md); unknown keys are ignored,
//   missing ones are skipped, so any valid report renders.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace gk {

// `report` is {"tool", "documents", "summary"}; `lang` is "zh" (default labels) or "en".
// Contents: summary counts, findings per rule, a document index, then per document its
// metadata, input errors, findings sorted by line:column and (annual reports) its statistics
// tables rows × columns.
std::string render_html_report(const nlohmann::json& report, const std::string& lang);

} // namespace gk
