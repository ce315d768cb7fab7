// Kind "index-number-checksum" (meta.index.checksum): when the 索引号 starts with an
// 18-character 统一社会信用代码 its check character must be right (GB 32100-2015); when it starts
// with a 9-character 组织机构代码, its check digit (GB 11714). A 9-digit prefix written without
// hyphen or letter may be a site's own code rather than a 组织机构代码, so it is reported at the
// severity given by <params><digits-only-severity> (default: warning).
#include "check/check.hpp"
#include "check/kinds/codes.hpp"

namespace gk {
namespace {

class IndexNumberChecksum : public Check {
public:
    explicit IndexNumberChecksum(const Rule& rule) : severity_(rule.severity) {
        const std::string s = rule.params().child("digits-only-severity").text().as_string("warning");
        const auto sev = severity_from_string(s);
        if (!sev) throw RulesetError("index-number-checksum: bad digits-only-severity '" + s + "'");
        digits_only_ = *sev;
    }

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        const MetaField* f = facts.field("index_no");
        if (!f) return;
        const auto& n = facts.index_number;
        if (!n) return;
        if (n->kind == page::PrefixKind::credit_code) {
            const auto want = page::uscc_check_char(n->code.substr(0, 17));
            if (!want) { // a character outside the GB 32100 alphabet
                emit(out, f, severity_, n->code, "?", "统一社会信用代码", "unified social credit code", "GB 32100-2015");
            } else if (*want != n->code[17]) {
                emit(out, f, severity_, n->code, std::string(1, *want), "统一社会信用代码", "unified social credit code",
                     "GB 32100-2015");
            }
        } else if (n->kind == page::PrefixKind::org_code) {
            const auto want = page::org_code_check_char(n->code.substr(0, 8));
            if (want && *want == n->code[8]) return;
            const bool unmistakable = n->org_code_hyphenated ||
                                      n->code.find_first_not_of("0123456789") != std::string::npos;
            emit(out, f, unmistakable ? severity_ : digits_only_, n->code, want ? std::string(1, *want) : "?",
                 "组织机构代码", "organisation code", "GB 11714");
        }
    }

private:
    static void emit(Emitter& out, const MetaField* f, Severity sev, const std::string& code, const std::string& want,
                     const char* what, const char* what_en, const char* standard) {
        auto& finding = out.emit(f->offset, sev,
                                 {{"code", code}, {"expected", want}, {"actual", std::string(1, code.back())},
                                  {"what", what}, {"what_en", what_en}, {"standard", standard}});
        finding.expected = want;
        finding.actual = std::string(1, code.back());
    }

    Severity severity_;
    Severity digits_only_ = Severity::warning;
};

} // namespace
GK_REGISTER_CHECK("index-number-checksum", IndexNumberChecksum);
} // namespace gk
