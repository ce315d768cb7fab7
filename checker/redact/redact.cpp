#include "redact/redact.hpp"
#include "core/text.hpp"
#include "redact/splice.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <mutex>
#include <set>
#include <sstream>

#include <unicode/ucnv.h>

#include "check/check.hpp"
#include "core/atomic_file.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "privacy/recognise.hpp"

namespace gk {

namespace fs = std::filesystem;

namespace {

// The privacy rules alone, as `gkcheck check` runs them: to re-check what redact writes.
RuleSet privacy_rules(const Catalogue& catalogue) {
    RuleSet rules(catalogue);
    std::vector<std::string> others;
    for (const auto& r : catalogue.rules())
        if (!r.id.starts_with("privacy.")) others.push_back(r.id);
    rules.disable(others);
    return rules;
}

struct Span {
    std::size_t begin = 0, end = 0; // in the decoded source
    std::string replacement;        // UTF-8
};

// The replacement for the character at `o`, or nullopt when it is not plainly that character
// in the source (then it cannot be masked without guessing).
std::optional<Span> mask_char_at(const std::string& source, std::size_t o) {
    if (o >= source.size()) return std::nullopt;
    std::size_t i = o;
    const char32_t cp = utf8::next(source, i);
    if ((cp >= '0' && cp <= '9') || cp == 'X' || cp == 'x') return Span{o, i, "*"};
    if ((cp >= 0xFF10 && cp <= 0xFF19) || cp == 0xFF38 || cp == 0xFF58) return Span{o, i, "\xEF\xBC\x8A"}; // ＊
    if (cp == '&') {
        // A numeric character reference (&#49; &#x31;) standing for a digit: mask the whole reference.
        const auto semi = source.find(';', o);
        if (semi == std::string::npos || semi - o > 10 || source.compare(o, 2, "&#") != 0) return std::nullopt;
        const bool hex = o + 2 < source.size() && (source[o + 2] == 'x' || source[o + 2] == 'X');
        const std::string num = source.substr(o + (hex ? 3 : 2), semi - o - (hex ? 3 : 2));
        if (num.empty() || num.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") != std::string::npos)
            return std::nullopt;
        const long v = std::strtol(num.c_str(), nullptr, hex ? 16 : 10);
        if ((v >= '0' && v <= '9') || v == 'X' || v == 'x' || (v >= 0xFF10 && v <= 0xFF19)) return Span{o, semi + 1, "*"};
    }
    return std::nullopt;
}

// Which characters of a value are hidden.
std::vector<std::size_t> hidden_indices(const privacy::Found& f) {
    std::vector<std::size_t> idx;
    const std::size_t n = f.chars.size();
    auto range = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to && k < n; ++k) idx.push_back(k);
    };
    switch (f.kind) {
    case privacy::Kind::id_number:
        if (n == 18) range(6, 14);
        else if (n == 15) range(6, 12);
        else range(0, n);
        break;
    case privacy::Kind::mobile: range(3, 7); break;
    case privacy::Kind::bank_card: range(0, n > 4 ? n - 4 : n); break;
    case privacy::Kind::address: range(0, n); break;
    }
    return idx;
}

std::string masked_value(const privacy::Found& f, const std::vector<std::size_t>& hidden) {
    std::string v = f.value;
    for (auto k : hidden)
        if (k < v.size()) v[k] = '*';
    return v;
}

} // namespace

RedactResult redact_document(std::string_view original, const Document& doc, const privacy::Config& cfg) {
    return redact_document(original, doc, privacy::scan_document(doc, cfg));
}

