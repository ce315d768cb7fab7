#include "cli/score.hpp"

#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include <CLI/CLI.hpp>

#include "catalogue/catalogue.hpp"
#include "check/check.hpp"
#include "core/atomic_file.hpp"
#include "report/dashboard.hpp"
#include "report/score.hpp"
#include "store/cross.hpp"
#include "store/store.hpp"

namespace gk::cli {

CLI::App* add_score_command(CLI::App& app, ScoreArgs& a, const std::string& default_rules_dir) {
    a.rules_dir = default_rules_dir;
    auto* sub = app.add_subcommand("score", "Score and rank the annual reports of a results database with a scoring scheme");
    sub->add_option("--db", a.db, "The results database of an audit")->required();
    sub->add_option("--scheme", a.scheme, "Scoring scheme: a name in RULES/scoring/ (default: default) or an .xml file");
    sub->add_option("--year", a.year, "Only reports of this year");
    sub->add_option("--lang", a.lang, "Language: zh (default) | en");
    sub->add_option("--rules", a.rules_dir, "Ruleset directory (rule names, scoring schemes)");
    sub->add_option("-f,--format", a.format, "text (default) | json | csv | html")->check(CLI::IsMember({"text", "json", "csv", "html"}));
    sub->add_flag("--deductions", a.deductions, "CSV: one row per deduction (with its finding) instead of one per report");
    sub->add_option("-o,--output", a.output, "Write to FILE (atomically) instead of stdout");
    return sub;
}

std::optional<ScoringScheme> dashboard_scheme(const std::string& rules_dir, std::string& error) {
    std::error_code ec;
    if (rules_dir.empty() || !std::filesystem::is_regular_file(std::filesystem::path(rules_dir) / "scoring" / "default.xml", ec)) return std::nullopt;
    try {
        return load_scoring_scheme("default", rules_dir);
    } catch (const RulesetError& e) {
        error = e.what();
        return std::nullopt;
    }
}

int run_score(const ScoreArgs& a) {
    if (a.lang != "zh" && a.lang != "en") { std::cerr << "gkcheck: error: --lang must be zh or en\n"; return 2; }
    std::shared_ptr<const Catalogue> catalogue;
    std::optional<RuleSet> rules;
    std::optional<ScoringScheme> scheme;
    try {
        catalogue = Catalogue::load_directory(a.rules_dir);
        rules.emplace(*catalogue);
    } catch (const RulesetError& e) {
        std::cerr << "gkcheck: error: ruleset: " << e.what() << "\n";
        return 2;
    }
    try {
        scheme = load_scoring_scheme(a.scheme, a.rules_dir);
    } catch (const RulesetError& e) {
        std::cerr << "gkcheck: error: scoring scheme: " << e.what() << "\n";
        return 2;
    }
    if (!std::filesystem::exists(a.db)) { std::cerr << "gkcheck: error: --db: no such file: " << a.db << "\n"; return 2; }
    std::vector<ReportDoc> docs;
    try {
        auto store = ResultStore::open(a.db);
        const std::string fp = latest_rules_fingerprint(store);
        for (const auto& j : load_documents_with_cross(store, fp, a.lang)) docs.push_back(from_json(j));
    } catch (const std::exception& e) {
        std::cerr << "gkcheck: error: --db: " << e.what() << "\n";
        return 2;
    }
    const std::optional<int> year = a.year ? std::optional<int>(a.year) : std::nullopt;
    const Scores scores = score_documents(docs, *scheme, a.lang, year);
    std::string out;
    if (a.format == "json") out = to_json(scores).dump(2) + "\n";
    else if (a.format == "csv") out = scores_csv(scores, *scheme, a.lang, a.deductions);
    else if (a.format == "html") {
        std::vector<ReportDoc> shown;
        std::set<std::string> scored;
        for (const auto& r : scores.reports) scored.insert(r.path);
        for (const auto& d : docs) if (scored.count(d.path)) shown.push_back(d);
        Summary summary;
        for (const auto& d : shown) summary.add(d);
        const RunInfo run{"gkcheck", GK_VERSION, rules->ruleset_ids()};
        out = render_dashboard(run, shown, summary, a.lang, catalogue->templates(), *rules, &*scheme, &scores);
    } else out = scores_text(scores, *scheme, a.lang);
    if (a.output.empty()) {
        std::cout << out;
        std::cout.flush();
        return std::cout ? 0 : 2;
    }
    if (auto err = write_file_atomically(a.output, out); !err.empty()) {
        std::cerr << "gkcheck: error: " << err << "\n";
        return 2;
    }
    return 0;
}

} // namespace gk::cli
