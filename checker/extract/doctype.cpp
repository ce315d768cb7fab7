#include "extract/extract.hpp"
namespace gk {
void extract_type_and_year(const Document& doc, Facts& facts) { (void)doc; (void)facts; } // STUB
} // namespace gk
