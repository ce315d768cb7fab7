// Metadata extraction: the page's catalogue block (索引号, 发布机构, dates, 文号, 公开方式 ...).
//
// Where we look: blocks the parser flagged in_metadata, plus the page header — the blocks before
// the first body-like paragraph (long, with sentence punctuation, not starting with a label).
// Body sentences such as 「发布机构应当…」 are therefore never read as metadata.
//
// How a line is read: every known label (with spaces allowed between its characters and its
// traditional form accepted) is located; a value is the text between a label and the next label
// (or a table-cell boundary '|'). So 「索引号11370983K21344588M/2020-04825公开方式主动公开」 gives
// two fields and 「文号:发文日期:2020-12-18」 gives no 文号. Short, generic labels (文号, 标题,
// 来源, 时间, 日期 ...) count only when a colon follows them. Labels that are not output keys
// (关键词, 浏览次数, 栏目 ...) still end the previous value.
//
// The first occurrence of a key wins; HTML <meta> (ArticleTitle, PubDate, ContentSource) fills
// what the page did not print. Dates become YYYY-MM-DD; `raw` keeps the printed text.
#include <re2/re2.h>

#include <algorithm>
#include <unordered_map>

#include "core/term_set.hpp"
#include "extract/extract.hpp"
#include "extract/meta_util.hpp"
#include "grammar/grammar.hpp"
#include "normalise/normalise.hpp"

namespace gk {

namespace {

using namespace extract_util;
using grammar::find_date;
using grammar::trim_range;

struct LabelDef {
    const char* text; // simplified or traditional spelling, no spaces
    const char* key;  // output key, or "" for a label that only terminates values
    bool strong;      // counts without a following colon
};

const std::vector<LabelDef>& label_defs() {
    static const std::vector<LabelDef> defs = {
        // index_no
        {"索引号", "index_no", true}, {"索引號", "index_no", true},
        // publisher
        {"发布机构", "publisher", true}, {"發布機構", "publisher", true}, {"發佈機構", "publisher", true},
        {"发文机关", "publisher", true}, {"發文機關", "publisher", true},
        {"发文机构", "publisher", true}, {"發文機構", "publisher", true},
        {"发布单位", "publisher", true}, {"發布單位", "publisher", true},
        // created
        {"成文日期", "created", true}, {"生成日期", "created", true}, {"发文日期", "created", true},
        {"發文日期", "created", true}, {"产生日期", "created", true}, {"產生日期", "created", true},
        {"成文时间", "created", true}, {"成文時間", "created", true},
        // published
        {"发布日期", "published", true}, {"發布日期", "published", true}, {"發佈日期", "published", true},
        {"发布时间", "published", true}, {"發布時間", "published", true}, {"發佈時間", "published", true},
        {"公开日期", "published", true}, {"公開日期", "published", true},
        {"时间", "published", false}, {"時間", "published", false},
        {"日期", "published", false},
        // doc_no
        {"发文字号", "doc_no", true}, {"發文字號", "doc_no", true},
        {"发布文号", "doc_no", true}, {"發布文號", "doc_no", true},
        {"文号", "doc_no", false}, {"文號", "doc_no", false},
        // disclosure
        {"公开方式", "disclosure", true}, {"公開方式", "disclosure", true},
        {"公开属性", "disclosure", true}, {"公開屬性", "disclosure", true},
        {"公开类别", "disclosure", true}, {"公開類別", "disclosure", true},
        // category
        {"组配分类", "category", true}, {"組配分類", "category", true},
        {"信息分类", "category", true}, {"信息分類", "category", true},
        {"主题分类", "category", true}, {"主題分類", "category", true},
        {"分类", "category", false}, {"分類", "category", false},
        // validity
        {"有效性", "validity", true}, {"时效", "validity", false}, {"時效", "validity", false},
        // source
        {"信息来源", "source", true}, {"信息來源", "source", true},
        {"来源", "source", false}, {"來源", "source", false},
        // title
        {"信息名称", "title", true}, {"信息名稱", "title", true},
        {"标题", "title", false}, {"標題", "title", false},
        {"名称", "title", false}, {"名稱", "title", false},
        // not output keys: they only end the previous value
        {"关键词", "", true}, {"關鍵詞", "", true}, {"关键字", "", true}, {"關鍵字", "", true},
        {"主题词", "", true}, {"主題詞", "", true},
        {"内容概述", "", true}, {"內容概述", "", true}, {"内容摘要", "", true},
        {"浏览次数", "", true}, {"瀏覽次數", "", true}, {"阅读次数", "", true}, {"閱讀次數", "", true},
        {"点击数", "", true}, {"點擊數", "", true}, {"访问量", "", true}, {"浏览量", "", true},
        {"主题导航", "", true}, {"主題導航", "", true},
        {"原文链接", "", true}, {"本地目录", "", true}, {"栏目", "", true}, {"欄目", "", true},
        {"废止日期", "", true}, {"廢止日期", "", true},
        {"作者", "", false}, {"来自", "", false}, {"來自", "", false},
        {"字号", "", false}, {"字號", "", false}, {"字体", "", false}, {"字體", "", false},
        {"责任编辑", "", true}, {"責任編輯", "", true},
    };
    return defs;
}

// The spaces a label may have between its characters and before its colon (RE2's \s, NBSP,
// en/em space, ideographic space).
bool label_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 0xA0 || c == 0x2002 || c == 0x2003 ||
           c == 0x3000;
}

struct LabelMatcher {
    // Strong labels first, then weak ones (a colon must follow), each longest first: an
    // alternation's order, with spaces allowed between a label's characters ("索 引 号").
    std::vector<const LabelDef*> order;
    std::unique_ptr<TermSet> terms;
    std::unordered_map<std::string, const LabelDef*> by_text;

