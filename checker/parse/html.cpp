#include "parse/parse.hpp"
namespace gk {
void parse_html(Document& doc) { (void)doc; } // STUB: implemented by the HTML parser work
} // namespace gk
