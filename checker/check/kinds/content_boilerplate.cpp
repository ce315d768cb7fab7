// Kind "furniture-in-body" (content.boilerplate): page furniture (字号 大 中 小, 打印本页, 关闭窗口,
// 扫一扫在手机打开当前页 …) left inside the body text — glued to the content, so it is published,
// copied and indexed as part of the document. Blocks the parser already set aside as boilerplate
// are not reported, nor lines that hold nothing but furniture (those are page chrome, not text).
//
//   <params>
//     <furniture>打印本页</furniture> …        RE2 patterns over the normalised text
//     <min-content>15</min-content>           Han characters of real text the block must keep
//   </params>
#include <memory>

#include <re2/re2.h>

#include "check/check.hpp"

namespace gk {
namespace {

class FurnitureInBody : public Check {
public:
    explicit FurnitureInBody(const Rule& rule) {
        const auto params = rule.params();
        std::string alternatives;
        RE2::Options opts; // a bad pattern is one RulesetError line, not RE2's own log line too
        opts.set_log_errors(false);
        for (auto f : params.children("furniture")) {
            const std::string p = f.text().as_string();
            RE2 check(p, opts);
            if (p.empty() || !check.ok()) throw RulesetError("furniture-in-body: bad <furniture> '" + p + "'");
            if (!alternatives.empty()) alternatives += '|';
            alternatives += "(?:" + p + ")";
        }
        if (alternatives.empty()) throw RulesetError("furniture-in-body: no <furniture> patterns");
        pattern_ = std::make_unique<RE2>("(" + alternatives + ")", opts);
        min_content_ = params.child("min-content").text().as_int(15);
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        static const RE2 han(R"(\p{Han})");
        for (std::size_t i : facts.body_blocks) {
            const Block& b = doc.blocks[i];
            const MappedText& mt = b.norm.empty() ? b.text : b.norm;
            re2::StringPiece m;
            if (!pattern_->Match(mt.text, 0, mt.text.size(), RE2::UNANCHORED, &m, 1)) continue;
            const std::size_t at = static_cast<std::size_t>(m.data() - mt.text.data());
            std::string rest = mt.text;
            RE2::GlobalReplace(&rest, *pattern_, "");
            const int content = RE2::GlobalReplace(&rest, han, "");
            if (content < min_content_) continue;
            out.emit(mt.source_at(at), {{"furniture", std::string(m)}}).actual = std::string(m);
        }
    }

private:
    std::unique_ptr<RE2> pattern_;
    int min_content_ = 15;
};

} // namespace
GK_REGISTER_CHECK("furniture-in-body", FurnitureInBody);
} // namespace gk
