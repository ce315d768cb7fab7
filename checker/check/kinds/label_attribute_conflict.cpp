// Kind "attribute-conflict" (label.attribute.conflict): the 公开方式/公开属性 field states another
// attribute than the marking printed in the text (domain.md §3.1, P-3), or the text carries two
// markings that disagree. Reported at the marking.
#include "check/check.hpp"
#include "catalogue/disclosure.hpp"
#include "extract/page_text.hpp"

namespace gk {
namespace {

class AttributeConflict : public Check {
public:
    AttributeConflict(const Rule& rule, const Catalogue& cat) : lexicon_(page::DisclosureLexicon::for_rule(rule, cat)) {}

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const auto markings = lexicon_->markings(doc, facts);
        if (markings.empty()) return;
        const page::Attribute* field = lexicon_->field_attribute(facts);
        if (field) {
            for (const auto& m : markings) {
                if (lexicon_->agree(*field, *m.attribute)) continue;
                auto& f = out.emit(m.offset, {{"field", page::meta(facts, "disclosure")->value},
                                              {"field_attribute", field->zh}, {"field_attribute_en", field->en},
                                              {"marking", m.text}, {"attribute", m.attribute->zh},
                                              {"attribute_en", m.attribute->en}});
                f.expected = field->id;
                f.actual = m.attribute->id;
                return;
            }
            return;
        }
        // No field: two markings in the text must agree with each other.
        for (std::size_t i = 1; i < markings.size(); ++i) {
            if (lexicon_->agree(*markings[0].attribute, *markings[i].attribute)) continue;
            auto& f = out.emit(markings[i].offset, {{"field", markings[0].text},
                                                    {"field_attribute", markings[0].attribute->zh},
                                                    {"field_attribute_en", markings[0].attribute->en},
                                                    {"marking", markings[i].text}, {"attribute", markings[i].attribute->zh},
                                                    {"attribute_en", markings[i].attribute->en}});
            f.expected = markings[0].attribute->id;
            f.actual = markings[i].attribute->id;
            return;
        }
    }

private:
    std::shared_ptr<const page::DisclosureLexicon> lexicon_;
};

} // namespace
GK_REGISTER_CHECK("attribute-conflict", AttributeConflict);
} // namespace gk
