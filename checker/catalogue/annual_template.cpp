#include "catalogue/annual_template.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include <pugixml.hpp>

#include "core/text.hpp"
#include "normalise/normalise.hpp"

namespace gk {

namespace {

bool is_key_ignorable(char32_t c) {
    if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '+' || c == '-');
    switch (c) {
    case U'（': case U'）': case U'、': case U'，': case U'。': case U'：': case U'；': case U'“': case U'”':
    case U'‘': case U'’': case U'《': case U'》': case U'【': case U'】': case U'〔': case U'〕': case U'　':
    case U'．': case U'﹝': case U'﹞': case U'「': case U'」': case U'·': case U'・': case 0x00A0: case 0x2002:
    case 0x2003: case 0x2009: case 0x200B: case 0xFEFF:
        return true;
    default:
        return false;
    }
}

std::vector<std::string> split_ws(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

LabelDef read_label(pugi::xml_node n, bool is_group) {
    LabelDef d;
    d.id = n.attribute("id").as_string();
    d.label = n.attribute("label").as_string();
    d.short_label = n.attribute("short").as_string(d.label.c_str());
    d.en = n.attribute("en").as_string(d.short_label.c_str());
    d.number = n.attribute("number").as_string();
    d.total = std::string(n.attribute("role").as_string()) == "total";
    d.require_number = n.attribute("require-number").as_bool(false);
    d.signed_values = n.attribute("signed").as_bool(false);
    d.unit = n.attribute("unit").as_string();
    d.is_group = is_group;
    d.keys.push_back(label_key(d.label));
    for (auto a : n.children("alias")) d.keys.push_back(label_key(a.text().as_string()));
    d.number_key = label_key(d.number);
    for (const auto& k : d.keys) {
        d.numbered_keys.push_back(d.number_key + k);
        d.prefix_keys.push_back(utf8::count_code_points(k) >= 4);
    }
    return d;
}

std::vector<Operand> parse_side(const std::vector<std::string>& tokens, std::size_t from, std::size_t to,
                                const std::string& expr) {
    std::vector<Operand> out;
    int sign = 1;
    bool expect_operand = true;
    for (std::size_t i = from; i < to; ++i) {
        const auto& t = tokens[i];
        if (t == "+" || t == "-") {
            if (expect_operand) throw std::runtime_error("constraint '" + expr + "': operator where an operand belongs");
            sign = t == "-" ? -1 : 1;
            expect_operand = true;
        } else {
            if (!expect_operand) throw std::runtime_error("constraint '" + expr + "': missing operator before '" + t + "'");
            out.push_back({t, sign});
            expect_operand = false;
        }
    }
    if (out.empty() || expect_operand) throw std::runtime_error("constraint '" + expr + "': incomplete side");
    return out;
}

TableDef read_table(pugi::xml_node t, const std::function<std::string(pugi::xml_node)>& where_of) {
    const std::string where = where_of(t);
    TableDef def;
    def.id = t.attribute("id").as_string();
    def.name = t.attribute("name").as_string();
    def.name_en = t.attribute("name-en").as_string();
    def.groups_layout = std::string(t.attribute("layout").as_string()) == "groups";
    for (auto d : t.children("detect")) def.detect_keys.push_back(label_key(d.text().as_string()));
    for (auto h : t.children("header")) def.header_keys.push_back(label_key(h.text().as_string()));
    for (auto c : t.children("col")) def.cols.push_back(read_label(c, false));
    auto add_rows = [&](pugi::xml_node parent, const std::vector<std::string>& block_cols) {
        for (auto n : parent.children()) {
            const std::string name = n.name();
            if (name == "row") {
                auto r = read_label(n, false);
                r.block_cols = block_cols;
                def.rows.push_back(std::move(r));
            } else if (name == "group") {
                def.rows.push_back(read_label(n, true));
            }
        }
    };
    add_rows(t, {});
    for (auto b : t.children("block")) {
        def.captions.push_back(label_key(b.attribute("caption").as_string()));
        const auto cols = split_ws(b.attribute("cols").as_string());
        for (const auto& c : cols)
            if (!def.col(c)) throw std::runtime_error(where_of(b) + "block of table " + def.id + " names unknown column " + c);
        add_rows(b, cols);
    }
    for (auto c : t.children("constraint")) {
        ConstraintDef cd;
        cd.id = c.attribute("id").as_string();
        cd.per_row = std::string(c.attribute("per").as_string("col")) == "row";
        cd.expr = c.attribute("expr").as_string();
        const std::string cwhere = where_of(c);
        if (cd.id.empty()) throw std::runtime_error(cwhere + "constraint of table " + def.id + " has no id");
        if (def.constraint(cd.id)) throw std::runtime_error(cwhere + "constraint id '" + cd.id + "' is defined twice in table " + def.id);
        const auto tokens = split_ws(cd.expr);
        std::size_t eq = tokens.size();
        for (std::size_t i = 0; i < tokens.size(); ++i)
            if (tokens[i] == "=") { if (eq != tokens.size()) throw std::runtime_error(cwhere + "two '=' in constraint '" + cd.expr + "'"); eq = i; }
        if (eq == tokens.size()) throw std::runtime_error(cwhere + "no '=' in constraint '" + cd.expr + "' (write 'a + b = c', with spaces around operators)");
        try {
            cd.lhs = parse_side(tokens, 0, eq, cd.expr);
            cd.rhs = parse_side(tokens, eq + 1, tokens.size(), cd.expr);
        } catch (const std::runtime_error& e) {
            throw std::runtime_error(cwhere + e.what());
        }
        for (const auto* side : {&cd.lhs, &cd.rhs})
            for (const auto& op : *side) {
                const bool ok = cd.per_row ? !def.expand_cols(op.pattern).empty() : !def.expand_rows(op.pattern).empty();
                if (!ok) throw std::runtime_error(cwhere + "constraint " + cd.id + " of table " + def.id + ": operand '" + op.pattern + "' names no " + (cd.per_row ? "column" : "row") + " of the table");
            }
        def.constraints.push_back(std::move(cd));
    }
    // Run-together splitting: a per-row constraint that covers every column of the table.
    for (const auto& cd : def.constraints) {
        if (!cd.per_row) continue;
        std::set<std::string> covered;
        for (const auto* side : {&cd.lhs, &cd.rhs})
            for (const auto& op : *side)
                for (const auto& c : def.expand_cols(op.pattern)) covered.insert(c);
        if (covered.size() == def.cols.size()) def.row_sum = true;
    }
    if (def.id.empty()) throw std::runtime_error(where + "table without id");
    if (def.rows.empty() || def.cols.empty()) throw std::runtime_error(where + "table " + def.id + " declares no rows or no columns");
    return def;
}

bool matches_pattern(const std::string& id, const std::string& pattern) {
    if (!pattern.empty() && pattern.back() == '*') return id.starts_with(pattern.substr(0, pattern.size() - 1));
    return id == pattern;
}

} // namespace

KeyedText keyed_text(std::string_view norm) {
    KeyedText k;
    std::size_t i = 0;
    while (i < norm.size()) {
        const std::size_t start = i;
        const char32_t c = utf8::next(norm, i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || is_key_ignorable(c)) continue;
        const std::size_t before = k.key.size();
        utf8::append(k.key, c);
        k.at.insert(k.at.end(), k.key.size() - before, start);
    }
    k.at.push_back(norm.size());
    return k;
}

std::string label_key(std::string_view text) {
    // keyed_text(...).key, without the offsets
    const std::string norm = Normaliser::instance().fold(text, true);
    std::string key;
    key.reserve(norm.size());
    std::size_t i = 0;
    while (i < norm.size()) {
        const char32_t c = utf8::next(norm, i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || is_key_ignorable(c)) continue;
        utf8::append(key, c);
    }
    return key;
}

const LabelDef* TableDef::row(std::string_view id) const {
    for (const auto& r : rows) if (!r.is_group && r.id == id) return &r;
    return nullptr;
}
const LabelDef* TableDef::col(std::string_view id) const {
    for (const auto& c : cols) if (c.id == id) return &c;
    return nullptr;
}
const ConstraintDef* TableDef::constraint(std::string_view id) const {
    for (const auto& c : constraints) if (c.id == id) return &c;
    return nullptr;
}
std::vector<std::string> TableDef::expand_rows(const std::string& pattern) const {
    std::vector<std::string> out;
    for (const auto& r : rows) if (!r.is_group && matches_pattern(r.id, pattern)) out.push_back(r.id);
    return out;
}
std::vector<std::string> TableDef::expand_cols(const std::string& pattern) const {
    std::vector<std::string> out;
    for (const auto& c : cols) if (matches_pattern(c.id, pattern)) out.push_back(c.id);
    return out;
}

const TableDef* TemplateDef::table(std::string_view id) const {
    for (const auto& t : tables) if (t.id == id) return &t;
    return nullptr;
}

void AnnualTemplates::add_template(pugi::xml_node t, const std::function<std::string(pugi::xml_node)>& where) {
    TemplateDef def;
    def.id = t.attribute("id").as_string();
    if (def.id.empty()) throw std::runtime_error(where(t) + "<template> without id");
    if (get(def.id)) throw std::runtime_error(where(t) + "template '" + def.id + "' is defined twice");
    def.doc = t.attribute("doc").as_string();
    const std::string years = t.attribute("years").as_string();
    const auto dash = years.find('-');
    const auto year_of = [&](const std::string& y) {
        if (y.empty() || !std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; }))
            throw std::runtime_error(where(t) + "years must read YYYY, YYYY- or YYYY-YYYY, not '" + years + "'");
        return std::atoi(y.c_str());
    };
    def.first_year = year_of(years.substr(0, dash));
    if (dash != std::string::npos && dash + 1 < years.size()) def.last_year = year_of(years.substr(dash + 1));
    else if (dash == std::string::npos) def.last_year = def.first_year;
    for (auto tab : t.children("table")) {
        def.tables.push_back(read_table(tab, where));
        if (std::count_if(def.tables.begin(), def.tables.end(), [&](const TableDef& x) { return x.id == def.tables.back().id; }) > 1)
            throw std::runtime_error(where(tab) + "table '" + def.tables.back().id + "' is defined twice in template " + def.id);
    }
    for (auto o : t.children("outdated-label")) def.outdated_labels.push_back(o.text().as_string());
    for (auto o : t.children("identify")) def.identify.push_back(o.text().as_string());
    for (const auto& tab : def.tables) {
        if (std::find(table_ids_.begin(), table_ids_.end(), tab.id) == table_ids_.end()) table_ids_.push_back(tab.id);
        for (const auto& k : tab.detect_keys) known_keys_.insert(k);
        for (const auto& k : tab.header_keys) known_keys_.insert(k);
        for (const auto& k : tab.captions) known_keys_.insert(k);
        for (const auto& c : tab.cols) for (const auto& k : c.keys) known_keys_.insert(k);
        for (const auto& r : tab.rows)
            for (const auto& k : r.keys) {
                known_keys_.insert(r.number_key + k);
                if (!r.require_number) known_keys_.insert(k);
            }
    }
    templates_.push_back(std::move(def));
}

