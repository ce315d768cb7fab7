// Script conversion (traditional ↔ simplified) and script tables, without OpenCC at run time.
//
// What it guarantees:
//  - to_simplified / to_traditional give, for valid UTF-8 without NUL bytes, exactly the bytes
//    libopencc's SimpleConverter gives with t2s.json / s2t.json: the same dictionaries
//    (TSPhrases + TSCharacters, STPhrases + STCharacters, exported from the installed OpenCC data
//    at build time by tools/gen-script-tables) and the same segmentation — at each position the
//    longest phrase-dictionary key that starts there is replaced by its first value, otherwise the
//    character by its character-dictionary value, otherwise copied (tests/test_script.cpp compares
//    the two on every document of the shared corpus, their s2t copies and random text).
//  - Where libopencc differs by design: a NUL byte is copied and conversion goes on (libopencc
//    stops at it), and an invalid UTF-8 byte is copied as is (libopencc throws).
//  - The tables are constant data in the binary: nothing is loaded or built at run time, there is
//    no lock, any number of threads may convert at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gk::script {

// A trie over code points, numbered breadth-first (node 0 is the root). The children of node i
// are the nodes [first_child[i], first_child[i+1]), sorted by label (the code point of the edge
// into them); node i holds the value pool[value_off[i], value_off[i+1]) when that is not empty.
// The root's children are also reachable by code point through a two-level page table.
struct Trie {
    const std::uint16_t* page_index;  // 0x1100 entries: cp >> 8 → 1 + page number, 0 = none
    const std::uint32_t* page_nodes;  // 256 per page: cp & 255 → node, 0 = none
    const std::uint32_t* first_child; // n_nodes + 1
    const std::uint32_t* label;       // n_nodes
    const std::uint32_t* value_off;   // n_nodes + 1
    const char* pool;
    std::uint32_t n_nodes;
};

// Generated (build tree, script_tables.cpp).
extern const Trie ts_phrases, ts_characters, st_phrases, st_characters;
extern const std::uint64_t traditional_only_bits[1024]; // t2s changes the ideograph (BMP bitmap)
extern const std::uint64_t simplified_only_bits[1024];  // s2t changes the ideograph

// Ideographs of U+3400–U+4DBF and U+4E00–U+9FFF that t2s (resp. s2t) changes when converted on
// their own; false for every other code point.
inline bool is_traditional_only(char32_t c) {
    return c < 0x10000 && (traditional_only_bits[c >> 6] >> (c & 63) & 1) != 0;
}
inline bool is_simplified_only(char32_t c) {
    return c < 0x10000 && (simplified_only_bits[c >> 6] >> (c & 63) & 1) != 0;
}

// Appends the conversion of `in` to `out` (phrases first, then characters, as described above).
void convert(const Trie& phrases, const Trie& characters, std::string_view in, std::string& out);

// For matching words, not for display: `in` with every character that TSCharacters maps to one
// character of the same UTF-8 length replaced by it, every other byte copied. The result has
// exactly the size of `in` and every byte offset of it is a code-point start exactly where `in`
// has one, so a position found in it is the same position in `in`. Phrases are not applied.
std::string simplified_chars_same_width(std::string_view in);

inline std::string to_simplified(std::string_view in) {
    std::string out;
    convert(ts_phrases, ts_characters, in, out);
    return out;
}
inline std::string to_traditional(std::string_view in) {
    std::string out;
    convert(st_phrases, st_characters, in, out);
    return out;
}

} // namespace gk::script
