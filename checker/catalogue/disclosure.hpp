// 公开属性 (disclosure attribute): the lexicon of the markings printed in a document
// (「（此件公开发布）」 …) and of the values of the page's 公开方式/公开属性 field, both mapped to one
// attribute of the ruleset's <data name="disclosure-markings"> (../shared/spec/domain.md §3.1).
//
// Guarantees: compiled once, when the Catalogue loads (Catalogue::disclosure(); throws
// std::runtime_error on bad data, which the loader reports as RulesetError with file and line);
// read-only and thread-safe afterwards; markings are recognised in simplified and traditional
// script and with ASCII or full-width parentheses. Finding the markings of a document is the
// extract stage's job (extract/page_text.hpp: Facts::disclosure); kinds judge them by attribute id.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "core/text.hpp"

namespace re2 { class RE2; }

namespace gk::page {

struct Attribute {
    std::string id;          // "public", "on-request", "withheld", "redacted"
    std::string zh, en;      // 主动公开 / proactively disclosed …
    bool publishable = true; // may be on a public website
    std::vector<std::string> compatible; // other attribute ids a field may show with this marking
};

class DisclosureLexicon {
public:
    // Builds the lexicon from a <data name="disclosure-markings"> element. Throws
    // std::runtime_error on bad data.
    explicit DisclosureLexicon(pugi::xml_node data);
    ~DisclosureLexicon();

    // The marking pattern: group 1 (parenthesised anywhere) or group 2 (a line of its own) is the
    // marking's text, one of marking()'s keys.
    const re2::RE2& marking_pattern() const { return *marking_re_; }
    // The attribute a matched marking text stands for, or nullptr.
    const Attribute* marking(std::string_view text) const;
    // The attribute a 公开方式/公开属性 field value (normalised value, or as printed) states, if any.
    const Attribute* field_attribute(std::string_view value, std::string_view raw) const;
    // The attribute with this id, or nullptr.
    const Attribute* attribute(std::string_view id) const;
    // True when a field showing `field` agrees with a marking showing `marking`.
    bool agree(const Attribute& field, const Attribute& marking) const;

private:
    std::vector<Attribute> attributes_;
    std::vector<std::pair<std::string, std::size_t>> marking_texts_; // folded text → attribute index
    std::vector<std::pair<std::string, std::size_t>> field_texts_;
    std::unique_ptr<re2::RE2> marking_re_;
};

} // namespace gk::page
