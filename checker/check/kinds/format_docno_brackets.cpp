// Kind "docno-brackets" (format.docno.brackets): the year of a 文号 must be enclosed in 六角括号
// 〔〕 (GB/T 9704-2012 7.2.4); [2020] (2020) （2020） 【2020】 ［2020］ are reported. Only
// 文号-shaped text is considered — an organ abbreviation, the bracketed year, a number and 号 —
// so 〔〕 and ﹝﹞ used as ordinary brackets (「政府﹝管委﹞」) and years in parentheses inside
// sentences (「规划(2018—2022年)」) are not touched. The metadata 文号 field is checked too.
#include <set>

#include <re2/re2.h>

#include "check/check.hpp"

namespace gk {
namespace {

class DocNoBrackets : public Check {
public:
    explicit DocNoBrackets(const Rule&) {}

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        std::set<SourceOffset> seen;
        auto scan = [&](const MappedText& mt) {
            const std::string& t = mt.text;
            re2::StringPiece input(t), m[3];
            std::size_t pos = 0;
            while (pos < t.size() && pattern().Match(input, pos, t.size(), RE2::UNANCHORED, m, 3)) {
                const std::size_t at = static_cast<std::size_t>(m[2].data() - t.data());
                const SourceOffset off = mt.source_at(at);
                if (seen.insert(off).second) {
                    const std::string docno(m[1]);
                    auto& f = out.emit(off, {{"docno", docno}, {"fixed", page::canonical_docno(docno)}});
                    f.actual = docno;
                    f.expected = page::canonical_docno(docno);
                }
                pos = static_cast<std::size_t>(m[0].data() - t.data()) + m[0].size();
            }
        };
        for (std::size_t i : facts.body_blocks) {
            const Block& b = doc.blocks[i];
            scan(b.norm.empty() ? b.text : b.norm);
        }
        if (const MetaField* f = facts.field("doc_no")) {
            MappedText mt;
            mt.append_synthetic(f->value, f->offset);
            scan(mt);
        }
    }

private:
    static const RE2& pattern() {
        // group 1: the whole 文号; group 2: the opening bracket.
        static const RE2 re(
            R"((\p{Han}{1,12}([\[【(（［])\s*(?:19|20)\d{2}\s*[\]】)）］]\s*第?\s*\d{1,5}\s*[号號]))");
        return re;
    }
};

} // namespace
GK_REGISTER_CHECK("docno-brackets", DocNoBrackets);
} // namespace gk
