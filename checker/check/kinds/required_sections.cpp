// Kind `required-sections`: the numbered sections a document type must have, in order.
//
// Parameters: <params sections="DATA-NAME" mode="presence|order"/>, where DATA-NAME names a
// <data> element of the same ruleset holding <section number= title= en=> elements with
// <alias> (heading wordings) and <evidence> (RE2 patterns showing the section's content).
//
// A section is found when a level-1 numbered heading (「一、」「一.」「第一部分」) is followed by one
// of its aliases — also inside a long run-in line — or when a short unnumbered heading-like block
// names it. The candidates are Facts::section_heads (extract/outline.cpp); this kind only decides
// which section each names. Matching ignores punctuation and the particles 的/和/与/及, so 「行政复议、行政诉讼」
// and 「行政复议和行政诉讼」 are one wording. A numbered sub-heading 「(一)主动公开情况」 never counts.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "check/check.hpp"
#include "normalise/normalise.hpp"

namespace gk {
namespace {

struct SectionSpec {
    std::string number, title, title_en;
    int value = 0;
    std::vector<std::string> alias_keys;
    std::vector<std::shared_ptr<RE2>> evidence;
};

struct Found {
    SourceOffset offset = 0;
    std::optional<int> printed;   // the numeral printed before the title, if any
    std::string printed_text;     // e.g. "五、其他需要报告的事项"
};

bool is_ignorable(char32_t c) {
    switch (c) {
    case U'的': case U'和': case U'与': case U'及': case U'、': case U'，': case U'。': case U'：':
    case U'“': case U'”': case U'《': case U'》': case U'；':
        return true;
    default:
        return c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }
}

// Comparison key: the text without punctuation, spaces and connecting particles.
std::string key_of(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char32_t c = utf8::next(s, i);
        if (!is_ignorable(c)) utf8::append(out, c);
    }
    return out;
}

class RequiredSections : public Check {
public:
    RequiredSections(const Rule& rule, const Catalogue& cat) {
        const auto params = rule.params();
        const std::string data_name = params.attribute("sections").as_string();
        mode_ = params.attribute("mode").as_string("presence");
        if (mode_ != "presence" && mode_ != "order")
            throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": mode must be presence or order");
        const auto data = cat.data(data_name, &rule).node;
        if (!data)
            throw RulesetError(rule.where() + "no <data name=\"" + data_name + "\"> in the rules directory");
        const auto& norm = Normaliser::instance();
        int index = 0;
        for (auto s : data.children("section")) {
            SectionSpec spec;
            spec.number = s.attribute("number").as_string();
            spec.title = s.attribute("title").as_string();
            spec.title_en = s.attribute("en").as_string();
            spec.value = ++index;
            for (auto a : s.children("alias")) spec.alias_keys.push_back(key_of(norm.fold(a.text().as_string())));
            for (auto e : s.children("evidence")) {
                auto re = std::make_shared<RE2>(norm.fold(e.text().as_string(), true), RE2::Quiet);
                if (!re->ok())
                    throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": bad evidence pattern '" +
                                       e.text().as_string() + "': " + re->error());
                spec.evidence.push_back(std::move(re));
            }
            if (spec.alias_keys.empty())
                throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": section " + spec.number + " has no alias");
            sections_.push_back(std::move(spec));
        }
        if (sections_.empty()) throw RulesetError(rule.file + ": <data name=\"" + data_name + "\"> lists no section");
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        std::vector<std::optional<Found>> found(sections_.size());
        for (const auto& head : facts.section_heads) {
            // A numbered head may have a few characters before the alias; an unnumbered block
            // must start with it.
            const auto s = match_title(head.after, head.numbered ? 30 : 0);
            if (!s || found[*s]) continue;
            Found f;
            f.offset = head.offset;
            f.printed = head.value;
            f.printed_text = head.printed;
            found[*s] = f;
        }
        if (mode_ == "presence") report_missing(doc, facts, found, out);
        else report_order(found, out);
    }

