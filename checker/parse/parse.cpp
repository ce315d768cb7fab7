#include "parse/parse.hpp"

#include "parse/pdf.hpp"

namespace gk {

void parse_document(Document& doc) {
    if (!doc.readable()) return;
    if (doc.format == "docx" || doc.format == "pdf") {
        if (doc.format == "docx") parse_docx(doc, doc.binary);
        else parse_pdf(doc, doc.binary);
        std::string().swap(doc.binary); // the rendering is what later stages read
        // A parser that forgot the loci would make every locus empty: keep them line for line.
        if (doc.readable()) doc.loci.resize(doc.lines.line_count());
        return; // no suppression directives in a rendering
    }
    if (doc.format == "html") parse_html(doc);
    else parse_text(doc);
    doc.directives = find_directives(doc.source, doc.format);
}

} // namespace gk
