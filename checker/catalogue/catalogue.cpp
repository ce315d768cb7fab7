#include "catalogue/catalogue.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalogue/agency.hpp"
#include "catalogue/disclosure.hpp"
#include "catalogue/xml_schema.hpp"
#include "ingest/ingest.hpp"
#include "normalise/dates.hpp"
#include "privacy/recognise.hpp"

namespace gk {

namespace fs = std::filesystem;

int line_at(std::string_view text, std::ptrdiff_t offset) {
    if (offset < 0) return 0;
    const auto end = std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()));
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + end, '\n'));
}

namespace {

// line_at over one file for many offsets: the newlines found once, each line by binary search
// (line_at counts from the start each time: a ruleset of a hundred rules read its file a hundred times).
class LineFinder {
public:
    explicit LineFinder(std::string_view text) : size_(static_cast<std::ptrdiff_t>(text.size())) {
        for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) newlines_.push_back(i);
    }
    // Same as line_at(text, offset).
    int operator()(std::ptrdiff_t offset) const {
        if (offset < 0) return 0;
        const auto end = static_cast<std::size_t>(std::min(offset, size_));
        return 1 + static_cast<int>(std::lower_bound(newlines_.begin(), newlines_.end(), end) - newlines_.begin());
    }

private:
    std::ptrdiff_t size_;
    std::vector<std::size_t> newlines_;
};

} // namespace

// ---- Params -----------------------------------------------------------------------------------

Params::Params(pugi::xml_node node) : node_(node) {}

pugi::xml_node Params::child(const char* name) const {
    used_->insert(name);
    return node_.child(name);
}
pugi::xml_object_range<pugi::xml_named_node_iterator> Params::children(const char* name) const {
    used_->insert(name);
    return node_.children(name);
}
pugi::xml_attribute Params::attribute(const char* name) const {
    used_->insert(std::string("@") + name);
    return node_.attribute(name);
}
std::string Params::text(const char* name, const std::string& fallback) const {
    if (name[0] == '@') {
        const auto a = attribute(name + 1);
        return a ? a.as_string() : fallback;
    }
    const auto c = child(name);
    return c ? c.text().as_string() : fallback;
}
int Params::integer(const char* name, int fallback) const {
    const std::string t = text(name);
    if (t.empty()) return fallback;
    std::size_t used = 0;
    int v = 0;
    try {
        v = std::stoi(t, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != t.size()) throw RulesetError(std::string("parameter '") + name + "' must be an integer, not '" + t + "'");
    return v;
}
void Params::allow(const char* name) const { used_->insert(name); }
std::vector<std::string> Params::unknown() const {
    std::vector<std::string> out;
    if (!node_) return out;
    for (auto a : node_.attributes()) {
        const std::string n = std::string("@") + a.name();
        if (!used_->count(n)) out.push_back(n);
    }
    for (auto c : node_.children()) {
        if (c.type() != pugi::node_element) continue;
        if (!used_->count(c.name()) && std::find(out.begin(), out.end(), c.name()) == out.end()) out.push_back(c.name());
    }
    return out;
}

// ---- loading ----------------------------------------------------------------------------------

// Defined by the build (tools/gen-rules-validated): "SHA256(xsd):SHA256(file)" of every bundled
// ruleset file that validated against the bundled schema at build time.
extern const char* const validated_rulesets[];
extern const std::size_t validated_rulesets_count;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RulesetError(path + ": cannot read ruleset file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}


bool validated_at_build_time(const std::string& xsd_hash, const std::string& text) {
    const std::string key = xsd_hash + ":" + sha256_hex(text);
    for (std::size_t i = 0; i < validated_rulesets_count; ++i)
        if (key == validated_rulesets[i]) return true;
    return false;
}


std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == ',') { if (!cur.empty()) out.push_back(cur); cur.clear(); }
        else cur.push_back(c);
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

} // namespace

Catalogue::Catalogue() = default;
Catalogue::~Catalogue() = default;

std::shared_ptr<const Catalogue> Catalogue::load_directory(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw RulesetError(dir + ": ruleset directory not found");
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".xml") files.push_back(e.path().string());
    if (ec) throw RulesetError(dir + ": cannot list the ruleset directory: " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw RulesetError(dir + ": no ruleset files (*.xml)");
    auto cat = load_files(files, (fs::path(dir) / "ruleset.xsd").string());
    const_cast<Catalogue&>(*cat).dir_ = dir;
    return cat;
}

