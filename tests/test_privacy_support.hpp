// Helpers for the privacy and redact tests: hand-built documents and the privacy rules alone.
#pragma once

#include <string>
#include <vector>

#include "check/check.hpp"
#include "document/document.hpp"
#include "privacy/validators.hpp"
#include "support.hpp"

namespace gk::test {

// "11010519900101123" → the same plus its valid check digit.
inline std::string make_id(const std::string& first17) { return first17 + privacy::id18_check_digit(first17); }

// One paragraph per line, then one HTML-like table per grid (first row <th>); norm = text.
inline Document privacy_doc(const std::vector<std::string>& lines,
                            const std::vector<std::vector<std::vector<std::string>>>& tables = {}) {
    Document d;
    d.path = "hand-built.txt";
    d.encoding = "UTF-8";
    d.format = "text";
    for (const auto& l : lines) {
        Block b;
        b.text.append_run(l, static_cast<SourceOffset>(d.source.size()));
        b.norm = b.text;
        d.source += l + "\n";
        d.blocks.push_back(std::move(b));
    }
    for (const auto& grid : tables) {
        Block b;
        b.kind = BlockKind::table;
        b.table = std::make_shared<Table>();
        b.table->form = "html";
        for (std::size_t r = 0; r < grid.size(); ++r) {
            std::vector<Cell> row;
            for (std::size_t c = 0; c < grid[r].size(); ++c) {
                Cell cell;
                cell.text.append_run(grid[r][c], static_cast<SourceOffset>(d.source.size()));
                cell.norm = cell.text;
                cell.header = r == 0;
                cell.origin_row = static_cast<int>(r);
                cell.origin_col = static_cast<int>(c);
                d.source += grid[r][c] + (c + 1 < grid[r].size() ? "\t" : "\n");
                row.push_back(std::move(cell));
            }
            b.table->rows.push_back(std::move(row));
        }
        b.text = b.table->rows[0][0].text;
        d.blocks.push_back(std::move(b));
    }
    d.lines = LineIndex(d.source);
    return d;
}

inline const RuleSet& privacy_rules() {
    static const auto catalogue = Catalogue::load_files({std::string(GK_SOURCE_DIR) + "/rulesets/privacy.xml"},
                                                        std::string(GK_SOURCE_DIR) + "/rulesets/ruleset.xsd");
    static const RuleSet rules(*catalogue);
    return rules;
}

inline std::vector<std::string> rules_of(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.rule);
    return out;
}

} // namespace gk::test
