// Finds where libxml2's decoded text nodes came from in the raw HTML source.
//
// libxml2 only records line numbers (and those are approximate for text), but every finding
// needs an exact line:column. SourceMatcher keeps a cursor that only moves forward through the
// source and, for each text node handed to it in document order, walks the source and the
// decoded text in parallel from the cursor: an entity (`&amp;`, `&#12288;`, `&nbsp;` ...) counts
// as the one character it decodes to; comments, tags, and <script>/<style> bodies are skipped.
//
// Guarantees: every byte of the decoded text gets an origin in [0, source size] (the end offset
// only for a node that is not found once the cursor has reached the end); when the text cannot be
// found (libxml2 repaired something we cannot follow) every byte gets the cursor's position and the
// cursor does not move, so one lost node never desynchronises the next ones. The total work is
// bounded by a budget of 8 steps per source byte plus 4 Mi, so pathological input cannot make the
// search quadratic.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace gk::html {

class SourceMatcher {
public:
    explicit SourceMatcher(std::string_view source);

    // Fills `origins` (one per byte of `decoded`). Returns true when the text was found.
    bool map(std::string_view decoded, std::vector<SourceOffset>& origins);

    // Moves the cursor past the next start tag `<name ...>` (name lower-case ASCII) and returns
    // the offset of its '<'; nullopt (cursor unchanged) when not found nearby.
    std::optional<SourceOffset> find_start_tag(std::string_view name);

    SourceOffset cursor() const { return static_cast<SourceOffset>(cursor_); }

private:
    bool match_at(std::size_t q, std::string_view decoded, std::vector<SourceOffset>& origins,
                  std::size_t& end);
    // At src_[q] == '<': the offset just past the markup (comment, tag, declaration, and the
    // whole body of a raw-text element), or q when '<' does not start markup.
    std::size_t skip_markup(std::size_t q) const;
    bool spend(std::size_t steps);

    std::string_view src_;
    std::size_t cursor_ = 0;
    std::size_t budget_ = 0;
};

// Decodes the character reference at s[q] == '&' the way libxml2's HTML parser does: numeric
// references with or without ';', named HTML 4 entities only with ';'. Returns false when the
// text there is a literal '&'. `cp` is 0 for a reference libxml2 drops (invalid code point).
bool decode_reference(std::string_view s, std::size_t q, char32_t& cp, std::size_t& len);

} // namespace gk::html
