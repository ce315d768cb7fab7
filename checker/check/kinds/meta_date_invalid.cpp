// Kind "metadata-date-invalid" (meta.date.invalid): a metadata date that cannot exist
// (2020-02-30, month 13) or lies in the future (after today in China).
//
//   <params><fields>created published</fields></params>
#include <sstream>

#include "check/check.hpp"
#include "normalise/dates.hpp"

namespace gk {
namespace {

class MetadataDateInvalid : public Check {
public:
    explicit MetadataDateInvalid(const Rule& rule) {
        std::istringstream in(rule.params().child("fields").text().as_string("created published"));
        for (std::string w; in >> w;) fields_.push_back(w);
        if (fields_.empty()) throw RulesetError("metadata-date-invalid: <fields> is empty");
    }

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        const page::Date today = page::today_cn();
        for (const auto& key : fields_) {
            // Not Facts::field(): an impossible date may have left the value empty and only `raw` set.
            const auto it = facts.metadata.find(key);
            const auto date = facts.dates.find(key);
            if (it == facts.metadata.end() || date == facts.dates.end()) continue;
            const MetaField* f = &it->second;
            // As printed (MetaDate::printed): the extractor may have dropped or repaired an impossible date.
            const auto& d = date->second.printed;
            if (!d) continue;
            char printed[32];
            std::snprintf(printed, sizeof printed, "%d-%d-%d", d->year % 10000, d->month % 100, d->day % 100);
            if (!d->valid()) {
                out.emit(f->offset, {{"field", f->label.empty() ? key : f->label}, {"date", printed},
                                     {"why", "日期不存在"}, {"why_en", "no such date"}});
            } else if (today < *d) {
                out.emit(f->offset, {{"field", f->label.empty() ? key : f->label}, {"date", d->iso()},
                                     {"why", "晚于今天"}, {"why_en", "in the future"}});
            }
        }
    }

private:
    std::vector<std::string> fields_;
};

} // namespace
GK_REGISTER_CHECK("metadata-date-invalid", MetadataDateInvalid);
} // namespace gk
