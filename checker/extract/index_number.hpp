// Splits a 索引号 (catalogue index number) into its parts: an organisation prefix, a year
// (optionally with month) and a serial number. There is no national format
// (../shared/spec/domain.md §3.5); this recognises the dominant modern shapes:
//   11370983K21344588M/2020-04825   18-character 统一社会信用代码 / YYYY-NNNNN
//   003158495/202012-00407          9-character 组织机构代码 / YYYYMM-NNNNN
//   01525761-8-/2020-1125008        组织机构代码 with hyphens / YYYY-NNNNNNN
//   01527918X-2020-153077           组织机构代码-YYYY-NNNNNN
//   6107280000/2022-000928          10-digit area+unit / YYYY-NNNNNN
// Guarantees: never throws; nullopt when the value does not have prefix/year-serial form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "extract/facts.hpp" // IndexNumber

namespace gk::page {

std::optional<IndexNumber> parse_index_number(std::string_view value);

} // namespace gk::page
