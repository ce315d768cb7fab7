#include "extract/extract.hpp"

#include "extract/page_text.hpp"

namespace gk {

Facts extract(const Document& doc, const Catalogue& catalogue) {
    Facts facts;
    if (!doc.readable()) return facts;
    extract_metadata(doc, facts);      // first: title and dates help decide type and year
    extract_type_and_year(doc, facts);
    extract_outline(doc, facts);
    extract_section_heads(doc, facts);
    extract_annual_tables(doc, catalogue.templates(), facts);
    extract_page_facts(doc, catalogue, facts); // after metadata: body blocks exclude its fields
    return facts;
}

} // namespace gk
