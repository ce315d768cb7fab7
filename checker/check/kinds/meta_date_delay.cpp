// Kind "metadata-date-delay" (meta.date.delay): 主动公开 information must be published within
// 20 working days of being made (条例第二十六条; domain.md M-2). Working days exclude weekends
// and official holidays and include 调休 working days, from the holiday calendar of the rules
// directory (its <data name="holidays">, compiled once by the catalogue).
//
//   <params>
//     <max-working-days>20</max-working-days>
//     <not-before>2008-05-01</not-before>         documents made before the 条例 are not judged
//   </params>
// Pages whose dates fall in years the calendar does not cover are not judged (an approximate
// count could turn a compliant page into a finding).
#include <stdexcept>

#include "check/check.hpp"
#include "normalise/dates.hpp"

namespace gk {
namespace {

class MetadataDateDelay : public Check {
public:
    MetadataDateDelay(const Rule& rule, const Catalogue& cat) {
        const auto params = rule.params();
        max_days_ = params.child("max-working-days").text().as_int(20);
        if (max_days_ < 1) throw RulesetError("metadata-date-delay: max-working-days must be >= 1");
        calendar_ = cat.holidays();
        if (!calendar_) throw RulesetError(rule.where() + "metadata-date-delay: no <data name=\"holidays\"> in the rules directory");
        if (auto nb = params.child("not-before")) {
            const auto d = grammar::first_date(nb.text().as_string());
            if (!d || !d->valid()) throw RulesetError("metadata-date-delay: bad <not-before>");
            not_before_ = *d;
        }
    }

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        const auto created = facts.date("created");
        const auto published = facts.date("published");
        if (!created || !published || *published <= *created) return;
        if (*created < not_before_) return;
        for (int y = created->year; y <= published->year; ++y)
            if (!calendar_->covers(y)) return;
        const int days = calendar_->working_days_after(*created, *published);
        if (days <= max_days_) return;
        const auto deadline = calendar_->add_working_days(*created, max_days_);
        auto& f = out.emit(facts.field("published")->offset,
                           {{"created", created->iso()}, {"published", published->iso()},
                            {"days", std::to_string(days)}, {"max", std::to_string(max_days_)},
                            {"deadline", deadline.iso()}});
        f.expected = "<=" + std::to_string(max_days_);
        f.actual = std::to_string(days);
    }

private:
    int max_days_ = 20;
    const page::WorkCalendar* calendar_ = nullptr;
    page::Date not_before_{1900, 1, 1};
};

} // namespace
GK_REGISTER_CHECK("metadata-date-delay", MetadataDateDelay);
} // namespace gk
