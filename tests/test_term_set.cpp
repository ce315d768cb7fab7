// core/term_set.hpp promises RE2's answer for the alternation of its terms: checked here against
// RE2 itself on random terms and texts over a small alphabet (so that terms share prefixes, overlap
// and repeat, and gap characters fall inside terms), with and without case folding and gaps.
#include <catch2/catch.hpp>

#include <random>

#include <re2/re2.h>

#include "core/term_set.hpp"
#include "core/text.hpp"

using namespace gk;

namespace {

const std::vector<std::string> kAlphabet = {"六", "合", "彩", "肖", "a", "A", "b", "k", "K", "\xE2\x84\xAA" /* KELVIN SIGN */,
                                            " ", ".", "·", "-", "\xE3\x80\x80" /* U+3000 */};

std::string pick(std::mt19937& rng, std::size_t max_len, std::size_t min_len = 0) {
    std::uniform_int_distribution<std::size_t> len(min_len, max_len), ch(0, kAlphabet.size() - 1);
    std::string s;
    for (std::size_t n = len(rng); n > 0; --n) s += kAlphabet[ch(rng)];
    return s;
}

// The alternation gkcheck compiled before TermSet: `gap` between the characters of each term of at
// least `min_gapped` characters.
std::string alternation(const std::vector<std::string>& terms, const std::string& gap, std::size_t min_gapped) {
    std::string out;
    for (const auto& w : terms) {
        if (!out.empty()) out += '|';
        if (gap.empty() || utf8::count_code_points(w) < min_gapped) { out += RE2::QuoteMeta(w); continue; }
        for (std::size_t i = 0, first = 1; i < w.size(); first = 0) {
            const std::size_t b = i;
            utf8::next(w, i);
            if (!first) out += gap;
            out += RE2::QuoteMeta(w.substr(b, i - b));
        }
    }
    return out;
}

// Every successive hit of a scan from the start, as (begin, end).
std::vector<std::pair<std::size_t, std::size_t>> scan_re2(const RE2& re, const std::string& t) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    re2::StringPiece in(t), m;
    for (std::size_t pos = 0; pos < t.size() && re.Match(in, pos, t.size(), RE2::UNANCHORED, &m, 1);) {
        const std::size_t at = static_cast<std::size_t>(m.data() - t.data());
        out.emplace_back(at, at + m.size());
        pos = at + std::max<std::size_t>(m.size(), 1);
    }
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> scan_terms(const TermSet& ts, const std::string& t) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t pos = 0; pos < t.size();) {
        const auto h = ts.find(t, pos);
        if (!h) break;
        out.emplace_back(h->begin, h->end);
        pos = h->begin + std::max<std::size_t>(h->end - h->begin, 1);
    }
    return out;
}

} // namespace

TEST_CASE("TermSet finds what RE2's alternation of the terms finds", "[core][term-set]") {
    std::mt19937 rng(20261203);
    const std::string cls = R"([\s\x{3000}·.\-])";
    for (int round = 0; round < 3000; ++round) {
        const bool fold = round % 2 == 0, gapped = round % 3 != 0;
        const unsigned max_gap = 1 + round % 3;
        const std::size_t min_gapped = 1 + round % 4;
        std::vector<std::string> terms;
        for (std::size_t n = 1 + rng() % 6; n > 0; --n) terms.push_back(pick(rng, 4, 1));
        RE2::Options o;
        o.set_case_sensitive(!fold);
        const std::string gap = gapped ? "(?:" + cls + "){0," + std::to_string(max_gap) + "}" : "";
        RE2 re("(" + alternation(terms, gap, min_gapped) + ")", o);
        REQUIRE(re.ok());
        RE2 gap_char("(?:" + cls + ")", o);
        TermSet::Options to;
        to.fold_case = fold;
        if (gapped) {
            to.max_gap = max_gap;
            to.min_gapped = min_gapped;
            to.is_gap = [&](char32_t c) { std::string s; utf8::append(s, c); return RE2::FullMatch(s, gap_char); };
        }
        const TermSet ts(terms, to);
        for (int k = 0; k < 8; ++k) {
            const std::string text = pick(rng, 24);
            INFO("round " << round << " text «" << text << "» terms " << terms.size());
            REQUIRE(scan_terms(ts, text) == scan_re2(re, text));
        }
    }
}

TEST_CASE("TermSet: unbounded gaps, refusals and invalid bytes", "[core][term-set]") {
    TermSet::Options o;
    o.is_gap = [](char32_t c) { return c == ' ' || c == 0x3000; };
    const TermSet ts({"索引号", "文号", "号"}, o);
    const std::string t = "xx索  引\xE3\x80\x80号：1 文 号";
    auto h = ts.find(t, 0);
    REQUIRE(h);
    CHECK(h->term == 0);
    CHECK(t.substr(h->begin, h->end - h->begin) == "索  引\xE3\x80\x80号");
    // A refused hit gives way to the next term at the same start, then to later starts.
    h = ts.find(t, 0, [](const TermSet::Hit& x) { return x.term != 0; });
    REQUIRE(h);
    CHECK(h->term == 2);
    h = ts.find(t, h->end);
    REQUIRE(h);
    CHECK(h->term == 1);
    // An invalid byte is a character of its own: it neither matches nor breaks the scan.
    const TermSet lit({"ab"}, {});
    CHECK_FALSE(lit.find("a\xFF" "b", 0));
    const auto after = lit.find("\xFF\xFE" "ab", 0);
    REQUIRE(after);
    CHECK(after->begin == 2);
    CHECK(lit.find("\xEF\xBF\xBD", 0) == std::nullopt);
}
