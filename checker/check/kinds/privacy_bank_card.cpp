// Kind `privacy-bank-card`: bank card/account numbers near 银行卡/卡号/账号/开户行/代发 (Luhn raises confidence).
// Recognition lives in checker/privacy/ (patterns and labels are data in rulesets/privacy.xml);
// this class only turns matches of one kind into findings. No <params>.
#include "check/check.hpp"
#include "privacy/emit.hpp"
#include "privacy/recognise.hpp"

namespace gk {
namespace {

class PrivacyBankCard : public Check {
public:
    explicit PrivacyBankCard(const Rule& rule) : config_(privacy::config_for_rule(rule)) {}
    void run(const Document& doc, const Facts&, Emitter& out) const override {
        const auto scan = privacy::scan_document(doc, *config_);
        for (const auto& f : scan.values)
            if (f.kind == privacy::Kind::bank_card) privacy::emit_found(out, f);
    }
private:
    std::shared_ptr<const privacy::Config> config_;
};

} // namespace
GK_REGISTER_CHECK("privacy-bank-card", PrivacyBankCard);
} // namespace gk
