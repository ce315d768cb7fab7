// Kind `privacy-mask-weak`: masks that do not protect. An ID mask that still shows the birth
// date (characters 7–14) or hides fewer than 8 characters; a bank mask hiding fewer than 8; and
// the same value masked differently in two places, so that the two copies stitch together into
// a mask that no longer protects (reported at the later copy, naming the earlier line). Two masks
// are taken for one value when every position visible in both agrees and at least 4 (mobile: 3)
// are visible in both. No <params>.
#include <string>

#include "check/check.hpp"
#include "privacy/recognise.hpp"
#include "privacy/validators.hpp"

namespace gk {
namespace {

class PrivacyMaskWeak : public Check {
public:
    PrivacyMaskWeak(const Rule& rule, const Catalogue& cat) {
        if (!cat.privacy()) throw RulesetError(rule.where() + "kind " + rule.kind + " needs a <data name=\"privacy\"> in the rules directory");
    }
    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        using privacy::Kind;
        if (!facts.privacy) return;
        const auto& scan = *facts.privacy;
        const auto& masks = scan.masks;
        auto emit = [&](const privacy::Found& m, const std::string& why_zh, const std::string& why_en) {
            auto& f = out.emit(m.offset, {{"kind", privacy::kind_zh(m.kind)}, {"kind_en", kind_en(m.kind)},
                                          {"masked", m.value}, {"why", why_zh}, {"why_en", why_en}});
            f.actual = m.value;
            f.extra["kind"] = privacy::kind_id(m.kind);
            f.extra["masked"] = m.value;
        };
        std::vector<bool> reported(masks.size(), false);
        for (std::size_t i = 0; i < masks.size(); ++i) {
            const auto& m = masks[i];
            privacy::MaskAssessment a;
            if (m.kind == Kind::id_number) a = privacy::assess_id_mask(m.value);
            else if (m.kind == Kind::bank_card) a = privacy::assess_bank_mask(m.value);
            if (a.weak) {
                emit(m, a.why_zh, a.why_en);
                reported[i] = true;
            }
        }
        // Stitching (the union itself is never shown: it may be the full value). Bounded so that a huge masked list cannot make this quadratic without end.
        constexpr std::size_t kMaxPairs = 4000;
        for (std::size_t j = 0; j < masks.size() && j < kMaxPairs; ++j) {
            if (reported[j]) continue;
            for (std::size_t i = 0; i < j; ++i) {
                if (masks[i].kind != masks[j].kind) continue;
                const int min_common = masks[j].kind == Kind::mobile ? 3 : 4;
                const auto merged = privacy::stitch(masks[i].value, masks[j].value, min_common);
                if (!merged) continue;
                int hidden = 0;
                for (char c : *merged) hidden += c == '*';
                // Only a union that no longer protects is a finding.
                const bool weak_union = masks[j].kind == Kind::mobile      ? hidden < 4
                                        : masks[j].kind == Kind::bank_card ? privacy::assess_bank_mask(*merged).weak
                                                                           : privacy::assess_id_mask(*merged).weak;
                if (!weak_union) continue;
                const auto line = std::to_string(doc.position(masks[i].offset).line);
                emit(masks[j],
                     "与第" + line + "行的 " + masks[i].value + " 遮盖方式不同，两处拼合后只剩" + std::to_string(hidden) + "位被遮盖",
                     "masked differently from " + masks[i].value + " on line " + line + "; stitched together only " +
                         std::to_string(hidden) + " characters stay hidden");
                reported[j] = true;
                break;
            }
        }
    }
private:
    static const char* kind_en(privacy::Kind k) {
        switch (k) {
        case privacy::Kind::id_number: return "ID number";
        case privacy::Kind::mobile: return "mobile number";
        case privacy::Kind::bank_card: return "bank card";
        case privacy::Kind::address: return "address";
        }
        return "ID number";
    }
};

} // namespace
GK_REGISTER_CHECK("privacy-mask-weak", PrivacyMaskWeak);
} // namespace gk
