// The annual-report formats as data: the statistics tables (表二/表三/表四) of 国办公开办函
// 〔2019〕60号 and 〔2021〕30号, read from the <data name="annual-template"> elements of the
// rulesets (rulesets/annual-report-2019.xml, annual-report-2021.xml) by the Catalogue
// (catalogue/catalogue.hpp), which owns the one AnnualTemplates of a rules directory and passes
// it to the extractor, the check kinds and the report printers.
//
// Guarantees: labels are stored as match keys (normalised, spaces/punctuation/quotes removed,
// see label_key()); constraint expressions are parsed and their operands resolved at load time,
// and a malformed expression or an operand that names no row or column is a load error naming
// file and line (AnnualTemplates::add_template throws; the Catalogue reports it as RulesetError),
// never an empty catalogue.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

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
    std::string number_key;       // label_key(number), computed once at load
    std::vector<std::string> numbered_keys; // number_key + each of keys (parallel to keys)
    std::vector<bool> prefix_keys; // parallel to keys: 4 code points or more, so that a longer
                                   // label starting with it is this row (a note run on)
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
    // Run-together digits of one row are split under these sums (derived at load time from the
    // per="row" constraints): `row_sum` when a per-row constraint covers every column, `group_sum`
    // for a groups-layout table whose per-row constraint covers its columns; otherwise values may
    // carry a sign or decimals (table 二).
    bool row_sum = false;

    // Labels of the same table in the other formats (for messages about a row or column this
    // format lacks); filled by AnnualTemplates::finalise().
    std::vector<LabelDef> other_rows, other_cols;

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
    std::vector<std::string> identify; // printed labels that only this format uses (<identify>)
    const TableDef* table(std::string_view id) const;
};

class AnnualTemplates {
public:
    const TemplateDef* get(std::string_view template_id) const;
    // "2019" | "2021" | "legacy" for a report year.
    std::string template_for_year(int year) const;
    const std::vector<TemplateDef>& all() const { return templates_; }
    // Table ids in the order the formats declare them, each once.
    const std::vector<std::string>& table_ids() const { return table_ids_; }
    // Every label key the formats print (rows with and without their numbering, groups, columns,
    // headers, captions, detection labels).
    const std::set<std::string>& known_keys() const { return known_keys_; }

    // Adds one <template> element; `where(node)` gives "FILE:LINE: " for messages. Throws
    // std::runtime_error (message starting with where()) on any malformed part.
    void add_template(pugi::xml_node t, const std::function<std::string(pugi::xml_node)>& where);
    // Called once after the last add_template(): links each table to its namesakes.
    void finalise();
    // The template for a document's facts: its own, else the newest format.
    const TemplateDef* for_document(std::string_view template_id) const;

private:
    std::vector<TemplateDef> templates_;
    std::vector<std::string> table_ids_;
    std::set<std::string> known_keys_;
};

} // namespace gk
