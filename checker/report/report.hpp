// Report: printers over the one Finding model. A printer never re-parses a document.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/check.hpp"
#include "pipeline/pipeline.hpp"

namespace gk {

struct ReportOptions {
    std::string lang = "zh";      // "zh" | "en"
};

// path:line:col: severity: message [rule-id]  (input errors: path: error: message [code])
void print_text(std::ostream& out, const DocumentResult& r, const ReportOptions& opts);

// The JSON contract of spec/output.md for one document.
nlohmann::json document_to_json(const DocumentResult& r, const ReportOptions& opts);
// The whole report: {"tool", "documents", "summary"}.
nlohmann::json report_to_json(const std::vector<nlohmann::json>& documents, const RuleSet& rules);

// "tables" object of a document (report/json_tables.cpp): ids of spec/output.md.
nlohmann::json tables_to_json(const Facts& facts);

} // namespace gk
