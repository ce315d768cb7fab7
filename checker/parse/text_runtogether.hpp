// Long lines of crawler plain text ("ptxt"): the whole body of a page on a few lines, table
// cells run together without separators (「…申请数量640020470二、上年结转…」).
//
// split_long_line() cuts one such line into blocks, in source order:
//  - section headings (一、总体情况 …, (一)…) become heading blocks of their own, so the outline
//    can be found; a heading number is only taken where a heading can plausibly start;
//  - table regions (from a header word such as 第二十条第 / 本列数据 / 申请人情况 / 行政复议行政诉讼 /
//    指标名称 through the last digit run) become Table{form="runtogether"} blocks whose `raw` is
//    the region; their cells are left to later stages;
//  - everything else becomes paragraph blocks.
// All block texts are exact byte ranges of the source.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "document/document.hpp"

namespace gk::textparse {

struct OutlineState {
    int last_top = 0; // value of the last level-1 heading seen (一 = 1), for sequence checks
};

// `weak_headings`: also split at headings recognised by position alone (「。（一）…」, 「。三、…」 in
// sequence), not only at known section titles. Meant for ptxt bodies, where nothing else marks them.
void split_long_line(std::string_view source, std::size_t begin, std::size_t end,
                     OutlineState& state, std::vector<Block>& out, bool weak_headings = true);

} // namespace gk::textparse
