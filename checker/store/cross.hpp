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

// Replaces the cross findings of `rules_fingerprint` with `findings` (of `docs`), in one
// transaction. Throws std::runtime_error naming the database.
void replace_cross_findings(ResultStore& store, const std::string& rules_fingerprint, const std::vector<CrossDoc>& docs,
                            const std::vector<CrossFinding>& findings);

} // namespace gk
