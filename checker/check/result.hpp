// The result of checking one document: the document as parsed, what extract learned about it,
// the findings of the rules and their coverage. Produced by the pipeline (checker/pipeline/), consumed by the
// report stage (checker/report/report_doc.hpp turns it into a self-contained ReportDoc).
//
// It lives here, below report/ and store/ in the stage order, so that they need not include
// the pipeline.
#pragma once

#include <vector>

#include "check/coverage.hpp"
#include "core/finding.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"

namespace gk {

struct DocumentResult {
    Document doc;
    Facts facts;
    std::vector<Finding> findings; // sorted by position, then rule id
    Coverage coverage;             // which rule families ran, did not apply, could not verify
};

} // namespace gk
