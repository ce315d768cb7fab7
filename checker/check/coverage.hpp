// Coverage: which rule families ran on a document, which did not apply and why, and what could not
// be verified — so that a document without findings is never taken for a clean one when its rules
// did not run or its tables could not be read ("not checked is never clean").
//
// Guarantees:
// - coverage_of() is a pure function of the rules, the run's selection and the document's Facts
//   (the same applicability test RuleSet::run uses), computed once per document by the pipeline.
// - Every family of the catalogue appears once, sorted by name: a family is a rule id's first
//   segment ("report", "table", "privacy" …).
// - A family whose rules all did not apply carries the reasons, in Chinese and English.
// - not_verifiable lists each template table that was found but could not be read in full, and a
//   cut-off text (Facts::truncated), each with its reason and location.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "core/finding.hpp"
#include "extract/facts.hpp"

namespace gk {

struct FamilyCoverage {
    std::string family;            // "report", "table", "text", "meta", "privacy", …
    std::size_t ran = 0;           // rules of the family that ran on the document
    std::size_t not_applicable = 0;// rules for this type of document that did not apply (year, template)
    std::size_t other_type = 0;    // rules for other types of document (a notice's rules on a report)
    std::size_t disabled = 0;      // rules switched off for the run (--disable)
    // Why rules did not apply: the reasons of the not_applicable rules (distinct, joined by ；
    // or "; "), else, when the family is only for other types of document, that reason.
    std::string why, why_en;
    // "ran" (every enabled rule for this type ran), "partial" (some did not apply),
    // "not-applicable" (none ran), "disabled" (every rule switched off).
    std::string status() const;
    bool operator==(const FamilyCoverage&) const = default;
};

struct NotVerifiable {
    std::string what;              // "table" (with table set) or "text"
    std::string table;             // template table id ("requests" …) when what == "table"
    std::string why, why_en;       // the reason (a table's is the extractor's, in Chinese only)
    SourceOffset offset = 0;
    bool operator==(const NotVerifiable&) const = default;
};

struct Coverage {
    std::vector<FamilyCoverage> families;
    std::vector<NotVerifiable> not_verifiable;
    bool operator==(const Coverage&) const = default;
};

// Whether a rule's <applies> matches a document, and if not, the first condition that fails (the
// one test behind applies_to() and the reasons of coverage_of()).
enum class Applies { yes, other_type, year_unknown, before_min_year, after_max_year, other_template };
Applies applicability(const Applicability& a, const Facts& f);

// Why a rule's <applies> does not match the document, in Chinese and English ("" when it does).
std::pair<std::string, std::string> why_not_applicable(const Applicability& a, const Facts& f);

// The coverage of one document: `selection` is parallel to `rules` (true = enabled for the run).
Coverage coverage_of(const std::vector<Rule>& rules, const std::vector<bool>& selection, const Facts& facts);

} // namespace gk
