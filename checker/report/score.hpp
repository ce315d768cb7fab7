// Scores: a scoring scheme (catalogue/scoring.hpp) applied to annual reports (ReportDoc, with the
// cross-year findings merged into their findings), per report, per agency and per dimension.
//
// Guarantees:
// - Every point lost is a Deduction that names what caused it: a finding (rule, file:line:col,
//   and table/row/col for a cell) or a fact of the document's coverage (a table not verifiable,
//   with its line:col); nothing else. Missing content costs points only through the finding that
//   reports it (an absence no check asserted is not certain: a cut-off text is not verifiable
//   instead); a report with no publication date loses the timeliness points through
//   report.deadline.late's info finding (the deadline not verifiable).
// - Not checked is never clean: a report whose required families did not run (its coverage
//   says not-applicable or disabled: a pre-2019 template, another type), or that was not
//   checked at all, is "not-checked" and unranked; a report with a table or text not verifiable
//   (coverage.not_verifiable) loses the data-quality points and is "not-verifiable" and unranked.
//   Only "checked" reports are ranked, so neither ever outranks a checked clean report.
// - Uses only the document's coverage facts (check/coverage.hpp) for these statuses; nothing is
//   re-derived.
// - Deterministic: the same documents and scheme give the same scores and order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalogue/scoring.hpp"
#include "report/report_doc.hpp"

namespace gk {

struct Deduction {
    std::string dimension, indicator;
    double points = 0;
    std::string cause;            // "finding" | "not-verifiable"
    std::string rule, severity, message; // the finding (cause == "finding")
    std::uint32_t line = 0, column = 0;
    std::string table, row, col;
    std::string excerpt;
};

struct IndicatorScore {
    std::string id;
    double max = 0, score = 0;
};

struct DimensionScore {
    std::string id;
    double max = 0, score = 0;
    std::vector<IndicatorScore> indicators;
};

struct ReportScore {
    std::string path, sha256, agency, level, kind, template_id;
    std::optional<int> year;
    std::string status;           // "checked" | "not-verifiable" | "not-checked"
    std::string why;              // why not checked / not verifiable
    double score = 0, max = 0;    // score is 0 (and meaningless) for not-checked
    std::vector<DimensionScore> dimensions;
    std::vector<Deduction> deductions;
    std::optional<int> rank;      // 1 = best, among checked reports
    bool ranked() const { return status == "checked"; }
};

struct AgencyScore {
    std::string agency, level;
    std::size_t reports = 0, ranked_reports = 0;
    std::optional<double> score;  // mean over ranked reports
    std::vector<std::pair<std::string, double>> dimensions; // mean per dimension over ranked reports
    std::vector<std::pair<int, std::optional<double>>> years; // year → score (nullopt: unranked)
    std::optional<int> rank;
};

struct Scores {
    std::string scheme_id, scheme_name;
    double max = 0;
    std::optional<int> year;      // the --year filter
    std::vector<ReportScore> reports;   // ranked best first, then not-verifiable, then not-checked
    std::vector<AgencyScore> agencies;  // ranked best first, then unranked
    std::size_t skipped = 0;      // documents that are not annual reports (or outside --year)
};

// `docs`: the documents (copies already removed); non-annual-reports and other years are skipped.
Scores score_documents(const std::vector<ReportDoc>& docs, const ScoringScheme& scheme, const std::string& lang,
                       std::optional<int> year = std::nullopt);

nlohmann::json to_json(const Scores& s);
// Points as printed: at most two decimals, trailing zeros dropped (97, 99.7, 0.25).
std::string format_points(double v);

std::string scores_text(const Scores& s, const ScoringScheme& scheme, const std::string& lang);
// UTF-8 with a BOM, CRLF, RFC 4180: one row per report (with per-dimension columns), then the
// deductions in a second file's shape when `deductions` is true.
std::string scores_csv(const Scores& s, const ScoringScheme& scheme, const std::string& lang, bool deductions = false);

} // namespace gk
