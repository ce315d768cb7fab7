// The catalogue: everything a rules directory declares, loaded once and immutable afterwards.
//
// One Catalogue is made per process (or per test) from one rules directory and passed
// explicitly, by const reference, to every stage that needs ruleset data: extract (the
// annual-report table templates, the privacy configuration), check (the rules and their
// parameters), report (rule names, table labels) and redact. There is no global or singleton copy.
//
// What it guarantees:
//  - Each ruleset file is read once and validated once against the directory's ruleset.xsd
//    (libxml2 with XML_PARSE_NONET; external DTDs, entity substitution and XInclude are never
//    enabled; that parse is freed after validation), then parsed by pugixml into a DOM that
//    lives as long as the Catalogue; Rule::node and DataRef::node point into it.
//  - Loading is all-or-nothing: any problem in any file (unreadable, not well-formed,
//    schema-invalid, a duplicate rule or ruleset id, a malformed constraint expression or an
//    operand that names no row, bad privacy/disclosure/holiday data, …) throws RulesetError.
//    Problems inside a file start with "FILE:LINE: "; a missing directory, schema or file, and a
//    schema error libxml2 gives no line for, name the path only. A Catalogue that was returned is
//    complete. Whether a kind finds the data it needs (a missing <data> element) is checked
//    later, when a RuleSet is built from the Catalogue (check/check.hpp), also as RulesetError.
//  - The shared data the stages need is compiled once here, as typed members: the annual
//    templates, the privacy configuration, the disclosure lexicon and the holiday calendar (at
//    most one of each of the last three per rules directory).
//  - A Catalogue's rules and data are never modified after load(), so it may be shared by any
//    number of threads that check documents. One exception: every copy of a Rule's Params shares
//    the record of the parameter names kinds asked for, and building a RuleSet writes it, so the
//    RuleSets of one Catalogue must be built one at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "catalogue/annual_template.hpp"
#include "core/finding.hpp"

namespace gk {

namespace privacy { struct Config; }
namespace page { class DisclosureLexicon; class WorkCalendar; }
class AgencyLexicon;

// Raised while loading a rules directory: the message names file and line.
struct RulesetError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Which documents a rule applies to (<applies types= min-year= max-year= templates=>).
struct Applicability {
    std::vector<std::string> types;      // empty = any document type
    std::optional<int> min_year, max_year;
    std::vector<std::string> templates;  // empty = any
};

// A rule's <params>, with typed access. Every child element and attribute name a kind asks for
// is recorded (copies share the record); after a kind has been constructed from its rule, the
// loader rejects, with file:line, any child element or attribute of <params> it never asked for
// — so a misspelt parameter is an error, never silently ignored. Only the top level of <params>
// is checked: what a kind reads inside a child element is its own business.
class Params {
public:
    Params() = default;
    explicit Params(pugi::xml_node node);

    explicit operator bool() const { return static_cast<bool>(node_); }
    pugi::xml_node child(const char* name) const;
    pugi::xml_object_range<pugi::xml_named_node_iterator> children(const char* name) const;
    pugi::xml_attribute attribute(const char* name) const;

    // Typed reads of a child element's text or of an attribute ("@name").
    std::string text(const char* name, const std::string& fallback = {}) const;
    int integer(const char* name, int fallback) const; // throws RulesetError when not an integer

