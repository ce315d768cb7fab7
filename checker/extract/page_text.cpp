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

constexpr const char* kDate =
    "(?:(?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|"
    "[〇零○O一二三四五六七八九]{4}\\s*年\\s*[一二三四五六七八九十]{1,3}\\s*月\\s*[一二三四五六七八九十]{1,3}\\s*日)";

constexpr const char* kSpace = "[\\s\\x{3000}\\x{00A0}]";

bool block_kind_is_text(const Block& b) {
    return b.kind == BlockKind::paragraph || b.kind == BlockKind::heading || b.kind == BlockKind::list_item;
}

std::string trim(std::string_view s) {
    auto is_space = [](std::string_view t, std::size_t i, std::size_t& len) {
        if (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) { len = 1; return true; }
        if (t.substr(i, 3) == "\u3000") { len = 3; return true; }
        if (t.substr(i, 2) == "\u00A0") { len = 2; return true; }
        return false;
    };
    std::size_t b = 0, len = 0;
    while (b < s.size() && is_space(s, b, len)) b += len;
    std::size_t e = s.size();
    while (e > b) {
        if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n') { --e; continue; }
        if (e >= b + 3 && s.substr(e - 3, 3) == "\u3000") { e -= 3; continue; }
        if (e >= b + 2 && s.substr(e - 2, 2) == "\u00A0") { e -= 2; continue; }
        break;
    }
    return std::string(s.substr(b, e - b));
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
    if (trim(it->second.value).empty()) return nullptr;
    return &it->second;
}

std::optional<Date> field_date(const Facts& facts, const std::string& key) {
    const MetaField* f = meta(facts, key);
    if (!f) return std::nullopt;
    for (const std::string* s : {&f->value, &f->raw}) {
        const auto d = parse_date(*s);
        if (d && is_valid(*d)) return d;
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
    static const RE2 line(
        R"(^[\s\x{3000}\x{00A0}]*(\p{Han}{1,15}[〔\[【(（﹝［]\s*(?:19|20)\d{2}\s*[〕\]】)）﹞］]\s*第?\s*\d{1,5}\s*[号號])[\s\x{3000}\x{00A0}]*$)");
    for (std::size_t i : body) {
        const Block& b = doc.blocks[i];
        re2::StringPiece m[2];
        const std::string& t = b.norm.empty() ? b.text.text : b.norm.text;
        if (!line.Match(t, 0, t.size(), RE2::ANCHOR_BOTH, m, 2)) continue;
        BodyDocNo d;
        d.text = std::string(m[1]);
        d.canonical = canonical_docno(d.text);
        const std::size_t at = static_cast<std::size_t>(m[1].data() - t.data());
        d.offset = b.norm.empty() ? b.text.source_at(at) : b.norm.source_at(at);
        return d;
    }
    return std::nullopt;
}

std::optional<Signature> find_signature(const Document& doc, const std::vector<std::size_t>& body) {
    static const RE2 inline_sig(std::string("(?:^|") + kSpace + "|[。；;，,：:）)])([^\\s\\x{3000}\\x{00A0}。；;，,：:]{0,30}?" +
                                kOrganSuffix + ")" + kSpace + "*(" + kDate + ")" + kSpace +
                                "*(?:$|[\\s\\x{3000}\\x{00A0}（(]|附件)");
    static const RE2 date_line(std::string("^") + kSpace + "*(" + kDate + ")" + kSpace + "*$");
    static const RE2 organ_line(std::string("^") + kSpace + "*([^。；;，,：:]{2,40}?" + kOrganSuffix + ")" + kSpace + "*$");
    static const RE2 any_date(kDate);
    for (std::size_t k = 0; k < body.size(); ++k) {
        const Block& b = doc.blocks[body[k]];
        const std::string& t = b.text.text;
        // Both forms need a date in this block: a match-only (DFA) test first spares the
        // capturing searches on the many blocks without one.
        if (!RE2::PartialMatch(t, any_date)) continue;
        re2::StringPiece m[3];
        if (date_line.Match(t, 0, t.size(), RE2::ANCHOR_BOTH, m, 2) && k > 0) {
            const Block& prev = doc.blocks[body[k - 1]];
            const auto date = parse_date(std::string(m[1]));
            if (date && utf8::count_code_points(prev.text.text) <= 40 &&
                RE2::FullMatch(prev.text.text, organ_line)) {
                Signature s;
                s.date = *date;
                s.date_offset = b.text.source_at(static_cast<std::size_t>(m[1].data() - t.data()));
                s.organ_offset = prev.text.source_at(0);
                return s;
            }
        }
        if (inline_sig.Match(t, 0, t.size(), RE2::UNANCHORED, m, 3)) {
            const auto date = parse_date(std::string(m[2]));
            if (!date) continue;
            Signature s;
            s.date = *date;
            s.date_offset = b.text.source_at(static_cast<std::size_t>(m[2].data() - t.data()));
            s.organ_offset = b.text.source_at(static_cast<std::size_t>(m[1].data() - t.data()));
            return s;
        }
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
        d.printed = page::parse_date(it->second.raw);
        if (!d.printed) d.printed = page::parse_date(it->second.value);
        d.valid = page::field_date(facts, key);
        facts.dates[key] = d;
    }
    if (const MetaField* f = facts.field("index_no")) facts.index_number = page::parse_index_number(f->value);
    if (const privacy::Config* cfg = catalogue.privacy()) facts.privacy = privacy::scan_document(doc, *cfg);
}

} // namespace gk
