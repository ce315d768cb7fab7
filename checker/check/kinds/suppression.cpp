// Kind "suppression" (suppression.unused, suppression.unknown): the rules of inline
// suppression directives. Their findings are made by apply_suppressions (check/suppress.hpp)
// after every other check has run, since only then is it known what a directive suppressed;
// the kind itself judges nothing and takes no parameters.
#include "check/check.hpp"

namespace gk {
namespace {

class Suppression : public Check {
public:
    explicit Suppression(const Rule&) {}
    void run(const Document&, const Facts&, Emitter&) const override {}
};

} // namespace

GK_REGISTER_CHECK("suppression", Suppression);

} // namespace gk
