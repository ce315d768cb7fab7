// Kind `privacy-bank-card`: bank card/account numbers near 银行卡/卡号/账号/开户行/代发 (Luhn raises confidence).
// Recognition lives in checker/privacy/ (patterns and labels are data in rulesets/privacy.xml);
// this class only turns matches of one kind into findings. No <params>.
#include "check/check.hpp"
#include "check/kinds/privacy_emit.hpp"
#include "privacy/recognise.hpp"

namespace gk {
namespace {

class PrivacyBankCard : public Check {
public:
    PrivacyBankCard(const Rule& rule, const Catalogue& cat) : config_(cat.privacy()) {
        if (!config_) throw RulesetError(rule.where() + "kind " + rule.kind + " needs a <data name=\"privacy\"> in the rules directory");
    }
    void run(const Document& doc, const Facts&, Emitter& out) const override {
        const auto scan = privacy::scan_document(doc, *config_);
        for (const auto& f : scan.values)
            if (f.kind == privacy::Kind::bank_card) privacy::emit_found(out, f);
    }
private:
    const privacy::Config* config_;
};

} // namespace
GK_REGISTER_CHECK("privacy-bank-card", PrivacyBankCard);
} // namespace gk
