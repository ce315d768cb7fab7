#include "core/finding.hpp"

namespace gk {

const char* to_string(Severity s) {
    switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
    }
    return "info";
}

std::optional<Severity> severity_from_string(std::string_view s) {
    if (s == "info") return Severity::info;
    if (s == "warning") return Severity::warning;
    if (s == "error") return Severity::error;
    return std::nullopt;
}

} // namespace gk
