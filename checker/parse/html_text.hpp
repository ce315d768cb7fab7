// Whitespace collapsing that keeps every byte's source offset.
//
// TextCollector receives decoded text (with per-byte origins) and block separators and yields a
// MappedText the way a reader sees it: runs of ASCII whitespace and space-like characters
// (U+00A0 &nbsp;, U+2000–U+200A such as &ensp;, U+202F, U+205F) become one ASCII space mapped
// to the first of them; a run that contains a line break (or an explicit break) between two CJK
// characters disappears, since Chinese text wraps without spaces; leading and trailing spaces
// (including U+3000) are dropped. U+3000 inside the text is kept as is (the normaliser decides).
// Word's downlevel conditionals (`<![if !supportLists]>`, `<![endif]>`), which libxml2 keeps as
// text, are removed, as are zero-width characters and the BOM.
#pragma once

#include <string_view>

#include "core/text.hpp"

namespace gk::html {

class TextCollector {
public:
    // `origins` has one entry per byte of `s`.
    void add(std::string_view s, const SourceOffset* origins);
    // A line break between blocks inside one collected text (a <br> or </p> inside a table cell).
    void add_break(SourceOffset at);
    bool empty() const { return out_.text.empty(); }
    // The collected text; the collector is reset.
    MappedText finish();

private:
    void add_clean(std::string_view s, const SourceOffset* origins);
    MappedText out_;
    bool pending_ = false;
    bool pending_break_ = false;
    SourceOffset pending_at_ = 0;
    char32_t last_ = 0;
};

// Wide (CJK) characters between which a line break is not a space.
bool is_cjk(char32_t c);

} // namespace gk::html
