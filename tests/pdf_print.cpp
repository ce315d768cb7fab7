#include "pdf_print.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ingest/ingest.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace gk::test {

namespace {

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

void run(const std::string& cmd) {
    const int status = std::system(cmd.c_str());
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("failed: " + cmd);
}

void write(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// `make(tmp)` writes the result to tmp; it is renamed into the cache atomically.
template <class Make>
std::string cached(const std::string& key, const std::string& ext, Make make) {
    const std::string out = pdf_cache_dir() + "/" + sha256_hex(key).substr(0, 24) + ext;
    if (fs::exists(out)) return out;
    const std::string tmp = out + ".tmp" + std::to_string(::getpid());
    make(tmp);
    if (!fs::exists(tmp)) throw std::runtime_error("no output for " + out);
    fs::rename(tmp, out);
    return out;
}

} // namespace

std::string pdf_cache_dir() {
    const char* env = std::getenv("GK_PDF_CACHE");
    const std::string dir = env && *env ? std::string(env) : (fs::path(GK_BINARY).parent_path() / "pdf-cache").string();
    fs::create_directories(dir);
    return dir;
}

std::string printed_pdf(const std::string& html_path, bool header_footer) {
    const std::string html = read_bytes(html_path);
    return cached("chromium\n" + std::string(header_footer ? "hf\n" : "\n") + html, ".pdf", [&](const std::string& tmp) {
        const std::string profile = temp_dir("chromium-profile");
        // Our own chromium, bounded by timeout(1): nothing else is ever killed.
        run("timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir=" + quote(profile) +
            " --print-to-pdf=" + quote(tmp) + (header_footer ? "" : " --no-pdf-header-footer") + " " +
            quote("file://" + fs::absolute(html_path).string()) + " >/dev/null 2>&1");
        fs::remove_all(profile);
    });
}

std::string printed_html(const std::string& html, bool header_footer) {
    const std::string path = pdf_cache_dir() + "/" + sha256_hex(html).substr(0, 24) + ".html";
    if (!fs::exists(path)) write(path, html);
    return printed_pdf(path, header_footer);
}

std::string rotated_pdf(const std::string& pdf) {
    return cached("rotate\n" + read_bytes(pdf), ".pdf", [&](const std::string& tmp) {
        run("qpdf --rotate=+90 " + quote(pdf) + " " + quote(tmp));
    });
}

std::string encrypted_pdf(const std::string& pdf, const std::string& user_password) {
    return cached("encrypt\n" + user_password + "\n" + read_bytes(pdf), ".pdf", [&](const std::string& tmp) {
        run("qpdf --encrypt " + quote(user_password) + " owner-secret 256 -- " + quote(pdf) + " " + quote(tmp));
    });
}

std::string scanned_pdf(const std::string& pdf) {
    return cached("scan\n" + read_bytes(pdf), ".pdf", [&](const std::string& tmp) {
        const std::string dir = temp_dir("scan");
        run("pdftoppm -r 60 -png -f 1 -l 1 " + quote(pdf) + " " + quote(dir + "/page"));
        std::string html = "<!doctype html><meta charset=utf-8><body style=margin:0>";
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".png") html += "<img style=width:100% src=\"file://" + e.path().string() + "\">";
        write(dir + "/scan.html", html);
        const std::string profile = temp_dir("chromium-profile");
        run("timeout 120 chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files --user-data-dir=" +
            quote(profile) + " --print-to-pdf=" + quote(tmp) + " --no-pdf-header-footer " +
            quote("file://" + dir + "/scan.html") + " >/dev/null 2>&1");
        fs::remove_all(profile);
        fs::remove_all(dir);
    });
}

} // namespace gk::test
