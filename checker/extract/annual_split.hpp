// Recovering table cells from run-together digits (crawler plain text: 「…申请数量640020470二、…」
// is the seven cells 64|0|0|2|0|4|70).
//
// Guarantee: a split is returned only when it is the ONLY possible one — either the only way
// to cut the text into `count` well-formed numbers at all, or the only way that also satisfies
// the row's own sums (each `sum_groups` entry lists cell indices whose LAST cell is the total of
// the others; a group is tested when its total is placed, so the total must be the group's
// highest index and no two groups may share a total — unchecked: the table extractor's groups
// are runs of consecutive cells). Well-formed: no leading zeros ("05" is not a number), at most
// 9 integer digits (and 6 decimals), a sign only where signs are allowed, a decimal point only
// where decimals are allowed. Spaces in the text are cell boundaries that a number never
// crosses. Texts over 200 bytes are not split. Otherwise the result says
// ambiguous (or impossible) and the caller must not guess.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace gk {

struct SplitSpec {
    int count = 0;
    std::vector<std::vector<int>> sum_groups; // e.g. {{0,1,2,3,4,5,6}}: cell 6 = sum of 0..5
    bool allow_sign = false;
    bool allow_decimal = false;
};

struct SplitResult {
    enum class Status { unique, ambiguous, impossible } status = Status::impossible;
    bool needed_split = false;        // some space-separated piece held more than one number
    bool used_sums = false;           // uniqueness came from the sum constraints
    int candidates = 0;               // splits without the sums (capped at 3)
    std::vector<std::pair<std::size_t, std::size_t>> cells; // [begin, end) byte ranges when unique
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> alternatives; // two splits when ambiguous
};

SplitResult split_runtogether(std::string_view text, const SplitSpec& spec);

} // namespace gk
