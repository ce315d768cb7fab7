// Shared helpers of the plain-text parser (parse/text*.cpp). Internal to the parse stage. Spaces,
// trimming and heading numbers are grammar/grammar.hpp (HeadingDialect::source).
//
// Guarantees: every helper works on byte ranges of Document::source, so block texts built from
// them map each byte to its exact source offset; no helper reads outside [begin, end), and
// decode() clamps the range to the source.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.hpp"
#include "grammar/grammar.hpp"

namespace gk::textparse {

// A decoded code point and the byte offset (in the source) where it starts.
struct Cp {
    char32_t cp;
    std::size_t at;
};

// Decodes source[begin, end). The returned vector has one extra sentinel {0, end}.
std::vector<Cp> decode(std::string_view source, std::size_t begin, std::size_t end);

bool is_sentence_end(char32_t c);  // 。；：！？ and ASCII ;:!?

// source[begin, end) as a MappedText whose byte i maps to begin + i.
MappedText mapped(std::string_view source, std::size_t begin, std::size_t end);

} // namespace gk::textparse
