// Facts::agency: the organ a document is from, named by its title (「平潭综合实验区经济发展局2022年度
// 政府信息公开工作年度报告」, 「…管委会办公室关于印发…的通知」), its 发布机构 and 来源 fields and its
// signature, each normalised by the catalogue's agency lexicon (catalogue/agency.hpp). The title
// wins when it names an organ, then 发布机构, 来源, signature. Computed once per document.
#include "extract/extract.hpp"

#include <re2/re2.h>

#include "catalogue/agency.hpp"
#include "normalise/normalise.hpp"

namespace gk {

namespace {

// The organ part of a title, spaces removed: before 关于 / 印发, before the report year, between
// the year and 政府信息公开/政务公开/信息公开, or before those words.
std::string title_organ(const std::string& title) {
    static const RE2 before_about("^(.+?)(?:关于|印发)");
    static const RE2 before_year("^(.+?)(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})年");
    static const RE2 after_year("^(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})年度?(.+?)(?:政府信息公开|政务公开|信息公开)");
    static const RE2 before_words("^(.+?)(?:政府信息公开|政务公开|信息公开)");
    std::string t;
    for (char c : title) if (c != ' ' && c != '\t' && c != '\n' && c != '\r') t += c;
    for (auto pos = t.find("\u3000"); pos != std::string::npos; pos = t.find("\u3000")) t.erase(pos, 3);
    std::string organ;
    if (RE2::PartialMatch(t, before_about, &organ)) return organ;
    if (RE2::PartialMatch(t, before_year, &organ)) return organ;
    if (RE2::PartialMatch(t, after_year, &organ)) return organ;
    if (RE2::PartialMatch(t, before_words, &organ)) return organ;
    return "";
}

} // namespace

void extract_agency(const Document& doc, const Catalogue& catalogue, Facts& facts) {
    const AgencyLexicon* lex = catalogue.agencies();
    if (!lex) return;
    struct Candidate { std::string source; std::string text; SourceOffset offset; AgencyName name; };
    std::vector<Candidate> found;
    auto consider = [&](const char* source, const std::string& text, SourceOffset offset) {
        if (text.empty()) return;
        if (auto n = lex->identify(text)) found.push_back({source, n->printed, offset, *n});
    };
    if (!facts.title.empty()) consider("title", title_organ(facts.title), facts.title_offset);
    for (const char* key : {"publisher", "source"})
        if (const MetaField* f = facts.field(key)) consider(key, f->value, f->offset);
    if (facts.signature && !facts.signature->organ.empty())
        consider("signature", Normaliser::instance().fold(facts.signature->organ, true), facts.signature->organ_offset);
    (void)doc;
    if (found.empty()) return;

    const Candidate& best = found.front();
    Agency a;
    a.name = best.text;
    a.normalised = best.name.normalised;
    a.level = best.name.level;
    a.kind = best.name.kind;
    for (const auto& c : found) {
        AgencyEvidence e;
        e.source = c.source;
        e.text = c.text;
        e.normalised = c.name.normalised;
        e.offset = c.offset;
        // The same agency, its office (the 办公室 that publishes a government's report), or the
        // same name before a rename.
        // A short name is the end of the full one (「区公安局」 for 平潭综合实验区公安局); a name with
        // stray text before it (「无平潭综合实验区行政审批局」, a signature after a sentence) ends with it.
        auto tail_of = [](const std::string& longer, const std::string& shorter) {
            return shorter.size() >= 9 && longer.size() > shorter.size() && longer.ends_with(shorter);
        };
        e.agrees = c.name.normalised == a.normalised || c.name.office_of == a.normalised ||
                   (!best.name.office_of.empty() && c.name.normalised == best.name.office_of) ||
                   c.name.renamed_from == a.normalised || best.name.renamed_from == c.name.normalised ||
                   tail_of(a.normalised, c.name.normalised) || tail_of(c.name.normalised, a.normalised) ||
                   tail_of(best.text, c.text) || tail_of(c.text, best.text);
        a.evidence.push_back(std::move(e));
    }
    facts.agency = std::move(a);
}

} // namespace gk
