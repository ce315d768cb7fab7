// Kinds about the presence and format of an annual report's tables.
//
// `report-tables` (report.table.missing / report.table.image), params:
//   <params mode="missing|image"><table id= section= caption= caption-en=/>...</params>
//   A table whose section (一 … 六 of the outline) is present but which was not extracted is
//   missing (error) — unless the section shows an image instead, which is report.table.image
//   (the table exists but cannot be verified).
// `template-labels` (report.template.outdated): a table of a 2021+ report printing labels of the
//   60号 format (本年新制作数量, 第二十条第(九)项 …) or the reverse; the labels are data in the
//   rulesets (<outdated-label>). One finding per report, at the first such label.
#include <optional>

#include "check/check.hpp"
#include "check/kinds/report_util.hpp"
#include "check/kinds/table_eval.hpp"
#include "normalise/normalise.hpp"
#include "grammar/grammar.hpp"

namespace gk {
namespace {

using namespace annual;

struct TableParam {
    std::string id, section, caption, caption_en;
};

class ReportTables : public Check {
public:
    ReportTables(const Rule& rule, const Catalogue& cat) : templates_(&cat.templates()) {
        const auto p = rule.params();
        mode_ = p.attribute("mode").as_string();
        if (mode_ != "missing" && mode_ != "image")
            throw RulesetError(rule.file + ":" + std::to_string(rule.line) + ": report-tables mode must be missing or image");
        for (auto t : p.children("table"))
            tables_.push_back({t.attribute("id").as_string(), t.attribute("section").as_string(),
                               t.attribute("caption").as_string(), t.attribute("caption-en").as_string()});
    }

    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        for (const auto& t : tables_) {
            auto it = facts.tables.find(t.id);
            if (it != facts.tables.end() && it->second.present) continue;
            const auto value = grammar::parse_chinese_numeral(t.section);
            if (!value) continue;
            const auto range = section_blocks(doc, facts, static_cast<int>(*value));
            if (!range) continue; // the section itself is missing: report.section.missing
            // The text is cut off inside this section: the table may have been after the cut
            // (report.text.truncated says so), so its absence proves nothing.
            if (!facts.truncated.empty() && range->first < doc.blocks.size() &&
                facts.truncated_at >= doc.blocks[range->first].offset() &&
                (range->second >= doc.blocks.size() || facts.truncated_at < doc.blocks[range->second].offset()))
                continue;
            std::optional<SourceOffset> image;
            for (std::size_t b = range->first; b < range->second && b < doc.blocks.size(); ++b)
                if (doc.blocks[b].kind == BlockKind::image && !doc.blocks[b].boilerplate) { image = doc.blocks[b].offset(); break; }
            if ((mode_ == "image") != image.has_value()) continue;
            const TableDef* def = table_def(*templates_, facts, t.id);
            const SourceOffset at = image ? *image : doc.blocks[range->first].offset();
            Finding& f = out.emit(at, {{"table", def ? def->name : t.id}, {"table_en", def ? def->name_en : t.id},
                                       {"caption", t.caption}, {"caption_en", t.caption_en}});
            f.table = t.id;
        }
    }

private:
    const AnnualTemplates* templates_;
    std::string mode_;
    std::vector<TableParam> tables_;
};

class TemplateLabels : public Check {
public:
    TemplateLabels(const Rule&, const Catalogue& cat) : templates_(&cat.templates()) {}
    void run(const Document& doc, const Facts& facts, Emitter& out) const override {
        const auto& cat = *templates_;
        const TemplateDef* tpl = cat.get(facts.template_id);
        if (!tpl || !facts.year) return;
        const TemplateDef* other = nullptr;
        for (const auto& t : cat.all()) if (t.id != tpl->id) other = &t;
        std::vector<std::string> keys;
        for (const auto& l : tpl->outdated_labels) keys.push_back(label_key(l));
        const bool trad = doc.script == "traditional";
        for (const auto& b : doc.blocks) {
            if (b.kind != BlockKind::table || !b.table) continue;
            std::vector<MappedText> texts;
            if (b.table->form == "runtogether") texts.push_back(Normaliser::instance().fold(b.table->raw, trad));
            for (const auto& row : b.table->rows)
                for (const auto& c : row)
                    if (!c.span_copy) texts.push_back(c.norm.empty() ? c.text : c.norm);
            for (const auto& m : texts) {
                const KeyedText kt = keyed_text(m.text);
                for (std::size_t k = 0; k < keys.size(); ++k) {
                    const auto f = kt.key.find(keys[k]);
                    if (keys[k].empty() || f == std::string::npos) continue;
                    Finding& fd = out.emit(m.source_at(kt.at[f]),
                                           {{"year", std::to_string(*facts.year)}, {"label", tpl->outdated_labels[k]},
                                            {"doc", tpl->doc}, {"other_doc", other ? other->doc : std::string("其他")}});
                    fd.actual = tpl->outdated_labels[k];
                    return; // one finding per report
                }
            }
        }
    }
private:
    const AnnualTemplates* templates_;
};

} // namespace

GK_REGISTER_CHECK("report-tables", ReportTables);
GK_REGISTER_CHECK("template-labels", TemplateLabels);

} // namespace gk
