#include "report/score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <sstream>

#include "report/csv_audit.hpp"

namespace gk {

namespace {

// Days from ISO date a to ISO date b (b - a); nullopt when either is not YYYY-MM-DD.
std::optional<long> days_between(const std::string& a, const std::string& b) {
    const auto parse = [](const std::string& s) -> std::optional<long> {
        int y = 0, m = 0, d = 0;
        if (s.size() < 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return std::nullopt;
        if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
        // days from civil (Howard Hinnant)
        y -= m <= 2;
        const long era = (y >= 0 ? y : y - 399) / 400;
        const long yoe = y - era * 400;
        const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    };
    const auto x = parse(a), y = parse(b);
    if (!x || !y) return std::nullopt;
    return *y - *x;
}

bool rule_matches(const std::vector<std::string>& patterns, const std::string& rule) {
    for (const auto& p : patterns)
        if (p.ends_with(".") ? rule.starts_with(p) : rule == p) return true;
    return false;
}

Deduction from_finding(const ReportFinding& f, double points) {
    Deduction d;
    d.points = points;
    d.cause = "finding";
    d.rule = f.rule;
    d.severity = to_string(f.severity);
    d.message = f.message;
    d.line = f.line;
    d.column = f.column;
    d.table = f.table;
    d.row = f.row;
    d.col = f.col;
    d.excerpt = f.excerpt;
    return d;
}

double round2(double v) { return std::round(v * 100) / 100; }

const ReportFamily* family(const ReportDoc& d, const std::string& name) {
    for (const auto& f : d.families)
        if (f.family == name) return &f;
    return nullptr;
}

// Scores one indicator of one checked report, appending its deductions; returns the points lost.
double apply(const ScoringIndicator& ind, const ReportDoc& doc, const std::string& /*lang*/, std::vector<Deduction>& out) {
    std::vector<Deduction> ds;
    switch (ind.kind) {
    case ScoringIndicator::Kind::findings:
        for (const auto& x : ind.deducts) {
            double taken = 0;
            const double cap = x.cap >= 0 ? x.cap : ind.max;
            for (const auto& f : doc.findings) {
                if (!x.matches(f.rule, to_string(f.severity))) continue;
                const double p = std::min(x.points, cap - taken);
                if (p <= 0) break;
                taken += p;
                ds.push_back(from_finding(f, p));
            }
        }
        break;
    case ScoringIndicator::Kind::presence:
        for (const auto& r : ind.requires_) {
            bool present = false;
            if (!r.table.empty()) present = doc.tables.count(r.table) > 0;
            else
                for (const auto& o : doc.outline) present = present || (o.level == 1 && o.number == r.section);
            if (present) continue;
            const ReportFinding* trace = nullptr;
            for (const auto& f : doc.findings)
                if (rule_matches(r.rules, f.rule) && (r.table.empty() || f.table.empty() || f.table == r.table)) { trace = &f; break; }
            // Only an absence a check asserted costs points: where the check was silent (the text is
            // cut off before that part, say) the absence is not certain, and the document's
            // coverage already costs it the data-quality points (not verifiable).
            if (trace) ds.push_back(from_finding(*trace, r.points));
        }
        break;
    case ScoringIndicator::Kind::timeliness: {
        for (const auto& f : doc.findings) {
            if (!rule_matches(ind.rules, f.rule)) continue;
            if (f.actual.empty()) {
                // The rule's info: no publication date, the deadline not verifiable — not a pass.
                if (ind.unknown_date_points > 0) ds.push_back(from_finding(f, ind.unknown_date_points));
                continue;
            }
            const auto days = days_between(f.expected, f.actual);
            const double p = std::max(ind.min_points, days ? static_cast<double>(*days) * ind.per_day : ind.max);
            ds.push_back(from_finding(f, p));
        }
        break;
    }
    case ScoringIndicator::Kind::unverifiable:
        for (const auto& nv : doc.not_verifiable) {
            Deduction d;
            d.points = ind.per_item;
            d.cause = "not-verifiable";
            d.line = nv.line;
            d.column = nv.column;
            d.table = nv.table;
            d.message = nv.why;
            ds.push_back(std::move(d));
        }
        break;
    }
    double lost = 0;
    for (auto& d : ds) {
        d.points = std::min(d.points, ind.max - lost);
        if (d.points <= 0) break;
        lost += d.points;
        d.indicator = ind.id;
        out.push_back(std::move(d));
    }
    return lost;
}


} // namespace

std::string format_points(double v) {
    std::ostringstream o;
    o.precision(2);
    o << std::fixed << v;
    std::string s = o.str();
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
        const bool dot = s.back() == '.';
        s.pop_back();
        if (dot) break;
    }
    return s;
}

Scores score_documents(const std::vector<ReportDoc>& docs, const ScoringScheme& scheme, const std::string& lang, std::optional<int> year) {
    const bool en = lang == "en";
    Scores s;
    s.scheme_id = scheme.id;
    s.scheme_name = scheme.name(lang);
    s.max = scheme.max();
    s.year = year;
    for (const auto& doc : docs) {
        if (doc.type != "annual-report" && doc.checked()) { ++s.skipped; continue; }
        // An unreadable file (not checked, no type) is listed as not checked: it may be a report.
        if (year && doc.year != year) { ++s.skipped; continue; }
        ReportScore r;
        r.path = doc.path;
        r.sha256 = doc.sha256;
        if (doc.agency) {
            r.agency = doc.agency->normalised.empty() ? doc.agency->name : doc.agency->normalised;
            r.level = doc.agency->level;
            r.kind = doc.agency->kind;
        }
        r.year = doc.year;
        r.template_id = doc.template_id;
        r.max = s.max;
        // Status from the coverage facts only.
        if (!doc.checked()) {
            r.status = "not-checked";
            r.why = en ? "not checked: the file could not be read" : "未检查：文件无法读取";
            for (const auto& e : doc.errors) if (e.fatal) { r.why += "（" + e.message + "）"; break; }
        } else {
            for (const auto& fam : scheme.required_families) {
                const ReportFamily* f = family(doc, fam);
                if (!f || f->status == "not-applicable" || f->status == "disabled") {
                    r.status = "not-checked";
                    if (!r.why.empty()) r.why += en ? "; " : "；";
                    r.why += (en ? "rule family " : "规则族 ") + fam + (en ? " did not run" : " 未运行");
                    if (f && !f->why.empty()) r.why += (en ? " (" : "（") + f->why + (en ? ")" : "）");
                }
            }
            if (r.status.empty() && !doc.not_verifiable.empty()) {
                r.status = "not-verifiable";
                for (const auto& nv : doc.not_verifiable) {
                    if (!r.why.empty()) r.why += en ? "; " : "；";
                    r.why += (nv.what == "table" ? (en ? "table " : "表格 ") + nv.table : (en ? std::string("text") : std::string("正文"))) +
                             (en ? " not verifiable" : " 无法核验");
                }
            }
            if (r.status.empty()) r.status = "checked";
        }
        if (r.status != "not-checked") {
            double total = 0;
            for (const auto& dim : scheme.dimensions) {
                DimensionScore ds;
                ds.id = dim.id;
                ds.max = dim.max;
                for (const auto& ind : dim.indicators) {
                    const std::size_t first = r.deductions.size();
                    const double lost = apply(ind, doc, lang, r.deductions);
                    for (std::size_t k = first; k < r.deductions.size(); ++k) r.deductions[k].dimension = dim.id;
                    ds.indicators.push_back({ind.id, ind.max, round2(ind.max - lost)});
                    ds.score += ind.max - lost;
                }
                ds.score = round2(ds.score);
                total += ds.score;
                r.dimensions.push_back(std::move(ds));
            }
            r.score = round2(total);
        }
        s.reports.push_back(std::move(r));
    }
    const auto group = [](const ReportScore& r) { return r.status == "checked" ? 0 : r.status == "not-verifiable" ? 1 : 2; };
    std::stable_sort(s.reports.begin(), s.reports.end(), [&](const ReportScore& a, const ReportScore& b) {
        if (group(a) != group(b)) return group(a) < group(b);
        if (a.score != b.score) return a.score > b.score;
        if (a.agency != b.agency) return a.agency < b.agency;
        if (a.year != b.year) return a.year < b.year;
        return a.path < b.path;
    });
    int rank = 0;
    double last = -1;
    for (std::size_t i = 0; i < s.reports.size(); ++i) {
        auto& r = s.reports[i];
        if (!r.ranked()) continue;
        if (r.score != last) rank = static_cast<int>(i) + 1;
        last = r.score;
        r.rank = rank;
    }
    // Agencies.
    std::map<std::string, AgencyScore> by;
    for (const auto& r : s.reports) {
        const std::string key = r.agency.empty() ? (en ? "(agency unknown)" : "（机构不明）") : r.agency;
        auto& a = by[key];
        a.agency = key;
        if (a.level.empty()) a.level = r.level;
        ++a.reports;
        if (r.year) a.years.push_back({*r.year, r.ranked() ? std::optional<double>(r.score) : std::nullopt});
        if (!r.ranked()) continue;
        ++a.ranked_reports;
        a.score = a.score.value_or(0) + r.score;
        if (a.dimensions.empty())
            for (const auto& d : r.dimensions) a.dimensions.push_back({d.id, 0});
        for (std::size_t k = 0; k < r.dimensions.size() && k < a.dimensions.size(); ++k) a.dimensions[k].second += r.dimensions[k].score;
    }
    for (auto& [k, a] : by) {
        if (a.ranked_reports) {
            a.score = round2(*a.score / static_cast<double>(a.ranked_reports));
            for (auto& d : a.dimensions) d.second = round2(d.second / static_cast<double>(a.ranked_reports));
        }
        std::sort(a.years.begin(), a.years.end());
        s.agencies.push_back(a);
    }
    std::stable_sort(s.agencies.begin(), s.agencies.end(), [](const AgencyScore& a, const AgencyScore& b) {
        if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
        if (a.score && *a.score != *b.score) return *a.score > *b.score;
        return a.agency < b.agency;
    });
    rank = 0;
    last = -1;
    for (std::size_t i = 0; i < s.agencies.size(); ++i) {
        auto& a = s.agencies[i];
        if (!a.score) continue;
        if (*a.score != last) rank = static_cast<int>(i) + 1;
        last = *a.score;
        a.rank = rank;
    }
    return s;
}

nlohmann::json to_json(const Scores& s) {
    using nlohmann::json;
    json j = {{"scheme", {{"id", s.scheme_id}, {"name", s.scheme_name}, {"max", s.max}}}, {"skipped", s.skipped}};
    j["year"] = s.year ? json(*s.year) : json(nullptr);
    json reports = json::array();
    for (const auto& r : s.reports) {
        json jr = {{"path", r.path}, {"sha256", r.sha256}, {"agency", r.agency}, {"level", r.level}, {"kind", r.kind},
                   {"template", r.template_id}, {"status", r.status}, {"max", r.max}};
        jr["year"] = r.year ? json(*r.year) : json(nullptr);
        jr["rank"] = r.rank ? json(*r.rank) : json(nullptr);
        jr["score"] = r.status == "not-checked" ? json(nullptr) : json(r.score);
        if (!r.why.empty()) jr["why"] = r.why;
        json dims = json::array();
        for (const auto& d : r.dimensions) {
            json inds = json::array();
            for (const auto& i : d.indicators) inds.push_back({{"id", i.id}, {"max", i.max}, {"score", i.score}});
            dims.push_back({{"id", d.id}, {"max", d.max}, {"score", d.score}, {"indicators", inds}});
        }
        jr["dimensions"] = dims;
        json ded = json::array();
        for (const auto& d : r.deductions) {
            json jd = {{"dimension", d.dimension}, {"indicator", d.indicator}, {"points", d.points}, {"cause", d.cause},
                       {"line", d.line}, {"column", d.column}, {"message", d.message}};
            if (!d.rule.empty()) { jd["rule"] = d.rule; jd["severity"] = d.severity; }
            if (!d.table.empty()) jd["table"] = d.table;
            if (!d.row.empty()) jd["row"] = d.row;
            if (!d.col.empty()) jd["col"] = d.col;
            if (!d.excerpt.empty()) jd["excerpt"] = d.excerpt;
            ded.push_back(jd);
        }
        jr["deductions"] = ded;
        reports.push_back(jr);
    }
    j["reports"] = reports;
    json agencies = json::array();
    for (const auto& a : s.agencies) {
        json ja = {{"agency", a.agency}, {"level", a.level}, {"reports", a.reports}, {"ranked_reports", a.ranked_reports}};
        ja["score"] = a.score ? json(*a.score) : json(nullptr);
        ja["rank"] = a.rank ? json(*a.rank) : json(nullptr);
        json dims = json::object();
        for (const auto& [id, v] : a.dimensions) dims[id] = v;
        ja["dimensions"] = dims;
        json years = json::array();
        for (const auto& [y, v] : a.years) years.push_back({{"year", y}, {"score", v ? json(*v) : json(nullptr)}});
        ja["years"] = years;
        agencies.push_back(ja);
    }
    j["agencies"] = agencies;
    return j;
}

static std::string status_label(const std::string& status, bool en) {
    if (status == "checked") return en ? "checked" : "已检查";
    if (status == "not-verifiable") return en ? "not verifiable" : "无法核验";
    return en ? "not checked" : "未检查";
}

std::string scores_text(const Scores& s, const ScoringScheme& scheme, const std::string& lang) {
    const bool en = lang == "en";
    std::map<std::string, std::string> iname;
    for (const auto& d : scheme.dimensions)
        for (const auto& i : d.indicators) iname[i.id] = i.name(lang);
    std::ostringstream o;
    o << (en ? "Scheme: " : "评分方案：") << s.scheme_name << " [" << s.scheme_id << "]" << (en ? ", out of " : "，满分 ") << format_points(s.max) << "\n";
    o << (en ? "Agencies (best first):\n" : "机构排名（由高到低）：\n");
    for (const auto& a : s.agencies)
        o << "  " << (a.rank ? std::to_string(*a.rank) : std::string("-")) << ". " << a.agency << "  "
          << (a.score ? format_points(*a.score) : status_label("not-checked", en)) << "\n";
    o << (en ? "Reports (best first):\n" : "年报排名（由高到低）：\n");
    for (const auto& r : s.reports) {
        o << "  " << (r.rank ? std::to_string(*r.rank) : std::string("-")) << ". " << r.path << "  " << r.agency << " "
          << (r.year ? std::to_string(*r.year) : std::string("?")) << "  ";
        if (r.status == "not-checked") o << status_label(r.status, en);
        else o << format_points(r.score) << "/" << format_points(r.max);
        if (r.status != "checked") o << "  [" << status_label(r.status, en) << (en ? ": " : "：") << r.why << "]";
        o << "\n";
        for (const auto& d : r.deductions) {
            o << "      -" << format_points(d.points) << " " << iname[d.indicator] << " [" << d.indicator << "] ← " << r.path << ":" << d.line << ":" << d.column;
            if (!d.table.empty()) o << " " << d.table << (d.row.empty() ? "" : "/" + d.row) << (d.col.empty() ? "" : "/" + d.col);
            o << ": " << d.message;
            if (!d.rule.empty()) o << " [" << d.rule << "]";
            o << "\n";
        }
    }
    if (s.skipped) o << (en ? "Not scored (not annual reports, or another year): " : "未评分（非年度报告或其他年度）：") << s.skipped << "\n";
    return o.str();
}

std::string scores_csv(const Scores& s, const ScoringScheme& scheme, const std::string& lang, bool deductions) {
    const bool en = lang == "en";
    std::string out = "\xEF\xBB\xBF";
    const auto row = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out += ',';
            out += csv_cell(cells[i]);
        }
        out += "\r\n";
    };
    if (deductions) {
        row(en ? std::vector<std::string>{"file", "agency", "year", "dimension", "indicator", "points", "cause", "rule", "line:col", "table", "row", "col", "message"}
               : std::vector<std::string>{"文件", "机构", "年度", "维度", "指标", "扣分", "原因", "规则", "行:列", "表格", "行", "列", "说明"});
        std::map<std::string, std::string> iname, dname;
        for (const auto& d : scheme.dimensions) {
            dname[d.id] = d.name(lang);
            for (const auto& i : d.indicators) iname[i.id] = i.name(lang);
        }
        for (const auto& r : s.reports)
            for (const auto& d : r.deductions)
                row({r.path, r.agency, r.year ? std::to_string(*r.year) : "", dname[d.dimension], iname[d.indicator], format_points(d.points), d.cause, d.rule,
                     std::to_string(d.line) + ":" + std::to_string(d.column), d.table, d.row, d.col, d.message});
        return out;
    }
    std::vector<std::string> head = en ? std::vector<std::string>{"rank", "file", "agency", "level", "year", "status", "score", "max"}
                                       : std::vector<std::string>{"排名", "文件", "机构", "级别", "年度", "状态", "得分", "满分"};
    for (const auto& d : scheme.dimensions) head.push_back(d.name(lang));
    head.push_back(en ? "deductions" : "扣分项");
    head.push_back(en ? "why" : "说明");
    row(head);
    for (const auto& r : s.reports) {
        std::vector<std::string> c{r.rank ? std::to_string(*r.rank) : "", r.path, r.agency, r.level, r.year ? std::to_string(*r.year) : "",
                                   status_label(r.status, en), r.status == "not-checked" ? "" : format_points(r.score), format_points(r.max)};
        for (std::size_t k = 0; k < scheme.dimensions.size(); ++k) c.push_back(k < r.dimensions.size() ? format_points(r.dimensions[k].score) : "");
        c.push_back(std::to_string(r.deductions.size()));
        c.push_back(r.why);
        row(c);
    }
    return out;
}

} // namespace gk
