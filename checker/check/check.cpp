#include "check/check.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

namespace gk {

namespace fs = std::filesystem;

bool Applicability::matches(const Facts& f) const {
    if (!types.empty() && std::find(types.begin(), types.end(), f.type) == types.end()) return false;
    if ((min_year || max_year) && !f.year) return false;
    if (min_year && *f.year < *min_year) return false;
    if (max_year && *f.year > *max_year) return false;
    if (!templates.empty() && std::find(templates.begin(), templates.end(), f.template_id) == templates.end())
        return false;
    return true;
}

std::string format_message(const std::string& tmpl, const std::map<std::string, std::string>& args,
                           std::string_view lang) {
    std::string out;
    out.reserve(tmpl.size() + 32);
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] == '{') {
            const auto close = tmpl.find('}', i);
            if (close != std::string::npos) {
                const std::string name = tmpl.substr(i + 1, close - i - 1);
                auto it = args.end();
                if (lang == "en") it = args.find(name + "_en");
                if (it == args.end()) it = args.find(name);
                if (it != args.end()) { out += it->second; i = close; continue; }
            }
        }
        out.push_back(tmpl[i]);
    }
    return out;
}

Finding& Emitter::emit(SourceOffset at, const std::map<std::string, std::string>& args) {
    return emit(at, rule_.severity, args);
}

Finding& Emitter::emit(SourceOffset at, Severity severity, const std::map<std::string, std::string>& args) {
    Finding f;
    f.rule = rule_.id;
    f.severity = severity;
    f.offset = at;
    auto msg = [&](const char* lang) -> std::string {
        auto it = rule_.messages.find(lang);
        if (it == rule_.messages.end()) it = rule_.messages.find("zh");
        return it == rule_.messages.end() ? rule_.id : format_message(it->second, args, lang);
    };
    f.message.zh = msg("zh");
    f.message.en = msg("en");
    out_.push_back(std::move(f));
    return out_.back();
}

CheckRegistry& CheckRegistry::instance() {
    static CheckRegistry r;
    return r;
}
void CheckRegistry::add(const std::string& kind, CheckFactory factory) { factories_[kind] = std::move(factory); }
const CheckFactory* CheckRegistry::find(const std::string& kind) const {
    auto it = factories_.find(kind);
    return it == factories_.end() ? nullptr : &it->second;
}
std::vector<std::string> CheckRegistry::kinds() const {
    std::vector<std::string> k;
    for (const auto& [name, f] : factories_) k.push_back(name);
    return k;
}

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RulesetError(path + ": cannot read ruleset file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int line_of(const std::string& text, std::ptrdiff_t offset) {
    if (offset < 0) return 0;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size())), '\n'));
}

struct SchemaErrors {
    std::string file;
    std::vector<std::string> messages;
};

void collect_schema_error(void* ctx, const xmlError* err) {
    auto* sink = static_cast<SchemaErrors*>(ctx);
    std::string msg = err->message ? err->message : "invalid";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    sink->messages.push_back(sink->file + ":" + std::to_string(err->line) + ": " + msg);
}

// Validates one ruleset file against the XSD; throws with file:line of the first error.
void validate_against_schema(const std::string& file, const std::string& text, const std::string& xsd_path) {
    SchemaErrors errors{file, {}};
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(xsd_path.c_str());
    if (!pctx) throw RulesetError(xsd_path + ": cannot open ruleset schema");
    xmlSchemaPtr schema = xmlSchemaParse(pctx);
    xmlSchemaFreeParserCtxt(pctx);
    if (!schema) throw RulesetError(xsd_path + ": invalid ruleset schema");
    xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), file.c_str(), nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        xmlSchemaFree(schema);
        const xmlError* e = xmlGetLastError();
        throw RulesetError(file + ":" + std::to_string(e ? e->line : 0) + ": not well-formed XML" +
                           (e && e->message ? std::string(": ") + e->message : std::string()));
    }
    xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(vctx, reinterpret_cast<xmlStructuredErrorFunc>(collect_schema_error), &errors);
    const int rc = xmlSchemaValidateDoc(vctx, doc);
    xmlSchemaFreeValidCtxt(vctx);
    xmlFreeDoc(doc);
    xmlSchemaFree(schema);
    if (rc != 0) {
        std::string msg = errors.messages.empty() ? file + ": does not match ruleset.xsd" : errors.messages.front();
        while (!msg.empty() && msg.back() == '\n') msg.pop_back();
        throw RulesetError(msg);
    }
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

