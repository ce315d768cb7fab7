// Shared helpers of the libFuzzer targets (tools/fuzz/, built with -DGK_FUZZ=ON and clang).
// Everything expensive (the catalogue, the rule set, the normaliser) is built once per process,
// on first use, never per input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "catalogue/catalogue.hpp"
#include "check/check.hpp"
#include "document/document.hpp"
#include "ingest/charset.hpp"
#include "normalise/normalise.hpp"

namespace gk::fuzz {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The bundled rulesets (GK_RULES_DIR), loaded once.
inline const Catalogue& catalogue() {
    static const auto cat = Catalogue::load_directory(GK_RULES_DIR);
    return *cat;
}
inline const RuleSet& rules() {
    static const RuleSet r(catalogue());
    return r;
}

// A Document whose source is `in` made valid UTF-8 (each invalid byte → U+FFFD), as ingest
// leaves it: the parsers' precondition, without the cost of encoding detection.
inline Document document(std::string_view in, const char* format) {
    Document d;
    d.path = std::string("fuzz.") + (std::string_view(format) == "html" ? "html" : "txt");
    charset::Decoded dec;
    charset::decode(in, "UTF-8", dec);
    d.source = std::move(dec.utf8);
    d.lines = LineIndex(d.source);
    d.format = format;
    d.encoding = "UTF-8";
    return d;
}

} // namespace gk::fuzz
