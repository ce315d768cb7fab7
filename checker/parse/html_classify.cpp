#include "parse/html_classify.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <vector>

#include "core/text.hpp"
#include "grammar/grammar.hpp"

namespace gk::html {
namespace {

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

using grammar::trim;

// Leading CSS number of a length ("-9999px", "0", ".0em"); nullopt for keywords.
std::optional<double> css_number(std::string_view v) {
    v = trim(v);
    if (v.empty()) return std::nullopt;
    const std::string s(v);
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (end == s.c_str()) return std::nullopt;
    return d;
}

// The declarations style_hides() reads, each lowercased and trimmed with "!important" dropped;
// of a property declared twice the last wins. Other properties are skipped without a copy.
class HidingProps {
public:
    explicit HidingProps(std::string_view style) {
        std::size_t i = 0;
        while (i <= style.size()) {
            std::size_t semi = style.find(';', i);
            if (semi == std::string_view::npos) semi = style.size();
            const std::string_view decl = style.substr(i, semi - i);
            i = semi + 1;
            const std::size_t colon = decl.find(':');
            if (colon == std::string_view::npos) continue;
            const int k = index_of(trim(decl.substr(0, colon)));
            if (k < 0) continue;
            std::string value = to_lower_ascii(trim(decl.substr(colon + 1)));
            if (auto bang = value.find("!important"); bang != std::string::npos) value = std::string(trim(value.substr(0, bang)));
            values_[k] = std::move(value);
            any_ = true;
        }
    }
    // Whether no declaration of kNames was read (most styles: colours, fonts, margins).
    bool none() const { return !any_; }
    // The readers take a property's slot, found at compile time: `d.has(slot("display"), "none")`
    // does not compare names at run time (a name not in kNames does not compile).
    static consteval int slot(std::string_view name) {
        const int k = index_of(name);
        if (k < 0) throw "not a property HidingProps reads";
        return k;
    }
    bool has(int k, std::string_view value) const { return values_[k] && *values_[k] == value; }
    bool is_zero(int k) const {
        if (!values_[k]) return false;
        const auto n = css_number(*values_[k]);
        return n && *n == 0.0;
    }
    bool at_most(int k, double limit) const {
        if (!values_[k]) return false;
        const auto n = css_number(*values_[k]);
        return n && *n <= limit;
    }

private:
    static constexpr std::string_view kNames[] = {"display", "visibility", "mso-hide", "font-size", "width",
                                                  "height", "max-height", "overflow", "position", "left",
                                                  "top", "text-indent", "margin-left", "margin-top"};
    static constexpr int kCount = static_cast<int>(std::size(kNames));
    // The slot of a property name, compared ASCII-case-insensitively; -1 for any other.
    static constexpr int index_of(std::string_view prop) {
        for (int k = 0; k < kCount; ++k) {
            const std::string_view n = kNames[k];
            if (n.size() != prop.size()) continue;
            bool same = true;
            for (std::size_t j = 0; j < n.size() && same; ++j) {
                char c = prop[j];
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
                same = c == n[j];
            }
            if (same) return k;
        }
        return -1;
    }
    std::optional<std::string> values_[kCount];
    bool any_ = false;
};

bool simple_selector(std::string_view sel, bool& is_class, std::string& name) {
    std::size_t i = 0;
    while (i < sel.size() && ((sel[i] >= 'a' && sel[i] <= 'z') || (sel[i] >= 'A' && sel[i] <= 'Z') || (sel[i] >= '0' && sel[i] <= '9')))
        ++i;
    if (i >= sel.size() || (sel[i] != '.' && sel[i] != '#')) return false;
    is_class = sel[i] == '.';
    const std::string_view rest = sel.substr(i + 1);
    if (rest.empty()) return false;
    for (char c : rest)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              static_cast<unsigned char>(c) >= 0x80))
            return false;
    name = std::string(rest);
    return true;
}

