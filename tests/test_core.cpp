#include <catch2/catch.hpp>

#include <cstdint>

#include "core/decimal.hpp"
#include "core/text.hpp"

using namespace gk;

TEST_CASE("LineIndex counts columns in code points", "[core]") {
    const std::string s = "ab\n总计 12\r\nx";
    LineIndex idx(s);
    CHECK(idx.at(0).line == 1);
    const auto p = idx.at(static_cast<SourceOffset>(s.find("12")));
    CHECK(p.line == 2);
    CHECK(p.column == 4);
    CHECK(idx.at(static_cast<SourceOffset>(s.find('x'))).line == 3);
}

// LineIndex reads eight bytes at a time; every offset of random texts (CR, LF, CRLF, multibyte
// and invalid bytes, lengths around the 64-byte checkpoints) must get the line and column of a
// byte-by-byte count.
TEST_CASE("LineIndex agrees with a byte-by-byte count at every offset", "[core]") {
    const std::vector<std::string> pieces = {"a", "\n", "\r", "\r\n", "总", "\xF0\x9F\x98\x80", "\xFF", " ", "\x80"};
    std::uint64_t state = 88172645463325252ULL;
    auto rnd = [&] { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; };
    for (int t = 0; t < 300; ++t) {
        std::string s;
        const std::size_t len = rnd() % 200;
        while (s.size() < len) s += pieces[rnd() % pieces.size()];
        const LineIndex idx(s);
        std::uint32_t line = 1;
        std::size_t line_start = 0;
        for (std::size_t off = 0; off <= s.size(); ++off) {
            // The column: code points (bytes other than continuation bytes) from the line's start.
            std::uint32_t col = 1;
            for (std::size_t k = line_start; k < off; ++k)
                if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) ++col;
            const Position p = idx.at(static_cast<SourceOffset>(off));
            INFO("text " << t << " offset " << off);
            REQUIRE(p.line == line);
            REQUIRE(p.column == col);
            if (off == s.size()) break;
            const char c = s[off];
            if (c == '\n' || (c == '\r' && (off + 1 >= s.size() || s[off + 1] != '\n'))) { ++line; line_start = off + 1; }
        }
    }
}

TEST_CASE("MappedText keeps origins through substr", "[core]") {
    MappedText t;
    t.append_run("abc", 10);
    t.append_synthetic(" ", 13);
    t.append_run("de", 20);
    CHECK(t.substr(4, 2).text == "de");
    CHECK(t.substr(4, 2).source_at(0) == 20);
    CHECK(t.source_at(99) == 21);
}

TEST_CASE("Decimal arithmetic is exact", "[core]") {
    auto a = Decimal::parse("0.1"), b = Decimal::parse("0.2"), c = Decimal::parse("0.3");
    REQUIRE(a); REQUIRE(b); REQUIRE(c);
    CHECK(*a + *b == *c);
    CHECK(Decimal::parse("+3")->str() == "3");
    CHECK(Decimal::parse("-129")->is_negative());
    CHECK(Decimal::parse("3.61")->scaled(100000000).str() == "361000000");
    CHECK_FALSE(Decimal::parse("12a"));
    CHECK_FALSE(Decimal::parse(""));
    CHECK(Decimal::parse("1,234.50")->str() == "1234.5");
}

TEST_CASE("utf8 validation", "[core]") {
    CHECK(utf8::is_valid("总计"));
    CHECK_FALSE(utf8::is_valid(std::string("\xff\xfe", 2)));
    CHECK(utf8::count_code_points("总计a") == 3);
}

namespace {
// The decoder as first written (bounds and continuation checked byte by byte), kept as the
// reference for the faster one in core/text.cpp.
char32_t reference_next(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) -> int {
        if (i + k >= s.size()) return -1;
        const auto b = static_cast<unsigned char>(s[i + k]);
        return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
    };
    if (b0 < 0x80) { ++i; return b0; }
    if (b0 >= 0xC2 && b0 < 0xE0) {
        const int c1 = cont(1);
        if (c1 >= 0) { i += 2; return static_cast<char32_t>(((b0 & 0x1F) << 6) | c1); }
    } else if (b0 >= 0xE0 && b0 < 0xF0) {
        const int c1 = cont(1), c2 = cont(2);
        if (c1 >= 0 && c2 >= 0) {
            const char32_t cp = static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2);
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) { i += 3; return cp; }
        }
    } else if (b0 >= 0xF0 && b0 < 0xF5) {
        const int c1 = cont(1), c2 = cont(2), c3 = cont(3);
        if (c1 >= 0 && c2 >= 0 && c3 >= 0) {
            const char32_t cp = static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3);
            if (cp >= 0x10000 && cp <= 0x10FFFF) { i += 4; return cp; }
        }
    }
    ++i;
    return 0xFFFD;
}
} // namespace

// is_valid has its own fast loop; it must agree with decoding by next() on every input: valid
// exactly when next() never yields U+FFFD except for an encoded U+FFFD.
TEST_CASE("utf8::next and utf8::is_valid agree with the reference decoder on random bytes", "[core]") {
    auto by_next = [](std::string_view s) {
        std::size_t i = 0;
        while (i < s.size()) {
            const std::size_t at = i;
            if (utf8::next(s, i) == 0xFFFD && s.substr(at, i - at) != "\xEF\xBF\xBD") return false;
        }
        return true;
    };
    // Bytes drawn to hit every boundary: ASCII, continuation bytes, every lead byte class and the
    // edges of overlong, surrogate and out-of-range second bytes.
    const unsigned char alphabet[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
                                      0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3,
                                      0xF4, 0xF5, 0xFF, 0xBD};
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    auto rnd = [&] { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; };
    int valid = 0;
    for (int t = 0; t < 200000; ++t) {
        std::string s;
        const std::size_t len = rnd() % 24;
        // Mostly long ASCII runs sometimes, to go through the eight-byte loop.
        if (rnd() % 4 == 0) s.assign(rnd() % 20, 'a');
        for (std::size_t k = 0; k < len; ++k) s.push_back(static_cast<char>(alphabet[rnd() % sizeof alphabet]));
        if (rnd() % 4 == 0) s.append(rnd() % 20, 'b');
        // next() decodes exactly as the reference: the same code points, the same advances.
        for (std::size_t i = 0, j = 0; i < s.size();) {
            const char32_t a = utf8::next(s, i), b = reference_next(s, j);
            REQUIRE(a == b);
            REQUIRE(i == j);
        }
        const bool expected = by_next(s);
        valid += expected;
        INFO("bytes of length " << s.size());
        REQUIRE(utf8::is_valid(s) == expected);
    }
    CHECK(valid > 1000); // the draw reaches valid multibyte text, not only garbage
    CHECK(utf8::is_valid("\xEF\xBF\xBD\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"));
    CHECK_FALSE(utf8::is_valid("\xED\xA0\x80")); // a surrogate
    CHECK_FALSE(utf8::is_valid("\xE0\x9F\xBF")); // overlong
    CHECK_FALSE(utf8::is_valid("\xF4\x90\x80\x80")); // past U+10FFFF
    CHECK_FALSE(utf8::is_valid("abcdefgh\xE6\x80")); // truncated after an ASCII run
}
