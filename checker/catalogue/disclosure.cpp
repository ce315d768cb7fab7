#include "catalogue/disclosure.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <re2/re2.h>

#include "normalise/normalise.hpp"

namespace gk::page {

namespace {
std::string quote(const std::string& s) { return RE2::QuoteMeta(s); }
} // namespace

DisclosureLexicon::DisclosureLexicon(pugi::xml_node data) {
    const auto& norm = Normaliser::instance();
    for (auto a : data.children("attribute")) {
        Attribute attr;
        attr.id = a.attribute("id").as_string();
        attr.zh = a.attribute("zh").as_string();
        attr.en = a.attribute("en").as_string();
        attr.publishable = a.attribute("publishable").as_bool(true);
        std::string compat = a.attribute("compatible").as_string();
        for (std::size_t p = 0; p < compat.size();) {
            const auto q = compat.find(' ', p);
            const auto word = compat.substr(p, q == std::string::npos ? std::string::npos : q - p);
            if (!word.empty()) attr.compatible.push_back(word);
            if (q == std::string::npos) break;
            p = q + 1;
        }
        if (attr.id.empty() || attr.zh.empty()) throw std::runtime_error("<attribute> needs id and zh");
        attributes_.push_back(attr);
        const std::size_t index = attributes_.size() - 1;
        for (auto m : a.children("marking")) {
            const std::string t = m.text().as_string();
            if (t.empty()) throw std::runtime_error("empty <marking>");
            for (const auto& form : {t, norm.fold(t, true), norm.to_traditional(t)})
                marking_texts_.emplace_back(form, index);
        }
        for (auto f : a.children("field")) {
            const std::string t = f.text().as_string();
            if (t.empty()) throw std::runtime_error("empty <field>");
            for (const auto& form : {t, norm.fold(t, true), norm.to_traditional(t)})
                field_texts_.emplace_back(form, index);
        }
    }
    if (attributes_.empty() || marking_texts_.empty()) throw std::runtime_error("no disclosure attributes/markings");
    // Longest first, so that 「此件不予公开」 wins over a shorter form it contains.
    auto by_length = [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); };
    std::stable_sort(marking_texts_.begin(), marking_texts_.end(), by_length);
    std::stable_sort(field_texts_.begin(), field_texts_.end(), by_length);
    std::set<std::string> seen;
    std::string alternatives;
    for (const auto& [t, i] : marking_texts_) {
        if (!seen.insert(t).second) continue;
        if (!alternatives.empty()) alternatives += '|';
        alternatives += quote(t);
    }
    // Parenthesised anywhere, or a line of its own.
    const std::string sp = R"([\s\x{3000}\x{00A0}]*)";
    marking_re_ = std::make_unique<RE2>("(?:[（(]" + sp + "(" + alternatives + ")" + sp + "[）)])|(?:^" + sp + "(" +
                                        alternatives + ")" + sp + "$)");
    if (!marking_re_->ok()) throw std::runtime_error("bad marking pattern: " + marking_re_->error());
}

DisclosureLexicon::~DisclosureLexicon() = default;

const Attribute* DisclosureLexicon::marking(std::string_view text) const {
    const auto it = std::find_if(marking_texts_.begin(), marking_texts_.end(),
                                 [&](const auto& p) { return p.first == text; });
    return it == marking_texts_.end() ? nullptr : &attributes_[it->second];
}

const Attribute* DisclosureLexicon::field_attribute(std::string_view value, std::string_view raw) const {
    for (const auto& [t, i] : field_texts_)
        if (value.find(t) != std::string_view::npos || raw.find(t) != std::string_view::npos) return &attributes_[i];
    return nullptr;
}

const Attribute* DisclosureLexicon::attribute(std::string_view id) const {
    for (const auto& a : attributes_)
        if (a.id == id) return &a;
    return nullptr;
}

bool DisclosureLexicon::agree(const Attribute& field, const Attribute& marking) const {
    if (field.id == marking.id) return true;
    return std::find(marking.compatible.begin(), marking.compatible.end(), field.id) != marking.compatible.end() ||
           std::find(field.compatible.begin(), field.compatible.end(), marking.id) != field.compatible.end();
}

} // namespace gk::page
