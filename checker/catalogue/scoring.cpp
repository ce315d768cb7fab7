#include "catalogue/scoring.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "catalogue/xml_schema.hpp"

namespace gk {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> words(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// "table.*" → "table." (a prefix); an id stays as it is.
std::vector<std::string> patterns(const std::string& s) {
    std::vector<std::string> out;
    for (auto w : words(s)) {
        if (w.size() > 2 && w.ends_with(".*")) w.pop_back();
        out.push_back(w);
    }
    return out;
}

int line_of(const std::string& text, std::ptrdiff_t offset) {
    if (offset < 0) return 0;
    int line = 1;
    for (std::ptrdiff_t i = 0; i < offset && i < static_cast<std::ptrdiff_t>(text.size()); ++i) line += text[static_cast<std::size_t>(i)] == '\n';
    return line;
}

void names(pugi::xml_node n, std::string& zh, std::string& en) {
    for (auto c : n.children("name")) {
        const std::string lang = c.attribute("lang").as_string();
        (lang == "en" ? en : zh) = c.child_value();
    }
}

} // namespace

bool ScoringDeduct::matches(const std::string& rule, const std::string& severity) const {
    bool sev = severities.empty() ? (severity == "error" || severity == "warning") : false;
    for (const auto& s : severities) sev = sev || s == severity;
    if (!sev) return false;
    for (const auto& p : rules)
        if (p.ends_with(".") ? rule.starts_with(p) : rule == p) return true;
    return false;
}

double ScoringScheme::max() const {
    double m = 0;
    for (const auto& d : dimensions) m += d.max;
    return m;
}

ScoringScheme parse_scoring_scheme(const std::string& text, const std::string& file, const std::string& xsd_path) {
    XmlSchema(xsd_path, XmlSchema::scoring_scheme).validate(file, text);
    pugi::xml_document doc;
    // Already validated by libxml2 with no DTD: pugixml only builds the tree (no entities either).
    const auto res = doc.load_buffer(text.data(), text.size(), pugi::parse_default);
    if (!res) throw RulesetError(file + ":" + std::to_string(line_of(text, res.offset)) + ": not well-formed XML: " + res.description());
    const auto root = doc.child("scheme");
    const auto where = [&](pugi::xml_node n) { return file + ":" + std::to_string(line_of(text, n.offset_debug())) + ": "; };
    ScoringScheme s;
    s.file = file;
    s.id = root.attribute("id").as_string();
    s.version = root.attribute("version").as_int(1);
    names(root, s.name_zh, s.name_en);
    for (auto c : root.children("description"))
        (std::string(c.attribute("lang").as_string()) == "en" ? s.description_en : s.description_zh) = c.child_value();
    for (auto r : root.children("requires")) s.required_families.push_back(r.attribute("family").as_string());
    std::set<std::string> ids;
    for (auto dn : root.children("dimension")) {
        ScoringDimension d;
        d.id = dn.attribute("id").as_string();
        d.max = dn.attribute("max").as_double();
        names(dn, d.name_zh, d.name_en);
        if (d.name_zh.empty()) throw RulesetError(where(dn) + "dimension " + d.id + " has no Chinese name (<name lang=\"zh\">)");
        if (!ids.insert(d.id).second) throw RulesetError(where(dn) + "duplicate id " + d.id);
        double sum = 0;
        for (auto in : dn.children("indicator")) {
            ScoringIndicator i;
            i.id = in.attribute("id").as_string();
            i.max = in.attribute("max").as_double();
            i.line = line_of(text, in.offset_debug());
            names(in, i.name_zh, i.name_en);
            if (i.name_zh.empty()) throw RulesetError(where(in) + "indicator " + i.id + " has no Chinese name (<name lang=\"zh\">)");
            if (!ids.insert(i.id).second) throw RulesetError(where(in) + "duplicate id " + i.id);
            for (auto src : in.children("source")) i.sources.push_back({src.attribute("ref").as_string(), src.child_value()});
            if (auto f = in.child("findings")) {
                i.kind = ScoringIndicator::Kind::findings;
                for (auto dd : f.children("deduct")) {
                    ScoringDeduct x;
                    x.rules = patterns(dd.attribute("rules").as_string());
                    x.severities = words(dd.attribute("severity").as_string());
                    x.points = dd.attribute("points").as_double();
                    x.cap = dd.attribute("cap") ? dd.attribute("cap").as_double() : -1;
                    i.deducts.push_back(std::move(x));
                }
            } else if (auto p = in.child("presence")) {
                i.kind = ScoringIndicator::Kind::presence;
                for (auto rq : p.children("require")) {
                    ScoringRequire r;
                    r.table = rq.attribute("table").as_string();
                    r.section = rq.attribute("section").as_string();
                    if (r.table.empty() == r.section.empty())
                        throw RulesetError(where(rq) + "<require> needs exactly one of table= and section=");
                    r.points = rq.attribute("points").as_double();
                    r.rules = patterns(rq.attribute("rule").as_string());
                    i.requires_.push_back(std::move(r));
                }
            } else if (auto t = in.child("timeliness")) {
                i.kind = ScoringIndicator::Kind::timeliness;
                i.rules = patterns(t.attribute("rule").as_string());
                i.per_day = t.attribute("points-per-day").as_double();
                i.min_points = t.attribute("min-points").as_double();
                i.unknown_date_points = t.attribute("unknown-date-points").as_double();
            } else if (auto u = in.child("unverifiable")) {
                i.kind = ScoringIndicator::Kind::unverifiable;
                i.per_item = u.attribute("points-per-item").as_double();
            }
            sum += i.max;
            d.indicators.push_back(std::move(i));
        }
        if (std::fabs(sum - d.max) > 1e-9)
            throw RulesetError(where(dn) + "dimension " + d.id + " has max=\"" + dn.attribute("max").as_string() +
                               "\" but its indicators' max add up to " + std::to_string(sum));
        s.dimensions.push_back(std::move(d));
    }
    return s;
}

ScoringScheme load_scoring_scheme(const std::string& name_or_path, const std::string& rules_dir) {
    fs::path path(name_or_path);
    if (path.extension() != ".xml") {
        for (char c : name_or_path)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
                throw RulesetError(name_or_path + ": not a scoring scheme name (letters, digits, - and _) nor an .xml file");
        path = fs::path(rules_dir) / "scoring" / (name_or_path + ".xml");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RulesetError(path.string() + ": cannot read scoring scheme");
    std::ostringstream ss;
    ss << in.rdbuf();
    fs::path xsd = path.parent_path() / "scoring.xsd";
    std::error_code ec;
    if (!fs::is_regular_file(xsd, ec)) xsd = fs::path(rules_dir) / "scoring" / "scoring.xsd";
    return parse_scoring_scheme(ss.str(), path.string(), xsd.string());
}

} // namespace gk
