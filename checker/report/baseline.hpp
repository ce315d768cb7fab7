// Baselines: adopt gkcheck on old pages and see only new problems.
//
// `check --write-baseline FILE` records a fingerprint of every finding; `check --baseline FILE`
// drops the findings whose fingerprint is recorded for the same document path and reports the
// rest.
//
// What a fingerprint guarantees:
// - It is the rule id, the table/row/column ids and the finding's *context* — the text of its
//   source line around it (at most 24 code points either side, whitespace removed) — and the
//   finding's rank among findings with the same rule and context in the document. No line or
//   column number goes in: inserting or deleting lines elsewhere (above or below) keeps every
//   fingerprint; editing the text at the finding makes it a new finding.
// - It does not depend on --lang (messages are not part of it).
// - It is 16 hex digits (64 bits of SHA-256).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/result.hpp"

namespace gk {

// One fingerprint per finding of `r`, parallel to r.findings.
std::vector<std::string> fingerprints(const DocumentResult& r);

struct Baseline {
    std::map<std::string, std::vector<std::string>> documents; // path → fingerprints (a multiset)

    // The baseline file: {"gkcheck_baseline": 1, "documents": {"path": ["fp", …]}}.
    std::string to_json() const;
    // nullopt with `error` when the file is unreadable or not a baseline.
    static std::optional<Baseline> load(const std::string& path, std::string& error);

    // Which findings of `path` are new: true for each fingerprint not recorded (each recorded
    // fingerprint matches one finding at most, so a problem repeated once more is new).
    std::vector<bool> fresh(const std::string& path, const std::vector<std::string>& fps) const;
};

} // namespace gk
