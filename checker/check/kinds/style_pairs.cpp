// Kind "pairs" (style.pairs): paired punctuation — 《》 “” ‘’ （） 「」 【】 — left unclosed, closed
// without being opened, or crossed (《…“…》…”) within one paragraph. A paragraph is a body block,
// continued into the next ones (at most 5) while a block ends without a sentence-final mark
// (。！？；) and is not a heading: hard-wrapped lines of a text file and a title split over two
// <p> elements are one paragraph. An open mark is not reported when its close follows within the
// next 6 blocks of the document before another open mark of the pair (a PDF extraction scatters a
// table's header note over lines and cells), nor a close mark whose open stands unclosed within
// the 6 blocks before it (the same note, the other way round). Each problem is reported at
// the mark concerned, with the paragraph's text from there (up to 13 characters, cut before a
// digit: a number after a mark may be personal) as the excerpt; there is no
// mechanical fix (where the missing mark belongs is the editor's call).
//
//   <params>
//     <pair open="《" close="》" what="书名号" what-en="title marks" source="GB/T 15834-2011 4.15"/>
//     <skip-truncated/>   (optional) the last body block of a text that stops mid-sentence
//                         (Facts::truncated) is not judged: what is cut off is not unclosed
//   </params>
//
// The text as printed is read (Block::text of the body blocks), so only the full-width marks are
// pairs; a half-width ( closing a full-width （ leaves the （ unclosed, which is reported.
#include <algorithm>
#include <iterator>
#include <vector>

#include "check/check.hpp"
#include "check/span.hpp"