// Text with every kind of space removed, for matching labels and furniture. With `max_bytes`,
// it stops as soon as the result would be longer than that (the callers then look no further):
// the result is then a prefix, longer than max_bytes.
std::string without_spaces(std::string_view s, std::size_t max_bytes = std::string::npos) {
    std::string out;
    out.reserve(std::min(s.size(), max_bytes == std::string::npos ? s.size() : max_bytes + 4));
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t at = i;
        const char32_t c = utf8::next(s, i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
            c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF)
            continue;
        out.append(s.substr(at, i - at));
        if (out.size() > max_bytes) break;
    }
    return out;
}

} // namespace

bool style_hides(std::string_view style) {
    if (style.empty()) return false;
    const HidingProps d(style);
    if (d.none()) return false;
    using P = HidingProps;
    if (d.has(P::slot("display"), "none") || d.has(P::slot("visibility"), "hidden") ||
        d.has(P::slot("visibility"), "collapse") || d.has(P::slot("mso-hide"), "all"))
        return true;
    if (d.is_zero(P::slot("font-size"))) return true;
    if (d.is_zero(P::slot("width")) && d.is_zero(P::slot("height"))) return true;
    if ((d.is_zero(P::slot("height")) || d.is_zero(P::slot("max-height"))) && d.has(P::slot("overflow"), "hidden"))
        return true;
    const bool positioned = d.has(P::slot("position"), "absolute") || d.has(P::slot("position"), "fixed");
    if (positioned && (d.at_most(P::slot("left"), -999) || d.at_most(P::slot("top"), -999))) return true;
    if (d.at_most(P::slot("text-indent"), -999) || d.at_most(P::slot("margin-left"), -999) ||
        d.at_most(P::slot("margin-top"), -999))
        return true;
    return false;
}

void HiddenSelectors::add_stylesheet(std::string_view css_in) {
    // Drop comments first.
    std::string css;
    css.reserve(css_in.size());
    for (std::size_t i = 0; i < css_in.size();) {
        if (css_in.compare(i, 2, "/*") == 0) {
            const std::size_t e = css_in.find("*/", i + 2);
            i = e == std::string_view::npos ? css_in.size() : e + 2;
        } else {
            css.push_back(css_in[i++]);
        }
    }
    std::size_t i = 0;
    while (i < css.size()) {
        const std::size_t open = css.find('{', i);
        if (open == std::string::npos) break;
        const std::string_view selectors = trim(std::string_view(css).substr(i, open - i));
        // Find the matching close brace (nested for @media and friends).
        std::size_t depth = 1, j = open + 1;
        while (j < css.size() && depth > 0) {
            if (css[j] == '{') ++depth;
            else if (css[j] == '}') --depth;
            ++j;
        }
        const std::size_t close = depth == 0 ? j - 1 : css.size();
        if (!selectors.empty() && selectors.front() != '@' &&
            style_hides(std::string_view(css).substr(open + 1, close - open - 1))) {
            std::size_t k = 0;
            while (k <= selectors.size()) {
                std::size_t comma = selectors.find(',', k);
                if (comma == std::string_view::npos) comma = selectors.size();
                bool is_class = false;
                std::string name;
                if (simple_selector(trim(selectors.substr(k, comma - k)), is_class, name))
                    (is_class ? classes : ids).insert(name);
                k = comma + 1;
            }
        }
        i = j;
    }
}

int furniture_token_strength(std::string_view token) {
    const std::string t = to_lower_ascii(token);
    auto has = [&](std::string_view w) { return t.find(w) != std::string::npos; };
    // Names that only furniture wears.
    static constexpr std::array<std::string_view, 20> kAlways = {
        "nav",    "menu",  "breadcrumb", "crumb",    "pagination", "pager",   "toolbar", "share",  "fontsize", "font_size",
        "font-size", "zihao", "qrcode",  "erweima",  "prev_next",  "prevnext", "updown", "copyright", "tools", "bdsharebutton"};
    for (auto w : kAlways)
        if (has(w)) return 2;
    // Header/footer words also name an article's own header ("article_header"): not then.
    static constexpr std::array<std::string_view, 9> kContent = {"article", "content", "detail", "main", "news",
                                                                "body",    "text",    "title",  "zoom"};
    bool content = false;
    for (auto w : kContent) content |= has(w);
    if (!content && (has("header") || has("footer") || (has("foot") && !has("footnote")) || has("topbar")))
        return 2;
    if (has("print")) return 1;
    return 0;
}

