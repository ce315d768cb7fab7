// Suppression directives: found once in the decoded source, with their offsets.
#include <algorithm>
#include <cctype>

#include "parse/parse.hpp"

namespace gk {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Parses `gkcheck-KIND [IDS] [-- reason]`; false when `body` is not a directive.
bool parse_body(std::string_view body, Directive& d) {
    body = trim(body);
    static constexpr std::string_view prefix = "gkcheck-";
    if (!body.starts_with(prefix)) return false;
    body.remove_prefix(prefix.size());
    std::size_t n = 0;
    while (n < body.size() && (std::isalnum(static_cast<unsigned char>(body[n])) || body[n] == '-')) ++n;
    const std::string_view kind = body.substr(0, n);
    if (kind == "disable") d.kind = Directive::Kind::disable;
    else if (kind == "enable") d.kind = Directive::Kind::enable;
    else if (kind == "disable-next-line") d.kind = Directive::Kind::disable_next_line;
    else return false;
    std::string_view rest = body.substr(n);
    if (!rest.empty() && !is_space(rest.front())) return false;
    if (const auto sep = rest.find("--"); sep != std::string_view::npos) {
        d.reason = std::string(trim(rest.substr(sep + 2)));
        rest = rest.substr(0, sep);
    }
    std::string id;
    auto flush = [&] {
        if (!id.empty()) d.rules.push_back(id);
        id.clear();
    };
    for (char c : rest) {
        if (is_space(c) || c == ',') flush();
        else id += c;
    }
    flush();
    return true;
}

} // namespace

std::vector<Directive> find_directives(std::string_view src, std::string_view format) {
    std::vector<Directive> out;
    // Comments, in HTML and text alike.
    for (std::size_t p = src.find("<!--"); p != std::string_view::npos; p = src.find("<!--", p)) {
        const std::size_t close = src.find("-->", p + 4);
        if (close == std::string_view::npos) break;
        Directive d;
        if (parse_body(src.substr(p + 4, close - p - 4), d)) {
            d.offset = static_cast<SourceOffset>(p);
            d.end = static_cast<SourceOffset>(close + 3);
            out.push_back(std::move(d));
        }
        p = close + 3;
    }
    if (format == "text") {
        // A line that is only a directive.
        for (std::size_t start = 0; start < src.size();) {
            std::size_t eol = src.find('\n', start);
            if (eol == std::string_view::npos) eol = src.size();
            const std::string_view line = src.substr(start, eol - start);
            const std::string_view t = trim(line);
            Directive d;
            if (t.starts_with("gkcheck-") && parse_body(t, d)) {
                d.offset = static_cast<SourceOffset>(start + static_cast<std::size_t>(t.data() - line.data()));
                d.end = static_cast<SourceOffset>(d.offset + t.size());
                out.push_back(std::move(d));
            }
            start = eol + 1;
        }
        std::sort(out.begin(), out.end(), [](const Directive& a, const Directive& b) { return a.offset < b.offset; });
    }
    return out;
}

} // namespace gk
