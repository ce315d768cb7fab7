// Kind `privacy-value`: unmasked personal values of one kind, from the document's privacy scan
// (Facts::privacy). <params kind="..."/> names the kind:
//  - `id-number`: resident ID numbers (18-character with valid check digit, real birth date and
//    province code; 15-digit old form);
//  - `mobile`: mobile numbers outside official contact sentences;
//  - `bank-card`: bank card/account numbers near 银行卡/卡号/账号/开户行/代发 (Luhn raises confidence).
// Recognition lives in checker/privacy/ (patterns and labels are data in rulesets/privacy.xml) and
// runs once per document in extract; this class only turns the values of its kind into findings.
#include <string>

#include "check/check.hpp"
#include "check/kinds/privacy_emit.hpp"
#include "privacy/recognise.hpp"

namespace gk {
namespace {

class PrivacyValue : public Check {
public:
    PrivacyValue(const Rule& rule, const Catalogue& cat) {
        if (!cat.privacy()) throw RulesetError(rule.where() + "kind " + rule.kind + " needs a <data name=\"privacy\"> in the rules directory");
        const std::string kind = rule.params().text("@kind");
        if (kind == privacy::kind_id(privacy::Kind::id_number)) kind_ = privacy::Kind::id_number;
        else if (kind == privacy::kind_id(privacy::Kind::mobile)) kind_ = privacy::Kind::mobile;
        else if (kind == privacy::kind_id(privacy::Kind::bank_card)) kind_ = privacy::Kind::bank_card;
        else throw RulesetError(rule.where() + "kind privacy-value: <params kind=\"id-number|mobile|bank-card\"/> expected, not '" + kind + "'");
    }
    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        if (!facts.privacy) return;
        for (const auto& f : facts.privacy->values)
            if (f.kind == kind_) privacy::emit_found(doc, out, f);
    }
private:
    privacy::Kind kind_ = privacy::Kind::id_number;
};

} // namespace
GK_REGISTER_CHECK("privacy-value", PrivacyValue);
} // namespace gk
