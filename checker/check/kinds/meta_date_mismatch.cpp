// Kind "signature-date-mismatch" (meta.date.mismatch): the 成文日期/生成日期 of the metadata
// block differs from the date printed under the issuing organ's signature (落款).
#include "check/check.hpp"
#include "extract/page_text.hpp"

namespace gk {
namespace {

class SignatureDateMismatch : public Check {
public:
    explicit SignatureDateMismatch(const Rule&) {}
    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const auto created = page::field_date(facts, "created");
        if (!created) return;
        const auto sig = page::find_signature(doc, facts);
        if (!sig || !page::is_valid(sig->date) || sig->date == *created) return;
        auto& f = out.emit(page::meta(facts, "created")->offset,
                           {{"created", created->iso()}, {"signed", sig->date.iso()}});
        f.expected = sig->date.iso();
        f.actual = created->iso();
    }
};

} // namespace
GK_REGISTER_CHECK("signature-date-mismatch", SignatureDateMismatch);
} // namespace gk
