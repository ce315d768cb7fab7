// Text that remembers where each of its bytes came from.
//
// Every stage after ingest works on UTF-8 strings derived from the decoded source (the whole
// input file converted to UTF-8). A MappedText carries, for each byte of its text, the byte
// offset in that decoded source it was derived from, so a match found in normalised text can be
// reported at the exact line:column of the original file. LineIndex turns a decoded-source byte
// offset into 1-based line and column counted in code points; decoding never changes the number
// of code points before a given character, so these are also the original file's coordinates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

using SourceOffset = std::uint32_t;

struct MappedText {
    std::string text;                 // UTF-8
    std::vector<SourceOffset> origin; // origin.size() == text.size(); byte i came from origin[i]

    bool empty() const { return text.empty(); }
    // Appends `s` whose first byte came from `from`; subsequent bytes map to from+k (same source run).
    void append_run(std::string_view s, SourceOffset from);
    // Appends `s` as synthetic text (a separator, an expanded entity): every byte maps to `at`.
    void append_synthetic(std::string_view s, SourceOffset at);
    void append(const MappedText& other);
    // Source offset of byte i (clamped; 0 for an empty text).
    SourceOffset source_at(std::size_t i) const;
    MappedText substr(std::size_t pos, std::size_t len) const;
};

struct Position {
    std::uint32_t line = 0;   // 1-based; 0 = unknown
    std::uint32_t column = 0; // 1-based, in code points
};

class LineIndex {
public:
    LineIndex() = default;
    explicit LineIndex(std::string_view utf8);
    Position at(SourceOffset byte_offset) const;
    std::size_t line_count() const { return line_starts_.size(); }
    SourceOffset line_start(std::uint32_t line) const; // 1-based line
private:
    // A shared copy of the text (columns are counted in it), so an index stays valid however the
    // string it was built from is later moved or copied (a Document moving its small, SSO
    // `source` would otherwise leave a dangling view). Copies of the index share one buffer.
    std::shared_ptr<const std::string> text_;
    std::vector<SourceOffset> line_starts_;
    // Code points before byte k * kStride: a column is found in O(kStride) even on the
    // one-line-per-document crawler texts, where counting from the line start was quadratic.
    static constexpr std::size_t kStride = 64;
    std::vector<std::uint32_t> code_points_at_stride_;
    std::uint32_t code_points_before(SourceOffset off) const;
};

// UTF-8 helpers shared by all stages.
namespace utf8 {
// Decodes one code point at s[i]; advances i. Invalid bytes yield U+FFFD and advance one byte.
// ASCII is decoded inline; everything else by next_multibyte (the same contract).
char32_t next_multibyte(std::string_view s, std::size_t& i);
inline char32_t next(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) { ++i; return b0; }
    return next_multibyte(s, i);
}
void append(std::string& out, char32_t cp);
std::size_t count_code_points(std::string_view s);
// True when `s` is well-formed UTF-8 (no overlong form, surrogate or code point past U+10FFFF):
// exactly when next() over it never yields U+FFFD for anything but an encoded U+FFFD.
bool is_valid(std::string_view s);
// The longest prefix of `s` of at most `max_bytes` bytes that ends on a code-point boundary.
std::string_view truncate(std::string_view s, std::size_t max_bytes);
} // namespace utf8

// Text from documents made safe for a terminal: ESC and every other C0 control but tab, DEL, the
// C1 controls (U+0080–U+009F), the bidirectional overrides and isolates (U+202A–U+202E,
// U+2066–U+2069, U+200E, U+200F, U+061C) and invalid UTF-8 bytes are shown as escapes
// (\x1B, \u202E, \xFF) instead of being sent raw; everything else is unchanged. For the text
// output and for the error lines on stderr.
std::string terminal_safe(std::string_view s);

} // namespace gk
