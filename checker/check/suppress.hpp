// Inline suppressions (ESLint/Vale style), applied to a document's findings after the checks.
//
// What it guarantees:
// - A finding is dropped when a directive of the document (Document::directives, found by the
//   parser) names its rule (id or id prefix; no ids: every rule) and
//     * it is a `gkcheck-disable-next-line` and the finding is on the line after the one the
//       directive ends on, or
//     * it lies after a `gkcheck-disable` and before the next `gkcheck-enable` that names no
//       rules or names the same id (or the end of the document).
// - Findings of the suppression rules themselves are never suppressed:
//     suppression.unknown  a directive id naming no loaded rule (at the directive);
//     suppression.unused   a disable directive that suppressed nothing in this run (at the
//                          directive; not reported when every rule it names is disabled in the
//                          run, or when it named only unknown ids).
//   Both are ordinary rules of the ruleset (rulesets/suppressions.xml): messages, severity and
//   --disable apply; a catalogue without them reports nothing.
// - Findings stay sorted by position, then rule id.
#pragma once

#include <vector>

#include "check/check.hpp"

namespace gk {

// `selection`: the rules enabled in this run (RuleSet::selection), parallel to rules.rules().
void apply_suppressions(const Document& doc, const RuleSet& rules, const std::vector<bool>& selection,
                        std::vector<Finding>& findings);

// The order of findings: line, column, then rule id (stable).
void sort_findings(std::vector<Finding>& findings);

} // namespace gk
