#include "catalogue/agency.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace gk {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Removes ASCII and common Unicode spaces (ideographic, NBSP) — names are compared without them.
std::string without_spaces(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
        if (s.compare(i, 3, "\u3000") == 0) { i += 3; continue; }
        if (s.compare(i, 2, "\u00a0") == 0) { i += 2; continue; }
        out += s[i++];
    }
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string required(pugi::xml_node n, const char* attr) {
    std::string v = n.attribute(attr).as_string();
    if (v.empty()) throw std::runtime_error(std::string("<") + n.name() + "> needs " + attr + "=");
    return v;
}

} // namespace

AgencyLexicon::AgencyLexicon(pugi::xml_node data) {
    for (auto v : data.children("variant")) variants_.push_back({required(v, "from"), v.attribute("to").as_string()});
    for (auto g : data.children("government")) {
        const std::string suffix = required(g, "suffix");
        const std::string canonical = g.attribute("canonical").as_string(suffix.c_str());
        government_suffixes_.push_back(suffix);
        government_canonical_.push_back({suffix, canonical});
        if (g.attribute("default").as_bool()) government_default_ = canonical;
    }
    if (government_suffixes_.empty()) throw std::runtime_error("<data name=\"agencies\"> declares no <government suffix=>");
    if (government_default_.empty()) government_default_ = government_canonical_.front().second;
    for (auto o : data.children("office")) office_suffixes_.push_back(required(o, "suffix"));
    for (auto o : data.children("organ")) {
        std::istringstream words(required(o, "suffixes"));
        for (std::string w; words >> w;) organ_suffixes_.push_back(w);
    }
    for (auto p : data.children("place")) {
        Place place;
        place.level = required(p, "level");
        if (level_zh(place.level).empty()) throw std::runtime_error("<place> has an unknown level '" + place.level + "'");
        place.government = p.attribute("government").as_string();
        if (p.attribute("name")) { place.text = p.attribute("name").as_string(); place.whole = true; }
        else place.text = required(p, "suffix");
        places_.push_back(std::move(place));
    }
    for (auto n : data.children("national")) national_prefixes_.push_back(required(n, "prefix"));
    for (auto r : data.children("rename")) renames_.push_back({required(r, "from"), required(r, "to")});
    auto longest_first = [](const std::string& a, const std::string& b) { return a.size() > b.size(); };
    std::stable_sort(government_suffixes_.begin(), government_suffixes_.end(), longest_first);
    std::stable_sort(office_suffixes_.begin(), office_suffixes_.end(), longest_first);
    std::stable_sort(organ_suffixes_.begin(), organ_suffixes_.end(), longest_first);
    std::stable_sort(places_.begin(), places_.end(), [](const Place& a, const Place& b) {
        if (a.whole != b.whole) return a.whole;
        return a.text.size() > b.text.size();
    });
}

std::string AgencyLexicon::level_zh(std::string_view level) {
    if (level == "national") return "国家";
    if (level == "province") return "省";
    if (level == "city") return "市";
    if (level == "county") return "县";
    if (level == "township") return "乡";
    return "";
}

std::string AgencyLexicon::clean(std::string_view printed) const {
    std::string s = without_spaces(printed);
    // Brackets and quotes around a name (「…」, “…”) are not part of it.
    for (std::string_view q : {"「", "」", "“", "”", "《", "》", "\"", "：", ":"}) {
        for (auto pos = s.find(q); pos != std::string::npos; pos = s.find(q)) s.erase(pos, q.size());
    }
    for (const auto& v : variants_)
        for (auto pos = s.find(v.from); pos != std::string::npos; pos = s.find(v.from, pos + v.to.size()))
            s.replace(pos, v.from.size(), v.to);
    return s;
}

