#include "pipeline/pipeline.hpp"

#include <algorithm>

#include "check/coverage.hpp"
#include "check/suppress.hpp"
#include "extract/extract.hpp"
#include "normalise/normalise.hpp"
#include "parse/parse.hpp"

namespace gk {

DocumentResult Pipeline::analyse(Document doc, const Catalogue& catalogue) {
    DocumentResult r;
    if (doc.readable()) {
        parse_document(doc);
        // A docx/pdf parser may refuse the document (encrypted, no text layer, damaged).
        if (doc.readable()) {
            Normaliser::instance().normalise(doc);
            r.facts = extract(doc, catalogue);
        }
    }
    r.doc = std::move(doc);
    return r;
}

DocumentResult Pipeline::finish(Document doc, const std::vector<bool>* selection) const {
    return check(analyse(std::move(doc), rules_.catalogue()), selection);
}

DocumentResult Pipeline::check(DocumentResult analysed, const std::vector<bool>* selection) const {
    DocumentResult r = std::move(analysed);
    if (r.doc.readable()) {
        const std::vector<bool> own = selection ? std::vector<bool>{} : rules_.selection({}, {});
        const std::vector<bool>& sel = selection ? *selection : own;
        r.findings = rules_.run(r.doc, r.facts, sel, check_threads_);
        apply_suppressions(r.doc, rules_, sel, r.findings);
        r.coverage = coverage_of(rules_.rules(), sel, r.facts);
    }
    return r;
}

DocumentResult Pipeline::run_file(const std::string& path) const { return finish(ingest_file(path, opts_)); }

DocumentResult Pipeline::run_bytes(std::string_view bytes, const std::string& path) const {
    return finish(ingest_bytes(bytes, path, opts_));
}

} // namespace gk

namespace gk {

DocumentResult Pipeline::run_bytes(std::string_view bytes, const std::string& path, const RunOptions& options) const {
    IngestOptions io = opts_;
    if (!options.forced_encoding.empty()) io.forced_encoding = options.forced_encoding;
    return finish(ingest_bytes(bytes, path, io), options.rules);
}

} // namespace gk
