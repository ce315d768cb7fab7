#include "cli/config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/suggest.hpp"

namespace gk {

namespace fs = std::filesystem;

std::string find_config(const std::string& input) {
    std::error_code ec;
    fs::path dir = input == "-" ? fs::current_path(ec) : fs::absolute(input, ec);
    if (ec) return "";
    if (input != "-" && !fs::is_directory(dir, ec)) dir = dir.parent_path();
    for (fs::path d = dir.lexically_normal();; d = d.parent_path()) {
        const fs::path candidate = d / kConfigName;
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
        if (d == d.parent_path() || d.empty()) break;
    }
    return "";
}

namespace {

// Line and column (1-based) of byte `at` of `text`.
std::pair<int, int> line_col(const std::string& text, std::size_t at) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < text.size() && i < at; ++i) {
        if (text[i] == '\n') { ++line; col = 1; }
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    }
    return {line, col};
}

// Where the key `"name"` is written (the first occurrence at or after `from`), for messages.
std::size_t key_at(const std::string& text, const std::string& name, std::size_t from = 0) {
    const auto at = text.find(nlohmann::json(name).dump(), from);
    return at == std::string::npos ? from : at;
}

} // namespace

ProjectConfig load_config(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path + ": cannot read the config file");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    ProjectConfig c;
    c.path = path;
    auto fail = [&](std::size_t at, const std::string& what) -> ConfigError {
        const auto [line, col] = line_col(text, at);
        return ConfigError(path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + what);
    };
    nlohmann::ordered_json j;
    try {
        j = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error …"
        if (const auto colon = what.find(": ", what.find("parse error")); colon != std::string::npos) what = what.substr(colon + 2);
        throw fail(e.byte > 0 ? e.byte - 1 : 0, "not valid JSON: " + what);
    }
    if (!j.is_object()) throw fail(0, "the config must be a JSON object");
    const fs::path base = fs::absolute(fs::path(path)).parent_path();
    static const std::vector<std::string> keys = {"lang", "rulesets", "rules"};
    for (const auto& [key, value] : j.items()) {
        const std::size_t at = key_at(text, key);
        const int line = line_col(text, at).first;
        if (key == "lang") {
            if (!value.is_string() || (value != "zh" && value != "en")) throw fail(at, "\"lang\" must be \"zh\" or \"en\"");
            c.lang = ProjectConfig::Value{value.get<std::string>(), line};
        } else if (key == "rulesets") {
            if (!value.is_array()) throw fail(at, "\"rulesets\" must be an array of directory names");
            for (const auto& d : value) {
                if (!d.is_string() || d.get<std::string>().empty()) throw fail(at, "\"rulesets\" must be an array of directory names");
                const std::string dir = (base / d.get<std::string>()).lexically_normal().string();
                std::error_code ec;
                const std::size_t dat = key_at(text, d.get<std::string>(), at);
                if (!fs::is_directory(dir, ec)) throw fail(dat, "ruleset directory not found: " + dir);
                c.rulesets.push_back({dir, line_col(text, dat).first});
            }
        } else if (key == "rules") {
            if (!value.is_object()) throw fail(at, "\"rules\" must be an object: rule id or prefix → \"off\" | \"on\" | \"error\" | \"warning\" | \"info\"");
            std::size_t from = at;
            for (const auto& [id, setting] : value.items()) {
                const std::size_t rat = key_at(text, id, from);
                from = rat;
                static const std::vector<std::string> settings = {"off", "on", "error", "warning", "info"};
                std::string s = setting.is_string() ? setting.get<std::string>() : setting.dump();
                if (s == "warn") s = "warning"; // ESLint's spelling
                if (!setting.is_string() || std::find(settings.begin(), settings.end(), s) == settings.end()) {
                    std::string msg = "rule \"" + id + "\": the setting must be \"off\", \"on\", \"error\", \"warning\" or \"info\", not " +
                                      setting.dump();
                    if (auto near = nearest(s, settings); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
                    throw fail(rat, msg);
                }
                c.rules.push_back({id, s, line_col(text, rat).first});
            }
        } else {
            std::string msg = "unknown key \"" + key + "\" (known: lang, rulesets, rules)";
            if (auto near = nearest(key, keys); !near.empty()) msg = "unknown key \"" + key + "\" (did you mean \"" + near + "\"?)";
            throw fail(at, msg);
        }
    }
    return c;
}

void apply_config(const ProjectConfig& c, RuleSet& rules) {
    std::vector<std::string> ids;
    for (const auto& r : rules.rules()) ids.push_back(r.id);
    for (const auto& s : c.rules) {
        if (!rules.unknown_ids({s.pattern}).empty()) {
            std::string msg = c.where(s.line) + ": unknown rule id or prefix: " + s.pattern;
            if (auto near = nearest(s.pattern, ids); !near.empty()) msg += " (did you mean " + near + "?)";
            throw ConfigError(msg);
        }
    }
    // Each rule's final state: the last entry naming it wins.
    std::vector<std::string> off;
    for (std::size_t i = 0; i < rules.rules().size(); ++i) {
        const std::string& id = rules.rules()[i].id;
        std::optional<bool> on;
        std::optional<Severity> sev;
        for (const auto& s : c.rules) {
            if (!RuleSet::names(s.pattern, id)) continue;
            on = s.setting != "off";
            if (auto v = severity_from_string(s.setting)) sev = v;
        }
        if (on && !*on) off.push_back(id);
        if (sev) rules.set_severity(id, *sev);
    }
    rules.disable(off);
}

