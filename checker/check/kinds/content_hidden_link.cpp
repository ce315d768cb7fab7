// Kind "hidden-link" (content.hidden-link): a link hidden by CSS (display:none, visibility:hidden,
// zero size, off-screen — flagged by the parser) that points outside the site: the 暗链 of
// domain.md §5.2. The site is the set of hosts the page's visible links use; hosts matching a
// <trusted> suffix (other government sites) are not reported.
//
//   <params><trusted>gov.cn</trusted> …</params>
#include <set>
#include <string>

#include <re2/re2.h>

#include "check/check.hpp"

namespace gk {
namespace {

std::string host_of(const std::string& href) {
    static const RE2 re(R"(^\s*(?i:(?:https?:)?//)([^/:?#\s]+))");
    std::string host;
    if (!RE2::PartialMatch(href, re, &host)) return "";
    for (char& c : host) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (host.rfind("www.", 0) == 0) host = host.substr(4);
    return host;
}

class HiddenLink : public Check {
public:
    explicit HiddenLink(const Rule& rule) {
        for (auto t : rule.params().children("trusted")) {
            std::string s = t.text().as_string();
            if (s.empty()) throw RulesetError("hidden-link: empty <trusted>");
            trusted_.push_back(s);
        }
    }

    void run(const Document& doc, const Facts&, Emitter& out) const override {
        std::set<std::string> site;
        for (const auto& l : doc.links)
            if (!l.hidden) {
                const auto h = host_of(l.href);
                if (!h.empty()) site.insert(h);
            }
        std::set<std::pair<std::string, SourceOffset>> seen;
        auto consider = [&](const std::string& href, const MappedText& text, SourceOffset at) {
            const std::string host = host_of(href);
            if (host.empty() || site.count(host) || is_trusted(host)) return;
            if (!seen.insert({href, at}).second) return;
            auto& f = out.emit(at, {{"href", href}, {"host", host}, {"text", text.text}});
            f.actual = href;
        };
        for (const auto& l : doc.links)
            if (l.hidden) consider(l.href, l.text, l.text.source_at(0));
        for (const auto& b : doc.blocks)
            if (b.hidden && !b.href.empty()) consider(b.href, b.text, b.text.source_at(0));
    }

private:
    bool is_trusted(const std::string& host) const {
        for (const auto& t : trusted_)
            if (host == t || (host.size() > t.size() && host.compare(host.size() - t.size(), t.size(), t) == 0 &&
                              host[host.size() - t.size() - 1] == '.'))
                return true;
        return false;
    }
    std::vector<std::string> trusted_;
};

} // namespace
GK_REGISTER_CHECK("hidden-link", HiddenLink);
} // namespace gk
