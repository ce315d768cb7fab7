// Kind "attribute-unpublishable" (label.attribute.unpublishable): a published page whose text is
// marked 依申请公开 or 不予公开 — such a document should not be on the website at all
// (domain.md §3.1, P-2). Without a marking in the text, the 公开方式 field decides; when both
// exist and disagree, label.attribute.conflict reports the field.
#include "check/check.hpp"
#include "catalogue/disclosure.hpp"
#include "extract/page_text.hpp"

namespace gk {
namespace {

class AttributeUnpublishable : public Check {
public:
    AttributeUnpublishable(const Rule& rule, const Catalogue& cat) : lexicon_(page::DisclosureLexicon::for_rule(rule, cat)) {}

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const auto markings = lexicon_->markings(doc, facts);
        for (const auto& m : markings) {
            if (m.attribute->publishable) continue;
            out.emit(m.offset, {{"marking", m.text}, {"attribute", m.attribute->zh}, {"attribute_en", m.attribute->en}})
                .actual = m.attribute->id;
        }
        if (!markings.empty()) return;
        const page::Attribute* field = lexicon_->field_attribute(facts);
        if (field && !field->publishable)
            out.emit(page::meta(facts, "disclosure")->offset,
                     {{"marking", page::meta(facts, "disclosure")->value}, {"attribute", field->zh},
                      {"attribute_en", field->en}})
                .actual = field->id;
    }

private:
    std::shared_ptr<const page::DisclosureLexicon> lexicon_;
};

} // namespace
GK_REGISTER_CHECK("attribute-unpublishable", AttributeUnpublishable);
} // namespace gk
