// Kind "phrase" (style.wording, style.punctuation, style.doubled, style.digits): house style as
// data, after Vale's `existence` and `substitution`. Every match of every entry is reported at
// its exact line:column (not the first per paragraph), with its span, the text as written and —
// when the entry gives a replacement — a mechanical fix.
//
//   <params text="original|normalised">
//     <entry phrase="截止目前" replace="截至目前" what="用词" what-en="wording"
//            source="…" severity="warning|info"/>            a literal phrase (substitution)
//     <entry pattern="\p{Han}(,)\p{Han}" replace="，" …/>   an RE2 pattern; with a capture group,
//                                                          group 1 is what is reported and fixed
//     <entry pattern="(\()[^()]*\p{Han}[^()]*(\))" replace="（" replace2="）" …/>
//                                                          two groups: reported from group 1 to
//                                                          the end of group 2, each replaced
//     <entry pattern="[０-９]+" transform="halfwidth" …/>   the fix folds full-width ASCII
//     <exception pattern="的的确确|不了了之"/>              a match inside one is not reported
//     <counter pattern="\p{Han}[，；：？！]" what="…" what-en="…"/>
//   </params>
//
// - `text`: "original" matches the text as printed (Block::text: width and script as written,
//   for punctuation and digits); "normalised" (default) matches Block::norm (simplified, folded),
//   so a traditional page is judged by the same list; its fixes apply only where the source reads
//   exactly the matched text.
// - `source` is required on every entry: where the house rule comes from (a standard, domain.md).
// - `counter`: when the document has more matches of the entries than of the counter pattern,
//   the text was folded as a whole (an extraction, not an editor's slip): then one finding at the
//   first match, at info severity, with the counter's `what` and the number of matches.
// - A match overlapping a personal value of the privacy scan (Facts::privacy) is not reported:
//   the privacy rules report it, masked, and a style message would spell it out.
// - Style findings are warnings or info, never errors: a rule of this kind with severity error
//   or an entry severity="error" is a load error. Only body blocks (Facts::body_blocks) are read.
// - Speed, not behaviour: the entries are compiled into one PatternFilter (RE2's prefilter), and
//   a block is searched only with the entries that may match it (core/pattern_filter.hpp): the
//   others have no match there, so the findings are the same.
#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include <re2/re2.h>

#include "check/check.hpp"
#include "check/span.hpp"
#include "core/pattern_filter.hpp"

