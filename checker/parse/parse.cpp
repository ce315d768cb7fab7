#include "parse/parse.hpp"

namespace gk {

void parse_document(Document& doc) {
    if (!doc.readable()) return;
    if (doc.format == "pdf") return; // parsed from the bytes by parse_pdf (parse/pdf.hpp)
    if (doc.format == "html") parse_html(doc);
    else parse_text(doc);
    doc.directives = find_directives(doc.source, doc.format);
}

} // namespace gk
