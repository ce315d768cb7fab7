// Kind "metadata-date-order" (meta.date.order): 发布日期 earlier than 成文日期 — a page cannot be
// published before the document was made (伪造发稿日期 is a 单项否决 item, domain.md §5.1, M-1).
#include "check/check.hpp"

namespace gk {
namespace {

class MetadataDateOrder : public Check {
public:
    explicit MetadataDateOrder(const Rule&) {}
    void run(const Document&, const Facts& facts, Emitter& out) const override {
        const auto created = facts.date("created");
        const auto published = facts.date("published");
        if (!created || !published || !(*published < *created)) return;
        auto& f = out.emit(facts.field("published")->offset,
                           {{"created", created->iso()}, {"published", published->iso()}});
        f.expected = created->iso();
        f.actual = published->iso();
    }
};

} // namespace
GK_REGISTER_CHECK("metadata-date-order", MetadataDateOrder);
} // namespace gk
