// Turning recogniser results into findings: the shared part of the privacy.* check kinds.
// A finding shows the value masked (Found::shown) and says why it fired (Found::why_zh/why_en);
// neither names the characters the mask hides (the why text says the birth date is real, never
// which), so no finding, JSON, database row or report spells out a personal value: the excerpt of
// the finding is the masked value too. Its fix masks the value as `gkcheck redact` does (the masks
// of privacy/validators.hpp), character by character: an ASCII digit or X becomes '*', a
// full-width one '＊'; a value with any other character in the source (an entity) gets no fix.
#pragma once

#include <cctype>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "check/span.hpp"
#include "privacy/recognise.hpp"

namespace gk::privacy {

// Emits `f` at its first character. Lower-confidence matches are capped at warning.
inline Finding& emit_found(const Document& doc, Emitter& out, const Found& f) {
    Severity sev = out.rule().severity;
    if (!f.confident && sev == Severity::error) sev = Severity::warning;
    Finding& x = out.emit(f.offset, sev, {{"masked", f.shown()}, {"why", f.why_zh}, {"why_en", f.why_en}});
    x.actual = f.shown();
    x.extra["kind"] = kind_id(f.kind);
    x.extra["masked"] = f.shown();
    if (!f.label.empty()) x.extra["label"] = f.label;
    x.excerpt = f.shown();
    if (!f.chars.empty()) x.end = char_end(doc.source, f.chars.back());
    const std::string shown = f.shown();
    std::vector<Edit> edits;
    bool ok = shown.size() == f.value.size() && f.chars.size() == f.value.size();
    for (std::size_t k = 0; ok && k < shown.size(); ++k) {
        if (shown[k] != '*' || f.value[k] == '*') continue;
        const SourceOffset b = f.chars[k], e = char_end(doc.source, b);
        const std::string_view c = std::string_view(doc.source).substr(b, e - b);
        if (c.size() == 1 && (std::isdigit(static_cast<unsigned char>(c[0])) || c[0] == 'X' || c[0] == 'x')) edits.push_back({b, e, "*"});
        else if (c.size() == 3 && (c.substr(0, 2) == "\xEF\xBC" && ((c[2] >= '\x90' && c[2] <= '\x99') || c[2] == '\xB8'))) edits.push_back({b, e, "\xEF\xBC\x8A"});
        else ok = false;
    }
    if (ok) x.fix = std::move(edits);
    return x;
}

} // namespace gk::privacy