RedactResult redact_document(std::string_view original, const Document& doc, const privacy::Scan& scan) {
    RedactResult r;

    std::vector<const privacy::Found*> values;
    for (const auto& f : scan.values) values.push_back(&f);
    for (const auto& f : scan.addresses) values.push_back(&f);

    std::map<std::size_t, Span> spans; // by begin; one per character
    std::set<SourceOffset> seen_values;
    for (const auto* f : values) {
        if (!seen_values.insert(f->offset).second && f->kind != privacy::Kind::address) continue;
        const auto hidden = hidden_indices(*f);
        bool all = true;
        std::vector<Span> mine;
        for (auto k : hidden) {
            auto s = mask_char_at(doc.source, f->chars[k]);
            if (!s) { all = false; break; }
            mine.push_back(*s);
        }
        if (!all) { ++r.unredactable; continue; }
        for (auto& s : mine) spans.emplace(s.begin, s);
        r.edits.push_back({privacy::kind_id(f->kind), f->offset, masked_value(*f, hidden)});
    }
    // Existing masks are brought up to the same standard, which also makes differently masked
    // copies of one value identical (no stitching). This only ever hides more.
    for (const auto& m : scan.masks) {
        const auto hidden = hidden_indices(m);
        std::vector<Span> mine;
        bool all = true;
        for (auto k : hidden) {
            if (k >= m.value.size() || m.value[k] == '*') continue;
            auto s = mask_char_at(doc.source, m.chars[k]);
            if (!s) { all = false; break; }
            mine.push_back(*s);
        }
        if (!all) { ++r.unredactable; continue; }
        if (mine.empty()) continue;
        for (auto& s : mine) spans.emplace(s.begin, s);
        r.edits.push_back({"weak-mask", m.offset, masked_value(m, hidden)});
    }
    std::sort(r.edits.begin(), r.edits.end(), [](const RedactEdit& a, const RedactEdit& b) { return a.offset < b.offset; });
    r.characters = spans.size();

    // The expected redacted text (decoded), used to verify the spliced bytes.
    std::string expected;
    {
        std::size_t at = 0;
        for (const auto& [b, s] : spans) {
            if (b < at) continue;
            expected.append(doc.source, at, b - at);
            expected += s.replacement;
            at = s.end;
        }
        expected.append(doc.source, std::min(at, doc.source.size()), std::string::npos);
    }
    if (spans.empty()) {
        r.ok = true;
        r.bytes = std::string(original);
        return r;
    }

    std::vector<Edit> edits;
    for (const auto& [b, s] : spans)
        if (edits.empty() || b >= edits.back().end) edits.push_back({static_cast<SourceOffset>(b), static_cast<SourceOffset>(s.end), s.replacement});
    SpliceResult spliced = splice_edits(original, doc, edits);
    if (!spliced.ok) {
        r.error = spliced.error;
        return r;
    }
    if (spliced.decoded != expected) {
        r.error = "the redacted bytes do not decode to the intended text; not written";
        return r;
    }
    r.ok = true;
    r.bytes = std::move(spliced.bytes);
    return r;
}

namespace {

bool checkable(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".html" || ext == ".htm" || ext == ".shtml" || ext == ".xhtml" || ext == ".txt";
}

struct Job {
    std::string in, out;
};

struct Texts {
    bool en;
    const char* t(const char* zh, const char* e) const { return en ? e : zh; }
};

// Through ingest's reader: only regular files by name (a FIFO would block), never more than
// max + 1 bytes, and no buffer of the limit's size allocated up front.
std::string read_limited(const std::string& path, std::size_t max, std::string& error) {
    std::string why = "no such file";
    auto data = read_input(path, max, why); // "-": standard input
    if (!data) { error = "cannot read: " + why; return {}; }
    if (data->size() > max) { error = "larger than the size limit"; return {}; }
    return std::move(*data);
}

} // namespace

