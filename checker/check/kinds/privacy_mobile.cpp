// Kind `privacy-mobile`: mobile numbers outside official contact sentences.
// Recognition lives in checker/privacy/ (patterns and labels are data in rulesets/privacy.xml);
// this class only turns matches of one kind into findings. No <params>.
#include "check/check.hpp"
#include "privacy/emit.hpp"
#include "privacy/recognise.hpp"

namespace gk {
namespace {

class PrivacyMobile : public Check {
public:
    explicit PrivacyMobile(const Rule& rule) : config_(privacy::config_for_rule(rule)) {}
    void run(const Document& doc, const Facts&, Emitter& out) const override {
        const auto scan = privacy::scan_document(doc, *config_);
        for (const auto& f : scan.values)
            if (f.kind == privacy::Kind::mobile) privacy::emit_found(out, f);
    }
private:
    std::shared_ptr<const privacy::Config> config_;
};

} // namespace
GK_REGISTER_CHECK("privacy-mobile", PrivacyMobile);
} // namespace gk
