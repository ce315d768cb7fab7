// The whole pipeline for one document: ingest → parse → normalise → extract → check.
// A Pipeline refers to the RuleSet it is made from (it does not own it: the RuleSet and its
// Catalogue must outlive it) and copies the IngestOptions; it is cheap to make (the CLI makes one
// per run, `gkcheck redact` one per file it re-checks). run_* may be called from several threads
// at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "check/result.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"
#include "ingest/ingest.hpp"

namespace gk {

// Per-call settings of run_bytes (the HTTP service's query): a forced encoding and a rule
// selection (RuleSet::selection) replacing the RuleSet's own for this call.
struct RunOptions {
    std::string forced_encoding;
    const std::vector<bool>* rules = nullptr;
};

class Pipeline {
public:
    // `check_threads` > 1: each document's rules are spread over that many threads (RuleSet::run),
    // for when there are fewer documents than cores (a single file).
    Pipeline(const RuleSet& rules, IngestOptions opts, unsigned check_threads = 1)
        : rules_(rules), opts_(std::move(opts)), check_threads_(check_threads) {}
    DocumentResult run_file(const std::string& path) const;
    DocumentResult run_bytes(std::string_view bytes, const std::string& path) const;
    DocumentResult run_bytes(std::string_view bytes, const std::string& path, const RunOptions& options) const;
    const IngestOptions& ingest_options() const { return opts_; }
    const RuleSet& rules() const { return rules_; }
    // Parse, normalise and extract only (no checks): needs only the catalogue, so it may run
    // before the RuleSet exists (the CLI reads a single file while the checks are built).
    static DocumentResult analyse(Document doc, const Catalogue& catalogue);
    // The rest of run_file/run_bytes for a document analysed with this RuleSet's catalogue: the
    // checks, suppressions and coverage. check(analyse(ingest_file(p, opts), catalogue)) is
    // run_file(p).
    DocumentResult check(DocumentResult analysed, const std::vector<bool>* selection = nullptr) const;
private:
    DocumentResult finish(Document doc, const std::vector<bool>* selection = nullptr) const;
    const RuleSet& rules_;
    IngestOptions opts_;
    unsigned check_threads_ = 1;
};

} // namespace gk
