// Scoring schemes (rulesets/scoring/*.xml, validated by rulesets/scoring/scoring.xsd): how an
// evaluator turns gkcheck's findings and facts into points. Data only; report/score.hpp applies
// a scheme to documents. docs/SCORING.md documents the format and the bundled default scheme.
//
// Guarantees:
// - A scheme is read with the safety of the rulesets (catalogue/xml_schema.hpp: no DTD, no
//   entity, no XInclude, no network) and validated against scoring.xsd of its own directory.
// - Beyond the XSD: ids are unique, each dimension's max equals the sum of its indicators' max,
//   and every indicator cites a source. Any problem throws RulesetError with file:line.
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"

namespace gk {

struct ScoringDeduct {
    std::vector<std::string> rules;     // rule ids, or prefixes written "table.*" (stored "table.")
    std::vector<std::string> severities; // empty: error and warning
    double points = 0;
    double cap = -1;                    // < 0: no cap but the indicator's max
    bool matches(const std::string& rule, const std::string& severity) const;
};

struct ScoringRequire {
    std::string table, section;         // one of them: a template table id, or a level-1 section number (一…六)
    double points = 0;
    std::vector<std::string> rules;     // the rules whose finding is the trace when the content is absent
};

struct ScoringSource {
    std::string ref;                    // "domain.md#1.1" (a section of ../shared/spec/domain.md)
    std::string text;
};

struct ScoringIndicator {
    enum class Kind { findings, presence, timeliness, unverifiable };
    std::string id;
    std::string name_zh, name_en;
    std::vector<ScoringSource> sources;
    double max = 0;
    Kind kind = Kind::findings;
    std::vector<ScoringDeduct> deducts;   // findings
    std::vector<ScoringRequire> requires_; // presence
    std::vector<std::string> rules;      // timeliness: the late-publication rule(s)
    double per_day = 0, min_points = 0, unknown_date_points = 0; // timeliness
    double per_item = 0;                 // unverifiable
    int line = 0;
    const std::string& name(const std::string& lang) const { return lang == "en" && !name_en.empty() ? name_en : name_zh; }
};

struct ScoringDimension {
    std::string id, name_zh, name_en;
    double max = 0;
    std::vector<ScoringIndicator> indicators;
    const std::string& name(const std::string& lang) const { return lang == "en" && !name_en.empty() ? name_en : name_zh; }
};

struct ScoringScheme {
    std::string id, file;
    int version = 1;
    std::string name_zh, name_en, description_zh, description_en;
    std::vector<std::string> required_families; // families that must have run for a report to be ranked
    std::vector<ScoringDimension> dimensions;
    double max() const;
    const std::string& name(const std::string& lang) const { return lang == "en" && !name_en.empty() ? name_en : name_zh; }
};

// Parses and checks a scheme. `file` names it in messages; `xsd_path` is the schema to
// validate against. Throws RulesetError.
ScoringScheme parse_scoring_scheme(const std::string& text, const std::string& file, const std::string& xsd_path);
// Loads `name_or_path`: a path to an .xml file (validated by scoring.xsd in the same directory,
// else by `rules_dir`/scoring/scoring.xsd), or a name ("default") of `rules_dir`/scoring/NAME.xml.
ScoringScheme load_scoring_scheme(const std::string& name_or_path, const std::string& rules_dir);

} // namespace gk
