// Kind "index-number-format" (meta.index.format): the 索引号 matches none of the shapes the
// ruleset lists (RE2 patterns over the normalised value, domain.md §3.5).
//
//   <params><shape name="credit-code/YYYY-N">^[0-9A-Z]{18}/\d{4}-\d{4,8}$</shape> …</params>
#include <memory>
#include <vector>

#include <re2/re2.h>

#include "check/check.hpp"
#include "check/span.hpp"

namespace gk {
namespace {

class IndexNumberFormat : public Check {
public:
    explicit IndexNumberFormat(const Rule& rule) {
        for (auto s : rule.params().children("shape")) {
            auto re = std::make_unique<RE2>(s.text().as_string());
            if (!re->ok()) throw RulesetError("index-number-format: bad pattern '" + std::string(s.text().as_string()) + "': " + re->error());
            shapes_.push_back(std::move(re));
        }
        if (shapes_.empty()) throw RulesetError("index-number-format: needs <shape> patterns");
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const MetaField* f = facts.field("index_no");
        if (!f) return;
        std::string v = f->value;
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
        for (const auto& re : shapes_)
            if (RE2::PartialMatch(v, *re)) return;
        {
            auto& finding = out.emit(f->offset, {{"index", v}});
            finding.actual = v;
            finding.end = raw_end(doc, f->offset, f->raw);
        }
    }

private:
    std::vector<std::unique_ptr<RE2>> shapes_;
};

} // namespace
GK_REGISTER_CHECK("index-number-format", IndexNumberFormat);
} // namespace gk
