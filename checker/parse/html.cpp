// HTML → Blocks. See parse.hpp for the contract and html_source_map.hpp for how offsets are
// recovered. The tree is walked iteratively (parent/next pointers plus a heap-allocated context
// stack), so nesting depth is bounded by memory, not by the C++ stack.
#include "parse/parse.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <bit>
#include <climits>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parse/html_classify.hpp"
#include "parse/html_source_map.hpp"
#include "parse/html_text.hpp"

namespace gk {
namespace {

using html::SourceMatcher;
using html::TextCollector;

std::string_view name_of(const xmlNode* n) {
    return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

std::string attr(const xmlNode* n, const char* name) {
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        if (!a->name || std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0) continue;
        std::string out;
        for (const xmlNode* c = a->children; c; c = c->next)
            if (c->content) out += reinterpret_cast<const char*>(c->content);
        return out;
    }
    return {};
}

bool has_attr(const xmlNode* n, const char* name) {
    for (const xmlAttr* a = n->properties; a; a = a->next)
        if (a->name && std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0) return true;
    return false;
}

bool is_one_of(std::string_view s, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), s) != set.end();
}

bool is_ws_only(std::string_view s) {
    for (char c : s)
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) return false;
    return true;
}

std::vector<std::string_view> split_tokens(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
        std::size_t j = i;
        while (j < s.size() && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

// Elements that end the current paragraph when they open or close.
bool is_block_element(std::string_view n) {
    return is_one_of(n, {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
                         "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
                         "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol",
                         "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
                         "caption", "ul", "legend", "option", "select", "button", "textarea", "iframe", "title"});
}

// Elements whose content never becomes block text.
bool is_skipped_element(std::string_view n) {
    return is_one_of(n, {"head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
                         "math", "canvas", "audio", "video", "map", "frameset", "xml"});
}

bool is_raw_text_element(std::string_view n) { return n == "script" || n == "style"; }

bool is_offsite(std::string_view href) {
    return href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0 || href.rfind("//", 0) == 0;
}

// ---------------------------------------------------------------------------------------------
// Facts about every element's subtree, computed bottom-up before the main walk.
struct NodeInfo {
    std::uint32_t text_len = 0;  // visible-ish code points (no spaces), capped
    std::uint32_t labels = 0;    // metadata labels seen (html::metadata_labels)
    bool has_table = false;      // a <table> strictly inside
};

struct Flags {
    bool hidden = false, boilerplate = false, in_metadata = false;
    bool operator==(const Flags&) const = default;
};

struct TableBuilder;

struct Context {
    const xmlNode* node = nullptr;
    Flags flags;
    bool skip = false;       // text is not block content (head, noscript, select ...)
    bool raw = false;        // script/style body: not even matched against the source
    bool in_title = false;
    bool in_article = false;
    bool list_item = false;
    int heading = 0;
    std::string_view block_tag = "body";
    int link = -1;                  // index into Document::links of the innermost open <a href>
    TableBuilder* table = nullptr;  // inside a data table
    bool in_cell = false;
};

// Collects one block at a time and appends finished blocks to `out`.
class FlowBuilder {
public:
    explicit FlowBuilder(std::vector<Block>& out) : out_(&out) {}

    void add(const Context& c, std::string_view s, const SourceOffset* origins, bool ws_only,
             const std::vector<Link>& links) {
        if (ws_only) {
            if (started_) text_.add(s, origins);
            return;
        }
        const BlockKind kind = c.heading ? BlockKind::heading : c.list_item ? BlockKind::list_item : BlockKind::paragraph;
        if (started_ && (flags_ != c.flags || kind != kind_)) flush();
        if (!started_) {
            started_ = true;
            kind_ = kind;
            level_ = c.heading;
            tag_ = std::string(c.block_tag);
            flags_ = c.flags;
            first_href_.clear();
            first_offsite_.clear();
            all_linked_ = true;
        }
        text_.add(s, origins);
        if (c.link >= 0 && static_cast<std::size_t>(c.link) < links.size()) {
            const std::string& href = links[static_cast<std::size_t>(c.link)].href;
            if (first_href_.empty()) first_href_ = href;
            if (first_offsite_.empty() && is_offsite(href)) first_offsite_ = href;
        } else {
            all_linked_ = false;
        }
    }

    void flush() {
        if (!started_) return;
        started_ = false;
        MappedText t = text_.finish();
        if (t.empty()) return;
        Block b;
        b.kind = kind_;
        b.level = level_;
        b.tag = tag_;
        b.hidden = flags_.hidden;
        b.in_metadata = flags_.in_metadata;
        b.boilerplate = flags_.boilerplate || (!flags_.in_metadata && html::is_furniture_text(t.text));
        if (flags_.hidden) b.href = first_offsite_;
        else if (all_linked_) b.href = first_href_;
        b.text = std::move(t);
        out_->push_back(std::move(b));
    }

    void push(Block b) {
        flush();
        out_->push_back(std::move(b));
    }

private:
    std::vector<Block>* out_;
    TextCollector text_;
    bool started_ = false;
    BlockKind kind_ = BlockKind::paragraph;
    int level_ = 0;
    std::string tag_;
    Flags flags_;
    std::string first_href_, first_offsite_;
    bool all_linked_ = true;
};

struct RawCell {
    MappedText text;
    bool header = false;
    int rowspan = 1, colspan = 1;
};

struct TableBuilder {
    explicit TableBuilder(Flags f) : flags(f), side_flow(side) {}
    Flags flags;
    std::vector<std::vector<RawCell>> rows;
    TextCollector cell;
    RawCell current;
    bool in_cell = false;
    std::vector<Block> side;  // hidden text and images met inside cells, emitted after the table
    FlowBuilder side_flow;
};

int span_value(const xmlNode* n, const char* name) {
    const std::string v = attr(n, name);
    if (v.empty()) return 1;
    long x = 0;
    std::size_t i = 0;
    while (i < v.size() && (v[i] == ' ')) ++i;
    bool any = false;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9' && x < 100000) { x = x * 10 + (v[i] - '0'); ++i; any = true; }
    if (!any) return 1;
    return static_cast<int>(x); // 0 is meaningful for rowspan (to the end of the table)
}

// Expands row/col spans into a grid. Cells beyond kMaxSlots are not expanded further.
std::shared_ptr<Table> build_grid(std::vector<std::vector<RawCell>>& raw_rows) {
    constexpr std::size_t kMaxSlots = 1u << 20;
    constexpr int kMaxColspan = 1000;
    auto table = std::make_shared<Table>();
    table->form = "html";
    const int nrows = static_cast<int>(raw_rows.size());
    std::vector<std::vector<Cell>>& grid = table->rows;
    std::vector<std::vector<bool>> filled;
    grid.resize(raw_rows.size());
    filled.resize(raw_rows.size());
    std::size_t slots = 0;
    for (int r = 0; r < nrows; ++r) {
        int c = 0;
        for (RawCell& rc : raw_rows[static_cast<std::size_t>(r)]) {
            auto& frow = filled[static_cast<std::size_t>(r)];
            while (static_cast<std::size_t>(c) < frow.size() && frow[static_cast<std::size_t>(c)]) ++c;
            int rs = rc.rowspan <= 0 ? nrows - r : std::min(rc.rowspan, nrows - r);
            int cs = std::clamp(rc.colspan, 1, kMaxColspan);
            if (slots + static_cast<std::size_t>(rs) * static_cast<std::size_t>(cs) > kMaxSlots) { rs = 1; cs = 1; }
            slots += static_cast<std::size_t>(rs) * static_cast<std::size_t>(cs);
            for (int dr = 0; dr < rs; ++dr) {
                auto& grow = grid[static_cast<std::size_t>(r + dr)];
                auto& fr = filled[static_cast<std::size_t>(r + dr)];
                const std::size_t need = static_cast<std::size_t>(c + cs);
                if (grow.size() < need) { grow.resize(need); fr.resize(need, false); }
                for (int dc = 0; dc < cs; ++dc) {
                    Cell& cell = grow[static_cast<std::size_t>(c + dc)];
                    cell.text = rc.text;
                    cell.header = rc.header;
                    cell.origin_row = r;
                    cell.origin_col = c;
                    cell.span_copy = dr != 0 || dc != 0;
                    fr[static_cast<std::size_t>(c + dc)] = true;
                }
            }
            c += cs;
        }
    }
    // Holes (a row shorter than a span above it) are empty cells at their own position.
    for (std::size_t r = 0; r < grid.size(); ++r)
        for (std::size_t c = 0; c < grid[r].size(); ++c)
            if (!filled[r][c]) {
                grid[r][c].origin_row = static_cast<int>(r);
                grid[r][c].origin_col = static_cast<int>(c);
            }
    while (!grid.empty() && grid.back().empty()) grid.pop_back();
    return table;
}

class HtmlWalker {
public:
    // `source` is doc.source or a byte-for-byte same-length copy of it (see parse_html).
    HtmlWalker(Document& doc, std::string_view source) : doc_(doc), matcher_(source), flow_(doc.blocks) {}

    void run(xmlDoc* xdoc) {
        xmlNode* root = xmlDocGetRootElement(xdoc);
        if (!root) return;
        // Walk every top-level node (comments, the root element, stray siblings).
        xmlNode* first = root;
        while (first->prev) first = first->prev;
        prepass(first);
        Context top;
        ctx_.push_back(top);
        walk(first);
        flow_.flush();
    }

private:
    // ---- pre-pass: subtree facts and the page's own hiding rules --------------------------
    void prepass(xmlNode* first) {
        xmlNode* n = first;
        while (n) {
            if (n->type == XML_ELEMENT_NODE) {
                info_.emplace(n, NodeInfo{});
                if (name_of(n) == "style")
                    for (xmlNode* c = n->children; c; c = c->next)
                        if (c->content) hidden_css_.add_stylesheet(reinterpret_cast<const char*>(c->content));
                if (n->children && !is_raw_text_element(name_of(n))) { n = n->children; continue; }
            } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content && n->parent) {
                auto it = info_.find(n->parent);
                if (it != info_.end()) {
                    const std::string_view s(reinterpret_cast<const char*>(n->content));
                    std::uint32_t len = 0;
                    for (std::size_t i = 0; i < s.size() && len < (1u << 30);) {
                        const char32_t c = utf8::next(s, i);
                        if (!(c <= ' ' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B))) ++len;
                    }
                    it->second.text_len = std::min(1u << 30, it->second.text_len + len);
                    if (len > 0 && len < 200) it->second.labels |= html::metadata_labels(s);
                }
            }
            n = fold_up(n);
        }
    }

    // `n` is finished: folds it (and every ancestor it finishes) into its parent's facts and
    // returns the next node to visit, or nullptr at the end.
    xmlNode* fold_up(xmlNode* n) {
        while (n) {
            if (n->type == XML_ELEMENT_NODE && n->parent) {
                auto self = info_.find(n);
                auto parent = info_.find(n->parent);
                if (self != info_.end() && parent != info_.end()) {
                    constexpr std::uint32_t kCap = 1u << 30;
                    parent->second.text_len = std::min(kCap, parent->second.text_len + self->second.text_len);
                    parent->second.labels |= self->second.labels;
                    parent->second.has_table |= self->second.has_table || name_of(n) == "table";
                }
            }
            if (n->next) return n->next;
            n = n->parent;
            if (n && n->type != XML_ELEMENT_NODE) return nullptr;
        }
        return nullptr;
    }

    const NodeInfo& info(const xmlNode* n) const {
        static const NodeInfo kEmpty;
        auto it = info_.find(n);
        return it == info_.end() ? kEmpty : it->second;
    }

    // ---- the main walk --------------------------------------------------------------------
    void walk(xmlNode* first) {
        xmlNode* n = first;
        while (n) {
            bool descend = false;
            if (n->type == XML_ELEMENT_NODE) descend = enter(n);
            else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) on_text(n);
            if (descend && n->children) { n = n->children; continue; }
            // Leave n and every ancestor that has no further sibling.
            while (n) {
                if (n->type == XML_ELEMENT_NODE) leave(n);
                if (n->next) { n = n->next; break; }
                n = n->parent;
                if (n && n->type != XML_ELEMENT_NODE) n = nullptr;
            }
        }
    }

    Context& cur() { return ctx_.back(); }

    void boundary(const Context& c) {
        if (c.table && c.in_cell) {
            c.table->cell.add_break(matcher_.cursor());
            c.table->side_flow.flush();
        } else {
            flow_.flush();
        }
    }

    bool element_hidden(const xmlNode* n) const {
        if (has_attr(n, "hidden")) return true;
        if (html::style_hides(attr(n, "style"))) return true;
        if (!hidden_css_.empty()) {
            const std::string cls = attr(n, "class");
            for (auto tok : split_tokens(cls))
                if (hidden_css_.classes.count(std::string(tok))) return true;
            const std::string id = attr(n, "id");
            if (!id.empty() && hidden_css_.ids.count(id)) return true;
        }
        return false;
    }

    bool element_furniture(const xmlNode* n, std::string_view name, const Context& parent) const {
        const NodeInfo& in = info(n);
        if (std::popcount(in.labels) >= 2) return false;  // never the metadata block
        if (name == "nav" || name == "aside") return in.text_len <= 5000;
        if ((name == "header" || name == "footer") && !parent.in_article) return in.text_len <= 3000;
        // Print/close/favourite buttons are scripted links, whatever their markup.
        const std::string onclick = attr(n, "onclick");
        if (!onclick.empty() && in.text_len <= 20) {
            std::string lc = onclick;
            for (char& ch : lc) ch = static_cast<char>((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
            for (const char* w : {"print", "close", "addfavorite", "share", "font"})
                if (lc.find(w) != std::string::npos) return true;
        }
        const std::string role = attr(n, "role");
        if (is_one_of(role, {"navigation", "banner", "contentinfo", "search"})) return in.text_len <= 3000;
        int strength = 0;
        const std::string cls = attr(n, "class");
        for (auto tok : split_tokens(cls)) strength = std::max(strength, html::furniture_token_strength(tok));
        const std::string id = attr(n, "id");
        if (!id.empty()) strength = std::max(strength, html::furniture_token_strength(id));
        if (strength == 2) return in.text_len <= 1500;
        if (strength == 1) return in.text_len <= 20;
        return false;
    }

    bool metadata_container(const xmlNode* n, std::string_view name) const {
        if (is_one_of(name, {"html", "body", "head", "a", "b", "strong", "font", "span"})) return false;
        const NodeInfo& in = info(n);
        const int labels = std::popcount(in.labels);
        return labels >= 2 && in.text_len <= 30u * static_cast<unsigned>(labels) + 60u;
    }

    // Whether a <table> holds data (becomes a Table block) rather than page layout.
    bool is_data_table(const xmlNode* t) const {
        if (info(t).has_table) return false;
        if (attr(t, "role") == "presentation") return false;
        std::size_t cells = 0, rows = 0, max_cells_in_row = 0;
        std::uint32_t max_cell = 0;
        auto scan_row = [&](const xmlNode* tr) {
            std::size_t in_row = 0;
            for (const xmlNode* c = tr->children; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE) continue;
                const auto cn = name_of(c);
                if (cn != "td" && cn != "th") continue;
                ++in_row;
                max_cell = std::max(max_cell, info(c).text_len);
            }
            ++rows;
            cells += in_row;
            max_cells_in_row = std::max(max_cells_in_row, in_row);
        };
        for (const xmlNode* c = t->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            const auto cn = name_of(c);
            if (cn == "tr") scan_row(c);
            else if (cn == "thead" || cn == "tbody" || cn == "tfoot")
                for (const xmlNode* r = c->children; r; r = r->next)
                    if (r->type == XML_ELEMENT_NODE && name_of(r) == "tr") scan_row(r);
        }
        if (cells < 2) return false;
        if (max_cell > 3000) return false;                     // an article laid out in a cell
        if (max_cells_in_row <= 1) return false;                  // a one-column page frame
        return true;
    }

    static const xmlNode* element_sibling(const xmlNode* n, bool forward) {
        for (n = forward ? n->next : n->prev; n; n = forward ? n->next : n->prev)
            if (n->type == XML_ELEMENT_NODE) return n;
        return nullptr;
    }
    static bool follows_dt(const xmlNode* n) {
        const xmlNode* p = element_sibling(n, false);
        return p && name_of(p) == "dt";
    }
    static bool precedes_dd(const xmlNode* n) {
        const xmlNode* d = element_sibling(n, true);
        return d && name_of(d) == "dd";
    }

    bool enter(xmlNode* n) {
        const std::string_view name = name_of(n);
        const Context& parent = cur();
        Context c = parent;
        c.node = n;
        if (!c.flags.hidden && element_hidden(n)) c.flags.hidden = true;
        if (!c.flags.boilerplate && !c.flags.in_metadata && element_furniture(n, name, parent)) c.flags.boilerplate = true;
        if (!c.flags.in_metadata && metadata_container(n, name)) {
            c.flags.in_metadata = true;
            c.flags.boilerplate = false;
        }
        if (is_skipped_element(name)) c.skip = true;
        if (is_raw_text_element(name)) c.raw = true;
        if (name == "select" || name == "button" || name == "textarea") c.flags.boilerplate = true;
        if (name == "article" || name == "main") c.in_article = true;

        if (name == "meta") {
            std::string key = attr(n, "name");
            if (key.empty()) key = attr(n, "property");
            if (!key.empty() && has_attr(n, "content")) doc_.html_meta.emplace_back(key, attr(n, "content"));
        } else if (name == "title") {
            c.in_title = true;
            title_.finish();
        } else if (name == "a" && has_attr(n, "href")) {
            Link l;
            l.href = attr(n, "href");
            l.hidden = c.flags.hidden;
            doc_.links.push_back(std::move(l));
            link_text_.emplace_back();
            c.link = static_cast<int>(doc_.links.size() - 1);
        } else if (name == "img" && !c.skip) {
            on_image(n, c);
        }

        if (!c.skip) {
            if (name == "br") {
                boundary(c);
            } else if (name == "table" && !c.table) {
                if (is_data_table(n)) {
                    flow_.flush();
                    Flags f = c.flags;
                    const NodeInfo& in = info(n);
                    if (std::popcount(in.labels) >= 2 || (in.labels && in.text_len <= 80)) f.in_metadata = true;
                    tables_.push_back(std::make_unique<TableBuilder>(f));
                    c.table = tables_.back().get();
                    c.in_cell = false;
                } else {
                    boundary(parent);
                }
            } else if (c.table && (name == "td" || name == "th") && !c.in_cell) {
                TableBuilder& t = *c.table;
                if (t.rows.empty()) t.rows.emplace_back();
                t.current = RawCell{};
                t.current.header = name == "th";
                t.current.rowspan = span_value(n, "rowspan");
                t.current.colspan = span_value(n, "colspan");
                t.in_cell = true;
                c.in_cell = true;
            } else if (c.table && name == "tr" && !c.in_cell) {
                c.table->rows.emplace_back();
            } else if (is_block_element(name) && !(name == "dd" && follows_dt(n))) {
                boundary(parent); // a <dt> label and its <dd> value stay one block
            }
            if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') c.heading = name[1] - '0';
            if (name == "li" || name == "dt" || name == "dd") c.list_item = true;
            if ((name == "td" || name == "th") && !c.table) { c.list_item = false; c.heading = 0; }
            if (is_block_element(name)) c.block_tag = name;
        }
        ctx_.push_back(c);
        return true;
    }

    void leave(xmlNode* n) {
        if (ctx_.size() <= 1) return;
        const Context c = ctx_.back();
        ctx_.pop_back();
        const std::string_view name = name_of(n);
        if (name == "title" && c.in_title && !cur().in_title) {
            MappedText t = title_.finish();
            if (doc_.html_title.empty()) doc_.html_title = t.text;
        }
        if (c.link >= 0 && c.link != cur().link) {
            doc_.links[static_cast<std::size_t>(c.link)].text = link_text_[static_cast<std::size_t>(c.link)].finish();
        }
        if (c.skip) return;
        if (c.table && !cur().table) {
            finish_table(*c.table);
            return;
        }
        if (c.table && c.in_cell && !cur().in_cell) {
            TableBuilder& t = *c.table;
            t.side_flow.flush();
            t.current.text = t.cell.finish();
            t.rows.back().push_back(std::move(t.current));
            t.current = RawCell{};
            t.in_cell = false;
            return;
        }
        if (is_block_element(name) && name != "br" && !(name == "dt" && precedes_dd(n))) boundary(cur());
    }

    void on_image(const xmlNode* n, const Context& c) {
        const auto at = matcher_.find_start_tag("img");
        const SourceOffset pos = at ? *at : matcher_.cursor();
        Block b;
        b.kind = BlockKind::image;
        b.tag = "img";
        b.src = attr(n, "src");
        b.alt = attr(n, "alt");
        b.hidden = c.flags.hidden;
        b.boilerplate = c.flags.boilerplate || (!c.flags.in_metadata && html::is_furniture_text(b.alt));
        b.in_metadata = c.flags.in_metadata;
        b.element_offset = pos;
        if (!b.alt.empty()) {
            TextCollector tc;
            const std::vector<SourceOffset> origins(b.alt.size(), pos);
            tc.add(b.alt, origins.data());
            b.text = tc.finish();
        }
        if (c.table && c.in_cell) c.table->side_flow.push(std::move(b));
        else flow_.push(std::move(b));
    }

    void on_text(xmlNode* n) {
        const Context& c = cur();
        if (c.raw || !n->content) return;
        const std::string_view s(reinterpret_cast<const char*>(n->content));
        if (s.empty()) return;
        const bool ws_only = is_ws_only(s);
        if (ws_only) origins_.assign(s.size(), matcher_.cursor());
        else matcher_.map(s, origins_);
        if (c.in_title) {
            title_.add(s, origins_.data());
            return;
        }
        if (c.link >= 0) link_text_[static_cast<std::size_t>(c.link)].add(s, origins_.data());
        if (c.skip) return;
        if (c.table && c.in_cell) {
            if (!c.flags.hidden) c.table->cell.add(s, origins_.data());
            else c.table->side_flow.add(c, s, origins_.data(), ws_only, doc_.links);
            return;
        }
        flow_.add(c, s, origins_.data(), ws_only, doc_.links);
    }

    void finish_table(TableBuilder& t) {
        flow_.flush();
        t.side_flow.flush();
        if (t.in_cell) { // unterminated cell (cannot happen with libxml2's tree, kept for safety)
            t.current.text = t.cell.finish();
            if (t.rows.empty()) t.rows.emplace_back();
            t.rows.back().push_back(std::move(t.current));
        }
        bool any_text = false;
        for (const auto& row : t.rows)
            for (const auto& cell : row) any_text |= !cell.text.empty();
        if (any_text) {
            Block b;
            b.kind = BlockKind::table;
            b.tag = "table";
            b.hidden = t.flags.hidden;
            b.boilerplate = t.flags.boilerplate;
            b.in_metadata = t.flags.in_metadata;
            // The block text lists the cells (once each, spans not repeated) so that plain-text
            // checks (privacy, spam) see table content too.
            for (const auto& row : t.rows) {
                for (const auto& cell : row) {
                    if (cell.text.empty()) continue;
                    if (!b.text.empty()) b.text.append_synthetic(" ", cell.text.source_at(0));
                    b.text.append(cell.text);
                }
            }
            b.table = build_grid(t.rows);
            doc_.blocks.push_back(std::move(b));
        }
        for (auto& side : t.side) doc_.blocks.push_back(std::move(side));
        t.side.clear();
    }

    Document& doc_;
    SourceMatcher matcher_;
    FlowBuilder flow_;
    std::vector<Context> ctx_;
    std::unordered_map<const xmlNode*, NodeInfo> info_;
    html::HiddenSelectors hidden_css_;
    std::vector<std::unique_ptr<TableBuilder>> tables_;
    std::vector<TextCollector> link_text_;
    TextCollector title_;
    std::vector<SourceOffset> origins_;
};