void AnnualTemplates::finalise() {
    for (auto& tpl : templates_)
        for (auto& tab : tpl.tables) {
            tab.other_rows.clear();
            tab.other_cols.clear();
            for (const auto& other : templates_) {
                if (&other == &tpl) continue;
                const TableDef* o = other.table(tab.id);
                if (!o) continue;
                for (const auto& r : o->rows) if (!r.is_group && !tab.row(r.id)) tab.other_rows.push_back(r);
                for (const auto& c : o->cols) if (!tab.col(c.id)) tab.other_cols.push_back(c);
            }
        }
}

const TemplateDef* AnnualTemplates::for_document(std::string_view template_id) const {
    if (const TemplateDef* t = get(template_id)) return t;
    const TemplateDef* newest = nullptr;
    for (const auto& t : templates_)
        if (!newest || t.first_year > newest->first_year) newest = &t;
    return newest;
}

const TemplateDef* AnnualTemplates::get(std::string_view template_id) const {
    for (const auto& t : templates_) if (t.id == template_id) return &t;
    return nullptr;
}

std::string AnnualTemplates::template_for_year(int year) const {
    for (const auto& t : templates_)
        if (year >= t.first_year && year <= t.last_year) return t.id;
    if (year < 2019) return "legacy";
    return year >= 2021 ? "2021" : "2019";
}

} // namespace gk
