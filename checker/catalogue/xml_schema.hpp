// XmlSchema: one XSD, read and applied with the safety rules of docs/ROBUSTNESS.md "Rulesets" —
// shared by the ruleset loader (ruleset.xsd) and the scoring-scheme loader (scoring/scoring.xsd).
//
// Guarantees:
// - The schema is one self-contained file: xs:import, xs:include, xs:redefine and xs:override
//   are refused (libxml2 would read other files or URLs).
// - Neither the schema nor a validated file may have a DOCTYPE (no DTD, no entity is ever
//   expanded), a validated file may not use XInclude, and nothing is read from the network.
// - Every failure throws RulesetError with file:line of the first problem; the messages name
//   what is validated ("ruleset" or "scoring scheme").
#pragma once

#include <string>

#include "catalogue/catalogue.hpp"

struct _xmlDoc;
struct _xmlSchema;

namespace gk {

class XmlSchema {
public:
    enum What { ruleset, scoring_scheme };
    // Throws RulesetError when the schema is missing, malformed or refers to other files.
    XmlSchema(const std::string& xsd_path, What what);
    ~XmlSchema();
    XmlSchema(const XmlSchema&) = delete;
    XmlSchema& operator=(const XmlSchema&) = delete;

    // Validates `text` (the bytes of `file`); throws RulesetError with file:line of the first problem.
    void validate(const std::string& file, const std::string& text) const;

private:
    What what_;
    std::string xsd_name_;
    _xmlDoc* doc_ = nullptr;
    _xmlSchema* schema_ = nullptr;
};

} // namespace gk
