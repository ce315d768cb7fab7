// Kind "spam-lexicon" (content.spam): gambling, lottery, porn and betting-brand text injected
// into a government page (暗链/黑链, hijacked clones; domain.md §5.2). The lexicon is ruleset
// data; terms are matched in the normalised text (simplified script, ASCII folded, case-insensitive)
// and in the original text, so simplified and traditional forms are both found.
//
// A "strong" term is reported at the rule's severity; a "weak" term (words a genuine page may
// use, e.g. 投注 in a 体彩 notice) as a warning, raised to the rule's severity when one of the
// injection signals holds:
//   hidden       — the text sits in a hidden element or a hidden link;
//   after-footer — it comes after the CMS signature (Produced By / 技术支持 / 版权所有);
//   other-script — it is written in the other script than the page (simplified on a
//                  traditional page: injected after the 繁体 conversion, seed 001);
//   place-name   — a gambling term stands where a place name belongs (「威廉希尔体育政务公开…」).
// One finding per block (or link), at the first term, listing the terms and signals.
//
//   <params>
//     <term weight="strong">十一选五</term> …   <footer>Produced By</footer> …
//     <organ>政务公开</organ> …                 words that follow a place name
//   </params>
#include <algorithm>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>

#include <re2/re2.h>

#include "check/check.hpp"
#include "core/term_set.hpp"
#include "normalise/normalise.hpp"

