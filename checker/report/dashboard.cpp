#include "report/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "report/html_report.hpp"
#include "report/score.hpp"

namespace gk {

namespace {

std::string esc(std::string_view s) { return html_escape(s); }


// A UI string in both languages: shown in `lang`, switched by the page's toggle.
struct Ui {
    bool en;
    std::string operator()(const char* zh, const char* e) const {
        return std::string(" data-zh=\"") + esc(zh) + "\" data-en=\"" + esc(e) + "\">" + esc(en ? e : zh);
    }
    // <tag class…  + ui(...) + </tag>
    std::string el(const std::string& tag, const char* zh, const char* e, const std::string& attrs = {}) const {
        return "<" + tag + attrs + (*this)(zh, e) + "</" + tag.substr(0, tag.find(' ')) + ">";
    }
};

std::string level_label(const std::string& level, bool en) {
    static const std::map<std::string, std::pair<const char*, const char*>> m = {
        {"national", {"国家", "national"}}, {"province", {"省", "province"}}, {"city", {"市", "city"}},
        {"county", {"县", "county"}}, {"township", {"乡", "township"}}};
    auto it = m.find(level);
    return it == m.end() ? level : en ? it->second.second : it->second.first;
}

std::string family_of(const std::string& rule) { return rule.substr(0, rule.find('.')); }

constexpr const char* kCss = R"css(
#dashboard{margin:1em 0}
.gk-bar{display:flex;flex-wrap:wrap;gap:.4em .8em;align-items:center;padding:.5em;background:#f3f5f8;border:1px solid #d8dde6;position:sticky;top:0;z-index:2}
.gk-bar label{display:inline-flex;gap:.3em;align-items:center;font-size:.9em}
.gk-bar select,.gk-bar input,.gk-bar button{font:inherit;font-size:.9em;max-width:14em}
table.gk-table{border-collapse:collapse;width:100%;margin:.5em 0 1em}
table.gk-table th,table.gk-table td{border:1px solid #d8dde6;padding:.25em .4em;vertical-align:top}
table.gk-table thead th{background:#eef1f6;cursor:pointer;user-select:none;white-space:nowrap}
table.gk-table thead th[aria-sort=ascending]::after{content:" \25B2"}
table.gk-table thead th[aria-sort=descending]::after{content:" \25BC"}
.st{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em;white-space:nowrap}
.st-passed{background:#d4edda;color:#155724}.st-checked{background:#e2e8f0;color:#1a202c}
.st-not-verifiable{background:#fff3cd;color:#7a5b00}.st-not-checked{background:#e5e5e5;color:#555;border:1px dashed #888}
.st-not-applicable{background:#ececec;color:#555}
.gk-scroll{overflow-x:auto;max-width:100%}
.gk-charts{display:flex;flex-wrap:wrap;gap:1em}
.gk-charts figure{margin:0;flex:1 1 380px;min-width:0}
.gk-charts svg{width:100%;height:auto}
.gk-why{font-size:.85em;color:#555}
.gk-small{font-size:.85em}
td.gk-agency{min-width:8em}
td.gk-path{word-break:break-all;min-width:10em}
@media (max-width:600px){
  body{font-size:14px}
  .gk-bar{position:static}
  .gk-bar label{width:100%}
  .gk-bar select,.gk-bar input{flex:1;max-width:none}
  table.gk-table .gk-wide{display:none}
  td.gk-agency{min-width:6em}
  td.gk-path{min-width:7em}
  main{padding:0 .3em}
}
@media print{
  .gk-bar,#gk-lang{display:none}
  a{color:inherit;text-decoration:none}
  tr[hidden]{display:table-row}
  details{display:block}
  table.gk-table thead th{background:none}
  section,article{break-inside:auto}
  tr{break-inside:avoid}
}
)css";

// The script: sorting, filtering, the language toggle and the #selftest run. It sits in a
// CDATA section so that the page stays well-formed XML; it must never contain "]]>" nor "</".
constexpr const char* kScript = R"js(
(function(){
'use strict';
var errors=[];
window.addEventListener('error',function(e){errors.push(String(e.message));});
function $(s,r){return (r||document).querySelector(s);}
function $$(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s));}
function sortTable(table,th){
  var key=th.getAttribute('data-key');if(!key)return;
  var type=th.getAttribute('data-type')||'text';
  var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
  $$('th',table.tHead).forEach(function(h){h.removeAttribute('aria-sort');});
  th.setAttribute('aria-sort',dir===1?'ascending':'descending');
  var tb=table.tBodies[0];var rows=Array.prototype.slice.call(tb.rows);
  rows.sort(function(a,b){
    var x=a.getAttribute('data-'+key)||'',y=b.getAttribute('data-'+key)||'';
    if(type==='num'){
      if(x===''&&y==='')return 0;if(x==='')return 1;if(y==='')return -1;
      return dir*(parseFloat(x)-parseFloat(y));
    }
    return dir*x.localeCompare(y,'zh-CN');
  });
  rows.forEach(function(r){tb.appendChild(r);});
}
function applyFilters(){
  var f={};
  $$('[data-filter]').forEach(function(s){f[s.getAttribute('data-filter')]=s.value;});
  var text=($('#gk-f-text')||{value:''}).value.toLowerCase();
  $$('table.gk-table').forEach(function(t){
    var shown=0;
    Array.prototype.slice.call(t.tBodies[0].rows).forEach(function(r){
      var ok=true;
      Object.keys(f).forEach(function(k){
        if(!f[k]||!ok)return;
        var v=r.getAttribute('data-'+k);
        if(v===null)return;
        if(v.split('|').indexOf(f[k])<0)ok=false;
      });
      if(ok&&text&&r.textContent.toLowerCase().indexOf(text)<0)ok=false;
      r.hidden=!ok;if(ok)shown++;
    });
    var c=$('[data-count-of="'+t.id+'"]');if(c)c.textContent=String(shown);
  });
}
function setLang(l){
  document.documentElement.setAttribute('data-ui',l);
  $$('[data-zh]').forEach(function(e){var t=e.getAttribute('data-'+l);if(t!==null)e.textContent=t;});
}
$$('table.gk-table').forEach(function(t){
  $$('th[data-key]',t.tHead).forEach(function(th){th.addEventListener('click',function(){sortTable(t,th);});});
});
$$('[data-filter]').forEach(function(s){s.addEventListener('change',applyFilters);});
var ft=$('#gk-f-text');if(ft)ft.addEventListener('input',applyFilters);
var lb=$('#gk-lang');
if(lb)lb.addEventListener('click',function(){setLang(document.documentElement.getAttribute('data-ui')==='en'?'zh':'en');});
var pb=$('#gk-print');if(pb)pb.addEventListener('click',function(){window.print();});
applyFilters();
if(location.hash==='#selftest'){
  var out={};
  var rk=$('#gk-ranking');
  var scores=function(){return Array.prototype.slice.call(rk.tBodies[0].rows).map(function(r){return r.getAttribute('data-score');});};
  out.rows=rk?rk.tBodies[0].rows.length:-1;
  out.findings=$('#gk-findings')?$('#gk-findings').tBodies[0].rows.length:-1;
  var th=rk?$('th[data-key="score"]',rk):null;
  if(th){th.click();out.ascending=scores();th.click();out.descending=scores();}
  var sel=$('#gk-f-agency');
  if(sel&&sel.options.length>1){
    sel.value=sel.options[1].value;sel.dispatchEvent(new Event('change'));
    out.filter=sel.value;
    out.visible=Array.prototype.slice.call(rk.tBodies[0].rows).filter(function(r){return !r.hidden;}).map(function(r){return r.getAttribute('data-agency');});
  }
  setLang('en');out.lang_en=$('#gk-title-ranking')?$('#gk-title-ranking').textContent:'';
  setLang(document.documentElement.getAttribute('lang')==='en'?'en':'zh');
  out.errors=errors;
  var pre=$('#gk-selftest');if(pre)pre.textContent=JSON.stringify(out);
  document.body.setAttribute('data-selftest','done');
}
})();
)js";

class Builder {
public:
    Builder(const std::vector<ReportDoc>& docs, const std::string& lang, const RuleSet& rules, const ScoringScheme* scheme,
            const Scores* scores)
        : docs_(docs), en_(lang == "en"), lang_(lang), ui_{en_}, scheme_(scheme), scores_(scores) {
        for (const auto& r : rules.rules()) names_[r.id] = rule_display_name(r, lang);
        for (std::size_t i = 0; i < docs.size(); ++i) anchor_.emplace(docs[i].path, "doc-" + std::to_string(i + 1));
        for (const auto& d : docs) {
            if (d.agency) agency_of_[d.path] = d.agency->normalised.empty() ? d.agency->name : d.agency->normalised;
        }
    }

    const std::map<std::string, std::string>& names() const { return names_; }

    std::string build() {
        bar();
        if (scores_) ranking();
        findings();
        charts();
        coverage();
        if (scores_) { deductions(); indicators(); }
        out_ += "<pre id=\"gk-selftest\" hidden=\"hidden\"></pre>\n</section>\n";
        return out_;
    }

private:
    std::string rule_label(const std::string& id) const {
        auto it = names_.find(id);
        return (it == names_.end() || it->second.empty() ? "" : esc(it->second) + "<br />") + "<code class=\"gk-small\">" + esc(id) + "</code>";
    }
    std::string link(const std::string& path) const {
        auto it = anchor_.find(path);
        return it == anchor_.end() ? esc(path) : "<a href=\"#" + it->second + "\">" + esc(path) + "</a>";
    }
    // The agency, linked to the document (the file column is hidden on narrow screens).
    std::string agency_link(const std::string& agency, const std::string& path) const {
        auto it = anchor_.find(path);
        const std::string shown = esc(agency.empty() ? (en_ ? "(agency unknown)" : "（机构不明）") : agency);
        return it == anchor_.end() ? shown : "<a href=\"#" + it->second + "\">" + shown + "</a>";
    }
    std::string status_badge(const ReportScore& r) const {
        if (r.status == "checked" && r.deductions.empty()) return "<span class=\"st st-passed\"" + ui_("通过", "passed") + "</span>";
        if (r.status == "checked") return "<span class=\"st st-checked\"" + ui_("已检查，有扣分", "checked, points lost") + "</span>";
        if (r.status == "not-verifiable") return "<span class=\"st st-not-verifiable\"" + ui_("无法核验（不排名）", "not verifiable (unranked)") + "</span>";
        return "<span class=\"st st-not-checked\"" + ui_("未检查（不适用，不排名）", "not checked (not applicable, unranked)") + "</span>";
    }
    std::string select(const char* id, const char* key, const char* zh, const char* e, const std::set<std::string>& values,
                       const std::map<std::string, std::string>& shown = {}) {
        std::string s = "<label><span" + ui_(zh, e) + "</span><select id=\"" + id + "\" data-filter=\"" + key + "\"><option value=\"\"" +
                        ui_("全部", "all") + "</option>";
        for (const auto& v : values) {
            auto it = shown.find(v);
            s += "<option value=\"" + esc(v) + "\">" + esc(it == shown.end() ? v : it->second) + "</option>";
        }
        return s + "</select></label>\n";
    }

    void bar() {
        std::set<std::string> agencies, levels, years, families, sev;
        std::map<std::string, std::string> level_names, sev_names;
        for (const auto& d : docs_) {
            if (d.agency) {
                agencies.insert(agency_of_[d.path]);
                if (!d.agency->level.empty()) { levels.insert(d.agency->level); level_names[d.agency->level] = level_label(d.agency->level, en_); }
            }
            if (d.year) years.insert(std::to_string(*d.year));
            for (const auto& f : d.findings) { families.insert(family_of(f.rule)); sev.insert(to_string(f.severity)); }
        }
        for (const auto& s : sev) sev_names[s] = en_ ? s : s == "error" ? "错误" : s == "warning" ? "警告" : "提示";
        out_ += "<section id=\"dashboard\">\n<div class=\"gk-bar\" role=\"search\">\n";
        out_ += "<button type=\"button\" id=\"gk-lang\"" + ui_("English", "中文") + "</button>\n";
        out_ += "<button type=\"button\" id=\"gk-print\"" + ui_("打印", "Print") + "</button>\n";
        out_ += select("gk-f-agency", "agency", "机构", "Agency", agencies);
        out_ += select("gk-f-level", "level", "级别", "Level", levels, level_names);
        out_ += select("gk-f-year", "year", "年度", "Year", years);
        out_ += select("gk-f-family", "family", "规则族", "Rule family", families);
        out_ += select("gk-f-severity", "severity", "严重程度", "Severity", sev, sev_names);
        out_ += "<label><span" + ui_("搜索", "Search") + "</span><input type=\"search\" id=\"gk-f-text\" /></label>\n</div>\n";
    }

    std::string row_attrs(const std::string& agency, const std::string& level, const std::optional<int>& year) const {
        return " data-agency=\"" + esc(agency) + "\" data-level=\"" + esc(level) + "\" data-year=\"" + (year ? std::to_string(*year) : "") + "\"";
    }

    void ranking() {
        const Scores& s = *scores_;
        out_ += "<h2 id=\"gk-title-ranking\"" + ui_("评分排名（由低到高）", "Ranking (worst first)") + "</h2>\n";
        out_ += "<p class=\"muted\">" + esc(s.scheme_name) + " <code>" + esc(s.scheme_id) + "</code> · <span" +
                ui_("示例方案，可复制修改，并非官方评估标准；无法核验或未检查的报告不参与排名。",
                    "An example scheme to copy, not an official standard; reports not verifiable or not checked are not ranked.") +
                "</span></p>\n";
        out_ += "<p class=\"gk-small\"><span" + ui_("显示", "Shown") + "</span> <span data-count-of=\"gk-ranking\"></span></p>\n";
        out_ += "<div class=\"gk-scroll\"><table class=\"gk-table\" id=\"gk-ranking\">\n<thead><tr>";
        out_ += ui_th("rank", "num", "名次", "Rank") + ui_th("agency", "text", "机构", "Agency") + ui_th("level", "text", "级别", "Level", true) +
                ui_th("year", "num", "年度", "Year") + ui_th("status", "text", "状态", "Status") + ui_th("score", "num", "得分", "Score");
        if (scheme_)
            for (const auto& d : scheme_->dimensions)
                out_ += "<th data-key=\"dim-" + esc(d.id) + "\" data-type=\"num\" class=\"gk-wide\">" + esc(d.name(lang_)) + "<br /><span class=\"gk-small\">/" + format_points(d.max) + "</span></th>";
        out_ += ui_th("deductions", "num", "扣分项", "Deductions", true) + ui_th("path", "text", "文件", "File", true) + "</tr></thead>\n<tbody>\n";
        // Worst first: the ranked reports from the lowest score, then the unranked ones.
        std::vector<const ReportScore*> order;
        for (const auto& r : s.reports) if (r.ranked()) order.push_back(&r);
        std::reverse(order.begin(), order.end());
        for (const auto& r : s.reports) if (!r.ranked()) order.push_back(&r);
        for (const ReportScore* r : order) {
            std::set<std::string> fams, sevs;
            for (const auto& d : r->deductions) if (!d.rule.empty()) { fams.insert(family_of(d.rule)); sevs.insert(d.severity); }
            out_ += "<tr" + row_attrs(r->agency, r->level, r->year) + " data-rank=\"" + (r->rank ? std::to_string(*r->rank) : "") +
                    "\" data-status=\"" + esc(r->status) + "\" data-score=\"" + (r->status == "checked" ? format_points(r->score) : "") +
                    "\" data-deductions=\"" + std::to_string(r->deductions.size()) + "\" data-path=\"" + esc(r->path) + "\" data-family=\"" +
                    join(fams) + "\" data-severity=\"" + join(sevs) + "\"";
            for (const auto& d : r->dimensions) out_ += " data-dim-" + esc(d.id) + "=\"" + format_points(d.score) + "\"";
            out_ += ">";
            out_ += "<td class=\"num\">" + (r->rank ? std::to_string(*r->rank) : "—") + "</td><td class=\"gk-agency\">" + agency_link(r->agency, r->path) + "</td><td class=\"gk-wide\">" +
                    esc(level_label(r->level, en_)) + "</td><td class=\"num\">" + (r->year ? std::to_string(*r->year) : "") + "</td><td>" +
                    status_badge(*r) + (r->why.empty() ? "" : "<div class=\"gk-why\">" + esc(r->why) + "</div>") + "</td><td class=\"num\">";
            out_ += r->status == "not-checked" ? "—" : format_points(r->score) + (r->status == "checked" ? "" : "*");
            out_ += "</td>";
            if (scheme_)
                for (std::size_t k = 0; k < scheme_->dimensions.size(); ++k)
                    out_ += "<td class=\"num gk-wide\">" + (k < r->dimensions.size() ? format_points(r->dimensions[k].score) : std::string("—")) + "</td>";
            out_ += "<td class=\"num gk-wide\">" + std::to_string(r->deductions.size()) + "</td><td class=\"gk-path gk-wide\">" + link(r->path) + "</td></tr>\n";
        }
        out_ += "</tbody>\n</table></div>\n";
        out_ += "<p class=\"gk-small muted\"><span" + ui_("* 为参考分：报告含无法核验的表格，不参与排名。",
                                                         "* provisional: the report has tables that cannot be verified and is not ranked.") + "</span></p>\n";
        agencies();
    }

    static std::string join(const std::set<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : "|") + esc(x);
        return s;
    }

    std::string ui_th(const char* key, const char* type, const char* zh, const char* e, bool wide = false) const {
        return std::string("<th data-key=\"") + key + "\" data-type=\"" + type + "\"" + (wide ? " class=\"gk-wide\"" : "") + ui_(zh, e) + "</th>";
    }

    void agencies() {
        const Scores& s = *scores_;
        std::set<int> years;
        for (const auto& a : s.agencies) for (const auto& y : a.years) years.insert(y.first);
        out_ += "<h2 id=\"gk-title-agencies\"" + ui_("各机构得分及历年变化", "Agencies, year over year") + "</h2>\n";
        out_ += "<div class=\"gk-scroll\"><table class=\"gk-table\" id=\"gk-agencies\">\n<thead><tr>" + ui_th("rank", "num", "名次", "Rank") +
                ui_th("agency", "text", "机构", "Agency") + ui_th("level", "text", "级别", "Level", true) + ui_th("score", "num", "平均分", "Mean score");
        for (int y : years) out_ += "<th data-key=\"y" + std::to_string(y) + "\" data-type=\"num\">" + std::to_string(y) + "</th>";
        out_ += "<th" + ui_("趋势", "Trend") + "</th></tr></thead>\n<tbody>\n";
        for (const auto& a : s.agencies) {
            out_ += "<tr data-agency=\"" + esc(a.agency) + "\" data-level=\"" + esc(a.level) + "\" data-rank=\"" + (a.rank ? std::to_string(*a.rank) : "") +
                    "\" data-score=\"" + (a.score ? format_points(*a.score) : "") + "\" data-year-list=\"\"";
            std::map<int, std::string> cell;
            for (const auto& y : a.years) {
                out_ += " data-y" + std::to_string(y.first) + "=\"" + (y.second ? format_points(*y.second) : "") + "\"";
                cell[y.first] = y.second ? format_points(*y.second) : "—";
            }
            out_ += "><td class=\"num\">" + (a.rank ? std::to_string(*a.rank) : "—") + "</td><td class=\"gk-agency\">" + esc(a.agency) + "</td><td class=\"gk-wide\">" +
                    esc(level_label(a.level, en_)) + "</td><td class=\"num\">" + (a.score ? format_points(*a.score) : "—") + "</td>";
            for (int y : years) out_ += "<td class=\"num\">" + (cell.count(y) ? cell[y] : "") + "</td>";
            out_ += "<td>" + sparkline(a, years) + "</td></tr>\n";
        }
        out_ += "</tbody>\n</table></div>\n";
    }

    std::string sparkline(const AgencyScore& a, const std::set<int>& years) const {
        if (years.empty() || !scores_ || scores_->max <= 0) return "";
        const double w = 120, h = 30;
        std::string pts, dots;
        std::size_t i = 0;
        for (int y : years) {
            for (const auto& v : a.years)
                if (v.first == y && v.second) {
                    const double x = years.size() == 1 ? w / 2 : 4 + (w - 8) * static_cast<double>(i) / static_cast<double>(years.size() - 1);
                    const double yy = h - 3 - (h - 6) * (*v.second / scores_->max);
                    pts += format_points(x) + "," + format_points(yy) + " ";
                    dots += "<circle cx=\"" + format_points(x) + "\" cy=\"" + format_points(yy) + "\" r=\"2\" fill=\"#2b6cb0\" />";
                }
            ++i;
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"30\" viewBox=\"0 0 120 30\" role=\"img\"><polyline points=\"" + pts +
               "\" fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"1.5\" />" + dots + "</svg>";
    }

    void findings() {
        out_ += "<h2 id=\"gk-title-findings\"" + ui_("全部问题", "All findings") + "</h2>\n";
        out_ += "<p class=\"gk-small\"><span" + ui_("显示", "Shown") + "</span> <span data-count-of=\"gk-findings\"></span></p>\n";
        out_ += "<div class=\"gk-scroll\"><table class=\"gk-table\" id=\"gk-findings\">\n<thead><tr>" + ui_th("agency", "text", "机构", "Agency") +
                ui_th("year", "num", "年度", "Year") + ui_th("path", "text", "文件", "File") + ui_th("line", "num", "行:列", "Line:col") +
                ui_th("severity", "text", "严重程度", "Severity") + ui_th("rule", "text", "规则", "Rule") + ui_th("message", "text", "说明", "Message") +
                ui_th("cell", "text", "单元格", "Cell", true) + "</tr></thead>\n<tbody>\n";
        for (const auto& d : docs_) {
            const std::string agency = agency_of_.count(d.path) ? agency_of_.at(d.path) : "";
            const std::string level = d.agency ? d.agency->level : "";
            for (const auto& f : d.findings) {
                const std::string sev = to_string(f.severity);
                std::string cell;
                for (const std::string* v : {&f.table, &f.row, &f.col}) if (!v->empty()) cell += (cell.empty() ? "" : " / ") + *v;
                out_ += "<tr" + row_attrs(agency, level, d.year) + " data-path=\"" + esc(d.path) + "\" data-line=\"" + std::to_string(f.line) +
                        "\" data-severity=\"" + sev + "\" data-family=\"" + esc(family_of(f.rule)) + "\" data-rule=\"" + esc(f.rule) +
                        "\" data-message=\"" + esc(f.message) + "\" data-cell=\"" + esc(cell) + "\"><td class=\"gk-agency\">" + esc(agency) + "</td><td class=\"num\">" +
                        (d.year ? std::to_string(*d.year) : "") + "</td><td class=\"gk-path\">" + link(d.path) + "</td><td class=\"num mono\">" + std::to_string(f.line) +
                        ":" + std::to_string(f.column) + "</td><td><span class=\"sev " + sev + "\">" +
                        esc(en_ ? sev : sev == "error" ? "错误" : sev == "warning" ? "警告" : "提示") + "</span></td><td>" + rule_label(f.rule) +
                        "</td><td>" + esc(f.message) + (f.excerpt.empty() ? "" : "<div class=\"excerpt mono\">" + esc(f.excerpt) + "</div>") +
                        "</td><td class=\"mono gk-wide\">" + esc(cell) + "</td></tr>\n";
            }
        }
        out_ += "</tbody>\n</table></div>\n";
    }

    // A horizontal bar chart (inline SVG): label, value.
    std::string bars(const std::vector<std::pair<std::string, double>>& items, const std::string& title, const std::string& color) const {
        const double row = 22, label_w = 230, bar_w = 200;
        double maxv = 0;
        for (const auto& i : items) maxv = std::max(maxv, i.second);
        const double h = row * static_cast<double>(items.size()) + 10;
        std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + format_points(label_w + bar_w + 50) + " " + format_points(h) +
                        "\" role=\"img\" aria-label=\"" + esc(title) + "\"><title>" + esc(title) + "</title>";
        double y = 5;
        for (const auto& [label, v] : items) {
            std::string shown = label;
            // Keep the label within its column: about 15 CJK characters.
            std::size_t cps = 0, cut = shown.size();
            for (std::size_t k = 0; k < shown.size(); ++k)
                if ((static_cast<unsigned char>(shown[k]) & 0xC0) != 0x80 && ++cps > 15) { cut = k; break; }
            if (cut < shown.size()) shown = shown.substr(0, cut) + "…";
            const double w = maxv > 0 ? bar_w * v / maxv : 0;
            s += "<text x=\"" + format_points(label_w - 4) + "\" y=\"" + format_points(y + 14) + "\" text-anchor=\"end\" font-size=\"12\"><title>" + esc(label) + "</title>" +
                 esc(shown) + "</text><rect x=\"" + format_points(label_w) + "\" y=\"" + format_points(y + 3) + "\" width=\"" + format_points(std::max(w, 1.0)) +
                 "\" height=\"14\" fill=\"" + color + "\" /><text x=\"" + format_points(label_w + w + 4) + "\" y=\"" + format_points(y + 14) + "\" font-size=\"12\">" +
                 format_points(v) + "</text>";
            y += row;
        }
        return s + "</svg>";
    }

    void charts() {
        std::map<std::string, double> per_rule;
        for (const auto& d : docs_) for (const auto& f : d.findings) per_rule[f.rule] += 1;
        std::vector<std::pair<std::string, double>> rules;
        for (const auto& [id, n] : per_rule) {
            auto it = names_.find(id);
            rules.push_back({(it == names_.end() || it->second.empty() ? id : it->second) + " " + id, n});
        }
        std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        if (rules.size() > 20) rules.resize(20);
        out_ += "<h2 id=\"gk-title-charts\"" + ui_("统计图", "Charts") + "</h2>\n<div class=\"gk-charts\">\n";
        out_ += "<figure id=\"gk-chart-rules\"><figcaption" + ui_("各规则问题数", "Findings per rule") + "</figcaption>" +
                bars(rules, en_ ? "Findings per rule" : "各规则问题数", "#c0392b") + "</figure>\n";
        if (scores_ && scheme_) {
            std::vector<std::pair<std::string, double>> dims;
            for (const auto& dim : scheme_->dimensions) {
                double lost = 0;
                for (const auto& r : scores_->reports)
                    for (const auto& d : r.deductions) if (d.dimension == dim.id) lost += d.points;
                dims.push_back({dim.name(lang_), lost});
            }
            out_ += "<figure id=\"gk-chart-dimensions\"><figcaption" + ui_("各维度扣分合计", "Points lost per dimension") + "</figcaption>" +
                    bars(dims, en_ ? "Points lost per dimension" : "各维度扣分合计", "#2b6cb0") + "</figure>\n";
        }
        out_ += "</div>\n";
    }

    void coverage() {
        // Per family: documents where it ran, ran in part, did not apply, and tables not verifiable.
        struct C { int ran = 0, partial = 0, na = 0, disabled = 0; };
        std::map<std::string, C> fam;
        int nv = 0, unchecked = 0;
        for (const auto& d : docs_) {
            if (!d.checked()) { ++unchecked; continue; }
            nv += static_cast<int>(d.not_verifiable.size());
            for (const auto& f : d.families) {
                if (f.ran == 0 && f.not_applicable == 0 && f.disabled == 0) continue; // only for other types of document
                auto& c = fam[f.family];
                if (f.status == "ran") ++c.ran;
                else if (f.status == "partial") ++c.partial;
                else if (f.status == "disabled") ++c.disabled;
                else ++c.na;
            }
        }
        out_ += "<h2 id=\"gk-title-coverage\"" + ui_("检查范围（未检查、不适用、无法核验不等于合格）", "Coverage (not checked, not applicable, not verifiable are not passes)") + "</h2>\n";
        out_ += "<p><span class=\"st st-not-verifiable\"" + ui_("无法核验的表格或正文", "tables or text not verifiable") + "</span> " + std::to_string(nv) +
                " · <span class=\"st st-not-checked\"" + ui_("无法读取、未检查的文件", "files not read, not checked") + "</span> " + std::to_string(unchecked) + "</p>\n";
        out_ += "<div class=\"gk-scroll\"><table class=\"gk-table\" id=\"gk-coverage\">\n<thead><tr>" + ui_th("family", "text", "规则族", "Rule family") +
                ui_th("ran", "num", "已运行", "Ran") + ui_th("partial", "num", "部分运行", "Ran in part") + ui_th("na", "num", "不适用", "Not applicable") +
                ui_th("disabled", "num", "已停用", "Disabled") + "</tr></thead>\n<tbody>\n";
        for (const auto& [f, c] : fam)
            out_ += "<tr data-family=\"" + esc(f) + "\" data-ran=\"" + std::to_string(c.ran) + "\" data-partial=\"" + std::to_string(c.partial) +
                    "\" data-na=\"" + std::to_string(c.na) + "\" data-disabled=\"" + std::to_string(c.disabled) + "\"><td><code>" + esc(f) +
                    "</code></td><td class=\"num\">" + std::to_string(c.ran) + "</td><td class=\"num\">" + std::to_string(c.partial) +
                    "</td><td class=\"num\"><span class=\"st st-not-applicable\">" + std::to_string(c.na) + "</span></td><td class=\"num\">" +
                    std::to_string(c.disabled) + "</td></tr>\n";
        out_ += "</tbody>\n</table></div>\n";
    }

    void deductions() {
        std::map<std::string, std::string> iname, dname;
        if (scheme_)
            for (const auto& d : scheme_->dimensions) {
                dname[d.id] = d.name(lang_);
                for (const auto& i : d.indicators) iname[i.id] = i.name(lang_);
            }
        out_ += "<h2 id=\"gk-title-deductions\"" + ui_("扣分明细（每项扣分对应的问题）", "Deductions (the finding behind each)") + "</h2>\n";
        out_ += "<div class=\"gk-scroll\"><table class=\"gk-table\" id=\"gk-deductions\">\n<thead><tr>" + ui_th("agency", "text", "机构", "Agency") +
                ui_th("year", "num", "年度", "Year") + ui_th("indicator", "text", "指标", "Indicator") + ui_th("points", "num", "扣分", "Points") +
                ui_th("rule", "text", "原因", "Cause") + ui_th("where", "text", "位置", "Where") + "</tr></thead>\n<tbody>\n";
        for (const auto& r : scores_->reports)
            for (const auto& d : r.deductions) {
                std::string cell;
                for (const std::string* v : {&d.table, &d.row, &d.col}) if (!v->empty()) cell += (cell.empty() ? "" : " / ") + *v;
                const std::string where = r.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
                std::string cause = d.rule.empty() ? esc(d.cause) : rule_label(d.rule);
                out_ += "<tr" + row_attrs(r.agency, r.level, r.year) + " data-indicator=\"" + esc(d.indicator) + "\" data-points=\"" + format_points(d.points) +
                        "\" data-rule=\"" + esc(d.rule) + "\" data-where=\"" + esc(where) + "\"" +
                        (d.rule.empty() ? "" : " data-family=\"" + esc(family_of(d.rule)) + "\" data-severity=\"" + esc(d.severity) + "\"") + "><td>" +
                        esc(r.agency) + "</td><td class=\"num\">" + (r.year ? std::to_string(*r.year) : "") + "</td><td>" + esc(dname[d.dimension]) +
                        " · " + esc(iname[d.indicator]) + "</td><td class=\"num\">−" + format_points(d.points) + "</td><td>" + cause + "<div class=\"gk-why\">" +
                        esc(d.message) + "</div></td><td class=\"mono gk-small\">" + link(r.path) + ":" + std::to_string(d.line) + ":" +
                        std::to_string(d.column) + (cell.empty() ? "" : "<br />" + esc(cell)) + "</td></tr>\n";
            }
        out_ += "</tbody>\n</table></div>\n";
    }

    void indicators() {
        if (!scheme_) return;
        out_ += "<h2 id=\"gk-title-indicators\"" + ui_("评分指标及依据", "Indicators and their sources") + "</h2>\n";
        out_ += "<div class=\"gk-scroll\"><table class=\"gk-table\" id=\"gk-indicators\">\n<thead><tr>" + ui_th("dimension", "text", "维度", "Dimension") +
                ui_th("indicator", "text", "指标", "Indicator") + ui_th("max", "num", "分值", "Points") + ui_th("source", "text", "依据", "Source") +
                "</tr></thead>\n<tbody>\n";
        for (const auto& d : scheme_->dimensions)
            for (const auto& i : d.indicators) {
                std::string src;
                for (const auto& s : i.sources) src += (src.empty() ? "" : "<br />") + esc(s.text) + " <code class=\"gk-small\">" + esc(s.ref) + "</code>";
                out_ += "<tr data-indicator=\"" + esc(i.id) + "\" data-max=\"" + format_points(i.max) + "\"><td>" + esc(d.name(lang_)) + "</td><td>" +
                        esc(i.name(lang_)) + "<br /><code class=\"gk-small\">" + esc(i.id) + "</code></td><td class=\"num\">" + format_points(i.max) + "</td><td>" + src +
                        "</td></tr>\n";
            }
        out_ += "</tbody>\n</table></div>\n";
    }

    const std::vector<ReportDoc>& docs_;
    bool en_;
    std::string lang_;
    Ui ui_;
    const ScoringScheme* scheme_;
    const Scores* scores_;
    std::map<std::string, std::string> names_, anchor_, agency_of_;
    std::string out_;
};

} // namespace

std::string rule_display_name(const Rule& rule, const std::string& lang) {
    std::string d = rule.description(lang);
    for (const char* stop : {"。", ". "}) {
        const auto at = d.find(stop);
        if (at != std::string::npos) d = d.substr(0, at);
    }
    if (!d.empty() && d.back() == '.') d.pop_back();
    return d;
}

std::string render_dashboard(const RunInfo& run, const std::vector<ReportDoc>& docs, const Summary& summary, const std::string& lang,
                             const AnnualTemplates& templates, const RuleSet& rules, const ScoringScheme* scheme, const Scores* scores) {
    std::optional<Scores> own;
    if (!scores && scheme) {
        std::vector<ReportDoc> unique;
        std::set<std::string> seen;
        for (const auto& d : docs)
            if (d.sha256.empty() || seen.insert(d.sha256).second) unique.push_back(d);
        own = score_documents(unique, *scheme, lang);
        scores = &*own;
    }
    Builder b(docs, lang, rules, scheme, scores);
    HtmlExtras x;
    x.css = kCss;
    x.body_top = b.build();
    x.script = std::string("<script>//<![CDATA[") + kScript + "//]]></script>\n";
    x.rule_names = &b.names();
    return render_html_page(run, docs, summary, lang, templates, x);
}

} // namespace gk