private:
    // Which section (index) does the text after a heading number name?
    std::optional<std::size_t> match_title(std::string_view after, std::size_t max_lead_bytes) const {
        const std::string k = key_of(after.substr(0, std::min<std::size_t>(after.size(), 150)));
        for (std::size_t s = 0; s < sections_.size(); ++s)
            for (const auto& alias : sections_[s].alias_keys) {
                const auto pos = k.find(alias);
                if (pos != std::string::npos && pos <= max_lead_bytes) return s;
            }
        return std::nullopt;
    }

    void report_missing(const Document& doc, const Facts& facts, const std::vector<std::optional<Found>>& found,
                        Emitter& out) const {
        // Evidence of a section is only looked for after the sections before it (found or
        // evidenced): an introduction that lists all six parts is not section 五's content.
        SourceOffset cursor = 0;
        for (std::size_t s = 0; s < sections_.size(); ++s) {
            if (found[s]) { cursor = std::max(cursor, found[s]->offset); continue; }
            const auto& spec = sections_[s];
            bool evidenced = false;
            SourceOffset evidence_at = 0;
            for (const auto& block : doc.blocks) {
                if (block.boilerplate || block.offset() < cursor) continue;
                const auto at = find_evidence(spec, block);
                if (at && *at >= cursor) { evidenced = true; evidence_at = *at; break; }
            }
            if (evidenced) cursor = evidence_at;
            // A text cut off before this section (an excerpt): its absence proves nothing.
            bool later = false;
            for (std::size_t n = s + 1; n < found.size(); ++n) later = later || found[n].has_value();
            if (!evidenced && !later && !facts.truncated.empty()) continue;
            std::map<std::string, std::string> args{{"number", spec.number}, {"title", spec.title},
                                                    {"title_en", spec.title_en}};
            if (evidenced) {
                args["detail"] = "：未找到与格式一致的章节标题，但正文中有该部分内容（标题缺失或措辞有误）";
                args["detail_en"] = ": no heading in the format's wording, but its content is present (heading lost or misworded)";
                out.emit(evidence_at, Severity::warning, args);
            } else {
                args["detail"] = "";
                args["detail_en"] = "";
                out.emit(where_missing(doc, found, s), args);
            }
        }
    }

    std::optional<SourceOffset> find_evidence(const SectionSpec& spec, const Block& block) const {
        auto search = [&](const MappedText& text) -> std::optional<SourceOffset> {
            for (const auto& re : spec.evidence) {
                re2::StringPiece m;
                const re2::StringPiece input(text.text);
                if (re->Match(input, 0, input.size(), RE2::UNANCHORED, &m, 1))
                    return text.source_at(static_cast<std::size_t>(m.data() - text.text.data()));
            }
            return std::nullopt;
        };
        if (block.table) {
            for (const auto& row : block.table->rows)
                for (const auto& cell : row)
                    if (auto at = search(cell.norm)) return at;
            if (auto at = search(block.table->raw)) return at;
        }
        return search(block.norm);
    }

    // A missing section is reported where it should have started: at the next section found,
    // else at the last block of the body.
    static SourceOffset where_missing(const Document& doc, const std::vector<std::optional<Found>>& found, std::size_t s) {
        for (std::size_t n = s + 1; n < found.size(); ++n)
            if (found[n]) return found[n]->offset;
        for (auto it = doc.blocks.rbegin(); it != doc.blocks.rend(); ++it)
            if (!it->boilerplate && !it->text.empty()) return it->offset();
        return 0;
    }

    void report_order(const std::vector<std::optional<Found>>& found, Emitter& out) const {
        SourceOffset last = 0;
        for (std::size_t s = 0; s < sections_.size(); ++s) {
            if (!found[s]) continue;
            const auto& f = *found[s];
            const auto& spec = sections_[s];
            const std::string expected = spec.number + "、" + spec.title;
            if (f.printed && *f.printed != spec.value) {
                out.emit(f.offset, {{"found", f.printed_text}, {"expected", expected}});
            } else if (f.offset < last) {
                out.emit(f.offset, {{"found", f.printed_text}, {"expected", expected + "（位于前一章节之后）"},
                                    {"expected_en", expected + " (after the previous section)"}});
            }
            last = std::max(last, f.offset);
        }
    }

    std::string mode_;
    std::vector<SectionSpec> sections_;
};

} // namespace

GK_REGISTER_CHECK("required-sections", RequiredSections);

} // namespace gk
