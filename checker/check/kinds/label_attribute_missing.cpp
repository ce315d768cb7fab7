// Kind "attribute-missing" (label.attribute.missing): a 公文 — it has a 文号 or an issuing
// organ's signature with a date — that shows its 公开属性 neither as a marking in the text
// (「（此件公开发布）」 …) nor in a 公开方式/公开属性 field (domain.md §3.1, P-1).
//
//   <params><since>2017-01-01</since></params>   documents dated earlier are not judged: source
//                                                 determination of the attribute dates from
//                                                 国办发〔2016〕80号.
#include <re2/re2.h>

#include "check/check.hpp"
#include "check/kinds/disclosure_lexicon.hpp"
#include "normalise/dates.hpp"

namespace gk {
namespace {

class AttributeMissing : public Check {
public:
    AttributeMissing(const Rule& rule, const Catalogue& cat) {
        lexicon_of(rule, cat); // the markings of Facts::disclosure need it
        if (auto s = rule.params().child("since")) {
            const auto d = grammar::first_date(s.text().as_string());
            if (!d || !d->valid()) throw RulesetError("attribute-missing: bad <since>");
            since_ = *d;
        }
        const std::string exempt = rule.params().child("exempt-docno").text().as_string();
        if (!exempt.empty()) {
            exempt_ = std::make_shared<RE2>(exempt);
            if (!exempt_->ok()) throw RulesetError("attribute-missing: bad <exempt-docno>: " + exempt_->error());
        }
    }

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        if (facts.field("disclosure")) return; // a field is there (its value is judged elsewhere)
        if (!facts.disclosure.markings.empty()) return;
        const MetaField* docno = facts.field("doc_no");
        const auto& body_docno = facts.body_docno;
        const auto& signature = facts.signature;
        if (!docno && !body_docno && !signature) return; // not a 公文
        if (exempt_ && ((docno && RE2::PartialMatch(docno->value, *exempt_)) ||
                        (body_docno && RE2::PartialMatch(body_docno->text, *exempt_))))
            return;
        std::optional<page::Date> dated = facts.date("created");
        if (!dated && signature && signature->date.valid()) dated = signature->date;
        if (!dated) dated = facts.date("published");
        if (dated && *dated < since_) return;
        SourceOffset at = facts.title_offset;
        if (signature) at = signature->date_offset;
        else if (body_docno) at = body_docno->offset;
        else if (docno) at = docno->offset;
        out.emit(at, {});
    }

private:
    page::Date since_{1900, 1, 1};
    std::shared_ptr<RE2> exempt_;
};

} // namespace
GK_REGISTER_CHECK("attribute-missing", AttributeMissing);
} // namespace gk