    LabelMatcher() {
        std::vector<const LabelDef*> strong, weak;
        for (const auto& d : label_defs()) {
            (d.strong ? strong : weak).push_back(&d);
            by_text.emplace(d.text, &d);
        }
        auto longest_first = [](const LabelDef* a, const LabelDef* b) {
            return std::string_view(a->text).size() > std::string_view(b->text).size();
        };
        std::stable_sort(strong.begin(), strong.end(), longest_first);
        std::stable_sort(weak.begin(), weak.end(), longest_first);
        order = strong;
        order.insert(order.end(), weak.begin(), weak.end());
        std::vector<std::string> texts;
        for (const auto* d : order) texts.emplace_back(d->text);
        TermSet::Options o;
        o.is_gap = label_space; // any number of them
        terms = std::make_unique<TermSet>(texts, std::move(o));
    }

    // Strips spaces from a matched label and finds its definition.
    const LabelDef* lookup(std::string_view matched) const {
        std::string key;
        std::size_t i = 0;
        while (i < matched.size()) {
            const std::size_t b = i;
            const char32_t c = utf8::next(matched, i);
            if (label_space(c)) continue;
            key.append(matched.substr(b, i - b));
        }
        auto it = by_text.find(key);
        return it == by_text.end() ? nullptr : it->second;
    }
};

const LabelMatcher& matcher() {
    static const LabelMatcher m;
    return m;
}

bool is_date_key(std::string_view k) { return k == "created" || k == "published"; }

struct LabelHit {
    std::size_t begin, end; // label bytes (group only, without the colon for weak labels)
    std::size_t value_from; // after label and colon
    const LabelDef* def;
};

std::vector<LabelHit> find_labels(std::string_view text, std::size_t scan_limit) {
    std::vector<LabelHit> hits;
    const auto& m = matcher();
    std::size_t pos = 0;
    std::size_t match_end = 0; // after the colon, for a weak label
    auto colon_follows = [&](const TermSet::Hit& h) {
        if (m.order[h.term]->strong) { match_end = h.end; return true; }
        std::size_t i = h.end;
        while (i < text.size()) {
            std::size_t k = i;
            const char32_t c = utf8::next(text, k);
            if (c == ':' || c == 0xFF1A) { match_end = k; return true; }
            if (!label_space(c)) return false;
            i = k;
        }
        return false;
    };
    while (pos < text.size() && pos < scan_limit) {
        const auto h = m.terms->find(text, pos, colon_follows);
        if (!h) break;
        const std::size_t mb = h->begin, me = match_end;
        if (mb >= scan_limit || me == mb) break;
        if (const LabelDef* d = m.lookup(text.substr(h->begin, h->end - h->begin))) hits.push_back({h->begin, h->end, me, d});
        pos = me;
    }
    return hits;
}

// Value length limits in code points: longer text is body, not a field value.
std::size_t value_limit(std::string_view key) { return key == "title" ? 120 : 60; }

class MetadataReader {
public:
    MetadataReader(const Document& doc, Facts& facts) : doc_(doc), facts_(facts) {}

