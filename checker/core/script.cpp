// The script converter over the generated OpenCC tables; see script.hpp for what it guarantees.
#include "core/script.hpp"

#include <algorithm>

namespace gk::script {

namespace {

// Decodes the code point at s[i]; 0 length for an invalid or truncated sequence.
struct Decoded {
    char32_t cp;
    std::size_t len;
};

inline Decoded decode_at(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1};
    const std::size_t n = s.size() - i;
    auto cont = [&](std::size_t k) { return (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
    auto bits = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
    if ((b0 & 0xE0) == 0xC0) {
        if (n < 2 || !cont(1)) return {0, 0};
        const char32_t cp = (static_cast<char32_t>(b0 & 0x1F) << 6) | bits(1);
        return cp >= 0x80 ? Decoded{cp, 2} : Decoded{0, 0};
    }
    if ((b0 & 0xF0) == 0xE0) {
        if (n < 3 || !cont(1) || !cont(2)) return {0, 0};
        const char32_t cp = (static_cast<char32_t>(b0 & 0x0F) << 12) | (bits(1) << 6) | bits(2);
        return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? Decoded{cp, 3} : Decoded{0, 0};
    }
    if ((b0 & 0xF8) == 0xF0) {
        if (n < 4 || !cont(1) || !cont(2) || !cont(3)) return {0, 0};
        const char32_t cp = (static_cast<char32_t>(b0 & 0x07) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
        return cp >= 0x10000 && cp <= 0x10FFFF ? Decoded{cp, 4} : Decoded{0, 0};
    }
    return {0, 0};
}

inline std::uint32_t root_child(const Trie& t, char32_t cp) {
    if (cp >= 0x110000) return 0;
    const std::uint16_t page = t.page_index[cp >> 8];
    return page ? t.page_nodes[(static_cast<std::size_t>(page) - 1) * 256 + (cp & 255)] : 0;
}

inline std::uint32_t child(const Trie& t, std::uint32_t node, char32_t cp) {
    const std::uint32_t* begin = t.label + t.first_child[node];
    const std::uint32_t* end = t.label + t.first_child[node + 1];
    const std::uint32_t* it = std::lower_bound(begin, end, static_cast<std::uint32_t>(cp));
    return it != end && *it == cp ? static_cast<std::uint32_t>(it - t.label) : 0;
}

inline bool has_value(const Trie& t, std::uint32_t node) { return t.value_off[node + 1] > t.value_off[node]; }

inline void append_value(const Trie& t, std::uint32_t node, std::string& out) {
    out.append(t.pool + t.value_off[node], t.value_off[node + 1] - t.value_off[node]);
}

} // namespace

void convert(const Trie& phrases, const Trie& characters, std::string_view in, std::string& out) {
    out.reserve(out.size() + in.size() + in.size() / 8);
    const bool ascii_keys = phrases.page_index[0] != 0 || characters.page_index[0] != 0;
    std::size_t i = 0;
    const std::size_t n = in.size();
    while (i < n) {
        if (!ascii_keys && static_cast<unsigned char>(in[i]) < 0x80) {
            // No key starts with an ASCII character: copy the whole ASCII run.
            std::size_t j = i + 1;
            while (j < n && static_cast<unsigned char>(in[j]) < 0x80) ++j;
            out.append(in.data() + i, j - i);
            i = j;
            continue;
        }
        const Decoded d = decode_at(in, i);
        if (d.len == 0) { out.push_back(in[i]); ++i; continue; }
        // The longest phrase that starts here (libopencc's maximal forward matching).
        if (std::uint32_t node = root_child(phrases, d.cp)) {
            std::uint32_t best = has_value(phrases, node) ? node : 0;
            std::size_t best_end = i + d.len, j = i + d.len;
            while (j < n) {
                const Decoded e = decode_at(in, j);
                if (e.len == 0) break;
                node = child(phrases, node, e.cp);
                if (!node) break;
                j += e.len;
                if (has_value(phrases, node)) { best = node; best_end = j; }
            }
            if (best) {
                append_value(phrases, best, out);
                i = best_end;
                continue;
            }
        }
        const std::uint32_t c = root_child(characters, d.cp);
        if (c && has_value(characters, c)) append_value(characters, c, out);
        else out.append(in.data() + i, d.len);
        i += d.len;
    }
}

std::string simplified_chars_same_width(std::string_view in) {
    std::string out(in);
    std::size_t i = 0;
    while (i < in.size()) {
        if (static_cast<unsigned char>(in[i]) < 0x80) { ++i; continue; }
        const Decoded d = decode_at(in, i);
        if (d.len == 0) { ++i; continue; }
        const std::uint32_t c = root_child(ts_characters, d.cp);
        if (c && has_value(ts_characters, c)) {
            const std::uint32_t len = ts_characters.value_off[c + 1] - ts_characters.value_off[c];
            if (len == d.len) out.replace(i, d.len, ts_characters.pool + ts_characters.value_off[c], len);
        }
        i += d.len;
    }
    return out;
}

} // namespace gk::script
