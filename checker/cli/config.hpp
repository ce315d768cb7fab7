// The project config file, `.gkcheck.json`, found upward from an input like `.eslintrc`:
//
//   {
//     "lang": "en",
//     "rulesets": ["house-rules"],
//     "rules": {"style": "off", "style.wording": "warning", "privacy.mobile": "error"}
//   }
//
// - "lang": zh | en.
// - "rulesets": directories of *.xml rulesets ADDED to the bundled ones (or to --rules), relative
//   to the config file's directory.
// - "rules": rule id or id prefix (a family: "style", "privacy") → "off" | "on" | "error" |
//   "warning" (or ESLint's "warn") | "info" (a severity also turns the rule on). Entries apply in file order, so a
//   later, narrower entry refines an earlier family-wide one.
//
// What it guarantees:
// - Discovery: the nearest `.gkcheck.json` in the input's directory (a file's parent, a
//   directory itself, the working directory for "-") or any directory above it.
// - A malformed file — not JSON, an unknown key, a value of the wrong type, a bad lang or rule
//   setting — is one ConfigError "FILE:LINE:COLUMN: …" (the CLI exits 2). Rule ids are checked
//   against the loaded catalogue by resolve(), where an unknown id is an error with a
//   "did you mean", never silence.
// - Values remember where they came from (the file and line), for `gkcheck config --print`.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "check/check.hpp"
#include "core/finding.hpp"

namespace gk {

struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline constexpr const char* kConfigName = ".gkcheck.json";

struct ProjectConfig {
    std::string path;                     // the file ("" when there is none)
    struct Value {
        std::string value;
        int line = 0;                     // in `path`
    };
    std::optional<Value> lang;
    std::vector<Value> rulesets;          // absolute (resolved against the file's directory)
    struct RuleSetting {
        std::string pattern;              // rule id or prefix
        std::string setting;              // off | on | error | warning | info
        int line = 0;
    };
    std::vector<RuleSetting> rules;       // in file order

    std::string where(int line) const { return path + ":" + std::to_string(line); }
};

// The config file that applies to `input` ("-": the working directory), or "" when none.
std::string find_config(const std::string& input);

// Parses a config file. Throws ConfigError naming FILE:LINE:COLUMN.
ProjectConfig load_config(const std::string& path);

// Applies the config's "rules" to `rules` (disable / enable / severity). Throws ConfigError
// (FILE:LINE: unknown rule id or prefix … (did you mean …?)) for an id naming no loaded rule.
void apply_config(const ProjectConfig& config, RuleSet& rules);

// The settings of one run: the command line over the project config over the defaults, each
// value with where it came from ("default", "command line", "FILE:LINE").
struct Settings {
    std::optional<ProjectConfig> config;
    std::string lang = "zh", lang_from = "default";
    std::string rules_dir, rules_dir_from = "default";              // the base directory
    std::vector<std::pair<std::string, std::string>> extra_dirs;    // added ruleset directories, from
    std::vector<std::string> disable;                               // --disable (command line)
};
// `config_flag`: --config FILE ("" = discover from the inputs; every input must find the same
// file, or it is an error); `no_config`: --no-config. `cli_lang`/`cli_rules`: given on the
// command line. Throws ConfigError.
Settings resolve_settings(const std::vector<std::string>& inputs, const std::string& config_flag, bool no_config,
                          const std::optional<std::string>& cli_lang, const std::optional<std::string>& cli_rules,
                          const std::string& default_rules, const std::vector<std::string>& cli_disable);
// Every *.xml of the base directory and of the added ones, validated against the base
// directory's ruleset.xsd, in one catalogue. Throws RulesetError.
std::shared_ptr<const Catalogue> load_catalogue(const Settings& s);
// The ruleset files of that catalogue (for the results database's fingerprint).
std::vector<std::string> catalogue_files(const Settings& s);
// The config, then --disable, applied to `rules`. Throws ConfigError (unknown ids).
void apply_settings(const Settings& s, RuleSet& rules);
// `gkcheck config --print`: the effective configuration, one value per line with its origin.
std::string describe(const Settings& s, const RuleSet& rules);

} // namespace gk
