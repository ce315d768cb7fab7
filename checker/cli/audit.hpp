// `gkcheck audit` and `gkcheck coverage`: an auditor's year as one body of evidence.
//
//   gkcheck audit DIR... --db audit.sqlite --out audit-report/
//       checks every file into the results database (resuming what is already there with the
//       same rules), runs the cross-year rules over the whole database, and writes report.html,
//       report.json, findings.csv and reports.csv into --out (atomically). Ctrl-C (SIGINT) or
//       SIGTERM stops after the documents in hand, with everything done saved; rerunning resumes.
//   gkcheck coverage --db audit.sqlite --year 2024 [--expected agencies.csv]
//       agencies with a report last year (or listed) and none this year, reports published after
//       their deadline, copies and the same report in two formats.
//
// docs/CLI.md documents both; exit codes as for check (0, 1 error-level findings, 2 usage, bad
// ruleset, unreadable input or a results-database error; 130 when interrupted).
#pragma once

#include <string>
#include <vector>

namespace CLI { class App; }

namespace gk::cli {

struct AuditArgs {
    std::vector<std::string> paths;
    std::string db, out;
    std::string lang = "zh";
    std::string rules_dir;
    std::vector<std::string> disable;
    std::string max_size = "64M";
    unsigned jobs = 0;
    bool progress = false, no_progress = false, quiet = false;
};

struct CoverageArgs {
    std::string db;
    int year = 0;
    std::string expected;
    std::string lang = "zh";
    std::string rules_dir;
    std::string format = "text"; // text | csv
    std::string output;
};

// Registers the subcommands on `app`, filling `a` / `c` when parsed.
CLI::App* add_audit_command(CLI::App& app, AuditArgs& a, const std::string& default_rules_dir);
CLI::App* add_coverage_command(CLI::App& app, CoverageArgs& c, const std::string& default_rules_dir);

int run_audit(const AuditArgs& a);
int run_coverage(const CoverageArgs& c);

} // namespace gk::cli