    // Reads every label/value pair of one line of text. Returns false when the line ran into
    // body text (a value too long to be a field), so the caller can stop.
    bool read_line(const MappedText& t, const MappedText* next_line) {
        const std::string_view s = t.text;
        // Labels must start in the line's head: a page-header line can run into the body
        // (crawler plain text puts the whole body on the 当前位置 line).
        const auto hits = find_labels(s, 600);
        if (hits.empty()) return true;
        static const std::vector<std::string_view> seps = {":", "：", "|", ",", "，", ";", "；", "、"};
        for (std::size_t i = 0; i < hits.size(); ++i) {
            const auto& h = hits[i];
            std::size_t vb = h.value_from;
            std::size_t ve = i + 1 < hits.size() ? hits[i + 1].begin : s.size();
            // skip separators between label and value
            trim_range(s, vb, ve, {":", "：", "|"});
            // a value never crosses a table-cell boundary
            if (auto bar = s.find('|', vb); bar != std::string_view::npos && bar < ve) ve = bar;
            trim_range(s, vb, ve, seps);
            const std::string_view key = h.def->key;
            const MappedText* vt = &t;
            if (vb >= ve && i + 1 == hits.size() && next_line && !key.empty() &&
                find_labels(next_line->text, 600).empty()) {
                // label alone at the end of its line (<dt>/<li> layouts): the value is the next line
                vt = next_line;
                vb = 0;
                ve = next_line->text.size();
                trim_range(next_line->text, vb, ve, seps);
            }
            if (vb >= ve) continue;
            const std::string_view vs = std::string_view(vt->text).substr(vb, ve - vb);
            // A full stop means the line has run into body text: nothing after it is metadata.
            const bool into_body = vs.find("。") != std::string_view::npos;
            if (key.empty()) {
                if (into_body || code_points(vs) > 80) return false;
                continue;
            }
            if (is_date_key(key)) {
                auto dm = find_date(vt->text, vb, /*anchored=*/true);
                if (!dm || dm->begin >= ve) continue;
                set(std::string(key), dm->iso(), *vt, dm->begin, dm->end, t, h);
                if (into_body || code_points(vs) > 80) return false;
                continue;
            }
            if (into_body || code_points(vs) > value_limit(key)) return false;
            set(std::string(key), std::string(vs), *vt, vb, ve, t, h);
        }
        return true;
    }

    // A header line that is only a date-time (seed 001 「2018- 08- 21 19: 39」): the publish time.
    void read_bare_date(const MappedText& t) {
        if (facts_.metadata.count("published")) return;
        auto dm = find_date(t.text, 0, true);
        if (!dm) return;
        std::string_view rest = std::string_view(t.text).substr(dm->end);
        static const RE2 time_re(R"(^\s*(?:\d{1,2}\s*:\s*\d{1,2}(?:\s*:\s*\d{1,2})?)?\s*$)");
        if (!RE2::FullMatch(re2::StringPiece(rest.data(), rest.size()), time_re)) return;
        MetaField f;
        f.value = dm->iso();
        f.raw = printed(doc_, t, dm->begin, dm->end);
        f.offset = t.source_at(dm->begin);
        facts_.metadata.emplace("published", std::move(f));
    }

private:
    void set(const std::string& key, std::string value, const MappedText& vt, std::size_t vb,
             std::size_t ve, const MappedText& lt, const LabelHit& h) {
        if (facts_.metadata.count(key)) return;
        MetaField f;
        f.value = std::move(value);
        f.raw = printed(doc_, vt, vb, ve);
        f.label = printed(doc_, lt, h.begin, h.end);
        f.offset = vt.source_at(vb);
        facts_.metadata.emplace(key, std::move(f));
    }

    const Document& doc_;
    Facts& facts_;
};

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
    for (auto p : prefixes)
        if (s.substr(0, p.size()) == p) return true;
    return false;
}