bool is_furniture_text(std::string_view text) {
    // over 400 bytes is over 100 code points
    const std::string s = without_spaces(text, 400);
    const std::size_t n = utf8::count_code_points(s);
    if (n == 0 || n > 100) return false;
    // Patterns that only page furniture uses, whatever the block's length (≤ 100).
    static const RE2 strong(
        "^(当前|您的|您现在的|你的|你现在的|现在的)(所在)?位置"
        "|字号[：:]?[【\\[（(]?[大中小]|字体[：:]?[【\\[（(]?[大中小]|字体大小|视力保护色|护眼模式"
        "|打印本页|打印本文|打印此页|打印文章|打印页面|[【\\[]打印|关闭(本页|窗口|本窗口|此页)|[【\\[]关闭"
        "|分享到|分享至|上一篇|下一篇|上一条|下一条|[【\\[]收藏|收藏本页|加入收藏|设为首页|网站地图|返回顶部"
        "|[【\\[]纠错|我要纠错|(浏览|点击|阅读|访问)(次数|量)[：:]"
        "|版权所有|主办单位[：:]|承办单位[：:]|网站标识码|ICP备|公网安备|技术支持[：:]");
    // Words that are furniture only when they are (nearly) the whole block.
    static const RE2 weak(
        "^([【\\[]?(打印|关闭|分享|收藏|返回|顶部|纠错|本页|窗口)[】\\]|｜/]?)+$|扫一扫|扫码|手机浏览|手机上?(查看|打开|阅读)|二维码");
    // A line that also carries the article's source or date is metadata, not furniture.
    static const RE2 metadata_line("来源[：:]|发布(时间|日期)[：:]|文章来源|信息来源");
    if (RE2::PartialMatch(s, metadata_line)) return false;
    if (RE2::PartialMatch(s, strong)) return true;
    return n <= 30 && RE2::PartialMatch(s, weak);
}

std::uint32_t metadata_labels(std::string_view text) {
    static const std::vector<std::string> kLabels = {
        "索引号", "主题分类", "发文机关", "发布机构", "成文日期", "发布日期", "发文字号", "文号",
        "标题",   "主题词",   "有效性",   "信息名称", "生成日期", "发文日期", "公开方式", "公开范围",
        "公开时限", "内容概述", "所属机构", "体裁分类", "组配分类", "产生日期", "废止日期", "文件编号",
        "公开形式", "信息分类", "发布单位", "公开日期", "时效"};
    const std::string s = without_spaces(text, 600);
    if (s.empty() || s.size() > 600) return 0;
    std::uint32_t mask = 0;
    // Without a colon, a label counts only as the whole text.
    if (s.find(':') == std::string::npos && s.find("：") == std::string::npos) {
        for (std::size_t k = 0; k < kLabels.size(); ++k)
            if (s == kLabels[k]) mask |= 1u << k;
        return mask;
    }
    for (std::size_t k = 0; k < kLabels.size(); ++k) {
        const std::string& label = kLabels[k];
        for (std::size_t at = s.find(label); at != std::string::npos; at = s.find(label, at + 1)) {
            const std::size_t after = at + label.size();
            const bool whole = at == 0 && (after == s.size() || s.compare(after, 3, "：") == 0 ||
                                           s.compare(after, 1, ":") == 0);
            const bool colon = s.compare(after, 3, "：") == 0 || s.compare(after, 1, ":") == 0;
            // "文号" inside "发文字号" never happens (字), but "标题" inside "副标题" should count.
            if (whole || colon) { mask |= 1u << k; break; }
        }
    }
    return mask;
}

} // namespace gk::html
