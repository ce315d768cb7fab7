// Spans of findings in the decoded source, for editors: where a finding ends, what it judged as
// written (the excerpt), and the edits of a mechanical fix.
//
// What it guarantees:
// - Offsets are byte offsets in Document::source (the decoded input), like Finding::offset.
// - An Edit made by exact_edit() replaces exactly the source bytes that read `expect`: when the
//   source spells the text differently (an entity such as &#91;, markup between the characters,
//   traditional characters matched through the normalised text) there is no edit, so a fix never
//   guesses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/finding.hpp"
#include "core/text.hpp"
#include "document/document.hpp"

namespace gk {

// One past the code point that starts at `off` in `source` (`off` itself at or past the end).
SourceOffset char_end(const std::string& source, SourceOffset off);

// The source span of bytes [b, e) of `mt` (b < e ≤ mt.text.size()): from the source of byte b
// to one past the source character of byte e−1.
std::pair<SourceOffset, SourceOffset> source_span(const Document& doc, const MappedText& mt, std::size_t b, std::size_t e);

// An edit replacing source bytes [begin, end) by `text` when they read exactly `expect`.
std::optional<Edit> exact_edit(const Document& doc, SourceOffset begin, SourceOffset end, std::string_view expect,
                               std::string text);

// One past `raw` when the source at `off` reads exactly `raw` (a metadata value as printed),
// else `off` (no span: never a guess).
SourceOffset raw_end(const Document& doc, SourceOffset off, std::string_view raw);

// Fills position, end_position and (unless the kind set it) the excerpt of `f`.
void complete_span(const Document& doc, Finding& f);

} // namespace gk
