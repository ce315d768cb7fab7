// The cross-document rules over the results database: the documents of one set of rules read
// back as CrossDoc (check/cross.hpp), and the rules' findings kept in `cross_findings`
// (docs/STORE.md), both languages, replaced as a whole on every run.
#pragma once

#include <string>
#include <vector>

#include "check/cross.hpp"
#include "store/store.hpp"

namespace gk {

// Every document stored with `rules_fingerprint` (annual reports and all), in path order.
// Throws std::runtime_error naming the database.
std::vector<CrossDoc> load_cross_docs(ResultStore& store, const std::string& rules_fingerprint);
// One stored document JSON as the cross rules see it.
CrossDoc cross_doc_of(const nlohmann::json& document);

// The rules fingerprint of the most recent run that recorded one ("" when none): what
// `gkcheck coverage` and `gkcheck score` read.
std::string latest_rules_fingerprint(ResultStore& store);

// Every document stored with `rules_fingerprint`, one per content, in path order: the stored
// document JSON with the stored cross findings of that content (message in `lang`) appended
// to its "findings" (sorted by line:column again). For `gkcheck score`. Throws
// std::runtime_error naming the database.
std::vector<nlohmann::json> load_documents_with_cross(ResultStore& store, const std::string& rules_fingerprint, const std::string& lang);

// run_cross_rules over load_cross_docs(store, rules_fingerprint), one agency and year at a time:
// every cross-year comparison is between an agency's reports of one year and of the year before,
// so memory holds two years of one agency, not the whole database (documents that are not annual
// reports with an agency and a year, which the rules skip, are not read). The findings are exactly run_cross_rules' over all of them,
// in the same order; `docs` holds only the documents they are about (cells and sections
// dropped), and each finding's `doc` indexes it. The stored JSON is parsed on up to `jobs`
// threads (the store itself is used from the calling thread only). Throws std::runtime_error
// naming the database.
struct CrossRun {
    std::vector<CrossDoc> docs;
    std::vector<CrossFinding> findings;
};
CrossRun run_cross_rules_by_agency(ResultStore& store, const RuleSet& rules, const std::string& rules_fingerprint,
                                   unsigned jobs = 1);

// Replaces the cross findings of `rules_fingerprint` with `findings` (of `docs`), in one
// transaction. Throws std::runtime_error naming the database.
void replace_cross_findings(ResultStore& store, const std::string& rules_fingerprint, const std::vector<CrossDoc>& docs,
                            const std::vector<CrossFinding>& findings);

} // namespace gk