RuleSet RuleSet::load_directory(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw RulesetError(dir + ": ruleset directory not found");
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".xml") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return load_files(files, (fs::path(dir) / "ruleset.xsd").string());
}

RuleSet RuleSet::load_files(const std::vector<std::string>& files, const std::string& xsd_path) {
    RuleSet set;
    std::set<std::string> seen_ids;
    for (const auto& file : files) {
        const std::string text = read_file(file);
        validate_against_schema(file, text, xsd_path);
        auto doc = std::make_shared<pugi::xml_document>();
        const auto parsed = doc->load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
        if (!parsed) throw RulesetError(file + ":" + std::to_string(line_of(text, parsed.offset)) + ": " + parsed.description());
        const auto root = doc->child("ruleset");
        const std::string ruleset_id = root.attribute("id").as_string();
        set.ruleset_ids_.push_back(ruleset_id);
        for (auto node : root.children("rule")) {
            Rule r;
            r.id = node.attribute("id").as_string();
            r.kind = node.attribute("kind").as_string();
            r.ruleset = ruleset_id;
            r.file = file;
            r.line = line_of(text, node.offset_debug());
            r.node = node;
            const auto where = file + ":" + std::to_string(r.line) + ": ";
            if (!seen_ids.insert(r.id).second) throw RulesetError(where + "rule id '" + r.id + "' is defined twice");
            const auto sev = severity_from_string(node.attribute("severity").as_string("warning"));
            if (!sev) throw RulesetError(where + "unknown severity '" + std::string(node.attribute("severity").as_string()) + "'");
            r.severity = *sev;
            for (auto m : node.children("message")) r.messages[m.attribute("lang").as_string("zh")] = m.text().as_string();
            r.doc = node.child("doc").text().as_string();
            if (auto a = node.child("applies")) {
                r.applies.types = split_list(a.attribute("types").as_string());
                r.applies.templates = split_list(a.attribute("templates").as_string());
                if (auto y = a.attribute("min-year")) r.applies.min_year = y.as_int();
                if (auto y = a.attribute("max-year")) r.applies.max_year = y.as_int();
            }
            const CheckFactory* factory = CheckRegistry::instance().find(r.kind);
            if (!factory) throw RulesetError(where + "unknown check kind '" + r.kind + "'");
            std::unique_ptr<Check> check;
            try {
                check = (*factory)(r);
            } catch (const RulesetError&) {
                throw;
            } catch (const std::exception& e) {
                throw RulesetError(where + "rule '" + r.id + "': " + e.what());
            }
            set.rules_.push_back(std::move(r));
            set.checks_.push_back(std::move(check));
            set.enabled_.push_back(true);
        }
        set.docs_.push_back(doc);
    }
    return set;
}

std::vector<Finding> RuleSet::run(const Document& doc, const Facts& facts) const {
    std::vector<Finding> out;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        if (!enabled_[i] || !rules_[i].applies.matches(facts)) continue;
        Emitter emitter(rules_[i], out);
        checks_[i]->run(doc, facts, emitter);
    }
    for (auto& f : out) f.position = doc.position(f.offset);
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        if (a.position.line != b.position.line) return a.position.line < b.position.line;
        if (a.position.column != b.position.column) return a.position.column < b.position.column;
        return a.rule < b.rule;
    });
    return out;
}

std::vector<std::string> RuleSet::ruleset_ids() const { return ruleset_ids_; }

void RuleSet::disable(const std::vector<std::string>& ids) {
    for (std::size_t i = 0; i < rules_.size(); ++i)
        for (const auto& p : ids)
            if (rules_[i].id == p || (p.ends_with(".") && rules_[i].id.starts_with(p)) ||
                rules_[i].id.starts_with(p + "."))
                enabled_[i] = false;
}

} // namespace gk
