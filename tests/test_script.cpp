// The script converter (core/script.hpp) against libopencc itself: byte-identical output of
// t2s and s2t on every document of the shared corpus, on their s2t copies (made here with
// libopencc) and on random text drawn from the dictionaries' own keys.
#include <catch2/catch.hpp>

#include <opencc/opencc.h>

#include <filesystem>
#include <random>

#include "core/text.hpp"
#include "core/script.hpp"
#include "support.hpp"

using namespace gk;
namespace fs = std::filesystem;

namespace {

std::string opencc_config(const std::string& name) {
    for (const char* dir : {"/usr/share/opencc/", "/usr/local/share/opencc/"})
        if (fs::exists(std::string(dir) + name)) return std::string(dir) + name;
    return name;
}

const opencc::SimpleConverter& opencc_t2s() {
    static const opencc::SimpleConverter c(opencc_config("t2s.json"));
    return c;
}
const opencc::SimpleConverter& opencc_s2t() {
    static const opencc::SimpleConverter c(opencc_config("s2t.json"));
    return c;
}

// Position of the first difference, for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    const std::size_t from = i > 30 ? i - 30 : 0;
    return "byte " + std::to_string(i) + ": ours «" + a.substr(from, 60) + "» opencc «" + b.substr(from, 60) + "»";
}

void check_both_directions(const std::string& text, const std::string& what) {
    INFO(what);
    const std::string t2s_ours = script::to_simplified(text), t2s_ref = opencc_t2s().Convert(text);
    if (t2s_ours != t2s_ref) FAIL("t2s differs at " << first_difference(t2s_ours, t2s_ref));
    const std::string s2t_ours = script::to_traditional(text), s2t_ref = opencc_s2t().Convert(text);
    if (s2t_ours != s2t_ref) FAIL("s2t differs at " << first_difference(s2t_ours, s2t_ref));
}

// Every key of a trie, as code points (walks the generated arrays).
void keys(const script::Trie& t, std::uint32_t node, std::u32string& prefix, std::vector<std::u32string>& out) {
    if (t.value_off[node + 1] > t.value_off[node]) out.push_back(prefix);
    for (std::uint32_t c = t.first_child[node]; c < t.first_child[node + 1]; ++c) {
        prefix.push_back(static_cast<char32_t>(t.label[c]));
        keys(t, c, prefix, out);
        prefix.pop_back();
    }
}

std::vector<std::u32string> keys(const script::Trie& t) {
    std::vector<std::u32string> out;
    std::u32string prefix;
    keys(t, 0, prefix, out);
    return out;
}

} // namespace

TEST_CASE("script tables hold OpenCC's dictionaries", "[script]") {
    CHECK(keys(script::ts_characters).size() > 3000);
    CHECK(keys(script::st_phrases).size() > 10000);
    CHECK(script::is_traditional_only(U'總'));
    CHECK_FALSE(script::is_traditional_only(U'总'));
    CHECK(script::is_simplified_only(U'总'));
    CHECK_FALSE(script::is_simplified_only(U'公'));
    CHECK(script::to_simplified("政府資訊公開") == "政府资讯公开");
    CHECK(script::to_traditional("总体情况") == "總體情況");
    CHECK(script::to_simplified("") == "");
    // Invalid UTF-8 and NUL are copied (libopencc throws, resp. stops).
    CHECK(script::to_simplified(std::string("\xff\xe7\xb8") + "總" + std::string(1, '\0') + "開") ==
          std::string("\xff\xe7\xb8") + "总" + std::string(1, '\0') + "开");
}

TEST_CASE("script conversion is byte-identical to libopencc on the shared corpus and its s2t copies", "[script][corpus]") {
    if (!test::have_shared_corpus()) { WARN("no shared corpus at " << test::shared_corpus()); return; }
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(test::shared_corpus())) {
        if (!entry.is_regular_file()) continue;
        const std::string text = test::read_bytes(entry.path().string());
        if (!utf8::is_valid(text) || text.find('\0') != std::string::npos) continue;
        ++files;
        check_both_directions(text, entry.path().string());
        check_both_directions(opencc_s2t().Convert(text), entry.path().string() + " (s2t copy)");
    }
    CHECK(files >= 60);
}

TEST_CASE("script conversion is byte-identical to libopencc on random text", "[script]") {
    // Pieces: whole keys, prefixes of keys (partial phrase matches), single characters of either
    // script, ASCII and punctuation; glued at random so that phrases overlap and abut.
    std::vector<std::u32string> pieces;
    for (const script::Trie* t : {&script::ts_phrases, &script::ts_characters, &script::st_phrases, &script::st_characters})
        for (auto& k : keys(*t)) {
            if (k.size() > 2) pieces.push_back(k.substr(0, k.size() - 1));
            if (k.size() > 1) pieces.push_back(k.substr(1));
            pieces.push_back(std::move(k));
        }
    for (const char32_t* s : {U"a", U"1", U" ", U"\n", U"，", U"。", U"（", U"2023年", U"政府", U"信息"}) pieces.push_back(s);
    std::mt19937 rng(20261127);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), len(1, 400);
    for (int round = 0; round < 300; ++round) {
        std::string text;
        const std::size_t n = len(rng);
        for (std::size_t k = 0; k < n; ++k)
            for (char32_t c : pieces[pick(rng)]) utf8::append(text, c);
        check_both_directions(text, "random text, round " + std::to_string(round));
    }
}
