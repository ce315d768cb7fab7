#include "parse/text_util.hpp"

#include <algorithm>


namespace gk::textparse {

std::vector<Cp> decode(std::string_view source, std::size_t begin, std::size_t end) {
    end = std::min(end, source.size());
    begin = std::min(begin, end);
    std::vector<Cp> out;
    out.reserve(end - begin + 1);
    std::size_t i = begin;
    const std::string_view s = source.substr(0, end);
    while (i < end) {
        const std::size_t at = i;
        out.push_back({utf8::next(s, i), at});
    }
    out.push_back({0, end});
    return out;
}

bool is_sentence_end(char32_t c) {
    return c == U'。' || c == U'；' || c == U'：' || c == U'！' || c == U'？' || c == ';' ||
           c == ':' || c == '!' || c == '?';
}

MappedText mapped(std::string_view source, std::size_t begin, std::size_t end) {
    MappedText m;
    if (end > begin) m.append_run(source.substr(begin, end - begin), static_cast<SourceOffset>(begin));
    return m;
}

} // namespace gk::textparse
