// Turning recogniser results into findings: the shared part of the privacy.* check kinds.
// A finding shows the value masked (Found::shown) and says why it fired (Found::why_zh/why_en);
// neither names the characters the mask hides (the why text says the birth date is real, never
// which), so no finding, JSON, database row or report spells out a personal value.
#pragma once

#include "check/check.hpp"
#include "privacy/recognise.hpp"

namespace gk::privacy {

// Emits `f` at its first character. Lower-confidence matches are capped at warning.
inline Finding& emit_found(Emitter& out, const Found& f) {
    Severity sev = out.rule().severity;
    if (!f.confident && sev == Severity::error) sev = Severity::warning;
    Finding& x = out.emit(f.offset, sev, {{"masked", f.shown()}, {"why", f.why_zh}, {"why_en", f.why_en}});
    x.actual = f.shown();
    x.extra["kind"] = kind_id(f.kind);
    x.extra["masked"] = f.shown();
    if (!f.label.empty()) x.extra["label"] = f.label;
    return x;
}

} // namespace gk::privacy
