// Kind "cross-year" (cross.carryover, cross.rollforward, cross.duplicate): rules across one
// agency's reports of consecutive years. On a single document it reports nothing; the rules run
// over the results database at the end of a batch (check/cross.hpp, `gkcheck audit`). The
// constructor validates the parameters: check="carryover|rollforward|duplicate", rows= (table 二
// rows for rollforward), sections=, threshold= (percent, 1–100) and min-chars= for duplicate,
// and the <not-verifiable lang=…> messages of carryover and rollforward.
#include "check/check.hpp"

#include <string>

namespace gk {

namespace {

class CrossYear : public Check {
public:
    explicit CrossYear(const Rule& rule) {
        const Params p = rule.params();
        const std::string check = p.attribute("check").as_string();
        if (check != "carryover" && check != "rollforward" && check != "duplicate")
            throw RulesetError(rule.where() + "kind cross-year: check= must be carryover, rollforward or duplicate");
        if (check == "duplicate") {
            const int threshold = p.attribute("threshold").as_int(0);
            if (threshold < 1 || threshold > 100) throw RulesetError(rule.where() + "kind cross-year: threshold= must be 1..100 (percent)");
            if (std::string(p.attribute("sections").as_string()).empty())
                throw RulesetError(rule.where() + "kind cross-year: duplicate needs sections=");
            p.attribute("min-chars");
        } else {
            bool zh = false, en = false;
            for (auto m : p.children("not-verifiable")) {
                const std::string lang = m.attribute("lang").as_string();
                zh = zh || lang == "zh";
                en = en || lang == "en";
            }
            if (!zh || !en) throw RulesetError(rule.where() + "kind cross-year: <not-verifiable lang=\"zh\"> and lang=\"en\" are required");
            if (check == "rollforward" && std::string(p.attribute("rows").as_string()).empty())
                throw RulesetError(rule.where() + "kind cross-year: rollforward needs rows=");
        }
    }
    void run(const Document&, const Facts&, Emitter&) const override {}
};

} // namespace

GK_REGISTER_CHECK("cross-year", CrossYear);

} // namespace gk
