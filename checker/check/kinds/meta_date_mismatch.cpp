// Kind "signature-date-mismatch" (meta.date.mismatch): the 成文日期/生成日期 of the metadata
// block differs from the date printed under the issuing organ's signature (落款).
#include "check/check.hpp"

namespace gk {
namespace {

class SignatureDateMismatch : public Check {
public:
    explicit SignatureDateMismatch(const Rule&) {}
    void run(const Document&, const Facts& facts, Emitter& out) const override {
        const auto created = facts.date("created");
        if (!created) return;
        const auto& sig = facts.signature;
        if (!sig || !sig->date.valid() || sig->date == *created) return;
        auto& f = out.emit(facts.field("created")->offset,
                           {{"created", created->iso()}, {"signed", sig->date.iso()}});
        f.expected = sig->date.iso();
        f.actual = created->iso();
    }
};

} // namespace
GK_REGISTER_CHECK("signature-date-mismatch", SignatureDateMismatch);
} // namespace gk
