// Small judgements the HTML parser makes about elements and text: hidden by CSS, page
// furniture, metadata labels. Pure functions over strings, except HiddenSelectors (one page's
// set, filled by add_stylesheet); patterns compiled once per process.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace gk::html {

// True when an inline style hides the element from readers: display:none, visibility:hidden,
// font-size:0, width:0 with height:0, height:0 with overflow:hidden, mso-hide:all, off-screen
// positioning (position:absolute|fixed with left/top <= -999) or text-indent <= -999.
bool style_hides(std::string_view style);

// Classes and ids that a page's own <style> rules hide (`.x{display:none}`, `#y{...}`,
// `div.z{...}`). Only simple one-class/one-id selectors outside @-blocks are understood.
struct HiddenSelectors {
    std::set<std::string> classes, ids;
    void add_stylesheet(std::string_view css);
    bool empty() const { return classes.empty() && ids.empty(); }
};

// How strongly a class or id token names page furniture (nav, menu, breadcrumb, share, header,
// footer, toolbar, pagination; print): 0 not at all, 1 only for tiny elements (print buttons:
// `printContent` often wraps the article), 2 for page-sized navigation blocks.
int furniture_token_strength(std::string_view token);

// True when a short block's text is page furniture: 当前位置/您的位置, 字号 大 中 小, 字体大小,
// 视力保护色, 打印本页, 关闭窗口, 扫一扫/扫码/手机浏览, 分享到, 上一篇/下一篇, 【收藏】 ...
bool is_furniture_text(std::string_view text);

// Bit mask of the metadata labels (索引号, 发文字号, 成文日期, 发布机构, 主题分类 ...) that a text
// node presents as labels: followed by a colon, or making up the whole node. Spaces inside a
// label (索 引 号, 标　　题, 索&ensp;引&ensp;号) are ignored.
std::uint32_t metadata_labels(std::string_view text);

} // namespace gk::html
