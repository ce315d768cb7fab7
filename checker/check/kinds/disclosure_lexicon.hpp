// The shared part of the label.attribute.* kinds: the catalogue's 公开属性 lexicon, required.
#pragma once

#include "catalogue/disclosure.hpp"
#include "check/check.hpp"

namespace gk {

// The catalogue's 公开属性 lexicon; a rule of this kind needs one.
inline const page::DisclosureLexicon* lexicon_of(const Rule& rule, const Catalogue& cat) {
    if (!cat.disclosure()) throw RulesetError(rule.where() + "kind " + rule.kind + " needs a <data name=\"disclosure-markings\">");
    return cat.disclosure();
}

} // namespace gk
