// The check engine: rules are data (XML in rulesets/), each naming a *kind* implemented by one
// small C++ class registered by name (the clang-tidy model).
//
//   <rule id="report.section.missing" kind="required-sections" severity="error">
//     <applies types="annual-report" min-year="2019"/>
//     <message lang="zh">缺少必备章节「{section}」</message>
//     <message lang="en">Required section missing: {section_en}</message>
//     ...kind-specific parameter elements...
//   </rule>
//
// A Check is constructed once per RuleSet from its rule (and the catalogue the rule belongs to) and
// then run on every document; it must not keep per-document state (checks run on several
// documents at once). Rules, parameters and ruleset data come from the Catalogue
// (catalogue/catalogue.hpp); a kind reads its parameters through Rule::params(), and any
// parameter it never asked for is a load error naming file and line.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "core/finding.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"

namespace gk {

// Whether a rule's <applies> matches a document's facts.
bool applies_to(const Applicability& a, const Facts& f);

// Collects findings for one document and one rule, filling id, severity and messages.
class Emitter {
public:
    Emitter(const Rule& rule, std::deque<Finding>& out) : rule_(rule), out_(out) {}
    // Formats the rule's zh/en templates with `args` ({name} → value; "{name_en}" is looked up
    // first for English), appends and returns the finding for the caller to add table/row/col.
    // The reference stays valid across later emit() calls: findings are kept in a deque, whose
    // push_back never moves existing elements.
    Finding& emit(SourceOffset at, const std::map<std::string, std::string>& args = {});
    Finding& emit(SourceOffset at, Severity severity, const std::map<std::string, std::string>& args);
    const Rule& rule() const { return rule_; }
private:
    const Rule& rule_;
    std::deque<Finding>& out_;
};

std::string format_message(const std::string& tmpl, const std::map<std::string, std::string>& args,
                           std::string_view lang);

class Check {
public:
    virtual ~Check() = default;
    virtual void run(const Document& doc, const Facts& facts, Emitter& out) const = 0;
};

using CheckFactory = std::function<std::unique_ptr<Check>(const Rule&, const Catalogue&)>;

// Registry of kinds. Kinds register themselves with GK_REGISTER_CHECK in their own .cpp file.
class CheckRegistry {
public:
    static CheckRegistry& instance();
    void add(const std::string& kind, CheckFactory factory);
    const CheckFactory* find(const std::string& kind) const;
    std::vector<std::string> kinds() const;
private:
    std::map<std::string, CheckFactory> factories_;
};

struct CheckRegistrar {
    CheckRegistrar(const char* kind, CheckFactory f) { CheckRegistry::instance().add(kind, std::move(f)); }
};
// A kind's constructor takes (const Rule&, const Catalogue&) when it needs ruleset data, else
// (const Rule&).
template <class Kind>
std::unique_ptr<Check> make_check(const Rule& rule, const Catalogue& catalogue) {
    if constexpr (std::is_constructible_v<Kind, const Rule&, const Catalogue&>) {
        return std::unique_ptr<Check>(new Kind(rule, catalogue));
    } else {
        (void)catalogue;
        return std::unique_ptr<Check>(new Kind(rule));
    }
}
#define GK_REGISTER_CHECK(KIND, CLASS) \
    static ::gk::CheckRegistrar gk_registrar_##CLASS(KIND, &::gk::make_check<CLASS>)

// The checks of one catalogue: every rule's kind instantiated once. Built once per process.
class RuleSet {
public:
    // Instantiates every rule of the catalogue (on up to 4 threads). Throws RulesetError naming
    // file and line when a kind is unknown, rejects its rule or leaves a parameter of <params>
    // unread: the first such rule in catalogue order.
    explicit RuleSet(const Catalogue& catalogue);

    // Runs every enabled, applicable rule on a document. Findings get position filled from offsets.
    std::vector<Finding> run(const Document& doc, const Facts& facts) const;
    // The same with a selection of rules for this call only (parallel to rules(), as made by
    // selection()); the RuleSet itself is not changed, so calls with different selections may
    // run at once (the HTTP service's per-request enable/disable).
    // `threads` > 1 spreads the rules over that many threads (for a single document on an idle
    // machine); the findings are the same, in the same order, and a rule's exception still reaches
    // the caller (the first failing rule's, in catalogue order).
    std::vector<Finding> run(const Document& doc, const Facts& facts, const std::vector<bool>& selection,
                             unsigned threads = 1) const;

    const Catalogue& catalogue() const { return *catalogue_; }
    const std::vector<std::string>& ruleset_ids() const { return catalogue_->ruleset_ids(); }
    const std::vector<Rule>& rules() const { return catalogue_->rules(); }
    // Disables rules by id or id prefix ("privacy." or "privacy" disables all privacy rules).
    void disable(const std::vector<std::string>& ids_or_prefixes);
    bool enabled(std::size_t rule_index) const { return enabled_[rule_index]; }
    // This RuleSet's enabled rules, minus `disable`, plus `enable` (ids or id prefixes, as for
    // disable()).
    std::vector<bool> selection(const std::vector<std::string>& disable, const std::vector<std::string>& enable) const;
    // Every finding of the rules named by `id_or_prefix` gets `severity` (a project config's
    // "severity"; a kind's own lowering is overridden too). Later calls win.
    void set_severity(const std::string& id_or_prefix, Severity severity);
    std::optional<Severity> severity_override(std::size_t rule_index) const { return severity_[rule_index]; }
    // The ids or prefixes of `ids` that name no loaded rule (an error for callers, not silence).
    std::vector<std::string> unknown_ids(const std::vector<std::string>& ids) const;
    // Whether `pattern` (an id, "family" or "family.") names rule id `id`.
    static bool names(std::string_view pattern, std::string_view id);

    RuleSet(RuleSet&&) = default;
    RuleSet& operator=(RuleSet&&) = default;

private:
    static std::unique_ptr<Check> make(const Rule& rule, const Catalogue& catalogue);

    const Catalogue* catalogue_;
    std::vector<std::unique_ptr<Check>> checks_; // parallel to catalogue_->rules()
    std::vector<bool> enabled_;
    std::vector<std::optional<Severity>> severity_; // parallel to rules(): set_severity()
};

// What of a RuleSet changes results beyond its ruleset files: every rule's id, whether it is
// enabled and its severity override, one line each. Part of the results database's fingerprint,
// so that `check --db` and `audit` with the same rules, config and --disable share stored results.
std::string selection_signature(const RuleSet& rules);

} // namespace gk
