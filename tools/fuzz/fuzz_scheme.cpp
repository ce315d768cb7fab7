// The scoring-scheme loader: the input is one scheme file, validated against the real
// rulesets/scoring/scoring.xsd and checked (ids, sums) by parse_scoring_scheme; a scheme that
// loads is then applied to a small report. Every error must be a RulesetError; anything else
// escaping is a finding.
#include <string>

#include "catalogue/scoring.hpp"
#include "fuzz_common.hpp"
#include "report/score.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const gk::ScoringScheme s = gk::parse_scoring_scheme(text, "fuzz.xml", std::string(GK_RULES_DIR) + "/scoring/scoring.xsd");
        gk::ReportDoc d;
        d.path = "r.txt";
        d.type = "annual-report";
        d.year = 2024;
        d.families.push_back({"report", "ran", 1, 0, 0, 0, ""});
        d.families.push_back({"table", "ran", 1, 0, 0, 0, ""});
        gk::ReportFinding f;
        f.rule = "table.requests.balance";
        f.severity = gk::Severity::error;
        f.line = 3;
        f.column = 1;
        d.findings.push_back(f);
        d.not_verifiable.push_back({"table", "active", "why", 2, 1});
        const gk::Scores scores = gk::score_documents({d}, s, "zh");
        (void)gk::to_json(scores).dump();
    } catch (const gk::RulesetError&) {
    }
    return 0;
}
