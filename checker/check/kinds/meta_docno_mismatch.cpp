// Kind "docno-mismatch" (meta.docno.mismatch): the 文号 in the metadata block differs from the
// 文号 printed as a line of its own in the body (domain.md M-3). Bracket style and spaces are
// ignored here (format.docno.brackets reports those).
#include "check/check.hpp"
#include "check/span.hpp"

namespace gk {
namespace {

class DocNoMismatch : public Check {
public:
    explicit DocNoMismatch(const Rule&) {}
    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const MetaField* f = facts.field("doc_no");
        if (!f) return;
        const auto& body = facts.body_docno;
        if (!body) return;
        const std::string field = page::canonical_docno(f->value);
        if (field == body->canonical) return;
        auto& finding = out.emit(f->offset, {{"field", f->value}, {"body", body->text}});
        finding.end = raw_end(doc, f->offset, f->raw);
        finding.expected = body->text;
        finding.actual = f->value;
    }
};

} // namespace
GK_REGISTER_CHECK("docno-mismatch", DocNoMismatch);
} // namespace gk
