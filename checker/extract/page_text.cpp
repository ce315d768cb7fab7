#include "extract/page_text.hpp"

#include <algorithm>
#include <set>

#include <re2/re2.h>

#include "extract/index_number.hpp"

namespace gk::page {

namespace {

// Organ-name endings, simplified and traditional (signatures are matched in the original
// text, where the spaces that separate organ and date survive).
constexpr const char* kOrganSuffix =
    "(?:人民政府|政府|办公厅|辦公廳|办公室|辦公室|委员会|委員會|管委会|管委會|事务所|事務所|"
    "中心|局|厅|廳|部|署|委|院|会|會|办|辦|处|處|站|所|队|隊|镇|鎮|乡|鄉|街道|小组|小組)";

constexpr const char* kSpace = "[\\s\\x{3000}\\x{00A0}]";

// Bytes before an organ name's end that can hold it and its boundary character (35 code points).
constexpr std::size_t kOrganWindow = 35 * 4;

// A signature date: 2021年9月26日 (日 printed) or 二〇二一年九月二十六日.
bool signature_form(const grammar::DateMatch& d) {
    return d.form == grammar::DateForm::ymd || d.form == grammar::DateForm::chinese;
}

// Signature spaces: ASCII, ideographic, NBSP.
bool sig_space(std::string_view t, std::size_t i) {
    const std::size_t n = grammar::space_len(t, i);
    return n == 1 || t.compare(i, n, "\u3000") == 0 || t.compare(i, n, "\u00A0") == 0;
}

bool block_kind_is_text(const Block& b) {
    return b.kind == BlockKind::paragraph || b.kind == BlockKind::heading || b.kind == BlockKind::list_item;
}

// The original characters behind bytes [at, at+len) of a mapped text (for messages).
std::string printed(const Document& doc, const MappedText& mt, std::ptrdiff_t at, std::size_t len) {
    const std::string fallback = mt.text.substr(static_cast<std::size_t>(at), len);
    if (len == 0) return fallback;
    const SourceOffset from = mt.source_at(static_cast<std::size_t>(at));
    const SourceOffset last = mt.source_at(static_cast<std::size_t>(at) + len - 1);
    if (last < from || last >= doc.source.size()) return fallback;
    std::size_t end = last + 1;
    while (end < doc.source.size() && (static_cast<unsigned char>(doc.source[end]) & 0xC0) == 0x80) ++end;
    if (end - from > len * 4 + 16) return fallback; // not a plain forward run
    return doc.source.substr(from, end - from);
}

} // namespace

const MetaField* meta(const Facts& facts, const std::string& key) {
    auto it = facts.metadata.find(key);
    if (it == facts.metadata.end()) return nullptr;
    if (grammar::trim(it->second.value).empty()) return nullptr;
    return &it->second;
}

std::optional<Date> field_date(const Facts& facts, const std::string& key) {
    const MetaField* f = meta(facts, key);
    if (!f) return std::nullopt;
    for (const std::string* s : {&f->value, &f->raw}) {
        const auto d = grammar::first_date(*s);
        if (d && d->valid()) return *d;
    }
    return std::nullopt;
}

std::vector<std::size_t> body_blocks(const Document& doc, const Facts& facts) {
    std::vector<SourceOffset> field_offsets;
    for (const auto& [key, field] : facts.metadata) field_offsets.push_back(field.offset);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const Block& b = doc.blocks[i];
        if (!block_kind_is_text(b) || b.hidden || b.boilerplate || b.in_metadata || b.text.empty()) continue;
        const SourceOffset first = b.text.source_at(0), last = b.text.source_at(b.text.text.size() - 1);
        const bool holds_field = std::any_of(field_offsets.begin(), field_offsets.end(),
                                             [&](SourceOffset o) { return o >= first && o <= last; });
        // A field inside a long body paragraph (crawler text with everything on one line) does
        // not make the paragraph metadata.
        if (holds_field && utf8::count_code_points(b.text.text) < 200) continue;
        out.push_back(i);
    }
    return out;
}

std::string canonical_docno(std::string_view docno) {
    static const RE2 open(R"(\[|【|\(|（|﹝|［)");
    static const RE2 close(R"(\]|】|\)|）|﹞|］)");
    static const RE2 space(R"([\s\x{3000}\x{00A0}]+)");
    static const RE2 nth(R"(第(\d))");
    std::string s(docno);
    RE2::GlobalReplace(&s, open, "〔");
    RE2::GlobalReplace(&s, close, "〕");
    RE2::GlobalReplace(&s, space, "");
    RE2::GlobalReplace(&s, nth, "\\1");
    return s;
}