// libxml2 gives up on UTF-8 at the first invalid byte (and re-reads the rest as Latin-1), so
// invalid bytes are replaced one-for-one by '?': every offset stays the same.
bool sanitize_utf8(std::string_view in, std::string& out) {
    if (utf8::is_valid(in)) return false;
    out.assign(in);
    std::size_t i = 0;
    while (i < in.size()) {
        const std::size_t at = i;
        const char32_t c = utf8::next(in, i);
        if (c == 0xFFFD && !(i - at == 3 && in.compare(at, 3, "\xEF\xBF\xBD") == 0))
            for (std::size_t k = at; k < i; ++k) out[k] = '?';
    }
    return true;
}

void init_libxml_once() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

} // namespace

void parse_html(Document& doc) {
    init_libxml_once();
    if (doc.source.empty() || doc.source.size() > static_cast<std::size_t>(INT_MAX)) return;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) return;
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    // Encoding forced to UTF-8: the source is already decoded, a <meta charset=gbk> must not win.
    std::string sanitized;
    const std::string_view source = sanitize_utf8(doc.source, sanitized) ? std::string_view(sanitized)
                                                                         : std::string_view(doc.source);
    htmlDocPtr xdoc =
        htmlCtxtReadMemory(ctxt, source.data(), static_cast<int>(source.size()), nullptr, "UTF-8", options);
    if (xdoc) {
        HtmlWalker walker(doc, source);
        walker.run(xdoc);
        xmlFreeDoc(xdoc);
    }
    htmlFreeParserCtxt(ctxt);
}

} // namespace gk
