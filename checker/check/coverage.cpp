#include "check/coverage.hpp"

#include <algorithm>
#include <map>

namespace gk {

namespace {

const char* type_zh(const std::string& t) {
    static const std::map<std::string, const char*> names{
        {"annual-report", "政府信息公开工作年度报告"}, {"notice", "通知公告"}, {"plan", "计划"},
        {"summary", "总结"}, {"guide", "指南"}, {"other", "其他文件"}};
    const auto it = names.find(t);
    return it == names.end() ? t.c_str() : it->second;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

void add_unique(std::vector<std::string>& v, std::string s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

} // namespace

std::string FamilyCoverage::status() const {
    if (ran == 0 && not_applicable == 0 && other_type == 0) return "disabled";
    if (ran == 0) return "not-applicable";
    if (not_applicable > 0) return "partial";
    return "ran";
}

Applies applicability(const Applicability& a, const Facts& f) {
    if (!a.types.empty() && std::find(a.types.begin(), a.types.end(), f.type) == a.types.end()) return Applies::other_type;
    if ((a.min_year || a.max_year) && !f.year) return Applies::year_unknown;
    if (a.min_year && *f.year < *a.min_year) return Applies::before_min_year;
    if (a.max_year && *f.year > *a.max_year) return Applies::after_max_year;
    if (!a.templates.empty() && std::find(a.templates.begin(), a.templates.end(), f.template_id) == a.templates.end())
        return Applies::other_template;
    return Applies::yes;
}

std::pair<std::string, std::string> why_not_applicable(const Applicability& a, const Facts& f) {
    switch (applicability(a, f)) {
    case Applies::yes: break;
    case Applies::other_type: {
        std::vector<std::string> zh;
        for (const auto& t : a.types) zh.push_back(type_zh(t));
        return {"仅适用于" + join(zh, "、") + "，本文档为" + type_zh(f.type),
                "applies to " + join(a.types, ", ") + " only; this document is " + f.type};
    }
    case Applies::year_unknown:
        return {"未能识别文档年度，按年度适用的规则未运行", "the document's year is unknown; year-dependent rules did not run"};
    case Applies::before_min_year:
        return {"仅适用于" + std::to_string(*a.min_year) + "年及以后（本文档为" + std::to_string(*f.year) + "年）",
                "applies from " + std::to_string(*a.min_year) + " on (this document: " + std::to_string(*f.year) + ")"};
    case Applies::after_max_year:
        return {"仅适用于" + std::to_string(*a.max_year) + "年及以前（本文档为" + std::to_string(*f.year) + "年）",
                "applies up to " + std::to_string(*a.max_year) + " (this document: " + std::to_string(*f.year) + ")"};
    case Applies::other_template: {
        const bool known = !f.template_id.empty();
        return {"仅适用于" + join(a.templates, "、") + "年格式（本文档格式：" + (known ? f.template_id : std::string("未识别")) + "）",
                "applies to the " + join(a.templates, ", ") + " format only (this document: " +
                    (known ? f.template_id : std::string("unknown")) + ")"};
    }
    }
    return {"", ""};
}

Coverage coverage_of(const std::vector<Rule>& rules, const std::vector<bool>& selection, const Facts& facts) {
    Coverage c;
    std::map<std::string, std::size_t> index;
    struct Reasons { std::vector<std::string> zh, en, type_zh, type_en; };
    std::map<std::string, Reasons> reasons;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const std::string family = rules[i].id.substr(0, rules[i].id.find('.'));
        auto [it, fresh] = index.try_emplace(family, c.families.size());
        if (fresh) { c.families.emplace_back(); c.families.back().family = family; }
        FamilyCoverage& fc = c.families[it->second];
        if (i >= selection.size() || !selection[i]) { ++fc.disabled; continue; }
        const Applies a = applicability(rules[i].applies, facts);
        if (a == Applies::yes) { ++fc.ran; continue; }
        auto [zh, en] = why_not_applicable(rules[i].applies, facts);
        Reasons& r = reasons[family];
        if (a == Applies::other_type) {
            ++fc.other_type;
            add_unique(r.type_zh, std::move(zh));
            add_unique(r.type_en, std::move(en));
        } else {
            ++fc.not_applicable;
            add_unique(r.zh, std::move(zh));
            add_unique(r.en, std::move(en));
        }
    }
    for (auto& fc : c.families) {
        const auto it = reasons.find(fc.family);
        if (it == reasons.end()) continue;
        const Reasons& r = it->second;
        fc.why = join(fc.not_applicable ? r.zh : fc.ran ? std::vector<std::string>{} : r.type_zh, "；");
        fc.why_en = join(fc.not_applicable ? r.en : fc.ran ? std::vector<std::string>{} : r.type_en, "; ");
    }
    std::sort(c.families.begin(), c.families.end(),
              [](const FamilyCoverage& a, const FamilyCoverage& b) { return a.family < b.family; });
    for (const auto& [id, table] : facts.tables)
        if (table.present && !table.verifiable)
            c.not_verifiable.push_back({"table", id, table.why_unverifiable, table.why_unverifiable, table.offset});
    if (!facts.truncated.empty())
        c.not_verifiable.push_back({"text", "", facts.truncated, facts.truncated_en, facts.truncated_at});
    return c;
}

} // namespace gk
