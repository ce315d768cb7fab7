// Kind "attribute-unpublishable" (label.attribute.unpublishable): a published page whose text is
// marked 依申请公开 or 不予公开 — such a document should not be on the website at all
// (domain.md §3.1, P-2). Without a marking in the text, the 公开方式 field decides; when both
// exist and disagree, label.attribute.conflict reports the field.
#include "check/check.hpp"
#include "check/kinds/disclosure_lexicon.hpp"

namespace gk {
namespace {

class AttributeUnpublishable : public Check {
public:
    AttributeUnpublishable(const Rule& rule, const Catalogue& cat) : lexicon_(lexicon_of(rule, cat)) {}

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        const auto& markings = facts.disclosure.markings;
        for (const auto& m : markings) {
            const page::Attribute* a = lexicon_->attribute(m.attribute);
            if (!a || a->publishable) continue;
            out.emit(m.offset, {{"marking", m.text}, {"attribute", a->zh}, {"attribute_en", a->en}}).actual = a->id;
        }
        if (!markings.empty()) return;
        const page::Attribute* field = lexicon_->attribute(facts.disclosure.field);
        if (field && !field->publishable)
            out.emit(facts.field("disclosure")->offset,
                     {{"marking", facts.field("disclosure")->value}, {"attribute", field->zh},
                      {"attribute_en", field->en}})
                .actual = field->id;
    }

private:
    const page::DisclosureLexicon* lexicon_;
};

} // namespace
GK_REGISTER_CHECK("attribute-unpublishable", AttributeUnpublishable);
} // namespace gk
