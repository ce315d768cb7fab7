#include "extract/annual_template.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
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

std::string& override_dir() {
    static std::string dir;
    return dir;
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

TableDef read_table(pugi::xml_node t, const std::string& where) {
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
            if (!def.col(c)) throw std::runtime_error(where + ": block of table " + def.id + " names unknown column " + c);
        add_rows(b, cols);
    }
    for (auto c : t.children("constraint")) {
        ConstraintDef cd;
        cd.id = c.attribute("id").as_string();
        cd.per_row = std::string(c.attribute("per").as_string("col")) == "row";
        cd.expr = c.attribute("expr").as_string();
        const auto tokens = split_ws(cd.expr);
        std::size_t eq = tokens.size();
        for (std::size_t i = 0; i < tokens.size(); ++i)
            if (tokens[i] == "=") { if (eq != tokens.size()) throw std::runtime_error(where + ": two '=' in " + cd.expr); eq = i; }
        if (eq == tokens.size()) throw std::runtime_error(where + ": no '=' in constraint " + cd.expr);
        cd.lhs = parse_side(tokens, 0, eq, cd.expr);
        cd.rhs = parse_side(tokens, eq + 1, tokens.size(), cd.expr);
        for (const auto* side : {&cd.lhs, &cd.rhs})
            for (const auto& op : *side) {
                const bool ok = cd.per_row ? !def.expand_cols(op.pattern).empty() : !def.expand_rows(op.pattern).empty();
                if (!ok) throw std::runtime_error(where + ": constraint " + cd.id + " of table " + def.id + ": unknown operand " + op.pattern);
            }
        def.constraints.push_back(std::move(cd));
    }
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
    return keyed_text(Normaliser::instance().fold(text, true)).key;
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

AnnualTemplates AnnualTemplates::load(const std::vector<std::string>& files) {
    AnnualTemplates cat;
    for (const auto& file : files) {
        pugi::xml_document doc;
        if (!doc.load_file(file.c_str())) {
            cat.problem_ += file + ": cannot read; ";
            continue;
        }
        try {
            for (auto data : doc.child("ruleset").children("data")) {
                if (std::string(data.attribute("name").as_string()) != "annual-template") continue;
                for (auto t : data.children("template")) {
                    TemplateDef def;
                    def.id = t.attribute("id").as_string();
                    def.doc = t.attribute("doc").as_string();
                    const std::string years = t.attribute("years").as_string();
                    const auto dash = years.find('-');
                    def.first_year = std::atoi(years.substr(0, dash).c_str());
                    if (dash != std::string::npos && dash + 1 < years.size())
                        def.last_year = std::atoi(years.substr(dash + 1).c_str());
                    else if (dash == std::string::npos)
                        def.last_year = def.first_year;
                    for (auto tab : t.children("table")) def.tables.push_back(read_table(tab, file));
                    for (auto o : t.children("outdated-label")) def.outdated_labels.push_back(o.text().as_string());
                    cat.templates_.push_back(std::move(def));
                }
            }
        } catch (const std::exception& e) {
            cat.problem_ += std::string(e.what()) + "; ";
        }
    }
    if (cat.templates_.empty() && cat.problem_.empty()) cat.problem_ = "no annual-template data in the rulesets";
    return cat;
}

const AnnualTemplates& AnnualTemplates::instance() {
    static const AnnualTemplates cat = [] {
        namespace fs = std::filesystem;
        std::string dir = override_dir();
        if (dir.empty()) {
            if (const char* env = std::getenv("GKCHECK_RULES"); env && *env) dir = env;
        }
#ifdef GK_RULES_DIR
        if (dir.empty()) dir = GK_RULES_DIR;
#endif
        std::vector<std::string> files;
        std::error_code ec;
        if (fs::is_directory(dir, ec)) {
            for (const auto& e : fs::directory_iterator(dir, ec))
                if (e.path().extension() == ".xml") files.push_back(e.path().string());
        } else if (fs::is_regular_file(dir, ec)) {
            files.push_back(dir);
        }
        std::sort(files.begin(), files.end());
        AnnualTemplates c = load(files);
        if (files.empty()) c.problem_ = "no ruleset files in '" + dir + "'";
        return c;
    }();
    return cat;
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

void use_annual_template_dir(const std::string& dir) { override_dir() = dir; }

} // namespace gk