std::optional<BodyDocNo> find_body_docno(const Document& doc, const std::vector<std::size_t>& body) {
    // A line that is only 「机关代字〔2021〕12号」: 1–15 ideographs before the bracket. The match is
    // anchored at both ends and an ideograph is never a bracket, so the run of ideographs is the
    // same with or without the bound; it is checked after the match (`\p{Han}{1,15}` compiled in
    // 16 times the time of `\p{Han}+`).
    static const RE2 line(
        R"(^[\s\x{3000}\x{00A0}]*((\p{Han}+)[〔\[【(（﹝［]\s*(?:19|20)\d{2}\s*[〕\]】)）﹞］]\s*第?\s*\d{1,5}\s*[号號])[\s\x{3000}\x{00A0}]*$)");
    for (std::size_t i : body) {
        const Block& b = doc.blocks[i];
        re2::StringPiece m[3];
        const std::string& t = b.norm.empty() ? b.text.text : b.norm.text;
        if (!line.Match(t, 0, t.size(), RE2::ANCHOR_BOTH, m, 3)) continue;
        if (utf8::count_code_points(std::string_view(m[2].data(), m[2].size())) > 15) continue;
        BodyDocNo d;
        d.text = std::string(m[1]);
        d.canonical = canonical_docno(d.text);
        const std::size_t at = static_cast<std::size_t>(m[1].data() - t.data());
        d.offset = b.norm.empty() ? b.text.source_at(at) : b.norm.source_at(at);
        return d;
    }
    return std::nullopt;
}

namespace {
// Only for whole lines of at most 40 code points (both callers check), so the name's run needs
// no upper bound of its own: `{2,}` there matches what `{2,40}` would, and RE2 compiles it in a
// twentieth of the time (a bounded repetition of a Unicode class is copied once per repetition).
const RE2& organ_line_re() {
    static const RE2 re(std::string("^") + kSpace + "*([^。；;，,：:]{2,}?" + kOrganSuffix + ")" + kSpace + "*$");
    return re;
}
} // namespace

bool is_organ_line(std::string_view line) {
    return utf8::count_code_points(line) <= 40 && RE2::FullMatch(line, organ_line_re());
}

std::optional<Signature> find_signature(const Document& doc, const std::vector<std::size_t>& body) {
    // An organ name, then the date: 「…人民政府 2021年9月26日」 on one line, preceded by the line's
    // start, a space or a clause end, and followed by the line's end, a space, （ or 附件.
    static const RE2 organ_before(std::string("(?:^|") + kSpace + "|[。；;，,：:）)])([^\\s\\x{3000}\\x{00A0}。；;，,：:]{0,30}?" +
                                  kOrganSuffix + ")" + kSpace + "*$");
    const RE2& organ_line = organ_line_re();
    for (std::size_t k = 0; k < body.size(); ++k) {
        const Block& b = doc.blocks[body[k]];
        const std::string& t = b.text.text;
        // A line that is only the date, after a short line that is only the organ.
        if (k > 0) {
            const auto d = grammar::whole_date(t);
            const Block& prev = doc.blocks[body[k - 1]];
            if (d && signature_form(*d) && utf8::count_code_points(prev.text.text) <= 40 &&
                RE2::FullMatch(prev.text.text, organ_line)) {
                Signature s;
                s.date = *d;
                s.date_offset = b.text.source_at(d->begin);
                s.organ_offset = prev.text.source_at(0);
                s.organ = std::string(grammar::trim(prev.text.text));
                return s;
            }
        }
        // The leftmost organ+date on the line (the earliest organ start; the earlier date on a tie).
        // Every date grammar::date_at reads has 年 or one of - / . after its year: a line with none
        // of them holds no date (most lines of a report), and is not searched position by position.
        if (t.find("年") == std::string::npos && t.find_first_of("-/.") == std::string::npos) continue;
        std::optional<Signature> best;
        std::size_t best_start = std::string::npos;
        for (std::size_t pos = 0; pos < t.size(); ++pos) {
            const auto d = grammar::date_at(t, pos);
            if (!d || !signature_form(*d)) continue;
            const std::size_t e = d->end;
            const bool end_ok = e == t.size() || sig_space(t, e) || t.compare(e, 1, "(") == 0 ||
                                t.compare(e, 3, "（") == 0 || t.compare(e, 6, "附件") == 0 ||
                                [&] { std::size_t j = e; while (j < t.size() && sig_space(t, j)) j += grammar::space_len(t, j);
                                      return j == t.size() || t.compare(j, 1, "(") == 0 || t.compare(j, 3, "（") == 0 ||
                                             t.compare(j, 6, "附件") == 0; }();
            if (!end_ok) continue;
            // The organ is at most 30 + 4 characters and one boundary character before the spaces
            // that precede the date: look back no further than that (RE2 still sees the whole
            // line as context, so ^ only matches at its start).
            std::size_t organ_end = pos;
            for (bool more = true; more && organ_end > 0;) {
                more = false;
                for (std::size_t n = 1; n <= 3 && n <= organ_end; ++n)
                    if (grammar::space_len(t, organ_end - n) == n) { organ_end -= n; more = true; break; }
            }
            std::size_t window = organ_end > kOrganWindow ? organ_end - kOrganWindow : 0;
            while (window > 0 && (static_cast<unsigned char>(t[window]) & 0xC0) == 0x80) --window;
            re2::StringPiece m[2];
            if (!organ_before.Match(re2::StringPiece(t.data(), pos), window, pos, RE2::UNANCHORED, m, 2)) continue;
            const std::size_t start = static_cast<std::size_t>(m[0].data() - t.data());
            if (start >= best_start) continue;
            best_start = start;
            Signature s;
            s.date = *d;
            s.date_offset = b.text.source_at(pos);
            s.organ_offset = b.text.source_at(static_cast<std::size_t>(m[1].data() - t.data()));
            s.organ = std::string(m[1].data(), m[1].size());
            best = s;
        }
        if (best) return best;
    }
    return std::nullopt;
}

