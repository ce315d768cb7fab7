#include "catalogue/disclosure.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <re2/re2.h>

#include "extract/page_text.hpp"
#include "normalise/normalise.hpp"

namespace gk::page {

namespace {
// The original characters behind bytes [at, at+len) of a mapped text (for messages).
std::string printed(const Document& doc, const MappedText& mt, std::ptrdiff_t at, std::size_t len) {
    const std::string fallback = mt.text.substr(static_cast<std::size_t>(at), len);
    if (len == 0) return fallback;
    const SourceOffset from = mt.source_at(static_cast<std::size_t>(at));
    const SourceOffset last = mt.source_at(static_cast<std::size_t>(at) + len - 1);
    if (last < from || last >= doc.source.size()) return fallback;
    std::size_t end = last + 1;
    while (end < doc.source.size() && (static_cast<unsigned char>(doc.source[end]) & 0xC0) == 0x80) ++end;
    if (end - from > len * 4 + 16) return fallback; // not a plain forward run
    return doc.source.substr(from, end - from);
}

std::string quote(const std::string& s) { return RE2::QuoteMeta(s); }
} // namespace

std::shared_ptr<const DisclosureLexicon> DisclosureLexicon::for_rule(const Rule& rule, const Catalogue& cat) {
    const DataRef data = cat.data("disclosure-markings", &rule);
    if (!data) throw RulesetError(rule.where() + "kind " + rule.kind + " needs a <data name=\"disclosure-markings\">");
    try {
        return std::make_shared<const DisclosureLexicon>(data.node);
    } catch (const RulesetError&) {
        throw;
    } catch (const std::exception& e) {
        throw RulesetError(data.where() + e.what());
    }
}

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

std::vector<Marking> DisclosureLexicon::markings(const Document& doc, const Facts& facts) const {
    std::vector<Marking> out;
    std::set<SourceOffset> seen;
    for (std::size_t i : body_blocks(doc, facts)) {
        const Block& b = doc.blocks[i];
        for (const MappedText* mt : {&b.norm, &b.text}) {
            const std::string& t = mt->text;
            re2::StringPiece input(t), m[3];
            std::size_t pos = 0;
            while (pos <= t.size() && marking_re_->Match(input, pos, t.size(), RE2::UNANCHORED, m, 3)) {
                const re2::StringPiece hit = m[1].data() ? m[1] : m[2];
                const std::string text(hit);
                const auto it = std::find_if(marking_texts_.begin(), marking_texts_.end(),
                                             [&](const auto& p) { return p.first == text; });
                const SourceOffset at = mt->source_at(static_cast<std::size_t>(m[0].data() - t.data()));
                if (it != marking_texts_.end() && seen.insert(at).second)
                    out.push_back(Marking{&attributes_[it->second], printed(doc, *mt, m[0].data() - t.data(), m[0].size()), at});
                pos = static_cast<std::size_t>(m[0].data() - t.data()) + std::max<std::size_t>(m[0].size(), 1);
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const Marking& a, const Marking& b) { return a.offset < b.offset; });
    return out;
}

const Attribute* DisclosureLexicon::field_attribute(const Facts& facts) const {
    const MetaField* f = meta(facts, "disclosure");
    if (!f) return nullptr;
    for (const auto& [t, i] : field_texts_)
        if (f->value.find(t) != std::string::npos || f->raw.find(t) != std::string::npos) return &attributes_[i];
    return nullptr;
}

bool DisclosureLexicon::agree(const Attribute& field, const Attribute& marking) const {
    if (field.id == marking.id) return true;
    return std::find(marking.compatible.begin(), marking.compatible.end(), field.id) != marking.compatible.end() ||
           std::find(field.compatible.begin(), field.compatible.end(), marking.id) != field.compatible.end();
}

} // namespace gk::page