namespace gk {
namespace {

// The words longest first (in bytes), the order in which an alternation tries them.
std::vector<std::string> longest_first(const std::set<std::string>& words) {
    std::vector<std::string> sorted(words.begin(), words.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return sorted;
}

// The words as an RE2 alternation, longest first.
std::string alternation(const std::set<std::string>& words) {
    std::string out;
    for (const auto& w : longest_first(words)) out += (out.empty() ? "" : "|") + RE2::QuoteMeta(w);
    return out;
}

std::string lower_ascii(std::string s) {
    for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

class SpamLexicon : public Check {
public:
    explicit SpamLexicon(const Rule& rule) : severity_(rule.severity) {
        const auto& norm = Normaliser::instance();
        const auto params = rule.params();
        std::set<std::string> terms, footers, organs;
        for (auto t : params.children("term")) {
            const std::string w = t.text().as_string();
            if (w.empty()) throw RulesetError("spam-lexicon: empty <term>");
            const std::string weight = t.attribute("weight").as_string("strong");
            if (weight != "strong" && weight != "weak") throw RulesetError("spam-lexicon: weight must be strong or weak");
            for (const auto& form : {w, norm.fold(w, true), norm.to_traditional(w), norm.to_simplified(w)}) {
                if (form.empty()) continue;
                terms.insert(form);
                weak_[lower_ascii(form)] = weight == "weak";
            }
        }
        for (auto f : params.children("footer"))
            for (const auto& form : {std::string(f.text().as_string()), norm.to_traditional(f.text().as_string())})
                if (!form.empty()) footers.insert(form);
        for (auto o : params.children("organ"))
            for (const auto& form : {std::string(o.text().as_string()), norm.to_traditional(o.text().as_string())})
                if (!form.empty()) organs.insert(form);
        if (terms.empty()) throw RulesetError("spam-lexicon: no <term>");
        // <evasion max="N">CLASS</evasion>: up to N characters of CLASS between a term's characters.
        RE2::Options opts;
        opts.set_case_sensitive(false);
        TermSet::Options term_opts;
        term_opts.fold_case = true;
        if (auto e = params.child("evasion")) {
            const std::string cls = e.text().as_string();
            const int max = e.attribute("max").as_int(1);
            RE2 probe(cls, RE2::Quiet);
            if (cls.empty() || !probe.ok() || max < 1 || max > 4)
                throw RulesetError("spam-lexicon: <evasion> needs a character class and max 1–4");
            gap_ = std::make_unique<RE2>(cls);
            gap_char_ = std::make_unique<RE2>("(?:" + cls + ")", opts);
            term_opts.max_gap = static_cast<unsigned>(max);
            term_opts.min_gapped = e.attribute("min-length").as_uint(2);
            term_opts.is_gap = [re = gap_char_.get()](char32_t c) {
                std::string s;
                utf8::append(s, c);
                return RE2::FullMatch(s, *re);
            };
        }
        // Longest first, as an alternation would try them (a trie, not an RE2 alternation: RE2
        // compiled the lexicon in every script form, with its evasions, in more time than a check).
        terms_ = std::make_unique<TermSet>(longest_first(terms), std::move(term_opts));
        if (!footers.empty()) footer_ = std::make_unique<RE2>("(" + alternation(footers) + ")", opts);
        if (!organs.empty())
            organ_ = std::make_unique<RE2>(R"(^[^\s\x{3000}。，、；：！？,;:!?]{0,24}?(?:)" + alternation(organs) + ")", opts);
    }

    void run(const Document& doc, const Facts&, Emitter& out) const override {
        // Where the CMS signature is: (block index, source offset).
        std::optional<SourceOffset> footer_at;
        if (footer_) {
            for (const auto& b : doc.blocks) {
                const MappedText& mt = b.norm.empty() ? b.text : b.norm;
                re2::StringPiece m;
                if (footer_->Match(mt.text, 0, mt.text.size(), RE2::UNANCHORED, &m, 1)) {
                    footer_at = mt.source_at(static_cast<std::size_t>(m.data() - mt.text.data()) + m.size() - 1);
                    break;
                }
            }
        }
        std::vector<std::pair<SourceOffset, SourceOffset>> reported; // source ranges already reported
        auto scan = [&](const MappedText& norm, const MappedText& orig, bool hidden) {
            for (const MappedText* mt : {&norm, &orig}) {
                if (mt->empty()) continue;
                if (scan_one(doc, *mt, hidden, footer_at, reported, out)) return;
            }
        };
        for (const auto& b : doc.blocks) {
            if (b.kind == BlockKind::table && b.table) {
                for (const auto& row : b.table->rows)
                    for (const auto& cell : row)
                        if (!cell.span_copy) scan(cell.norm, cell.text, b.hidden);
            } else {
                scan(b.norm, b.text, b.hidden);
            }
        }
        const auto& normaliser = Normaliser::instance();
        for (const auto& link : doc.links) {
            if (!link.text.empty()) scan(normaliser.fold(link.text, true), link.text, link.hidden);
            if (!link.href.empty()) {
                MappedText href;
                href.append_synthetic(link.href, link.text.source_at(0));
                scan(href, MappedText{}, link.hidden);
            }
        }
        if (reported.empty() && !doc.html_title.empty()) {
            const auto at = doc.source.find(doc.html_title);
            MappedText title;
            if (at != std::string::npos) title.append_run(doc.html_title, static_cast<SourceOffset>(at));
            else title.append_synthetic(doc.html_title, 0);
            scan(normaliser.fold(title, true), title, false);
        }
    }

private:
    // Scans one text; returns true when it produced a finding.
    bool scan_one(const Document& doc, const MappedText& mt, bool hidden, std::optional<SourceOffset> footer_at,
                  std::vector<std::pair<SourceOffset, SourceOffset>>& reported, Emitter& out) const {
        const std::string& t = mt.text;
        std::size_t pos = 0;
        std::vector<std::string> found;
        bool strong = false, after_footer = false, other_script = false, place = false;
        std::optional<std::size_t> first;
        while (pos < t.size()) {
            const auto hit = terms_->find(t, pos);
            if (!hit) break;
            const std::size_t at = hit->begin;
            const std::string_view m(t.data() + at, hit->end - at);
            pos = at + std::max<std::size_t>(m.size(), 1);
            std::string term(m);
            if (gap_) RE2::GlobalReplace(&term, *gap_, ""); // the word without its evasion
            const SourceOffset src = mt.source_at(at);
            if (std::any_of(reported.begin(), reported.end(), [&](const auto& r) { return src >= r.first && src <= r.second; }))
                continue;
            if (!first) first = at;
            if (std::find(found.begin(), found.end(), term) == found.end()) found.push_back(term);
            const auto w = weak_.find(lower_ascii(term));
            if (w == weak_.end() || !w->second) strong = true;
            if (footer_at && src > *footer_at) after_footer = true;
            if (in_other_script(doc, mt, at, m.size())) other_script = true;
            if (organ_) {
                re2::StringPiece rest(t.data() + pos, t.size() - pos);
                if (RE2::PartialMatch(rest, *organ_)) place = true;
            }
        }
        if (!first) return false;
        std::string signals_zh, signals_en, keys;
        auto add = [&](bool on, const char* zh, const char* en, const char* key) {
            if (!on) return;
            signals_zh += std::string(signals_zh.empty() ? "" : "、") + zh;
            signals_en += std::string(signals_en.empty() ? "" : ", ") + en;
            keys += std::string(keys.empty() ? "" : ",") + key;
        };
        add(hidden, "隐藏元素", "hidden element", "hidden");
        add(after_footer, "位于网站版权/技术支持信息之后", "after the CMS footer", "after-footer");
        add(other_script, "与页面繁简字体不一致", "in the other script than the page", "other-script");
        add(place, "替换了地名或机构名", "replaces a place or organ name", "place-name");
        const bool boosted = !keys.empty();
        const Severity sev = strong || boosted ? severity_ : Severity::warning;
        std::string terms_zh;
        for (const auto& f : found) terms_zh += (terms_zh.empty() ? "" : "、") + f;
        const std::string sig_zh = signals_zh.empty() ? "" : "（" + signals_zh + "）";
        const std::string sig_en = signals_en.empty() ? "" : " (" + signals_en + ")";
        auto& f = out.emit(mt.source_at(*first), sev, {{"terms", terms_zh}, {"signals", sig_zh}, {"signals_en", sig_en}});
        f.actual = terms_zh;
        if (!keys.empty()) f.extra["signals"] = keys;
        reported.emplace_back(mt.source_at(0), mt.source_at(t.size() - 1));
        return true;
    }

    // The matched characters, looked up in the original source, belong to the other script.
    static bool in_other_script(const Document& doc, const MappedText& mt, std::size_t at, std::size_t len) {
        if (len == 0) return false;
        const SourceOffset from = mt.source_at(at), to = mt.source_at(at + len - 1);
        if (to < from || to >= doc.source.size()) return false;
        std::size_t end = to + 1;
        while (end < doc.source.size() && (static_cast<unsigned char>(doc.source[end]) & 0xC0) == 0x80) ++end;
        const std::string_view original(doc.source.data() + from, end - from);
        const auto& n = Normaliser::instance();
        bool simplified = false, traditional = false;
        for (std::size_t i = 0; i < original.size();) {
            const char32_t c = utf8::next(original, i);
            if (n.is_simplified_only(c)) simplified = true;
            if (n.is_traditional_only(c)) traditional = true;
        }
        if (doc.script == "traditional") return simplified && !traditional;
        return traditional && !simplified;
    }

    Severity severity_;
    std::map<std::string, bool> weak_; // lower-cased form → weak
    std::unique_ptr<TermSet> terms_;
    std::unique_ptr<RE2> footer_, organ_, gap_, gap_char_;
};

} // namespace
GK_REGISTER_CHECK("spam-lexicon", SpamLexicon);
} // namespace gk
