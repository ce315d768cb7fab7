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
// A Check is constructed once per process from its rule and then run on every document; it must
// not keep per-document state (checks run on several documents at once).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "core/finding.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"

namespace gk {

// Raised while loading rulesets: names file and line. Loading is all-or-nothing.
struct RulesetError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Applicability {
    std::vector<std::string> types;      // empty = any document type
    std::optional<int> min_year, max_year;
    std::vector<std::string> templates;  // empty = any
    bool matches(const Facts& f) const;
};

struct Rule {
    std::string id, kind, ruleset, file;
    int line = 0;                        // line of <rule> in its file
    Severity severity = Severity::warning;
    std::map<std::string, std::string> messages; // lang → template with {name} placeholders
    std::string doc;                     // documentation URL / text
    Applicability applies;
    pugi::xml_node node;                 // the <rule> element, for kind-specific parameters
};

// Collects findings for one document and one rule, filling id, severity and messages.
class Emitter {
public:
    Emitter(const Rule& rule, std::vector<Finding>& out) : rule_(rule), out_(out) {}
    // Formats the rule's zh/en templates with `args` ({name} → value; "{name_en}" is looked up
    // first for English), appends and returns the finding for the caller to add table/row/col.
    Finding& emit(SourceOffset at, const std::map<std::string, std::string>& args = {});
    Finding& emit(SourceOffset at, Severity severity, const std::map<std::string, std::string>& args);
    const Rule& rule() const { return rule_; }
private:
    const Rule& rule_;
    std::vector<Finding>& out_;
};

std::string format_message(const std::string& tmpl, const std::map<std::string, std::string>& args,
                           std::string_view lang);

class Check {
public:
    virtual ~Check() = default;
    virtual void run(const Document& doc, const Facts& facts, Emitter& out) const = 0;
};

using CheckFactory = std::function<std::unique_ptr<Check>(const Rule&)>;

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
#define GK_REGISTER_CHECK(KIND, CLASS) \
    static ::gk::CheckRegistrar gk_registrar_##CLASS(KIND, [](const ::gk::Rule& r) { \
        return std::unique_ptr<::gk::Check>(new CLASS(r)); })

// All loaded rulesets with their rules and instantiated checks. Created once per process.
class RuleSet {
public:
    // Loads every *.xml in `dir` (except the schema), validating each against ruleset.xsd in the
    // same directory. Throws RulesetError naming file and line on any problem.
    static RuleSet load_directory(const std::string& dir);
    static RuleSet load_files(const std::vector<std::string>& files, const std::string& xsd_path);

    // Runs every applicable rule on a document. Findings get position filled from offsets.
    std::vector<Finding> run(const Document& doc, const Facts& facts) const;

    std::vector<std::string> ruleset_ids() const;
    const std::vector<Rule>& rules() const { return rules_; }
    // Disables rules by id or id prefix ("privacy." disables all privacy rules).
    void disable(const std::vector<std::string>& ids_or_prefixes);
    // Named parameter files shared by rules (e.g. the holiday calendar): <data name=...> elements.

    RuleSet() = default;
    RuleSet(RuleSet&&) = default;
    RuleSet& operator=(RuleSet&&) = default;

private:
    std::vector<std::shared_ptr<pugi::xml_document>> docs_; // keep nodes alive
    std::vector<Rule> rules_;
    std::vector<std::unique_ptr<Check>> checks_; // parallel to rules_
    std::vector<bool> enabled_;
    std::vector<std::string> ruleset_ids_;
};

} // namespace gk