std::shared_ptr<const Catalogue> Catalogue::load_files(const std::vector<std::string>& files, const std::string& xsd_path) {
    std::shared_ptr<Catalogue> cat(new Catalogue());
    std::error_code ec;
    if (!fs::is_regular_file(xsd_path, ec)) throw RulesetError(xsd_path + ": ruleset schema not found");
    // The schema is parsed only when a file needs validating: files whose exact bytes were
    // validated against this exact schema at build time (the bundled rulesets) are not again.
    const std::string xsd_hash = sha256_hex(read_file(xsd_path));
    std::optional<XmlSchema> schema;
    cat->files_ = files;
    for (const auto& file : files) {
        const std::string text = read_file(file);
        if (!validated_at_build_time(xsd_hash, text)) {
            if (!schema) schema.emplace(xsd_path, XmlSchema::ruleset);
            schema->validate(file, text);
        }
        const LineFinder line_of(text);
        auto doc = std::make_unique<pugi::xml_document>();
        const auto parsed = doc->load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
        if (!parsed) throw RulesetError(file + ":" + std::to_string(line_of(parsed.offset)) + ": " + parsed.description());
        const auto root = doc->child("ruleset");
        const std::string ruleset_id = root.attribute("id").as_string();
        if (std::find(cat->ruleset_ids_.begin(), cat->ruleset_ids_.end(), ruleset_id) != cat->ruleset_ids_.end())
            throw RulesetError(file + ":" + std::to_string(line_of(root.offset_debug())) + ": ruleset id '" + ruleset_id +
                               "' is used by another file");
        cat->ruleset_ids_.push_back(ruleset_id);
        const auto where = [&](pugi::xml_node n) { return file + ":" + std::to_string(line_of(n.offset_debug())) + ": "; };
        for (auto d : root.children("data")) {
            DataEntry e{d.attribute("name").as_string(), ruleset_id, DataRef{d, file, line_of(d.offset_debug())}};
            if (e.name.empty()) throw RulesetError(where(d) + "<data> needs a name");
            for (const auto& other : cat->data_)
                if (other.name == e.name && other.ruleset == ruleset_id)
                    throw RulesetError(where(d) + "<data name=\"" + e.name + "\"> is declared twice in this ruleset");
            cat->data_.push_back(std::move(e));
            try {
                if (cat->data_.back().name == "annual-template")
                    for (auto t : d.children("template")) cat->templates_.add_template(t, where);
                if (cat->data_.back().name == "privacy") {
                    if (cat->privacy_) throw std::runtime_error("a second <data name=\"privacy\"> (one rules directory has one)");
                    cat->privacy_ = privacy::load_config(d);
                }
                if (cat->data_.back().name == "disclosure-markings") {
                    if (cat->disclosure_)
                        throw std::runtime_error("a second <data name=\"disclosure-markings\"> (one rules directory has one)");
                    cat->disclosure_ = std::make_shared<const page::DisclosureLexicon>(d);
                }
                if (cat->data_.back().name == "holidays") {
                    if (cat->holidays_) throw std::runtime_error("a second <data name=\"holidays\"> (one rules directory has one)");
                    cat->holidays_ = std::make_shared<const page::WorkCalendar>(page::WorkCalendar::from_xml(d));
                }
                if (cat->data_.back().name == "agencies") {
                    if (cat->agencies_) throw std::runtime_error("a second <data name=\"agencies\"> (one rules directory has one)");
                    cat->agencies_ = std::make_shared<const AgencyLexicon>(d);
                }
            } catch (const RulesetError&) {
                throw;
            } catch (const std::exception& ex) {
                const std::string what = ex.what();
                throw RulesetError(what.starts_with(file + ":") ? what : where(d) + what);
            }
        }
        for (auto node : root.children("rule")) {
            Rule r;
            r.id = node.attribute("id").as_string();
            r.kind = node.attribute("kind").as_string();
            r.ruleset = ruleset_id;
            r.file = file;
            r.line = line_of(node.offset_debug());
            r.node = node;
            r.params_ = Params(node.child("params"));
            if (cat->rule(r.id)) throw RulesetError(r.where() + "rule id '" + r.id + "' is defined twice");
            const auto sev = severity_from_string(node.attribute("severity").as_string("warning"));
            if (!sev) throw RulesetError(r.where() + "unknown severity '" + std::string(node.attribute("severity").as_string()) + "'");
            r.severity = *sev;
            for (auto m : node.children("message")) r.messages[m.attribute("lang").as_string("zh")] = m.text().as_string();
            for (auto m : node.children("description"))
                r.descriptions[m.attribute("lang").as_string("zh")] = m.text().as_string();
            r.doc = node.child("doc").text().as_string();
            if (auto a = node.child("applies")) {
                r.applies.types = split_list(a.attribute("types").as_string());
                r.applies.templates = split_list(a.attribute("templates").as_string());
                if (auto y = a.attribute("min-year")) r.applies.min_year = y.as_int();
                if (auto y = a.attribute("max-year")) r.applies.max_year = y.as_int();
            }
            cat->rules_.push_back(std::move(r));
        }
        cat->docs_.push_back(std::move(doc));
    }
    cat->templates_.finalise();
    // A rule that names a template must name one that exists.
    for (const auto& r : cat->rules_)
        for (const auto& t : r.applies.templates)
            if (t != "legacy" && !cat->templates_.get(t))
                throw RulesetError(r.where() + "rule '" + r.id + "' applies to template '" + t +
                                   "', which no <data name=\"annual-template\"> declares");
    return cat;
}

const Rule* Catalogue::rule(std::string_view id) const {
    for (const auto& r : rules_) if (r.id == id) return &r;
    return nullptr;
}

DataRef Catalogue::data(std::string_view name, const Rule* near) const {
    if (near)
        for (const auto& d : data_) if (d.name == name && d.ruleset == near->ruleset) return d.ref;
    for (const auto& d : data_) if (d.name == name) return d.ref;
    return {};
}

std::string Rule::description(const std::string& lang) const {
    if (auto it = descriptions.find(lang); it != descriptions.end() && !it->second.empty()) return it->second;
    auto it = messages.find(lang);
    if (it == messages.end()) it = messages.find("zh");
    if (it == messages.end()) return id;
    // The template with each {placeholder} as "…", runs of "…" (with only spaces or 、/ between)
    // merged, and a dangling "…" at the end dropped.
    const std::string& t = it->second;
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '{') {
            const auto close = t.find('}', i);
            if (close != std::string::npos && close - i < 40) {
                if (!out.ends_with("…")) out += "…";
                i = close;
                continue;
            }
        }
        out.push_back(t[i]);
    }
    while (out.ends_with("…")) out.erase(out.size() - 3);
    while (!out.empty() && (out.back() == ' ' || out.back() == ':')) out.pop_back();
    if (out.ends_with("：")) out.erase(out.size() - 3);
    return out.empty() ? id : out;
}

} // namespace gk
