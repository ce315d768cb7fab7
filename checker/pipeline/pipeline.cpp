#include "pipeline/pipeline.hpp"

#include <algorithm>

#include "extract/extract.hpp"
#include "normalise/normalise.hpp"
#include "parse/parse.hpp"

namespace gk {

DocumentResult Pipeline::analyse(Document doc, const Catalogue& catalogue) {
    DocumentResult r;
    if (doc.readable()) {
        parse_document(doc);
        Normaliser::instance().normalise(doc);
        r.facts = extract(doc, catalogue);
    }
    r.doc = std::move(doc);
    return r;
}

DocumentResult Pipeline::finish(Document doc) const {
    DocumentResult r = analyse(std::move(doc), rules_.catalogue());
    if (r.doc.readable()) r.findings = rules_.run(r.doc, r.facts);
    return r;
}

DocumentResult Pipeline::run_file(const std::string& path) const { return finish(ingest_file(path, opts_)); }

DocumentResult Pipeline::run_bytes(std::string_view bytes, const std::string& path) const {
    return finish(ingest_bytes(bytes, path, opts_));
}

} // namespace gk