namespace gk {
namespace {

class Pairs : public Check {
public:
    explicit Pairs(const Rule& rule) {
        if (rule.severity == Severity::error) throw RulesetError("kind pairs: style rules are warning or info, never error");
        const auto params = rule.params();
        for (auto p : params.children("pair")) {
            Pair x{p.attribute("open").as_string(), p.attribute("close").as_string(), p.attribute("what").as_string(),
                   p.attribute("what-en").as_string(), p.attribute("source").as_string()};
            if (utf8::count_code_points(x.open) != 1 || utf8::count_code_points(x.close) != 1 || x.open == x.close)
                throw RulesetError("kind pairs: <pair open= close=> are two different single characters");
            if (x.source.empty()) throw RulesetError("kind pairs: pair " + x.open + x.close + " has no source=");
            if (x.what_en.empty()) x.what_en = x.what;
            std::size_t i = 0;
            x.open_cp = utf8::next(x.open, i);
            i = 0;
            x.close_cp = utf8::next(x.close, i);
            pairs_.push_back(x);
        }
        if (pairs_.empty()) throw RulesetError("kind pairs: no <pair>");
        skip_truncated_ = static_cast<bool>(params.child("skip-truncated"));
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        struct Open {
            std::size_t pair, at, block;
            const MappedText* mt;
        };
        // Open marks carried over a line break: a block that does not end a sentence (a
        // hard-wrapped line of a text file, a title split over two <p>) continues in the next
        // one, for at most kCarry blocks.
        constexpr std::size_t kCarry = 5;
        std::vector<Open> stack;
        auto flush = [&] {
            for (const auto& o : stack)
                if (!closed_soon(doc, facts.body_blocks[o.block], pairs_[o.pair]))
                report(doc, out, *o.mt, o.at, pairs_[o.pair], "「" + pairs_[o.pair].open + "」未闭合（本段没有对应的「" + pairs_[o.pair].close + "」）",
                       "\"" + pairs_[o.pair].open + "\" is not closed in this paragraph (no \"" + pairs_[o.pair].close + "\")");
            stack.clear();
        };
        const std::size_t n = facts.body_blocks.size();
        for (std::size_t k = 0; k < n; ++k) {
            if (skip_truncated_ && !facts.truncated.empty() && k + 1 == n) { stack.clear(); continue; }
            const Block& blk = doc.blocks[facts.body_blocks[k]];
            if (blk.kind == BlockKind::heading) flush(); // a new heading: what was open stays unclosed
            const MappedText& mt = blk.text;
            const std::string& t = mt.text;
            for (std::size_t i = 0; i < t.size();) {
                const std::size_t at = i;
                const char32_t cp = utf8::next(t, i);
                const std::string_view c(t.data() + at, i - at);
                for (std::size_t p = 0; p < pairs_.size(); ++p) {
                    // The code point first (cheap), then the bytes (an invalid byte and U+FFFD
                    // decode alike).
                    if (cp == pairs_[p].open_cp && c == pairs_[p].open) {
                        stack.push_back({p, at, k, &mt});
                    } else if (cp == pairs_[p].close_cp && c == pairs_[p].close) {
                        if (!stack.empty() && stack.back().pair == p) {
                            stack.pop_back();
                        } else {
                            const auto it = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.pair == p; });
                            if (it == stack.rend()) {
                                if (!opened_recently(doc, facts.body_blocks[k], pairs_[p]))
                                report(doc, out, mt, at, pairs_[p], "未配对的「" + pairs_[p].close + "」（前面没有「" + pairs_[p].open + "」）",
                                       "\"" + pairs_[p].close + "\" without an opening \"" + pairs_[p].open + "\"");
                            } else {
                                // Crossed: the innermost open mark is closed after this one.
                                const Open inner = stack.back();
                                report(doc, out, *inner.mt, inner.at, pairs_[inner.pair],
                                       "「" + pairs_[inner.pair].open + "」与「" + pairs_[p].open + pairs_[p].close + "」交叉（应先闭合「" +
                                           pairs_[inner.pair].close + "」）",
                                       "\"" + pairs_[inner.pair].open + "\" crosses \"" + pairs_[p].open + pairs_[p].close + "\" (close \"" +
                                           pairs_[inner.pair].close + "\" first)");
                                stack.erase(std::prev(it.base()), stack.end());
                            }
                        }
                    }
                }
            }
            const bool carried = !stack.empty() && !ends_sentence(t) && k + 1 < n && k + 1 - stack.front().block <= kCarry;
            if (!carried) flush();
        }
        flush();
    }

private:
    struct Pair {
        std::string open, close, what, what_en, source;
        char32_t open_cp = 0, close_cp = 0; // open and close decoded
    };
    // A block's text as printed, its table cells included (each source cell once).
    static std::string text_of(const Block& blk) {
        std::string t = blk.text.text;
        if (blk.table)
            for (const auto& row : blk.table->rows)
                for (const auto& cell : row)
                    if (!cell.span_copy) t += cell.text.text;
        return t;
    }
    // Whether the close of `p` comes before another open of it in the few blocks of the document
    // after block `b` (any blocks, table cells included): text extracted from a PDF scatters a
    // table's header note (「（本列数据的勾稽关系为：…」) over lines and cells.
    static bool closed_soon(const Document& doc, std::size_t b, const Pair& p) {
        constexpr std::size_t kLook = 6;
        for (std::size_t i = b + 1; i < doc.blocks.size() && i <= b + kLook; ++i) {
            const std::string t = text_of(doc.blocks[i]);
            const auto c = t.find(p.close), o = t.find(p.open);
            if (c != std::string::npos && (o == std::string::npos || c < o)) return true;
            if (o != std::string::npos) return false;
        }
        return false;
    }
    // The mirror of closed_soon: an open of `p` left unclosed in the few blocks before block `b`
    // (the header note's 「（」 on a line of its own, its 「）」 lines later).
    static bool opened_recently(const Document& doc, std::size_t b, const Pair& p) {
        constexpr std::size_t kLook = 6;
        for (std::size_t i = b; i-- > 0 && i + kLook >= b;) {
            const std::string t = text_of(doc.blocks[i]);
            const auto c = t.rfind(p.close), o = t.rfind(p.open);
            if (o != std::string::npos && (c == std::string::npos || c < o)) return true;
            if (c != std::string::npos) return false;
        }
        return false;
    }
    // Ends with a sentence-final mark (closing marks after it allowed): 。！？ and their half-width forms.
    static bool ends_sentence(const std::string& t) {
        std::size_t e = t.size();
        while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t')) --e;
        const std::string_view v(t.data(), e);
        for (const char* m : {"。", "！", "？", "!", "?", "；", ";"})
            if (v.ends_with(m)) return true;
        return false;
    }
    static void report(const Document& doc, Emitter& out, const MappedText& mt, std::size_t at, const Pair& p, const std::string& zh,
                       const std::string& en) {
        // The excerpt: the mark and up to 12 characters after it in the paragraph, cut before the
        // first digit (a number after a mark may be personal: 「（身份证号：1101…」).
        std::size_t e = at;
        for (int n = 0; n < 13 && e < mt.text.size(); ++n) {
            std::size_t next = e;
            const char32_t c = utf8::next(mt.text, next);
            if (n > 0 && ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))) break;
            e = next;
        }
        const auto [b, end] = source_span(doc, mt, at, e);
        auto& f = out.emit(b, {{"what", p.what}, {"what_en", p.what_en}, {"detail", zh}, {"detail_en", en}, {"source", p.source}});
        f.end = end;
        f.excerpt = mt.text.substr(at, e - at);
        f.actual = p.open + p.close;
    }
    std::vector<Pair> pairs_;
    bool skip_truncated_ = false;
};

} // namespace
GK_REGISTER_CHECK("pairs", Pairs);
} // namespace gk
