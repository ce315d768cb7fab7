#include "report/report.hpp"

namespace gk {

using nlohmann::json;

json document_to_json(const DocumentResult& r, const ReportOptions& opts) { return to_json(from_result(r, opts.lang)); }

json report_to_json(const std::vector<ReportDoc>& documents, const RunInfo& run) {
    Summary summary;
    json docs = json::array();
    for (const auto& d : documents) {
        summary.add(d);
        docs.push_back(to_json(d));
    }
    return {{"tool", to_json(run)}, {"documents", std::move(docs)}, {"summary", to_json(summary)}};
}

json tables_to_json(const Facts& facts) { return to_json(report_tables(facts)); }

void write_report(Sink& sink, const std::vector<ReportDoc>& documents, const RunInfo& run) {
    Summary summary;
    sink.begin(run);
    for (const auto& d : documents) {
        summary.add(d);
        sink.document(d);
    }
    sink.finish(summary);
}

} // namespace gk