// The level of the last place unit of a name, read from its start: a unit is a whole place name
// of the data, or one to seven characters ending in a place suffix.
std::string AgencyLexicon::level_of(const std::string& name) const {
    std::string level = units_level(name);
    if (!level.empty()) return level;
    // No unit at the start (国家税务总局平潭综合实验区税务局): a whole place name anywhere.
    std::size_t best = std::string::npos;
    for (const auto& p : places_) {
        if (!p.whole) continue;
        const auto at = name.find(p.text);
        if (at != std::string::npos && (best == std::string::npos || at > best)) { best = at; level = p.level; }
    }
    if (!level.empty()) return level;
    for (const auto& p : national_prefixes_)
        if (name.starts_with(p)) return "national";
    return "";
}

std::string AgencyLexicon::units_level(const std::string& name) const {
    std::string level;
    std::size_t i = 0;
    while (i < name.size()) {
        bool found = false;
        for (const auto& p : places_) {
            if (!p.whole || name.compare(i, p.text.size(), p.text) != 0) continue;
            std::size_t end = i + p.text.size();
            std::string l = p.level;
            // 平潭 + 县: a whole name followed by a suffix is a longer unit of the suffix's level.
            for (const auto& q : places_)
                if (!q.whole && name.compare(end, q.text.size(), q.text) == 0) { l = q.level; end += q.text.size(); break; }
            level = l;
            i = end;
            found = true;
            break;
        }
        if (found) continue;
        // The shortest unit of 2..8 characters ending in a suffix, starting at i.
        std::size_t j = i, chars = 0;
        while (j < name.size() && chars < 8 && !found) {
            // advance one character
            j += 1;
            while (j < name.size() && (static_cast<unsigned char>(name[j]) & 0xC0) == 0x80) ++j;
            ++chars;
            for (const auto& p : places_) {
                if (p.whole) continue;
                if (name.compare(j, p.text.size(), p.text) == 0) {
                    level = p.level;
                    i = j + p.text.size();
                    found = true;
                    break;
                }
            }
        }
        if (!found) break;
    }
    return level;
}

// The canonical spelling when `name` is a government (by suffix, or a bare place name).
std::optional<std::string> AgencyLexicon::government_form(const std::string& name) const {
    for (const auto& s : government_suffixes_) {
        if (!ends_with(name, s) || name.size() == s.size()) continue;
        const std::string base = name.substr(0, name.size() - s.size());
        for (const auto& [suffix, canonical] : government_canonical_)
            if (suffix == s) return base + canonical;
    }
    // A bare place: its whole name, or a name ending in a place suffix (at least 2 characters).
    for (const auto& p : places_) {
        if (p.whole ? name != p.text : !ends_with(name, p.text) || code_points(name) < code_points(p.text) + 1) continue;
        // …街道 is the 街道办事处 of its district.
        if (!p.whole && p.text == "街道") return name + "办事处";
        return name + (p.government.empty() ? government_default_ : p.government);
    }
    return std::nullopt;
}

std::optional<AgencyName> AgencyLexicon::identify(std::string_view printed) const {
    AgencyName a;
    a.printed = without_spaces(printed);
    std::string name = clean(printed);
    if (code_points(name) < 2 || code_points(name) > 40) return std::nullopt;
    bool organ = false;
    for (const auto& s : organ_suffixes_) organ = organ || ends_with(name, s);
    const auto government = government_form(name);
    if (!organ && !government) return std::nullopt;
    if (government) {
        a.normalised = *government;
        a.kind = "government";
    } else {
        a.normalised = name;
        a.kind = "department";
        for (const auto& o : office_suffixes_) {
            if (!ends_with(name, o) || name.size() == o.size()) continue;
            if (auto g = government_form(name.substr(0, name.size() - o.size()))) {
                a.office_of = *g;
                a.normalised = *g + o; // 平潭综合实验区管理委员会办公室 → 平潭综合实验区管委会办公室
            }
            break;
        }
    }
    for (const auto& r : renames_) {
        if (a.normalised == r.from || name == r.from) {
            a.renamed_from = a.normalised;
            a.normalised = r.to;
            break;
        }
    }
    a.level = level_of(a.normalised);
    return a;
}

} // namespace gk
