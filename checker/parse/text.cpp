#include "parse/parse.hpp"
namespace gk {
void parse_text(Document& doc) { (void)doc; } // STUB
} // namespace gk
