// `gkcheck fix`: applies the mechanical fixes of a document's findings (Finding::fix: 文号
// brackets → 〔〕, full-width digits → ASCII, an unmasked ID number masked, house-style
// substitutions with a replacement) and writes the result.
//
// What it guarantees:
//  - The document is checked exactly as `gkcheck check` checks it (same rules, suppressions
//    applied: a suppressed finding is not fixed). Fixes are applied in source order; a fix that
//    overlaps an earlier one is skipped (run fix again to apply it).
//  - The edits are spliced into the ORIGINAL bytes (redact/splice.hpp): every other byte is kept,
//    the output keeps the input's encoding, and a result that does not decode to the intended
//    text is never written.
//  - `-` as input reads standard input; `-` as output writes standard output (the listing of what
//    was fixed then goes to stderr). The input is never overwritten without `force`, nor an
//    existing output; files are written atomically (core/atomic_file.hpp).
//  - Exit code: 2 for usage and I/O errors (or a file that could not be changed safely), else 0.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "check/result.hpp"
#include "pipeline/pipeline.hpp"

namespace gk {

struct FixOptions {
    std::string input;            // a file or "-"
    std::string output;           // a file or "-"
    std::string stdin_filename = "<stdin>";
    bool force = false;
    bool dry_run = false;
    std::string lang = "zh";
};

// The fixes of `r`'s findings that can be applied together: sorted, disjoint.
std::vector<Edit> applicable_fixes(const DocumentResult& r, std::size_t* skipped = nullptr);

// Checks `options.input` with `pipeline` and writes the fixed copy.
int run_fix(const FixOptions& options, const Pipeline& pipeline, std::ostream& out, std::ostream& err);

} // namespace gk
