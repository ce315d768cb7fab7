// Kind "text-truncated" (report.text.truncated, info): the text stops inside a sentence, a table
// row or right after a heading (an excerpt, a cut-off crawl or paste; Facts::truncated, decided
// once in extract). What would have come after the cut cannot be verified: the section and table
// rules report nothing as missing there, and this finding says so, at the cut, so that silence is
// never taken for a clean result. No parameters.
#include "check/check.hpp"

namespace gk {
namespace {

class TextTruncated : public Check {
public:
    explicit TextTruncated(const Rule&) {}

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        if (facts.truncated.empty()) return;
        out.emit(facts.truncated_at, {{"why", facts.truncated}, {"why_en", facts.truncated_en}});
    }
};

} // namespace
GK_REGISTER_CHECK("text-truncated", TextTruncated);
} // namespace gk
