// The PDF reader through poppler-cpp (Debian libpoppler-cpp-dev): words with their boxes per page,
// in the page's displayed orientation (parse/pdf_reader.hpp). Built twice: as the module
// gkcheck-pdf.so the gkcheck binary loads on its first PDF, and into the tests and fuzz targets.
// It uses nothing of the core but the data types of pdf_reader.hpp.
#include "parse/pdf_reader.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace {

using gk::pdfparse::Page;
using gk::pdfparse::Reading;
using gk::pdfparse::Word;

// The first diagnostic poppler gave on this thread while opening the current document.
thread_local std::string poppler_said;
void quiet(const std::string& msg, void*) {
    if (!poppler_said.empty()) return;
    std::string_view m = msg;
    while (m.starts_with("error: ") || m.starts_with("Error: ")) m.remove_prefix(7);
    poppler_said = "poppler: " + std::string(m.substr(0, 200));
}

// Poppler reports damaged input on stderr through a process-wide callback; it is set once, to
// nothing (the reader turns failures into a status instead).
void silence_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
}

std::string utf8_of(const poppler::ustring& u) {
    const poppler::byte_array b = u.to_utf8();
    return std::string(b.begin(), b.end());
}

void read(const char* data, std::size_t size, Reading& out) {
    silence_poppler();
    if (size > static_cast<std::size_t>(INT_MAX)) {
        out.status = Reading::Status::invalid;
        out.diagnostic = "too large";
        return;
    }
    std::unique_ptr<poppler::document> pdf;
    poppler_said.clear();
    try {
        pdf.reset(poppler::document::load_from_raw_data(data, static_cast<int>(size)));
    } catch (...) {
        pdf.reset();
    }
    if (!pdf) {
        out.status = Reading::Status::invalid;
        out.diagnostic = poppler_said;
        return;
    }
    if (pdf->is_locked()) {
        out.status = Reading::Status::encrypted;
        return;
    }
    const int n = pdf->pages();
    for (int i = 0; i < n; ++i) {
        std::unique_ptr<poppler::page> pg(pdf->create_page(i));
        Page page;
        if (!pg) { out.pages.push_back(std::move(page)); continue; }
        const poppler::rectf r = pg->page_rect(poppler::crop_box);
        page.width = r.width();
        page.height = r.height();
        const auto o = pg->orientation();
        if (o == poppler::page::landscape || o == poppler::page::seascape) std::swap(page.width, page.height);
        // Boxes are in the displayed page; text drawn turned (a page rotated by /Rotate, or a
        // landscape table turned on a portrait page) is turned back by the rotation most of the
        // page's characters have, so that its lines read left to right again.
        std::vector<std::pair<Word, int>> boxes;
        std::size_t by_rotation[4] = {0, 0, 0, 0};
        for (const auto& box : pg->text_list()) {
            Word w;
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
        for (int k = 1; k < 4; ++k)
            if (by_rotation[k] > by_rotation[turn]) turn = k;
        const double W = page.width, H = page.height;
        for (auto& box : boxes) {
            Word& w = box.first;
            const Word o = w;
            if (turn == 1) { w.x0 = o.y0; w.x1 = o.y1; w.y0 = W - o.x1; w.y1 = W - o.x0; }
            else if (turn == 2) { w.x0 = W - o.x1; w.x1 = W - o.x0; w.y0 = H - o.y1; w.y1 = H - o.y0; }
            else if (turn == 3) { w.x0 = H - o.y1; w.x1 = H - o.y0; w.y0 = o.x0; w.y1 = o.x1; }
            page.words.push_back(std::move(w));
        }
        if (turn == 1 || turn == 3) std::swap(page.width, page.height);
        out.pages.push_back(std::move(page));
    }
    try {
        out.title = utf8_of(pdf->get_title());
    } catch (...) {
        out.title.clear();
    }
}

} // namespace

extern "C" void gk_pdf_read(const char* data, std::size_t size, gk::pdfparse::Reading* out) {
    try {
        read(data, size, *out);
    } catch (const std::exception& e) {
        *out = Reading{};
        out->status = Reading::Status::invalid;
        out->diagnostic = std::string("poppler: ") + e.what();
    } catch (...) {
        *out = Reading{};
        out->status = Reading::Status::invalid;
    }
}
