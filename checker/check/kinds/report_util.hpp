// Helpers shared by the annual-report check kinds: which kind of body wrote a report, and the
// blocks of one numbered section.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "document/document.hpp"
#include "extract/facts.hpp"

namespace gk {

enum class BodyKind { government, department, unknown };

namespace annual {

// The kind of Facts::agency (extract/agency.cpp, the suffix lists of rulesets/agencies.xml) when
// extract found one; else, for catalogues without an agency lexicon, from the title (the agency
// named before the year) and the publisher: 人民政府/市/县/区/实验区 … → government;
// 局/委员会/办公室/办公厅/中心 … → department (第四十九条 sets different deadlines
// and 第五十条(四) asks governments for 工作考核、社会评议和责任追究).
BodyKind body_kind(const Document& doc, const Facts& facts);

// Block range [begin, end) of the level-1 section numbered `value` (一 = 1), if outlined.
std::optional<std::pair<std::size_t, std::size_t>> section_blocks(const Document& doc, const Facts& facts, int value);

// The normalised texts (non-table, non-boilerplate) of the whole document or of a block range.
std::vector<const MappedText*> prose(const Document& doc, std::size_t begin = 0, std::size_t end = static_cast<std::size_t>(-1));

} // namespace annual
} // namespace gk
