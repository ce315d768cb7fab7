// `gkcheck score`: an evaluator's ranking of the annual reports in a results database.
//
//   gkcheck score --db audit.sqlite [--scheme default|FILE.xml] [--year 2024] [-f text|json|csv|html] [-o FILE]
//
// Reads the documents of the most recent run's rules (with their cross-year findings), applies
// the scoring scheme (rulesets/scoring/NAME.xml, docs/SCORING.md) and prints a score per report,
// per agency and per dimension, a ranking, and for every deduction the finding that caused it.
// Exit codes: 0 done, 2 usage, a bad scheme or a results-database error.
#pragma once

#include <optional>
#include <string>

#include "catalogue/scoring.hpp"

namespace CLI { class App; }

namespace gk::cli {

struct ScoreArgs {
    std::string db, scheme = "default", rules_dir, lang = "zh", format = "text", output;
    int year = 0;
    bool deductions = false; // CSV: one row per deduction instead of per report
};

CLI::App* add_score_command(CLI::App& app, ScoreArgs& a, const std::string& default_rules_dir);
int run_score(const ScoreArgs& a);

// The dashboard's scheme for `check -o x.html` and `audit`: `rules_dir`/scoring/default.xml, or
// nullopt when the directory has none. A scheme that is there but invalid sets `error`.
std::optional<ScoringScheme> dashboard_scheme(const std::string& rules_dir, std::string& error);

} // namespace gk::cli
