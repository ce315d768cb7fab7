// 公开属性 (disclosure attribute): the markings printed in a document (「（此件公开发布）」 …) and
// the value of the page's 公开方式/公开属性 field, both mapped to one attribute of the ruleset's
// <data name="disclosure-markings"> (../shared/spec/domain.md §3.1).
//
// Guarantees: constructed once per rule from ruleset data (throws std::runtime_error on bad
// data); matching is read-only and thread-safe; markings are recognised in simplified and
// traditional script and with ASCII or full-width parentheses.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "catalogue/catalogue.hpp"
#include "document/document.hpp"
#include "extract/facts.hpp"

namespace re2 { class RE2; }

namespace gk::page {

struct Attribute {
    std::string id;          // "public", "on-request", "withheld", "redacted"
    std::string zh, en;      // 主动公开 / proactively disclosed …
    bool publishable = true; // may be on a public website
    std::vector<std::string> compatible; // other attribute ids a field may show with this marking
};

struct Marking {
    const Attribute* attribute = nullptr;
    std::string text;        // as printed
    SourceOffset offset = 0;
};

class DisclosureLexicon {
public:
    // Builds the lexicon from the catalogue's <data name="disclosure-markings"> (the rule's own
    // ruleset first). Throws RulesetError naming file and line.
    static std::shared_ptr<const DisclosureLexicon> for_rule(const Rule& rule, const Catalogue& cat);
    explicit DisclosureLexicon(pugi::xml_node data);
    ~DisclosureLexicon();

    // Every marking in the body of the document, in document order.
    std::vector<Marking> markings(const Document& doc, const Facts& facts) const;
    // The attribute the 公开方式/公开属性 field states (metadata key "disclosure"), if any.
    const Attribute* field_attribute(const Facts& facts) const;
    // True when a field showing `field` agrees with a marking showing `marking`.
    bool agree(const Attribute& field, const Attribute& marking) const;

private:
    std::vector<Attribute> attributes_;
    std::vector<std::pair<std::string, std::size_t>> marking_texts_; // folded text → attribute index
    std::vector<std::pair<std::string, std::size_t>> field_texts_;
    std::unique_ptr<re2::RE2> marking_re_;
};

} // namespace gk::page
