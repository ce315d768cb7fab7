#include "check/kinds/report_util.hpp"

#include <re2/re2.h>

namespace gk::annual {

BodyKind body_kind(const Document& doc, const Facts& facts) {
    (void)doc;
    // The agency extract found (title, 发布机构, signature; kinds as ruleset data) decides.
    if (facts.agency) return facts.agency->kind == "government" ? BodyKind::government : BodyKind::department;
    // Without an agency lexicon in the catalogue: the title's organ by its ending.
    std::string agency = facts.title;
    static const RE2 year(R"((?:19|20)\d\d\s*年)");
    re2::StringPiece in(agency), m;
    if (RE2::PartialMatch(in, "(" + year.pattern() + ")", &m)) agency = agency.substr(0, static_cast<std::size_t>(m.data() - agency.data()));
    if (agency.empty()) {
        auto it = facts.metadata.find("publisher");
        if (it != facts.metadata.end()) agency = it->second.value;
    }
    if (agency.empty()) return BodyKind::unknown;
    static const RE2 department(R"((?:局|委员会|委|办公室|办公厅|厅|中心|部|署|院|所|站|队|馆|公司|分局|支队|大队)$)");
    static const RE2 government(R"((?:人民政府|政府|省|市|县|区|旗|镇|乡|街道|街道办事处|实验区|新区|开发区|管委会|管理委员会|自治州)$)");
    if (RE2::PartialMatch(agency, department)) return BodyKind::department;
    if (RE2::PartialMatch(agency, government)) return BodyKind::government;
    return BodyKind::unknown;
}

std::optional<std::pair<std::size_t, std::size_t>> section_blocks(const Document& doc, const Facts& facts, int value) {
    for (std::size_t i = 0; i < facts.outline.size(); ++i) {
        const auto& e = facts.outline[i];
        if (e.level != 1 || e.value != value) continue;
        std::size_t end = doc.blocks.size();
        for (std::size_t j = i + 1; j < facts.outline.size(); ++j)
            if (facts.outline[j].level == 1 && facts.outline[j].block > e.block) { end = facts.outline[j].block; break; }
        return std::make_pair(e.block, end);
    }
    return std::nullopt;
}

std::vector<const MappedText*> prose(const Document& doc, std::size_t begin, std::size_t end) {
    std::vector<const MappedText*> out;
    for (std::size_t b = begin; b < end && b < doc.blocks.size(); ++b) {
        const Block& blk = doc.blocks[b];
        if (blk.kind == BlockKind::table || blk.kind == BlockKind::image || blk.boilerplate || blk.hidden) continue;
        out.push_back(blk.norm.empty() ? &blk.text : &blk.norm);
    }
    return out;
}

} // namespace gk::annual
