// Kind "docno-brackets" (format.docno.brackets): the year of a 文号 must be enclosed in 六角括号
// 〔〕 (GB/T 9704-2012 7.2.4); [2020] (2020) （2020） 【2020】 ［2020］ are reported. Only
// 文号-shaped text is considered — an organ abbreviation, the bracketed year, a number and 号 —
// so 〔〕 and ﹝﹞ used as ordinary brackets (「政府﹝管委﹞」) and years in parentheses inside
// sentences (「规划(2018—2022年)」) are not touched. The metadata 文号 field is checked too.
// A finding in the body spans the 文号; its fix replaces the two brackets by 〔〕 (nothing else),
// when the source spells them as plain characters (not entities).
#include <optional>
#include <set>
#include <string_view>

#include <re2/re2.h>

#include "check/check.hpp"
#include "check/span.hpp"

namespace gk {
namespace {

class DocNoBrackets : public Check {
public:
    explicit DocNoBrackets(const Rule&) {}

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        std::set<SourceOffset> seen;
        auto scan = [&](const MappedText& mt, bool mapped) {
            const std::string& t = mt.text;
            // Every match ends in 号 or 號: a text with neither is not searched (nor the pattern
            // compiled, for a document that has none).
            if (t.find("号") == std::string::npos && t.find("號") == std::string::npos) return;
            re2::StringPiece input(t), m[4];
            std::size_t pos = 0;
            while (pos < t.size() && pattern().Match(input, pos, t.size(), RE2::UNANCHORED, m, 4)) {
                const std::size_t at = static_cast<std::size_t>(m[2].data() - t.data());
                const SourceOffset off = mt.source_at(at);
                if (seen.insert(off).second) {
                    const std::string docno(m[1]);
                    auto& f = out.emit(off, {{"docno", docno}, {"fixed", page::canonical_docno(docno)}});
                    f.actual = docno;
                    f.expected = page::canonical_docno(docno);
                    if (mapped) {
                        const auto b1 = static_cast<std::size_t>(m[1].data() - t.data());
                        f.end = source_span(doc, mt, b1, b1 + m[1].size()).second;
                        const auto close = static_cast<std::size_t>(m[3].data() - t.data());
                        auto bracket = [&](std::size_t i, const char* to) -> std::optional<Edit> {
                            const SourceOffset b = mt.source_at(i), e = char_end(doc.source, b);
                            static const std::set<std::string_view> brackets = {"[", "]", "(", ")", "【", "】", "（", "）", "［", "］"};
                            if (!brackets.contains(std::string_view(doc.source).substr(b, e - b))) return std::nullopt;
                            return Edit{b, e, to};
                        };
                        auto open = bracket(at, "〔"), shut = bracket(close, "〕");
                        if (open && shut && open->end <= shut->begin) f.fix = {*open, *shut};
                    }
                }
                pos = static_cast<std::size_t>(m[0].data() - t.data()) + m[0].size();
            }
        };
        for (std::size_t i : facts.body_blocks) {
            const Block& b = doc.blocks[i];
            scan(b.norm.empty() ? b.text : b.norm, true);
        }
        if (const MetaField* f = facts.field("doc_no")) {
            MappedText mt;
            mt.append_synthetic(f->value, f->offset);
            scan(mt, false);
        }
    }

private:
    static const RE2& pattern() {
        // group 1: the whole 文号; group 2: the opening bracket; group 3: the closing one.
        static const RE2 re(
            R"((\p{Han}{1,12}([\[【(（［])\s*(?:19|20)\d{2}\s*([\]】)）］])\s*第?\s*\d{1,5}\s*[号號]))");
        return re;
    }
};

} // namespace
GK_REGISTER_CHECK("docno-brackets", DocNoBrackets);
} // namespace gk
