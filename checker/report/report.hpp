// Report: the typed per-document result (report_doc.hpp) and the printers over it (sink.hpp).
// This header adds whole-report helpers for tools and tests; the CLI streams through sinks.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/result.hpp"
#include "report/report_doc.hpp"
#include "report/sink.hpp"

namespace gk {

struct ReportOptions {
    std::string lang = "zh";      // "zh" | "en"
};

// The JSON contract of spec/output.md for one document: to_json(from_result(r, opts.lang)).
nlohmann::json document_to_json(const DocumentResult& r, const ReportOptions& opts);
// The whole report {"documents", "summary", "tool"}, summary counted over `documents`.
nlohmann::json report_to_json(const std::vector<ReportDoc>& documents, const RunInfo& run);
// The "tables" object of a document: to_json(report_tables(facts)).
nlohmann::json tables_to_json(const Facts& facts);

// Runs `documents` through a sink: begin, each document, finish with their summary.
void write_report(Sink& sink, const std::vector<ReportDoc>& documents, const RunInfo& run);

} // namespace gk
