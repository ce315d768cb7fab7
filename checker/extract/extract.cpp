#include "extract/extract.hpp"

namespace gk {

Facts extract(const Document& doc, const Catalogue& catalogue) {
    Facts facts;
    if (!doc.readable()) return facts;
    extract_metadata(doc, facts);      // first: title and dates help decide type and year
    extract_type_and_year(doc, facts);
    extract_outline(doc, facts);
    extract_annual_tables(doc, catalogue.templates(), facts);
    return facts;
}

} // namespace gk
