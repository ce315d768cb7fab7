#include "check/span.hpp"

#include <algorithm>

namespace gk {

SourceOffset char_end(const std::string& source, SourceOffset off) {
    if (off >= source.size()) return static_cast<SourceOffset>(source.size());
    std::size_t i = off;
    utf8::next(source, i);
    return static_cast<SourceOffset>(i);
}

std::pair<SourceOffset, SourceOffset> source_span(const Document& doc, const MappedText& mt, std::size_t b, std::size_t e) {
    if (mt.text.empty()) return {0, 0};
    e = std::min(e, mt.text.size());
    b = std::min(b, e == 0 ? 0 : e - 1);
    const SourceOffset begin = mt.source_at(b);
    const SourceOffset last = mt.source_at(e == 0 ? 0 : e - 1);
    return {begin, std::max(begin, char_end(doc.source, last))};
}

std::optional<Edit> exact_edit(const Document& doc, SourceOffset begin, SourceOffset end, std::string_view expect,
                               std::string text) {
    if (end < begin || end > doc.source.size()) return std::nullopt;
    if (std::string_view(doc.source).substr(begin, end - begin) != expect) return std::nullopt;
    return Edit{begin, end, std::move(text)};
}

SourceOffset raw_end(const Document& doc, SourceOffset off, std::string_view raw) {
    if (raw.empty() || off > doc.source.size() || std::string_view(doc.source).substr(off, raw.size()) != raw) return off;
    return static_cast<SourceOffset>(off + raw.size());
}

void complete_span(const Document& doc, Finding& f) {
    f.position = doc.position(f.offset);
    if (f.end <= f.offset || f.end > doc.source.size()) {
        f.end = f.offset;
        f.end_position = f.position;
        return;
    }
    f.end_position = doc.position(f.end);
    if (f.excerpt.empty()) {
        constexpr std::size_t kMax = 200;
        f.excerpt = std::string(utf8::truncate(std::string_view(doc.source).substr(f.offset, f.end - f.offset), kMax));
    }
}

} // namespace gk