namespace gk {
namespace {

std::string halfwidth(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = utf8::next(s, i);
        if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
        else if (c == 0x3000) c = ' ';
        utf8::append(out, c);
    }
    return out;
}

class Phrase : public Check {
public:
    explicit Phrase(const Rule& rule) {
        if (rule.severity == Severity::error)
            throw RulesetError("kind phrase: style rules are warning or info, never error");
        const auto params = rule.params();
        const std::string text = params.attribute("text").as_string("normalised");
        if (text != "original" && text != "normalised") throw RulesetError("kind phrase: text=\"original|normalised\", not '" + text + "'");
        original_ = text == "original";
        RE2::Options opts;
        opts.set_log_errors(false);
        for (auto e : params.children("entry")) {
            Entry x;
            const std::string phrase = e.attribute("phrase").as_string();
            const std::string pattern = e.attribute("pattern").as_string();
            if (phrase.empty() == pattern.empty()) throw RulesetError("kind phrase: each <entry> has exactly one of phrase= and pattern=");
            const std::string expr = phrase.empty() ? pattern : RE2::QuoteMeta(phrase);
            std::string error;
            const int id = filter_.add(expr, opts, error);
            if (id < 0) throw RulesetError("kind phrase: bad pattern '" + pattern + "': " + error);
            x.re = &filter_.re(id);
            if (x.re->NumberOfCapturingGroups() > 2) throw RulesetError("kind phrase: pattern '" + pattern + "' has more than two capture groups");
            x.replace = e.attribute("replace").as_string();
            x.replace2 = e.attribute("replace2").as_string();
            if (x.re->NumberOfCapturingGroups() == 2 && (x.replace.empty() || x.replace2.empty()))
                throw RulesetError("kind phrase: a pattern with two groups needs replace= and replace2= (one per group)");
            x.transform = e.attribute("transform").as_string();
            if (!x.transform.empty() && x.transform != "halfwidth") throw RulesetError("kind phrase: transform=\"halfwidth\" only");
            if (!x.replace.empty() && !x.transform.empty()) throw RulesetError("kind phrase: an entry has replace= or transform=, not both");
            x.what = e.attribute("what").as_string();
            x.what_en = e.attribute("what-en").as_string(x.what.c_str());
            x.source = e.attribute("source").as_string();
            if (x.source.empty()) throw RulesetError("kind phrase: entry '" + (phrase.empty() ? pattern : phrase) + "' has no source=");
            const std::string sev = e.attribute("severity").as_string();
            if (!sev.empty()) {
                x.severity = severity_from_string(sev);
                if (!x.severity || *x.severity == Severity::error)
                    throw RulesetError("kind phrase: entry severity is warning or info, not '" + sev + "'");
            }
            entries_.push_back(std::move(x));
        }
        if (entries_.empty()) throw RulesetError("kind phrase: no <entry>");
        filter_.compile();
        std::string exceptions;
        for (auto e : params.children("exception")) {
            const std::string p = e.attribute("pattern").as_string();
            RE2 check(p, opts);
            if (p.empty() || !check.ok()) throw RulesetError("kind phrase: bad <exception pattern='" + p + "'>");
            exceptions += (exceptions.empty() ? "" : "|") + ("(?:" + p + ")");
        }
        if (!exceptions.empty()) exception_ = std::make_unique<RE2>(exceptions, opts);
        if (auto c = params.child("counter")) {
            counter_ = std::make_unique<RE2>(c.attribute("pattern").as_string(), opts);
            if (!counter_->ok() || counter_->pattern().empty()) throw RulesetError("kind phrase: bad <counter pattern>");
            counter_what_ = c.attribute("what").as_string();
            counter_what_en_ = c.attribute("what-en").as_string(counter_what_.c_str());
        }
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        struct Hit {
            const Entry* entry;
            const MappedText* mt;
            std::size_t b, e;          // bytes of mt.text: group 1 (or the match) to the end of the last group
            std::size_t g1, g2, g2_len; // two groups: group 1's length, group 2's offset from b and length
        };
        std::vector<Hit> hits;
        std::vector<int> candidates;
        for (std::size_t i : facts.body_blocks) {
            const Block& blk = doc.blocks[i];
            const MappedText& mt = text_of(blk);
            const std::string& t = mt.text;
            if (t.empty()) continue;
            filter_.candidates(t, candidates);
            if (candidates.empty()) continue;
            // The exceptions are searched only in a block some entry may match.
            std::optional<std::vector<std::pair<std::size_t, std::size_t>>> excepted_spans;
            auto excepted = [&]() -> const std::vector<std::pair<std::size_t, std::size_t>>& {
                if (!excepted_spans) {
                    excepted_spans.emplace();
                    if (exception_) {
                        re2::StringPiece in(t), m;
                        std::size_t pos = 0;
                        while (pos < t.size() && exception_->Match(in, pos, t.size(), RE2::UNANCHORED, &m, 1)) {
                            const auto b = static_cast<std::size_t>(m.data() - t.data());
                            excepted_spans->push_back({b, b + m.size()});
                            pos = b + std::max<std::size_t>(1, m.size());
                        }
                    }
                }
                return *excepted_spans;
            };
            for (int id : candidates) {
                const Entry& x = entries_[static_cast<std::size_t>(id)];
                re2::StringPiece in(t), m[3];
                const int groups = x.re->NumberOfCapturingGroups() + 1;
                std::size_t pos = 0;
                while (pos < t.size() && x.re->Match(in, pos, t.size(), RE2::UNANCHORED, m, groups)) {
                    const re2::StringPiece& g = groups > 1 && m[1].data() ? m[1] : m[0];
                    const re2::StringPiece& last = groups > 2 && m[2].data() ? m[2] : g;
                    const auto b = static_cast<std::size_t>(g.data() - t.data());
                    const auto e = static_cast<std::size_t>(last.data() - t.data()) + last.size();
                    const std::size_t g2 = groups > 2 ? static_cast<std::size_t>(m[2].data() - t.data()) - b : 0;
                    // Resume after the reported part, so that a context character can serve the next match.
                    const auto whole_end = static_cast<std::size_t>(m[0].data() - t.data()) + m[0].size();
                    pos = std::max(e, b + 1);
                    if (groups == 1) pos = std::max(pos, whole_end);
                    if (e == b) continue;
                    const auto& ex = excepted();
                    const bool inside = std::any_of(ex.begin(), ex.end(),
                                                    [&](const auto& r) { return r.first <= b && e <= r.second; });
                    if (!inside) hits.push_back({&x, &mt, b, e, g1_len(g), g2, groups > 2 ? m[2].size() : 0});
                }
            }
        }
        if (hits.empty()) return;
        // A match inside a recognised personal value (an ID number in full-width digits) is the
        // privacy rules' business: reporting it here would spell the value out in the message.
        if (facts.privacy) {
            std::vector<std::pair<SourceOffset, SourceOffset>> personal;
            for (const auto* list : {&facts.privacy->values, &facts.privacy->masks, &facts.privacy->addresses})
                for (const auto& v : *list)
                    if (!v.chars.empty()) personal.push_back({v.chars.front(), char_end(doc.source, v.chars.back())});
            std::erase_if(hits, [&](const Hit& h) {
                // not a structured binding: clang 14 cannot capture one in the lambda below
                const std::pair<SourceOffset, SourceOffset> span = source_span(doc, *h.mt, h.b, h.e);
                return std::any_of(personal.begin(), personal.end(),
                                   [&](const auto& p) { return span.first < p.second && p.first < span.second; });
            });
            if (hits.empty()) return;
        }
        // The counter is counted only when there is something to compare it with, and only as
        // far as the comparison needs: up to the number of hits.
        std::size_t counted = 0;
        if (counter_)
            for (std::size_t i : facts.body_blocks) {
                if (counted >= hits.size()) break;
                if (const std::string& t = text_of(doc.blocks[i]).text; !t.empty())
                    counted += count(*counter_, t, hits.size() - counted);
            }
        if (counter_ && hits.size() > counted) {
            const Hit& h = hits.front();
            auto [b, e] = source_span(doc, *h.mt, h.b, h.e);
            auto& f = out.emit(b, Severity::info,
                               {{"what", counter_what_}, {"what_en", counter_what_en_}, {"match", h.mt->text.substr(h.b, h.e - h.b)},
                                {"suggestion", "（共" + std::to_string(hits.size()) + "处）"},
                                {"suggestion_en", " (" + std::to_string(hits.size()) + " in all)"},
                                {"source", h.entry->source}});
            f.end = e;
            f.extra["count"] = std::to_string(hits.size());
            return;
        }
        for (const auto& h : hits) {
            const Entry& x = *h.entry;
            const std::string match = h.mt->text.substr(h.b, h.e - h.b);
            std::string repl = !x.transform.empty() ? halfwidth(match) : x.replace;
            if (h.g2_len) repl = x.replace + match.substr(h.g1, h.g2 - h.g1) + x.replace2; // the text with both groups replaced
            auto [b, e] = source_span(doc, *h.mt, h.b, h.e);
            std::map<std::string, std::string> args = {{"what", x.what}, {"what_en", x.what_en}, {"match", match}, {"source", x.source}};
            if (!repl.empty()) {
                args["suggestion"] = "，建议改为「" + repl + "」";
                args["suggestion_en"] = "; use \"" + repl + "\"";
            } else {
                args["suggestion"] = "";
                args["suggestion_en"] = "";
            }
            auto& f = out.emit(b, x.severity.value_or(out.rule().severity), args);
            f.end = e;
            if (!repl.empty()) {
                f.expected = repl;
                if (!h.g2_len) {
                    if (auto edit = exact_edit(doc, b, e, match, repl)) f.fix = {*edit};
                } else {
                    // Two edits, the text between them kept byte for byte.
                    const auto [b1, e1] = source_span(doc, *h.mt, h.b, h.b + h.g1);
                    const auto [b2, e2] = source_span(doc, *h.mt, h.b + h.g2, h.b + h.g2 + h.g2_len);
                    auto one = exact_edit(doc, b1, e1, match.substr(0, h.g1), x.replace);
                    auto two = exact_edit(doc, b2, e2, match.substr(h.g2, h.g2_len), x.replace2);
                    if (one && two && e1 <= b2) f.fix = {*one, *two};
                }
            }
            f.actual = match;
        }
    }

private:
    struct Entry {
        const RE2* re = nullptr; // owned by filter_
        std::string replace, replace2, transform, what, what_en, source;
        std::optional<Severity> severity;
    };
    static std::size_t g1_len(const re2::StringPiece& g) { return g.size(); }
    // The matches of `re` in `t`, counted up to `limit`.
    static std::size_t count(const RE2& re, const std::string& t, std::size_t limit) {
        std::size_t n = 0, pos = 0;
        re2::StringPiece in(t), m;
        while (n < limit && pos < t.size() && re.Match(in, pos, t.size(), RE2::UNANCHORED, &m, 1)) {
            ++n;
            pos = static_cast<std::size_t>(m.data() - t.data()) + std::max<std::size_t>(1, m.size());
        }
        return n;
    }
    const MappedText& text_of(const Block& blk) const { return original_ || blk.norm.empty() ? blk.text : blk.norm; }
    bool original_ = false;
    PatternFilter filter_;
    std::vector<Entry> entries_; // entries_[k] is filter_'s pattern k (candidates come in entry order)
    std::unique_ptr<RE2> exception_, counter_;
    std::string counter_what_, counter_what_en_;
};

} // namespace
GK_REGISTER_CHECK("phrase", Phrase);
} // namespace gk
