// PDF input through poppler-cpp (Debian libpoppler-cpp-dev): words with their boxes per page,
// in the page's displayed orientation, handed to the layout (parse/pdf_layout.hpp).
#include "parse/pdf.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "parse/pdf_layout.hpp"

namespace gk {

namespace {

// The first diagnostic poppler gave on this thread while opening the current document.
thread_local std::string poppler_said;
void quiet(const std::string& msg, void*) {
    if (!poppler_said.empty()) return;
    std::string_view m = msg;
    while (m.starts_with("error: ") || m.starts_with("Error: ")) m.remove_prefix(7);
    poppler_said = "poppler: " + std::string(m.substr(0, 200));
}

// Poppler reports damaged input on stderr through a process-wide callback; it is set once, to
// nothing (the reader turns failures into InputErrors instead).
void silence_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
}

void fail(Document& doc, const char* code, std::string zh, std::string en) {
    InputError e;
    e.code = code;
    e.message = {std::move(zh), std::move(en)};
    e.fatal = true;
    doc.errors.push_back(std::move(e));
}

std::string utf8_of(const poppler::ustring& u) {
    const poppler::byte_array b = u.to_utf8();
    return std::string(b.begin(), b.end());
}

} // namespace

void parse_pdf(Document& doc, std::string_view bytes) {
    silence_poppler();
    doc.format = "pdf";
    doc.encoding = "UTF-8";
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
        fail(doc, "input.pdf-invalid", "PDF 文件过大，无法读取", "PDF too large to read");
        return;
    }
    std::unique_ptr<poppler::document> pdf;
    poppler_said.clear();
    try {
        pdf.reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    } catch (...) {
        pdf.reset();
    }
    if (!pdf) {
        const std::string why = poppler_said.empty() ? "" : "：" + poppler_said;
        const std::string why_en = poppler_said.empty() ? "" : ": " + poppler_said;
        fail(doc, "input.pdf-invalid", "无法打开 PDF 文件（文件已损坏或不是 PDF）" + why,
             "cannot open the PDF (damaged, or not a PDF)" + why_en);
        return;
    }
    if (pdf->is_locked()) {
        fail(doc, "input.pdf-encrypted", "PDF 文件已加密，需要密码才能打开，未检查；请提供未加密的文件",
             "the PDF is encrypted and needs a password; not checked: provide an unencrypted copy");
        return;
    }
    std::vector<pdfparse::Page> pages;
    std::size_t words = 0;
    const int n = pdf->pages();
    for (int i = 0; i < n; ++i) {
        std::unique_ptr<poppler::page> pg(pdf->create_page(i));
        pdfparse::Page page;
        if (!pg) { pages.push_back(std::move(page)); continue; }
        const poppler::rectf r = pg->page_rect(poppler::crop_box);
        page.width = r.width();
        page.height = r.height();
        const auto o = pg->orientation();
        if (o == poppler::page::landscape || o == poppler::page::seascape) std::swap(page.width, page.height);
        // Boxes are in the displayed page; text drawn turned (a page rotated by /Rotate, or a
        // landscape table turned on a portrait page) is turned back by the rotation most of the
        // page's characters have, so that its lines read left to right again.
        std::vector<std::pair<pdfparse::Word, int>> boxes;
        std::size_t by_rotation[4] = {0, 0, 0, 0};
        for (const auto& box : pg->text_list()) {
            pdfparse::Word w;
            w.text = utf8_of(box.text());
            if (w.text.empty()) continue;
            const poppler::rectf b = box.bbox();
            w.x0 = b.x();
            w.y0 = b.y();
            w.x1 = b.right();
            w.y1 = b.bottom();
            w.space_after = box.has_space_after();
            const int rot = ((box.rotation() % 4) + 4) % 4;
            by_rotation[rot] += w.text.size();
            boxes.emplace_back(std::move(w), rot);
        }
        int turn = 0;
        for (int r = 1; r < 4; ++r)
            if (by_rotation[r] > by_rotation[turn]) turn = r;
        const double W = page.width, H = page.height;
        for (auto& box : boxes) {
            pdfparse::Word& w = box.first;
            const pdfparse::Word o = w;
            if (turn == 1) { w.x0 = o.y0; w.x1 = o.y1; w.y0 = W - o.x1; w.y1 = W - o.x0; }
            else if (turn == 2) { w.x0 = W - o.x1; w.x1 = W - o.x0; w.y0 = H - o.y1; w.y1 = H - o.y0; }
            else if (turn == 3) { w.x0 = H - o.y1; w.x1 = H - o.y0; w.y0 = o.x0; w.y1 = o.x1; }
            page.words.push_back(std::move(w));
        }
        if (turn == 1 || turn == 3) std::swap(page.width, page.height);
        words += page.words.size();
        pages.push_back(std::move(page));
    }
    if (words == 0) {
        fail(doc, "input.pdf-no-text",
             "PDF 没有文字层（扫描件或图片），未检查；本工具不做文字识别（OCR）",
             "the PDF has no text layer (a scan or images); not checked: OCR is out of scope");
        return;
    }
    // The document-information title (a printed web page's <title>) serves as the HTML one does.
    try {
        doc.html_title = utf8_of(pdf->get_title());
    } catch (...) {
        doc.html_title.clear();
    }
    for (char& c : doc.html_title)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    doc.source.clear();
    doc.blocks.clear();
    const auto loci = pdfparse::layout(pages, doc);
    doc.loci.clear();
    doc.loci.reserve(doc.lines.line_count());
    for (const auto& l : loci) {
        Locus k;
        k.page = static_cast<std::uint32_t>(l.page);
        k.line = static_cast<std::uint32_t>(l.line);
        doc.loci.push_back(k);
    }
    // The line after the rendering's last newline has no place in the PDF.
    doc.loci.resize(doc.lines.line_count());
}

} // namespace gk
