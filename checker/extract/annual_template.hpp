// The annual-report formats as data: the statistics tables (表二/表三/表四) of 国办公开办函
// 〔2019〕60号 and 〔2021〕30号, read from the <data name="annual-template"> elements of the
// rulesets (rulesets/annual-report-2019.xml, annual-report-2021.xml).
//
// Why the extractor reads ruleset files itself: tables are mapped onto their ids in the extract
// stage, before any rule runs, and Pipeline::analyse (extract without checks) must give the same
// Facts. So the definitions are loaded once per process from the rules directory
// ($GKCHECK_RULES, else the build's GK_RULES_DIR, or the directory given to
// use_annual_template_dir() before first use) and shared read-only by the extractor and by the
// check kinds that evaluate constraints. A missing or broken file leaves the catalogue empty:
// tables are then not extracted and `why` says so — never a crash.
//
// Guarantees: labels are stored as match keys (normalised, spaces/punctuation/quotes removed,
// see label_key()); constraint expressions are parsed and their operands resolved at load time.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

// Match key of a printed label: normalised (simplified, full-width folded), then whitespace,
// punctuation, brackets and quotes removed. "(二)部分公开（区分处理的…）" → "二部分公开区分处理的…".
std::string label_key(std::string_view text);

// The key form of an already normalised text, with a map back: at[i] is the byte index in
// `norm` of the character that key byte i belongs to (at.size() == key.size() + 1; the last
// entry is norm.size()).
struct KeyedText {
    std::string key;
    std::vector<std::size_t> at;
};
KeyedText keyed_text(std::string_view norm);

struct LabelDef {
    std::string id;
    std::string label;            // as written in the ruleset (normalised form), for messages
    std::string short_label;      // short form for messages (defaults to label)
    std::string en;
    std::string number;           // numbering printed before the label ("一、", "(一)", "1.")
    std::vector<std::string> keys; // label_key of label and aliases
    bool total = false;           // role="total": a blank here means "not stated"
    bool require_number = false;  // label too short to match without its numbering
    bool is_group = false;        // a group label without numbers ((三)不予公开)
    bool signed_values = false;   // column printed with explicit +/- (本年增/减)
    std::string unit;             // default unit of an amount column ("元", "万元")
    std::vector<std::string> block_cols; // table 二: the columns of this row's block
};

struct Operand {
    std::string pattern;          // as written: "new", "denied.*", "other*"
    int sign = 1;
};

struct ConstraintDef {
    std::string id;
    bool per_row = false;          // false: operands are rows, checked per column
    std::vector<Operand> lhs, rhs;
    std::string expr;
};

struct TableDef {
    std::string id;                // requests | review | active
    std::string name, name_en;     // 表三 / Table 3
    bool groups_layout = false;    // table 四: one data row of group×column values
    std::vector<std::string> detect_keys;
    std::vector<std::string> header_keys; // header texts that are neither rows nor columns
    std::vector<LabelDef> cols;
    std::vector<LabelDef> rows;    // in printed order, groups included (is_group)
    std::vector<std::string> captions; // table 二 block captions, as keys
    std::vector<ConstraintDef> constraints;

    const LabelDef* row(std::string_view id) const;
    const LabelDef* col(std::string_view id) const;
    const ConstraintDef* constraint(std::string_view id) const;
    // Row ids (groups excluded) matched by an operand pattern, in printed order.
    std::vector<std::string> expand_rows(const std::string& pattern) const;
    std::vector<std::string> expand_cols(const std::string& pattern) const;
};

struct TemplateDef {
    std::string id;                // "2019" | "2021"
    std::string doc;               // 国办公开办函〔2019〕60号
    int first_year = 0, last_year = 9999;
    std::vector<TableDef> tables;
    std::vector<std::string> outdated_labels; // printed labels of the other format
    const TableDef* table(std::string_view id) const;
};

class AnnualTemplates {
public:
    static const AnnualTemplates& instance();
    // Parses the annual-template data of the given ruleset files (for tests and tools).
    static AnnualTemplates load(const std::vector<std::string>& files);

    const TemplateDef* get(std::string_view template_id) const;
    // "2019" | "2021" | "legacy" for a report year.
    std::string template_for_year(int year) const;
    const std::vector<TemplateDef>& all() const { return templates_; }
    const std::string& problem() const { return problem_; } // why nothing was loaded, if so
private:
    std::vector<TemplateDef> templates_;
    std::string problem_;
};

// Chooses the rules directory the catalogue is read from; effective only before the first
// AnnualTemplates::instance() call (the CLI calls it with --rules).
void use_annual_template_dir(const std::string& dir);

} // namespace gk
