// Normalise: fills Block::norm / Cell::norm — the form used for matching only; the original
// text stays for display and locations. Every byte of a normalised text still maps to the
// original source (MappedText::origin).
//
// Steps: traditional → simplified (OpenCC's t2s dictionaries as build-time tables, script.hpp; only
// when the document is detected as traditional: ≥ 5 traditional-only ideographs, ≥ 2% of all
// ideographs and more than the simplified-only ones);
// full-width ASCII → ASCII (U+FF01–U+FF5E incl. （）［］％, U+3000 → space, U+2212 → '-'), except the
// Chinese punctuation ，：；！？, which stays (as 。、 do, being outside that block);
// zero-width characters dropped; stray whitespace inside labels, numbers and dates removed (a
// whitespace run is dropped unless both neighbours are ASCII letters/digits, so "Produced By" and
// "2020-11-05 15:37" keep theirs while "总 计", "2018- 08- 21 19: 39" lose theirs).
// Origins: a code point changed by t2s maps to the code point it replaced when t2s keeps the
// count of a run, else to the start of that run; a kept space maps to the first blank of its run.
#pragma once

#include <string>
#include <string_view>

#include "core/text.hpp"
#include "document/document.hpp"

namespace gk {

class Normaliser {
public:
    // One per process; stateless (the script tables are constant data, core/script.hpp).
    static const Normaliser& instance();

    // Sets doc.script and fills norm for every block and cell.
    void normalise(Document& doc) const;

    // The mapping-preserving fold used by normalise(); `to_simplified` applies t2s.
    MappedText fold(const MappedText& in, bool to_simplified) const;
    // The same fold on plain strings (rulesets' labels and patterns are folded with this).
    std::string fold(std::string_view in, bool to_simplified = true) const;

    bool is_traditional_only(char32_t c) const;  // t2s changes it
    bool is_simplified_only(char32_t c) const;   // s2t changes it
    std::string to_simplified(std::string_view utf8) const;
    std::string to_traditional(std::string_view utf8) const;

    Normaliser(const Normaliser&) = delete;
    Normaliser& operator=(const Normaliser&) = delete;
    ~Normaliser();
private:
    Normaliser();
    struct Impl;
    Impl* impl_;
};

} // namespace gk
