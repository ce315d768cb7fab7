// Output formats over the JSON report: text (streamed per document), json, sarif, csv.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "check/check.hpp"
#include "pipeline/pipeline.hpp"
#include "report/report.hpp"

namespace gk {

// Renders a whole report (report_to_json) as "json" | "sarif" | "csv".
std::string render_report(const std::string& format, const nlohmann::json& report, const RuleSet& rules,
                          const ReportOptions& opts);

// Streams stdout output: text is printed per document as it completes; the other formats are
// printed whole by finish().
class Formatter {
public:
    Formatter(std::string format, ReportOptions opts) : format_(std::move(format)), opts_(std::move(opts)) {}
    void document(std::ostream& out, const DocumentResult& r) const;
    void finish(std::ostream& out, const nlohmann::json& report, const RuleSet* rules = nullptr) const;
private:
    std::string format_;
    ReportOptions opts_;
};

} // namespace gk
