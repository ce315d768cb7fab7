// The "tables" object of a document's JSON (spec/output.md): ids of the format, numbers as JSON
// numbers, null for text, blank totals and digits that could not be split; per table
// "assumed_zero", "not_stated", "location" and, when relevant, "verifiable": false with "why".
// Amounts printed with a unit keep it: "amount": "3.61亿元" plus "amount_yuan": 361000000.
#include "grammar/grammar.hpp"
#include "report/report.hpp"

namespace gk {

namespace {

nlohmann::json number_json(const std::string& v) {
    const auto d = Decimal::parse(v);
    if (!d) return nullptr;
    if (d->is_integer()) {
        std::int64_t units = d->units();
        for (int i = 0; i < d->scale(); ++i) units /= 10;
        return units;
    }
    return std::stod(d->str());
}

} // namespace

nlohmann::json tables_to_json(const Facts& facts) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [id, table] : facts.tables) {
        if (!table.present) continue;
        nlohmann::json t = nlohmann::json::object();
        nlohmann::json rows = nlohmann::json::object();
        std::vector<std::string> recovered;
        for (const auto& [row, cols] : table.cells) {
            nlohmann::json r = nlohmann::json::object();
            for (const auto& [col, cv] : cols) {
                if (!cv.value) { r[col] = nullptr; continue; }
                if (!cv.unit.empty() && cv.raw.find(cv.unit) != std::string::npos) {
                    // printed with its unit: keep the printed amount and add the value in 元
                    r[col] = *cv.value + cv.unit;
                    if (auto n = grammar::parse_number(*cv.value + cv.unit)) {
                        if (auto y = n->yuan()) r[col + "_yuan"] = number_json(y->str());
                    }
                } else {
                    r[col] = number_json(*cv.value);
                    if (!cv.unit.empty()) r[col + "_unit"] = cv.unit;
                }
                if (cv.recovered) recovered.push_back(row + "." + col);
            }
            rows[row] = std::move(r);
        }
        if (id == "review") {
            // spec: "review": {"review": {...}, "litigation-direct": {...}, ...}
            for (auto& [k, v] : rows.items()) t[k] = v;
        }
        t["rows"] = std::move(rows);
        t["assumed_zero"] = table.assumed_zero;
        t["not_stated"] = table.not_stated;
        if (!recovered.empty()) t["recovered"] = recovered;
        t["location"] = {{"line", table.position.line}, {"column", table.position.column}};
        if (!table.form.empty()) t["form"] = table.form;
        t["verifiable"] = table.verifiable;
        if (!table.verifiable) t["why"] = table.why_unverifiable;
        out[id] = std::move(t);
    }
    return out;
}

} // namespace gk
