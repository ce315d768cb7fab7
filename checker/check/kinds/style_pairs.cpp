// Kind "pairs" (style.pairs): paired punctuation — 《》 “” ‘’ （） 「」 【】 — left unclosed, closed
// without being opened, or crossed (《…“…》…”) within one paragraph. Each problem is reported at
// the mark concerned, with the paragraph's text from there as the excerpt; there is no
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
            pairs_.push_back(x);
        }
        if (pairs_.empty()) throw RulesetError("kind pairs: no <pair>");
        skip_truncated_ = static_cast<bool>(params.child("skip-truncated"));
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        for (std::size_t k = 0; k < facts.body_blocks.size(); ++k) {
            if (skip_truncated_ && !facts.truncated.empty() && k + 1 == facts.body_blocks.size()) continue;
            const MappedText& mt = doc.blocks[facts.body_blocks[k]].text;
            const std::string& t = mt.text;
            struct Open {
                std::size_t pair, at;
            };
            std::vector<Open> stack;
            for (std::size_t i = 0; i < t.size();) {
                const std::size_t at = i;
                utf8::next(t, i);
                const std::string_view c(t.data() + at, i - at);
                for (std::size_t p = 0; p < pairs_.size(); ++p) {
                    if (c == pairs_[p].open) {
                        stack.push_back({p, at});
                    } else if (c == pairs_[p].close) {
                        if (!stack.empty() && stack.back().pair == p) {
                            stack.pop_back();
                        } else {
                            const auto it = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.pair == p; });
                            if (it == stack.rend()) {
                                report(doc, out, mt, at, pairs_[p], "未配对的「" + pairs_[p].close + "」（前面没有「" + pairs_[p].open + "」）",
                                       "\"" + pairs_[p].close + "\" without an opening \"" + pairs_[p].open + "\"");
                            } else {
                                // Crossed: the innermost open mark is closed after this one.
                                const Open inner = stack.back();
                                report(doc, out, mt, inner.at, pairs_[inner.pair],
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
            for (const auto& o : stack)
                report(doc, out, mt, o.at, pairs_[o.pair], "「" + pairs_[o.pair].open + "」未闭合（本段没有对应的「" + pairs_[o.pair].close + "」）",
                       "\"" + pairs_[o.pair].open + "\" is not closed in this paragraph (no \"" + pairs_[o.pair].close + "\")");
        }
    }

private:
    struct Pair {
        std::string open, close, what, what_en, source;
    };
    static void report(const Document& doc, Emitter& out, const MappedText& mt, std::size_t at, const Pair& p, const std::string& zh,
                       const std::string& en) {
        // The excerpt: the mark and up to 12 characters after it in the paragraph.
        std::size_t e = at;
        for (int n = 0; n < 13 && e < mt.text.size(); ++n) utf8::next(mt.text, e);
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
