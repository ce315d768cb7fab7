// HTML report: one self-contained file an auditor can open in a browser and forward.
// The printer is HtmlSink (report/sink.hpp); this header adds rendering a JSON report.
//
// What it guarantees:
// - A single HTML5 document: inline CSS, no script, no external resource (fonts, images, links
//   out), so it renders the same offline and in a mail attachment. Collapsible parts use
//   <details>, which needs no JavaScript.
// - Well-formed as XML too (every element closed, attributes quoted), so it also parses as XHTML.
// - Every string taken from documents (paths, metadata, messages, table cells — all untrusted
//   document text) is HTML-escaped; invalid UTF-8 and control characters become U+FFFD.
// - Statistics tables are labelled and ordered by the annual-report table definitions
//   (catalogue/annual_template.hpp) of the document's template; ids nobody defines are shown as
//   they are, so any table renders.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalogue/annual_template.hpp"
#include "report/report_doc.hpp"

namespace gk {

// `report` is a JSON report {"tool", "documents", "summary"} (documents decoded with from_json;
// anything malformed is skipped, never fatal); `lang` is "zh" (default labels) or "en".
// Contents: summary counts, findings per rule, a document index, then per document its
// metadata, input errors, findings sorted by line:column and (annual reports) its statistics
// tables rows × columns.
std::string render_html_report(const nlohmann::json& report, const std::string& lang, const AnnualTemplates& templates);

// What the dashboard (report/dashboard.hpp) adds to the same page: CSS appended to the page's
// style, a fragment after the header, a script element before </body>, and the rules' names
// shown under their ids. Empty extras give exactly the script-free report above.
// HTML text and attribute escaping as the report does it (invalid UTF-8 and controls → U+FFFD).
std::string html_escape(std::string_view s);

struct HtmlExtras {
    std::string css, body_top, script;
    const std::map<std::string, std::string>* rule_names = nullptr;
};
std::string render_html_page(const RunInfo& run, const std::vector<ReportDoc>& docs, const Summary& summary, const std::string& lang,
                             const AnnualTemplates& templates, const HtmlExtras& extras);

} // namespace gk
