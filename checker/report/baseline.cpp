#include "report/baseline.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "ingest/ingest.hpp"

namespace gk {

namespace {

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x3000 || c == 0xA0; }

// The finding's source line around `off`: at most `width` non-space code points either side.
std::string context(const Document& doc, SourceOffset off) {
    const std::string& s = doc.source;
    const std::size_t at = std::min<std::size_t>(off, s.size());
    const std::size_t nl = at == 0 ? std::string::npos : s.rfind('\n', at - 1);
    const std::size_t start = nl == std::string::npos ? 0 : nl + 1;
    std::size_t end = s.find('\n', at);
    if (end == std::string::npos) end = s.size();
    constexpr std::size_t width = 24;
    std::vector<char32_t> before;
    for (std::size_t i = start; i < at;) {
        const char32_t c = utf8::next(s, i);
        if (!is_space(c)) before.push_back(c);
    }
    std::string out;
    for (std::size_t k = before.size() > width ? before.size() - width : 0; k < before.size(); ++k) utf8::append(out, before[k]);
    out += "\x1f";
    std::size_t n = 0;
    for (std::size_t i = at; i < end && n < width;) {
        const char32_t c = utf8::next(s, i);
        if (!is_space(c)) { utf8::append(out, c); ++n; }
    }
    return out;
}

} // namespace

std::vector<std::string> fingerprints(const DocumentResult& r) {
    std::vector<std::string> out;
    std::map<std::string, int> seen;
    for (const auto& f : r.findings) {
        std::string key = f.rule + "\n" + f.table + "\n" + f.row + "\n" + f.col + "\n" + context(r.doc, f.offset);
        const int rank = seen[key]++;
        key += "\n" + std::to_string(rank);
        out.push_back(sha256_hex(key).substr(0, 16));
    }
    return out;
}

std::string Baseline::to_json() const {
    nlohmann::json j{{"gkcheck_baseline", 1}, {"documents", nlohmann::json::object()}};
    for (const auto& [path, fps] : documents) j["documents"][path] = fps;
    return j.dump(2) + "\n";
}

std::optional<Baseline> Baseline::load(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) { error = "cannot read " + path; return std::nullopt; }
    std::stringstream ss;
    ss << in.rdbuf();
    const auto j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (!j.is_object() || j.value("gkcheck_baseline", 0) != 1 || !j.contains("documents") || !j["documents"].is_object()) {
        error = path + " is not a gkcheck baseline (written by --write-baseline)";
        return std::nullopt;
    }
    Baseline b;
    for (const auto& [p, fps] : j["documents"].items()) {
        if (!fps.is_array()) continue;
        for (const auto& fp : fps)
            if (fp.is_string()) b.documents[p].push_back(fp.get<std::string>());
    }
    return b;
}

std::vector<bool> Baseline::fresh(const std::string& path, const std::vector<std::string>& fps) const {
    std::vector<bool> out(fps.size(), true);
    const auto it = documents.find(path);
    if (it == documents.end()) return out;
    std::map<std::string, int> budget;
    for (const auto& fp : it->second) ++budget[fp];
    for (std::size_t i = 0; i < fps.size(); ++i)
        if (auto b = budget.find(fps[i]); b != budget.end() && b->second > 0) {
            --b->second;
            out[i] = false;
        }
    return out;
}

} // namespace gk
