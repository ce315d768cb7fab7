// Kind "attribute-conflict" (label.attribute.conflict): the 公开方式/公开属性 field states another
// attribute than the marking printed in the text (domain.md §3.1, P-3), or the text carries two
// markings that disagree. Reported at the marking.
#include "check/check.hpp"
#include "check/kinds/disclosure_lexicon.hpp"

namespace gk {
namespace {

class AttributeConflict : public Check {
public:
    AttributeConflict(const Rule& rule, const Catalogue& cat) : lexicon_(lexicon_of(rule, cat)) {}

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        const auto& markings = facts.disclosure.markings;
        if (markings.empty()) return;
        std::vector<const page::Attribute*> attributes;
        for (const auto& m : markings) {
            attributes.push_back(lexicon_->attribute(m.attribute));
            if (!attributes.back()) return; // facts from another catalogue
        }
        const page::Attribute* field = lexicon_->attribute(facts.disclosure.field);
        if (field) {
            for (std::size_t i = 0; i < markings.size(); ++i) {
                const auto& m = markings[i];
                const page::Attribute* a = attributes[i];
                if (lexicon_->agree(*field, *a)) continue;
                auto& f = out.emit(m.offset, {{"field", facts.field("disclosure")->value},
                                              {"field_attribute", field->zh}, {"field_attribute_en", field->en},
                                              {"marking", m.text}, {"attribute", a->zh},
                                              {"attribute_en", a->en}});
                f.expected = field->id;
                f.actual = a->id;
                return;
            }
            return;
        }
        // No field: two markings in the text must agree with each other.
        for (std::size_t i = 1; i < markings.size(); ++i) {
            if (lexicon_->agree(*attributes[0], *attributes[i])) continue;
            auto& f = out.emit(markings[i].offset, {{"field", markings[0].text},
                                                    {"field_attribute", attributes[0]->zh},
                                                    {"field_attribute_en", attributes[0]->en},
                                                    {"marking", markings[i].text}, {"attribute", attributes[i]->zh},
                                                    {"attribute_en", attributes[i]->en}});
            f.expected = attributes[0]->id;
            f.actual = attributes[i]->id;
            return;
        }
    }

private:
    const page::DisclosureLexicon* lexicon_;
};

} // namespace
GK_REGISTER_CHECK("attribute-conflict", AttributeConflict);
} // namespace gk
