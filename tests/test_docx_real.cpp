// Every real HTML annual report of ../shared/corpus (six-section formats with 表三 or 表四),
// converted to .docx with pandoc (`pandoc -f html -t docx`, images dropped as pandoc would fetch
// them), must give the same 表三/表四 cells and the same rule ids as the HTML original. The
// conversions are made at test time into the build tree (docx-cache/, keyed by the HTML's
// sha256, ~1 s each the first time), never into the repository. No difference is allowed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "ingest/ingest.hpp"
#include "support.hpp"

using namespace gk;
namespace fs = std::filesystem;

namespace {

// The page furniture of a web page (site navigation, breadcrumbs, the column's name 「政府信息公开年报」)
// is flagged boilerplate by the HTML parser from its markup; pandoc turns it into ordinary Word
// paragraphs, so the docx must be read right without that help (the title is the report's own,
// not the column's name that precedes it): no difference is allowed.

std::map<std::string, std::string> cells(const Facts& f) {
    std::map<std::string, std::string> out;
    for (const char* t : {"requests", "review"}) {
        const auto it = f.tables.find(t);
        if (it == f.tables.end() || !it->second.present) continue;
        for (const auto& [row, cols] : it->second.cells)
            for (const auto& [col, v] : cols) out[std::string(t) + "." + row + "." + col] = v.value ? *v.value : "null";
    }
    return out;
}

std::set<std::string> rule_ids(const DocumentResult& r) {
    std::set<std::string> out;
    for (const auto& f : r.findings) out.insert(f.rule);
    return out;
}

std::string join_minus(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::string out;
    for (const auto& x : a)
        if (!b.count(x)) out += (out.empty() ? "" : ",") + x;
    return out;
}

// The pandoc conversion of `html`, cached in the build tree by content.
std::string docx_of(const std::string& html) {
    const fs::path cache = fs::current_path() / "docx-cache";
    fs::create_directories(cache);
    const std::string out = (cache / (sha256_hex(test::read_bytes(html)) + ".docx")).string();
    if (fs::exists(out)) return out;
    const std::string filter = (cache / "drop-images.lua").string();
    {
        std::ofstream f(filter);
        f << "function Image(el)\n  return {}\nend\n";
    }
    // Two steps: pandoc's docx writer fetches every image before filters run.
    const std::string tmp = out + ".tmp";
    const std::string cmd = "pandoc -f html -t json --lua-filter '" + filter + "' '" + html + "' | pandoc -f json -t docx -o '" + tmp +
                            "' 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) return "";
    fs::rename(tmp, out);
    return out;
}

} // namespace

TEST_CASE("docx: real HTML annual reports converted by pandoc keep their tables and rule ids", "[real][docx]") {
    if (!test::have_shared_corpus()) { WARN("../shared/corpus not present"); return; }
    if (std::system("pandoc --version >/dev/null 2>&1") != 0) { WARN("pandoc not installed (tools/setup)"); return; }
    int compared = 0;
    for (const auto& path : test::files_under(test::shared_corpus())) {
        if (!path.ends_with(".html")) continue;
        const DocumentResult o = test::check_file(path);
        const bool has_tables = o.facts.tables.count("requests") || o.facts.tables.count("review");
        if (o.facts.type != "annual-report" || o.facts.template_id.empty() || o.facts.template_id == "legacy" || !has_tables) continue;
        const std::string file = fs::path(path).filename().string();
        INFO(file);
        const std::string docx = docx_of(path);
        REQUIRE_FALSE(docx.empty());
        const DocumentResult r = test::check_file(docx);
        REQUIRE(r.doc.readable());
        CHECK(r.doc.format == "docx");
        ++compared;
        CHECK(r.facts.type == o.facts.type);
        CHECK(r.facts.year == o.facts.year);
        CHECK(r.facts.template_id == o.facts.template_id);
        const auto co = cells(o.facts), cd = cells(r.facts);
        CHECK(co.size() > 50);
        CHECK(cd == co);
        // Every cell value points at its own text in the rendering, on a line inside the table.
        for (const char* t : {"requests", "review"}) {
            const auto it = r.facts.tables.find(t);
            if (it == r.facts.tables.end()) continue;
            for (const auto& [row, cols] : it->second.cells)
                for (const auto& [col, v] : cols) {
                    if (!v.value || v.raw.empty()) continue;
                    INFO(t << "." << row << "." << col);
                    CHECK(r.doc.source.compare(v.offset, v.raw.size(), v.raw) == 0);
                    CHECK(r.doc.locus_at(v.offset).table > 0);
                }
        }
        const auto ro = rule_ids(o), rd = rule_ids(r);
        INFO("rules added: " << join_minus(rd, ro) << "; removed: " << join_minus(ro, rd));
        CHECK(rd == ro);
    }
    CHECK(compared >= 4);
}