int run_redact(const RedactOptions& o, const Catalogue& catalogue, std::ostream& data_out, std::ostream& err) {
    const Texts tx{o.lang == "en"};
    // "-" as output: the redacted bytes go to standard output, the listing to stderr.
    const bool to_stdout = o.output == "-";
    std::ostream& out = to_stdout ? err : data_out;
    if (to_stdout && (o.inputs.size() != 1 || fs::is_directory(o.inputs.front()))) {
        err << "gkcheck redact: " << tx.t("-o - 只能用于单个输入文件", "-o - takes exactly one input file") << "\n";
        return 2;
    }
    if (o.inputs.empty()) {
        err << "gkcheck redact: " << tx.t("缺少输入文件", "no input given") << "\n";
        return 2;
    }
    if (o.output.empty() && !o.dry_run) {
        err << "gkcheck redact: " << tx.t("需要用 -o 指定输出", "an output is required (-o OUT)") << "\n";
        return 2;
    }
    if (!catalogue.privacy()) {
        err << "gkcheck redact: " << tx.t("规则目录中没有 <data name=\"privacy\">", "the rules directory has no <data name=\"privacy\">") << "\n";
        return 2;
    }
    std::optional<RuleSet> rules;
    try {
        rules.emplace(privacy_rules(catalogue));
    } catch (const std::exception& e) {
        err << "gkcheck redact: " << e.what() << "\n";
        return 2;
    }

    // Plan the jobs: a file to a file (or into an existing directory), a directory to a directory.
    int rc = 0;
    std::vector<Job> jobs;
    std::size_t skipped = 0;
    const bool many = o.inputs.size() > 1;
    std::error_code ec;
    for (const auto& in : o.inputs) {
        if (fs::is_directory(in, ec)) {
            if (!o.output.empty() && fs::exists(o.output, ec) && !fs::is_directory(o.output, ec)) {
                err << terminal_safe(o.output) << ": " << tx.t("输入是目录，输出也必须是目录", "the input is a directory, so the output must be one") << "\n";
                return 2;
            }
            const fs::path base = many ? fs::path(o.output) / fs::path(in).lexically_normal().filename() : fs::path(o.output);
            std::vector<fs::path> files;
            for (auto it = fs::recursive_directory_iterator(in, fs::directory_options::skip_permission_denied, ec);
                 it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) break;
                const auto name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory()) it.disable_recursion_pending();
                    continue;
                }
                if (!it->is_regular_file()) continue;
                if (checkable(it->path())) files.push_back(it->path());
                else ++skipped;
            }
            std::sort(files.begin(), files.end());
            for (const auto& f : files) {
                // Never re-process earlier outputs placed inside the input tree.
                if (!o.output.empty()) {
                    const auto rel_out = fs::relative(f, o.output, ec);
                    if (!ec && !rel_out.empty() && rel_out.native().rfind("..", 0) != 0) continue;
                }
                jobs.push_back({f.string(), o.output.empty() ? "" : (base / fs::relative(f, in)).string()});
            }
        } else {
            std::string target;
            if (!o.output.empty()) {
                target = (many || fs::is_directory(o.output, ec)) ? (fs::path(o.output) / fs::path(in).filename()).string()
                                                                   : o.output;
            }
            jobs.push_back({in, target});
        }
    }

    std::map<std::string, std::size_t> totals;
    std::size_t files_changed = 0, residual_errors = 0, unredactable = 0;
    for (const auto& job : jobs) {
        if (!job.out.empty() && job.out != "-" && job.in != "-") {
            std::error_code e1;
            if (fs::exists(job.out, e1) && fs::equivalent(job.in, job.out, e1)) {
                err << terminal_safe(job.out) << ": " << tx.t("输出不能覆盖输入文件", "the output would overwrite the input") << "\n";
                rc = 2;
                continue;
            }
            if (!o.force && !o.dry_run && fs::exists(job.out, e1)) {
                err << terminal_safe(job.out) << ": " << tx.t("输出已存在（用 --force 覆盖）", "the output exists (use --force to replace it)") << "\n";
                rc = 2;
                continue;
            }
        }
        std::string read_error;
        const std::string bytes = read_limited(job.in, o.max_bytes, read_error);
        if (!read_error.empty()) {
            err << terminal_safe(job.in) << ": " << read_error << "\n";
            rc = 2;
            continue;
        }
        IngestOptions io;
        io.max_bytes = o.max_bytes;
        DocumentResult analysed = Pipeline::analyse(ingest_bytes(bytes, job.in, io), catalogue);
        // A docx/pdf is read through a rendering of its text: a redacted rendering is not a
        // redacted file (and would leak what it does not cover).
        if (analysed.doc.derived_text()) {
            err << terminal_safe(job.in) << ": "
                << (tx.en ? "cannot redact a " + analysed.doc.format + " file (its text is checked, the file is never rewritten): redact the original document"
                          : "不能脱敏 " + analysed.doc.format + " 文件（只检查其文字，不改写原文件）：请在原文档中处理")
                << "\n";
            rc = 2;
            continue;
        }
        if (!analysed.doc.readable()) {
            for (const auto& e : analysed.doc.errors)
                if (e.fatal) err << terminal_safe(job.in) << ": " << terminal_safe(e.message.in(o.lang)) << " [" << e.code << "]\n";
            rc = 2;
            continue;
        }
        RedactResult res;
        try {
            res = analysed.facts.privacy ? redact_document(bytes, analysed.doc, *analysed.facts.privacy)
                                         : redact_document(bytes, analysed.doc, *catalogue.privacy());
        } catch (const std::exception& e) {
            res.error = e.what();
        }
        if (!res.ok) {
            err << terminal_safe(job.in) << ": " << res.error << "\n";
            rc = 2;
            continue;
        }
        std::map<std::string, std::size_t> counts;
        for (const auto& e : res.edits) ++counts[e.kind];
        for (const auto& [k, n] : counts) totals[k] += n;
        unredactable += res.unredactable;
        if (!res.edits.empty()) ++files_changed;
        if (o.dry_run) {
            for (const auto& e : res.edits) {
                const auto p = analysed.doc.position(e.offset);
                out << terminal_safe(job.in) << ":" << p.line << ":" << p.column << ": " << e.kind << " → " << e.masked << "\n";
            }
        }
        // Re-check what is (or would be) written with the privacy rules of `gkcheck check`.
        Pipeline pipeline(*rules, io);
        const std::string shown_path = job.out.empty() ? job.in : job.out;
        const auto recheck = pipeline.run_bytes(res.bytes, shown_path);
        for (const auto& f : recheck.findings) {
            if (f.severity != Severity::error) continue;
            ++residual_errors;
            err << terminal_safe(shown_path) << ":" << f.position.line << ":" << f.position.column << ": error: "
                << terminal_safe(f.message.in(o.lang)) << " [" << f.rule << "]\n";
        }
        out << terminal_safe(job.in);
        if (!job.out.empty()) out << " → " << terminal_safe(job.out);
        out << ": " << res.edits.size() << tx.t(" 处已遮盖", " values masked");
        if (res.unredactable) out << ", " << res.unredactable << tx.t(" 处无法安全遮盖", " could not be masked safely");
        if (o.dry_run) out << tx.t("（演练，未写入）", " (dry run, nothing written)");
        out << "\n";
        if (o.dry_run || job.out.empty()) continue;
        if (job.out == "-") {
            data_out.write(res.bytes.data(), static_cast<std::streamsize>(res.bytes.size()));
            data_out.flush();
            continue;
        }
        if (job.in == "-" && !o.force && fs::exists(job.out)) {
            err << terminal_safe(job.out) << ": " << tx.t("输出已存在（用 --force 覆盖）", "the output exists (use --force to replace it)") << "\n";
            rc = 2;
            continue;
        }
        std::error_code e2;
        const fs::path parent = fs::path(job.out).parent_path();
        if (!parent.empty()) fs::create_directories(parent, e2);
        if (const auto msg = write_file_atomically(job.out, res.bytes); !msg.empty()) {
            err << msg << "\n";
            rc = 2;
        }
    }

    out << tx.t("汇总：", "Summary: ") << jobs.size() << tx.t(" 个文件，", " files, ") << files_changed
        << tx.t(" 个有改动；", " changed; ");
    const char* kinds[] = {"id-number", "mobile", "bank-card", "address", "weak-mask"};
    for (std::size_t i = 0; i < 5; ++i) out << (i ? ", " : "") << kinds[i] << " " << totals[kinds[i]];
    if (unredactable) out << tx.t("；无法安全遮盖 ", "; not masked ") << unredactable;
    if (skipped) out << tx.t("；跳过非文档文件 ", "; skipped non-document files ") << skipped;
    out << tx.t("；遮盖后仍有错误级隐私问题 ", "; error-level privacy findings remaining ") << residual_errors << "\n";
    if (rc == 0 && (residual_errors > 0 || unredactable > 0)) rc = 1;
    return rc;
}

} // namespace gk