    // Declares a name as known without reading it (parameters read only in some modes).
    void allow(const char* name) const;
    // Names present in <params> that were never asked for ("name" or "@name"), in document order.
    std::vector<std::string> unknown() const;

private:
    pugi::xml_node node_;
    std::shared_ptr<std::set<std::string>> used_ = std::make_shared<std::set<std::string>>();
};

// One <rule> of a ruleset, as declared. Check kinds are instantiated from it by the check stage.
struct Rule {
    std::string id, kind, ruleset, file;
    int line = 0;                        // line of <rule> in its file
    Severity severity = Severity::warning;
    std::map<std::string, std::string> messages; // lang → template with {name} placeholders
    std::string name;                    // short Chinese name (first line of the zh message template)
    std::map<std::string, std::string> descriptions; // lang → what the rule checks (<description>), may be empty
    std::string doc;                     // documentation: a URI or prose
    // What the rule checks as a sentence in `lang`: its <description>, else the message template
    // with each {placeholder} rendered as "…" (never a raw template).
    std::string description(const std::string& lang) const;
    Applicability applies;
    pugi::xml_node node;                 // the <rule> element
    Params params() const { return params_; }
    std::string where() const { return file + ":" + std::to_string(line) + ": "; }

    Params params_;                      // the <params> element (set by the loader)
};

// A named <data name="..."> element and where it was declared.
struct DataRef {
    pugi::xml_node node;                 // null when not found
    std::string file;
    int line = 0;
    explicit operator bool() const { return static_cast<bool>(node); }
    std::string where() const { return file + ":" + std::to_string(line) + ": "; }
};

class Catalogue {
public:
    // Loads every *.xml of `dir` (sorted by name; the schema is ruleset.xsd in the same directory).
    static std::shared_ptr<const Catalogue> load_directory(const std::string& dir);
    static std::shared_ptr<const Catalogue> load_files(const std::vector<std::string>& files,
                                                       const std::string& xsd_path);

    const std::vector<Rule>& rules() const { return rules_; }
    const Rule* rule(std::string_view id) const;
    const std::vector<std::string>& ruleset_ids() const { return ruleset_ids_; }
    const std::vector<std::string>& files() const { return files_; } // the ruleset files, sorted
    const std::string& directory() const { return dir_; }            // "" when loaded from files

    // The annual-report formats (<data name="annual-template">) of every ruleset.
    const AnnualTemplates& templates() const { return templates_; }
    // The personal-data configuration (<data name="privacy">); null when no ruleset declares it.
    const privacy::Config* privacy() const { return privacy_.get(); }
    // The 公开属性 lexicon (<data name="disclosure-markings">, catalogue/disclosure.hpp); null when
    // no ruleset declares it. Used by extract (Facts::disclosure) and the label.attribute kinds.
    const page::DisclosureLexicon* disclosure() const { return disclosure_.get(); }
    // The official working-day calendar (<data name="holidays">, normalise/dates.hpp); null when
    // no ruleset declares it.
    const page::WorkCalendar* holidays() const { return holidays_.get(); }
    // The agency-name lexicon (<data name="agencies">, catalogue/agency.hpp); null when no ruleset
    // declares it. Used by extract (Facts::agency).
    const AgencyLexicon* agencies() const { return agencies_.get(); }

    // The <data name=NAME> element: that of `near`'s own ruleset first, else the first ruleset
    // (in file order) that declares one. Null DataRef when none does.
    DataRef data(std::string_view name, const Rule* near = nullptr) const;

    Catalogue(const Catalogue&) = delete;
    Catalogue& operator=(const Catalogue&) = delete;
    ~Catalogue();

private:
    Catalogue();
    struct DataEntry { std::string name, ruleset; DataRef ref; };
    std::string dir_;
    std::vector<std::string> files_;
    std::vector<std::unique_ptr<pugi::xml_document>> docs_;
    std::vector<Rule> rules_;
    std::vector<std::string> ruleset_ids_;
    std::vector<DataEntry> data_;
    AnnualTemplates templates_;
    std::shared_ptr<const privacy::Config> privacy_;
    std::shared_ptr<const page::DisclosureLexicon> disclosure_;
    std::shared_ptr<const page::WorkCalendar> holidays_;
    std::shared_ptr<const AgencyLexicon> agencies_;
};

// Line (1-based) of byte `offset` in `text`.
int line_at(std::string_view text, std::ptrdiff_t offset);

} // namespace gk