// A paragraph of running text: long and with sentence punctuation, not a header line.
bool body_like(const Block& b) {
    if (b.boilerplate || b.hidden || b.in_metadata || b.kind == BlockKind::table ||
        b.kind == BlockKind::image)
        return false;
    const std::string& s = b.norm.empty() ? b.text.text : b.norm.text;
    if (starts_with_any(s, {"当前位置", "當前位置", "您的位置", "您现在的位置", "位置"})) return false;
    if (const auto hits = find_labels(s, 24); !hits.empty() && hits.front().begin < 12) return false;
    const std::size_t n = code_points(s);
    if (n >= 15 && s.find("。") != std::string::npos) return true;
    return n > 60 && (s.find("，") != std::string::npos || s.find(',') != std::string::npos);
}

bool structured(const Block& b) {
    if (b.kind == BlockKind::table || b.kind == BlockKind::image) return false;
    return b.in_metadata || b.kind == BlockKind::list_item || b.tag == "dt" || b.tag == "dd" ||
           b.tag == "li" || b.tag == "td" || b.tag == "th";
}

const MappedText& norm_of(const Block& b) { return b.norm.empty() ? b.text : b.norm; }

std::optional<std::string> html_meta(const Document& doc, std::string_view name) {
    for (const auto& [k, v] : doc.html_meta) {
        if (k.size() != name.size()) continue;
        bool eq = true;
        for (std::size_t i = 0; i < k.size() && eq; ++i)
            eq = std::tolower(static_cast<unsigned char>(k[i])) == std::tolower(static_cast<unsigned char>(name[i]));
        if (eq && !v.empty()) return v;
    }
    return std::nullopt;
}

SourceOffset offset_of(const Document& doc, const std::string& printed_text) {
    if (printed_text.empty()) return 0;
    auto at = doc.source.find(printed_text);
    return at == std::string::npos ? 0 : static_cast<SourceOffset>(at);
}

void meta_fallbacks(const Document& doc, Facts& facts) {
    const auto& norm = Normaliser::instance();
    auto put = [&](const char* key, const std::string& raw, std::string value) {
        if (facts.metadata.count(key) || value.empty()) return;
        MetaField f;
        f.value = std::move(value);
        f.raw = raw;
        f.offset = offset_of(doc, raw);
        facts.metadata.emplace(key, std::move(f));
    };
    if (auto v = html_meta(doc, "ArticleTitle")) put("title", *v, norm.fold(*v, true));
    if (auto v = html_meta(doc, "PubDate")) {
        const std::string folded = norm.fold(*v, true);
        if (auto dm = find_date(folded, 0, true)) put("published", *v, dm->iso());
    }
    if (auto v = html_meta(doc, "ContentSource")) put("source", *v, norm.fold(*v, true));
}

bool starts_with_outline_number(std::string_view s) {
    return grammar::read_heading_number(s, grammar::skip_spaces(s, 0)).has_value();
}

// A line that reads as a document title: short, one sentence at most, ends in a type noun.
bool title_like(std::string_view s) {
    const std::size_t n = code_points(s);
    if (n < 6 || n > 100) return false;
    if (s.find("。") != std::string_view::npos || s.find("根据") != std::string_view::npos) return false;
    if (starts_with_outline_number(s)) return false;
    return !type_from_title(s).empty();
}

// A title-like line made only of disclosure and type words (「政府信息公开年报」, 「通知公告」): the
// name of a site's column, as a breadcrumb or a converted page's heading prints it, not the title
// of one document, which names its issuer, its year or its subject.
bool generic_title(std::string_view s) {
    static constexpr std::string_view kWords[] = {"政府", "政务", "信息", "公开", "工作", "年度", "报告", "年报", "报表",
                                                  "通知", "通报", "公告", "通告", "规划", "计划", "总结", "方案",
                                                  "意见", "文件", "政策", "专栏"};
    std::size_t i = 0;
    while (i < s.size()) {
        bool found = false;
        for (std::string_view w : kWords)
            if (s.substr(i, w.size()) == w) {
                i += w.size();
                found = true;
                break;
            }
        if (!found) return false;
    }
    return true;
}

