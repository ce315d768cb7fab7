// Kind "metadata-required" (meta.field.missing): a page that carries a catalogue metadata block
// (政府信息公开目录: 索引号 …) must fill the fields the ruleset requires for its document type.
// Alternatives are written "created published" (either one satisfies the requirement).
//
//   <params>
//     <block-if field="index_no"/>                         any one present → the page has a block
//     <block-if fields="category disclosure validity created" min="2"/>
//     <require field="index_no" zh="索引号" en="index number" types="notice plan"/>  types optional
//   </params>
#include <algorithm>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "check/check.hpp"

namespace gk {
namespace {

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

class MetadataRequired : public Check {
public:
    explicit MetadataRequired(const Rule& rule) {
        const auto params = rule.params();
        for (auto b : params.children("block-if")) {
            Trigger t;
            t.fields = words(b.attribute("fields").as_string(b.attribute("field").as_string()));
            t.min = b.attribute("min").as_int(1);
            if (t.fields.empty() || t.min < 1) throw RulesetError("metadata-required: <block-if> needs fields and min >= 1");
            triggers_.push_back(t);
        }
        for (auto r : params.children("require")) {
            Requirement q;
            q.alternatives = words(r.attribute("field").as_string());
            q.zh = r.attribute("zh").as_string();
            q.en = r.attribute("en").as_string(q.zh.c_str());
            q.types = words(r.attribute("types").as_string());
            if (q.alternatives.empty() || q.zh.empty()) throw RulesetError("metadata-required: <require> needs field and zh");
            required_.push_back(q);
        }
        if (triggers_.empty() || required_.empty())
            throw RulesetError("metadata-required: needs <block-if> and <require> parameters");
    }

    void run(const Document&, const Facts& facts, Emitter& out) const override {
        if (!has_block(facts)) return;
        SourceOffset block_start = std::numeric_limits<SourceOffset>::max();
        for (const auto& [key, f] : facts.metadata) block_start = std::min(block_start, f.offset);
        for (const auto& q : required_) {
            if (!q.types.empty() && std::find(q.types.begin(), q.types.end(), facts.type) == q.types.end()) continue;
            const bool present = std::any_of(q.alternatives.begin(), q.alternatives.end(), [&](const std::string& k) {
                if (k == "title" && !facts.title.empty()) return true;
                return facts.field(k) != nullptr;
            });
            if (!present) out.emit(block_start, {{"field", q.zh}, {"field_en", q.en}});
        }
    }

private:
    struct Trigger { std::vector<std::string> fields; int min = 1; };
    struct Requirement { std::vector<std::string> alternatives; std::string zh, en; std::vector<std::string> types; };

    bool has_block(const Facts& facts) const {
        return std::any_of(triggers_.begin(), triggers_.end(), [&](const Trigger& t) {
            const auto n = std::count_if(t.fields.begin(), t.fields.end(),
                                         [&](const std::string& k) { return facts.field(k) != nullptr; });
            return n >= t.min;
        });
    }

    std::vector<Trigger> triggers_;
    std::vector<Requirement> required_;
};

} // namespace
GK_REGISTER_CHECK("metadata-required", MetadataRequired);
} // namespace gk
