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

// Replaces the cross findings of `rules_fingerprint` with `findings` (of `docs`), in one
// transaction. Throws std::runtime_error naming the database.
void replace_cross_findings(ResultStore& store, const std::string& rules_fingerprint, const std::vector<CrossDoc>& docs,
                            const std::vector<CrossFinding>& findings);

} // namespace gk