// Title when no field named it: a title-like line of the opening — or two lines, when a PDF broke
// the title 「2024 年…政府信息公开⏎工作年度报告」 —, a column's name (generic_title) only when no real title
// follows it, else <title> without its site suffix, else the
// first heading.
void find_title(const Document& doc, Facts& facts) {
    if (!facts.title.empty()) return;
    constexpr std::size_t kBrokenTitleBlocks = 6;
    std::size_t seen = 0;
    std::string prev;            // the previous line, when it could be a title's first part
    SourceOffset prev_offset = 0;
    std::string generic;         // a column name seen first: the title unless a real one follows
    SourceOffset generic_offset = 0;
    for (const auto& b : doc.blocks) {
        if (b.hidden || b.boilerplate || b.kind == BlockKind::table || b.kind == BlockKind::image) continue;
        if (++seen > 30) break;
        const MappedText& t = norm_of(b);
        std::size_t vb = 0, ve = t.text.size();
        trim_range(t.text, vb, ve);
        const std::string_view line = std::string_view(t.text).substr(vb, ve - vb);
        if (title_like(line) && generic_title(line)) {
            if (generic.empty()) {
                generic = std::string(line);
                generic_offset = t.source_at(vb);
            }
            prev.clear();
            continue;
        }
        if (title_like(line)) {
            facts.title = std::string(line);
            facts.title_offset = t.source_at(vb);
            return;
        }
        // (a broken title stands at the top, before any heading, its second part unnumbered)
        if (!prev.empty() && seen <= kBrokenTitleBlocks && b.kind != BlockKind::heading && code_points(line) <= 30 &&
            !starts_with_outline_number(line) && title_like(prev + std::string(line))) {
            facts.title = prev + std::string(line);
            facts.title_offset = prev_offset;
            return;
        }
        const bool part = b.kind != BlockKind::heading && code_points(line) >= 4 && code_points(line) <= 60 && line.find("。") == std::string_view::npos &&
                          line.find("：") == std::string_view::npos && !starts_with_outline_number(line);
        prev = part ? std::string(line) : std::string();
        prev_offset = t.source_at(vb);
    }
    if (!generic.empty()) {
        facts.title = generic;
        facts.title_offset = generic_offset;
        return;
    }
    if (!doc.html_title.empty()) {
        const std::string folded = Normaliser::instance().fold(doc.html_title, true);
        // 「…年度报告_政府信息公开年报_平潭综合实验区党工委管委会」: the first part is the page's own.
        static const RE2 split(R"(^\s*(.+?)\s*(?:_|\||－|——| - |–).*$)");
        std::string first;
        if (!RE2::FullMatch(folded, split, &first)) first = folded;
        std::size_t vb = 0, ve = first.size();
        trim_range(first, vb, ve);
        first = first.substr(vb, ve - vb);
        if (code_points(first) >= 4) {
            facts.title = first;
            facts.title_offset = offset_of(doc, doc.html_title);
            return;
        }
    }
    for (const auto& b : doc.blocks) {
        if (b.hidden || b.boilerplate || b.kind != BlockKind::heading) continue;
        const MappedText& t = norm_of(b);
        const std::size_t n = code_points(t.text);
        if (n < 4 || n > 100 || starts_with_outline_number(t.text)) continue;
        facts.title = t.text;
        facts.title_offset = t.source_at(0);
        return;
    }
}

} // namespace

void extract_metadata(const Document& doc, Facts& facts) {
    MetadataReader reader(doc, facts);
    // Blocks to read: parser-flagged metadata blocks anywhere, and the page header.
    std::size_t header_blocks = 0;
    bool in_header = true;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const Block& b = doc.blocks[i];
        if (b.hidden) continue;
        if (in_header && (body_like(b) || header_blocks >= 30)) in_header = false;
        if (!in_header && !b.in_metadata) continue;
        if (!b.boilerplate) ++header_blocks;
        if (b.kind == BlockKind::table && b.table) {
            for (const auto& row : b.table->rows) reader.read_line(row_text(row), nullptr);
            continue;
        }
        if (b.kind == BlockKind::image) continue;
        // A value on the line after its label only in structured layouts (<dt>/<dd>, <li>):
        // in plain text an empty field (「时效:」) must stay empty.
        const MappedText* next = nullptr;
        if (i + 1 < doc.blocks.size() && structured(b) && structured(doc.blocks[i + 1]) &&
            !doc.blocks[i + 1].hidden)
            next = &norm_of(doc.blocks[i + 1]);
        reader.read_line(norm_of(b), next);
        reader.read_bare_date(norm_of(b));
    }
    meta_fallbacks(doc, facts);
    if (auto it = facts.metadata.find("title"); it != facts.metadata.end() && facts.title.empty()) {
        facts.title = it->second.value;
        facts.title_offset = it->second.offset;
    }
    find_title(doc, facts);
}

} // namespace gk
