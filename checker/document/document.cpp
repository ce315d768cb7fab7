#include "document/document.hpp"

namespace gk {

const char* to_string(BlockKind k) {
    switch (k) {
    case BlockKind::heading: return "heading";
    case BlockKind::paragraph: return "paragraph";
    case BlockKind::list_item: return "list_item";
    case BlockKind::table: return "table";
    case BlockKind::image: return "image";
    }
    return "paragraph";
}

} // namespace gk
