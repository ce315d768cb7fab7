#include "check/suppress.hpp"
#include "check/span.hpp"

#include <algorithm>
#include <deque>

namespace gk {

void sort_findings(std::vector<Finding>& out) {
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        if (a.position.line != b.position.line) return a.position.line < b.position.line;
        if (a.position.column != b.position.column) return a.position.column < b.position.column;
        return a.rule < b.rule;
    });
}

namespace {

constexpr std::string_view kUnused = "suppression.unused";
constexpr std::string_view kUnknown = "suppression.unknown";

bool names_rule(const Directive& d, const std::string& rule) {
    if (d.rules.empty()) return true;
    for (const auto& p : d.rules)
        if (RuleSet::names(p, rule)) return true;
    return false;
}

// Where a disable directive's pattern `p` ("" = every rule) stops: the next enable after it
// that names no rules or names `p`.
SourceOffset range_end(const std::vector<Directive>& ds, std::size_t i, const std::string& p) {
    for (std::size_t j = i + 1; j < ds.size(); ++j) {
        if (ds[j].kind != Directive::Kind::enable) continue;
        if (ds[j].rules.empty() || std::find(ds[j].rules.begin(), ds[j].rules.end(), p) != ds[j].rules.end())
            return ds[j].offset;
    }
    return static_cast<SourceOffset>(-1);
}

} // namespace

void apply_suppressions(const Document& doc, const RuleSet& rules, const std::vector<bool>& selection,
                        std::vector<Finding>& findings) {
    const auto& ds = doc.directives;
    if (ds.empty()) return;
    const auto& all = rules.rules();
    auto rule_index = [&](std::string_view id) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all[i].id == id) return i;
        return std::nullopt;
    };
    auto known = [&](const std::string& p) {
        for (const auto& r : all)
            if (RuleSet::names(p, r.id)) return true;
        return false;
    };
    auto any_enabled = [&](const std::string& p) {
        for (std::size_t i = 0; i < all.size(); ++i)
            if (i < selection.size() && selection[i] && RuleSet::names(p, all[i].id)) return true;
        return false;
    };

    std::vector<bool> used(ds.size(), false);
    std::vector<Finding> kept;
    kept.reserve(findings.size());
    for (auto& f : findings) {
        bool suppressed = false;
        if (!f.rule.starts_with("suppression.")) {
            for (std::size_t i = 0; i < ds.size(); ++i) {
                const Directive& d = ds[i];
                if (d.kind == Directive::Kind::enable || !names_rule(d, f.rule)) continue;
                bool hit = false;
                if (d.kind == Directive::Kind::disable_next_line) {
                    hit = f.position.line == doc.position(d.end > d.offset ? d.end - 1 : d.offset).line + 1;
                } else if (f.offset >= d.end) {
                    // The pattern of d that names the rule decides where its range ends.
                    if (d.rules.empty()) hit = f.offset < range_end(ds, i, "");
                    else
                        for (const auto& p : d.rules)
                            if (RuleSet::names(p, f.rule) && f.offset < range_end(ds, i, p)) hit = true;
                }
                if (hit) {
                    used[i] = true;
                    suppressed = true;
                }
            }
        }
        if (!suppressed) kept.push_back(std::move(f));
    }

    std::deque<Finding> extra;
    const auto unknown_i = rule_index(kUnknown), unused_i = rule_index(kUnused);
    auto on = [&](const std::optional<std::size_t>& i) { return i && *i < selection.size() && selection[*i]; };
    for (std::size_t i = 0; i < ds.size(); ++i) {
        const Directive& d = ds[i];
        bool has_known = d.rules.empty(), has_enabled = d.rules.empty();
        for (const auto& p : d.rules) {
            if (!known(p)) {
                if (on(unknown_i)) {
                    Emitter e(all[*unknown_i], extra);
                    e.emit(d.offset, {{"id", p}}).end = d.end;
                }
                continue;
            }
            has_known = true;
            if (any_enabled(p)) has_enabled = true;
        }
        if (d.kind != Directive::Kind::enable && !used[i] && has_known && has_enabled && on(unused_i)) {
            std::string ids;
            for (const auto& p : d.rules) ids += (ids.empty() ? "" : ", ") + p;
            Emitter e(all[*unused_i], extra);
            e.emit(d.offset, {{"ids", ids.empty() ? "*" : ids}}).end = d.end;
        }
    }
    for (auto& f : extra) {
        complete_span(doc, f);
        kept.push_back(std::move(f));
    }
    findings = std::move(kept);
    if (!extra.empty()) sort_findings(findings);
}

} // namespace gk
