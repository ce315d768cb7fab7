#include "redact/fix.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "core/text.hpp"
#include "core/atomic_file.hpp"
#include "ingest/ingest.hpp"
#include "redact/splice.hpp"

namespace gk {

namespace fs = std::filesystem;

std::vector<Edit> applicable_fixes(const DocumentResult& r, std::size_t* skipped) {
    // A fix is all its edits or none. In finding order (by position), a fix is taken when none of
    // its edits overlaps an edit already taken; the same edits offered twice (one 文号 reported
    // by two paths) are taken once and not counted as skipped.
    std::vector<Edit> taken;
    std::size_t n_skipped = 0;
    auto overlaps = [](const Edit& a, const Edit& b) { return a.begin < b.end && b.begin < a.end; };
    for (const auto& f : r.findings) {
        if (f.fix.empty()) continue;
        bool sorted = true;
        for (std::size_t k = 1; k < f.fix.size(); ++k)
            if (f.fix[k].begin < f.fix[k - 1].end) sorted = false;
        const bool same = std::all_of(f.fix.begin(), f.fix.end(), [&](const Edit& e) {
            return std::find(taken.begin(), taken.end(), e) != taken.end();
        });
        if (same) continue;
        const bool clash = std::any_of(f.fix.begin(), f.fix.end(), [&](const Edit& e) {
            return std::any_of(taken.begin(), taken.end(), [&](const Edit& t) { return overlaps(e, t); });
        });
        if (!sorted || clash) { ++n_skipped; continue; }
        taken.insert(taken.end(), f.fix.begin(), f.fix.end());
    }
    std::sort(taken.begin(), taken.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    if (skipped) *skipped = n_skipped;
    return taken;
}

int run_fix(const FixOptions& o, const Pipeline& pipeline, std::ostream& out, std::ostream& err) {
    const bool en = o.lang == "en";
    auto t = [&](const char* zh, const char* e) { return en ? e : zh; };
    if (o.input.empty() || (o.output.empty() && !o.dry_run)) {
        err << "gkcheck fix: " << t("用法：gkcheck fix FILE -o OUT（- 表示标准输入/输出）", "usage: gkcheck fix FILE -o OUT (- for standard input/output)")
            << "\n";
        return 2;
    }
    const bool to_stdout = o.output == "-";
    std::ostream& listing = to_stdout ? err : out;
    std::error_code ec;
    if (!o.dry_run && !to_stdout && o.input != "-") {
        if (fs::exists(o.output, ec) && fs::equivalent(o.input, o.output, ec) && !o.force) {
            err << terminal_safe(o.output) << ": " << t("输出会覆盖输入文件（确需原地修改请加 --force）", "the output would overwrite the input (use --force to fix in place)")
                << "\n";
            return 2;
        }
    }
    if (!o.dry_run && !to_stdout && !o.force && fs::exists(o.output, ec) && !(o.input != "-" && fs::equivalent(o.input, o.output, ec))) {
        err << terminal_safe(o.output) << ": " << t("输出已存在（用 --force 覆盖）", "the output exists (use --force to replace it)") << "\n";
        return 2;
    }
    const std::size_t max = pipeline.ingest_options().max_bytes;
    std::string why = "no such file";
    auto bytes = read_input(o.input, max, why);
    const std::string shown = o.input == "-" ? o.stdin_filename : o.input;
    if (!bytes) {
        err << terminal_safe(shown) << ": " << t("无法读取：", "cannot read: ") << why << "\n";
        return 2;
    }
    const DocumentResult r = pipeline.run_bytes(*bytes, shown);
    // A docx/pdf is checked through a rendering of its text: edits of the rendering are not
    // edits of the file.
    if (r.doc.derived_text()) {
        err << terminal_safe(shown) << ": "
            << (en ? "cannot fix a " + r.doc.format + " file (its text is checked, the file is never rewritten): edit the original document"
                   : "不能修正 " + r.doc.format + " 文件（只检查其文字，不改写原文件）：请在原文档中修改")
            << "\n";
        return 2;
    }
    if (!r.doc.readable()) {
        for (const auto& e : r.doc.errors)
            if (e.fatal) err << terminal_safe(shown) << ": error: " << terminal_safe(e.message.in(o.lang)) << " [" << e.code << "]\n";
        return 2;
    }
    std::size_t skipped = 0;
    const auto edits = applicable_fixes(r, &skipped);
    const SpliceResult res = splice_edits(*bytes, r.doc, edits);
    if (!res.ok) {
        err << terminal_safe(shown) << ": " << res.error << "\n";
        return 2;
    }
    std::size_t fixed = 0;
    for (const auto& f : r.findings) {
        if (f.fix.empty()) continue;
        const bool taken = std::any_of(edits.begin(), edits.end(), [&](const Edit& e) { return e == f.fix.front(); });
        if (!taken) continue;
        ++fixed;
        std::string after;
        SourceOffset at = f.offset;
        bool inside = f.end > f.offset && f.fix.front().begin >= f.offset && f.fix.back().end <= f.end;
        if (inside) {
            for (const auto& e : f.fix) {
                after.append(r.doc.source, at, e.begin - at);
                after += e.text;
                at = e.end;
            }
            after.append(r.doc.source, at, f.end - at);
        }
        listing << terminal_safe(shown) << ':' << f.position.line << ':' << f.position.column << ": " << f.rule;
        if (inside && f.excerpt != after) listing << " 「" << terminal_safe(f.excerpt) << "」→「" << terminal_safe(after) << "」";
        else if (inside) listing << " →「" << terminal_safe(after) << "」"; // privacy: the excerpt is already masked
        listing << "\n";
    }
    listing << terminal_safe(shown) << ": " << fixed << t(" 处已修正", " fixed");
    if (skipped) listing << t("，", ", ") << skipped << t(" 处与其他修正重叠而未修正（再运行一次）", " overlapping fixes left (run again)");
    if (o.dry_run) listing << t("（演练，未写入）", " (dry run, nothing written)");
    listing << "\n";
    if (o.dry_run) return 0;
    if (to_stdout) {
        out.write(res.bytes.data(), static_cast<std::streamsize>(res.bytes.size()));
        out.flush();
        return out ? 0 : 2;
    }
    if (const auto msg = write_file_atomically(o.output, res.bytes); !msg.empty()) {
        err << msg << "\n";
        return 2;
    }
    return 0;
}

} // namespace gk