Settings resolve_settings(const std::vector<std::string>& inputs, const std::string& config_flag, bool no_config,
                          const std::optional<std::string>& cli_lang, const std::optional<std::string>& cli_rules,
                          const std::string& default_rules, const std::vector<std::string>& cli_disable) {
    Settings s;
    std::string file;
    if (!config_flag.empty()) {
        std::error_code ec;
        if (!fs::is_regular_file(config_flag, ec)) throw ConfigError(config_flag + ": config file not found");
        file = config_flag;
    } else if (!no_config) {
        std::string first_input;
        for (const auto& in : inputs.empty() ? std::vector<std::string>{"-"} : inputs) {
            const std::string f = find_config(in);
            if (first_input.empty()) { file = f; first_input = in; continue; }
            if (f != file)
                throw ConfigError("inputs under different " + std::string(kConfigName) + " files (" + first_input + ": " +
                                  (file.empty() ? "none" : file) + "; " + in + ": " + (f.empty() ? "none" : f) +
                                  "): check them in separate runs, or give --config FILE");
        }
    }
    if (!file.empty()) s.config = load_config(file);
    s.rules_dir = default_rules;
    if (cli_rules) { s.rules_dir = *cli_rules; s.rules_dir_from = "command line"; }
    if (s.config) {
        if (s.config->lang) { s.lang = s.config->lang->value; s.lang_from = s.config->where(s.config->lang->line); }
        for (const auto& d : s.config->rulesets) s.extra_dirs.push_back({d.value, s.config->where(d.line)});
    }
    if (cli_lang) { s.lang = *cli_lang; s.lang_from = "command line"; }
    s.disable = cli_disable;
    return s;
}

namespace {
std::vector<std::string> xml_files(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw RulesetError(dir + ": ruleset directory not found");
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".xml") files.push_back(e.path().string());
    if (ec) throw RulesetError(dir + ": cannot list the ruleset directory: " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}
} // namespace

std::vector<std::string> catalogue_files(const Settings& s) {
    std::vector<std::string> files = xml_files(s.rules_dir);
    for (const auto& [dir, from] : s.extra_dirs) {
        auto more = xml_files(dir);
        files.insert(files.end(), more.begin(), more.end());
    }
    return files;
}

std::shared_ptr<const Catalogue> load_catalogue(const Settings& s) {
    if (s.extra_dirs.empty()) return Catalogue::load_directory(s.rules_dir);
    const auto files = catalogue_files(s);
    return Catalogue::load_files(files, (fs::path(s.rules_dir) / "ruleset.xsd").string());
}

void apply_settings(const Settings& s, RuleSet& rules) {
    if (s.config) apply_config(*s.config, rules);
    if (auto unknown = rules.unknown_ids(s.disable); !unknown.empty()) {
        std::vector<std::string> ids;
        for (const auto& r : rules.rules()) ids.push_back(r.id);
        std::string msg = "--disable: unknown rule id or prefix: " + unknown.front();
        if (auto near = nearest(unknown.front(), ids); !near.empty()) msg += " (did you mean " + near + "?)";
        throw ConfigError(msg);
    }
    rules.disable(s.disable);
}

std::string describe(const Settings& s, const RuleSet& rules) {
    std::ostringstream o;
    auto row = [&](const std::string& key, const std::string& value, const std::string& from) {
        o << key << " = " << value << "    # " << from << "\n";
    };
    row("config", s.config ? s.config->path : "(none)", s.config ? "found" : "no " + std::string(kConfigName));
    row("lang", s.lang, s.lang_from);
    row("rulesets", s.rules_dir, s.rules_dir_from == "default" ? "bundled" : s.rules_dir_from);
    for (const auto& [dir, from] : s.extra_dirs) row("rulesets", dir, from);
    std::size_t on = 0;
    for (std::size_t i = 0; i < rules.rules().size(); ++i) {
        const Rule& r = rules.rules()[i];
        // Where this rule's state comes from: the last config entry naming it, then --disable.
        std::string from;
        if (s.config)
            for (const auto& e : s.config->rules)
                if (RuleSet::names(e.pattern, r.id)) from = s.config->where(e.line) + " (\"" + e.pattern + "\": \"" + e.setting + "\")";
        for (const auto& d : s.disable)
            if (RuleSet::names(d, r.id)) from = "command line (--disable " + d + ")";
        if (rules.enabled(i)) ++on;
        if (from.empty()) continue;
        const auto sev = rules.severity_override(i).value_or(r.severity);
        row("rule " + r.id, rules.enabled(i) ? to_string(sev) : "off", from);
    }
    row("rules enabled", std::to_string(on) + " of " + std::to_string(rules.rules().size()), "every other rule at its ruleset's default");
    return o.str();
}

} // namespace gk