std::vector<Marking> find_markings(const Document& doc, const std::vector<std::size_t>& body,
                                   const DisclosureLexicon& lexicon) {
    std::vector<Marking> out;
    std::set<SourceOffset> seen;
    const RE2& marking_re = lexicon.marking_pattern();
    for (std::size_t i : body) {
        const Block& b = doc.blocks[i];
        for (const MappedText* mt : {&b.norm, &b.text}) {
            const std::string& t = mt->text;
            re2::StringPiece input(t), m[3];
            std::size_t pos = 0;
            while (pos <= t.size() && marking_re.Match(input, pos, t.size(), RE2::UNANCHORED, m, 3)) {
                const re2::StringPiece hit = m[1].data() ? m[1] : m[2];
                const Attribute* attribute = lexicon.marking(std::string_view(hit.data(), hit.size()));
                const SourceOffset at = mt->source_at(static_cast<std::size_t>(m[0].data() - t.data()));
                if (attribute && seen.insert(at).second)
                    out.push_back(Marking{attribute->id, printed(doc, *mt, m[0].data() - t.data(), m[0].size()), at});
                pos = static_cast<std::size_t>(m[0].data() - t.data()) + std::max<std::size_t>(m[0].size(), 1);
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const Marking& a, const Marking& b) { return a.offset < b.offset; });
    return out;
}

} // namespace gk::page

namespace gk {

const MetaField* Facts::field(std::string_view key) const { return page::meta(*this, std::string(key)); }

std::optional<page::Date> Facts::date(std::string_view key) const {
    const auto it = dates.find(std::string(key));
    return it == dates.end() ? std::nullopt : it->second.valid;
}

void extract_page_facts(const Document& doc, const Catalogue& catalogue, Facts& facts) {
    facts.disclosure = {};
    facts.dates.clear();
    facts.index_number.reset();
    facts.privacy.reset();
    facts.body_blocks = page::body_blocks(doc, facts);
    facts.body_docno = page::find_body_docno(doc, facts.body_blocks);
    facts.signature = page::find_signature(doc, facts.body_blocks);
    if (const page::DisclosureLexicon* lexicon = catalogue.disclosure()) {
        facts.disclosure.markings = page::find_markings(doc, facts.body_blocks, *lexicon);
        if (const MetaField* f = facts.field("disclosure"))
            if (const page::Attribute* a = lexicon->field_attribute(f->value, f->raw)) facts.disclosure.field = a->id;
    }
    for (const char* key : {"created", "published"}) {
        const auto it = facts.metadata.find(key);
        if (it == facts.metadata.end()) continue;
        MetaDate d;
        // As printed first: the extractor may have dropped or repaired an impossible date.
        d.printed = grammar::first_date(it->second.raw);
        if (!d.printed) d.printed = grammar::first_date(it->second.value);
        d.valid = page::field_date(facts, key);
        facts.dates[key] = d;
    }
    if (const MetaField* f = facts.field("index_no")) facts.index_number = page::parse_index_number(f->value);
    if (const privacy::Config* cfg = catalogue.privacy()) facts.privacy = privacy::scan_document(doc, *cfg);
}

} // namespace gk
