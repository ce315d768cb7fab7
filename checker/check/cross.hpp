// Cross-document rules (cross.carryover, cross.rollforward, cross.duplicate): one agency's annual
// report against its report of the year before. They judge what the extract stage recorded for
// each document — agency, year, template, table values, section signatures — as kept in the
// results database; they never read a file. The rules are those of kind "cross-year" in the
// catalogue (rulesets/cross-year.xml): messages, severities, <applies>, and the parameters
// (which rows, the similarity threshold, the "not verifiable" messages) are data.
//
// What it guarantees:
// - Reports are grouped by (normalised agency, year). Copies (same sha256) count once; of the
//   same report in several formats or versions, the one with the most readable table cells
//   (then the first path) is the one compared; findings are attached to it.
// - A warning only when both numbers were read; when last year's report exists but its table or
//   cell is absent, not readable or blank, one info "not verifiable" per rule and pair of reports.
//   No report for last year: nothing (that is coverage's question, not a finding).
// - Deterministic: findings ordered by document order of `docs`, then rule, then row/column.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "core/finding.hpp"

namespace gk {

// One level-1 section's signature (Facts::sections).
struct CrossSection {
    std::string number, title;
    Position position;
    std::size_t chars = 0;
    std::vector<std::uint32_t> minhash;
};

// What the cross rules know of one stored document.
struct CrossDoc {
    std::string path, sha256, type, template_id, agency;
    std::optional<int> year;
    // table id → row id → column id → integer value (nullopt: blank total, text or not an integer)
    std::map<std::string, std::map<std::string, std::map<std::string, std::optional<long long>>>> cells;
    std::map<std::string, bool> verifiable;   // tables present, and whether their cells could be read
    std::map<std::string, Position> table_at; // where each table starts
    std::vector<CrossSection> sections;
    Position title_at;                        // for findings about the whole report
};

struct CrossFinding {
    std::size_t doc = 0;                      // index into the docs given
    Finding finding;                          // position filled; offset unused (0)
};

// Runs every enabled rule of kind "cross-year" of `rules` over `docs`.
std::vector<CrossFinding> run_cross_rules(const RuleSet& rules, const std::vector<CrossDoc>& docs);

// The same report in two files (a page and its text, two versions): different bytes, the same
// agency and year, at least one statistics table readable in both, and every cell readable in
// both equal.
bool same_report(const CrossDoc& a, const CrossDoc& b);

// Estimated Jaccard index (0..1) of two MinHash signatures of equal length; nullopt otherwise.
std::optional<double> minhash_similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

} // namespace gk
