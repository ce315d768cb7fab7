// The PDF reader: bytes that start like a PDF go through poppler (not instrumented) into the
// layout; any other input is read as words with positions and laid out directly, so the layout
// code (parse/pdf_layout.cpp: lines, columns, furniture, tables, paragraphs) is what the fuzzer
// explores. Either way: no crash, no hang, one locus per source line.
#include <cstdlib>

#include "fuzz_common.hpp"
#include "parse/pdf.hpp"
#include "parse/pdf_layout.hpp"

namespace {

// Structured input: a page break at byte 0xFF; otherwise a word is 4 bytes of geometry
// (x, y, width, height in half points; y coarse so that words share lines) and text up to a
// byte < 0x20 (its low bit: a space after it).
std::vector<gk::pdfparse::Page> pages_of(std::string_view in) {
    std::vector<gk::pdfparse::Page> pages(1);
    pages[0].width = 612;
    pages[0].height = 792;
    std::size_t i = 0;
    while (i < in.size() && pages.size() < 64) {
        const auto b = static_cast<unsigned char>(in[i]);
        if (b == 0xFF) {
            pages.push_back({612, 792, {}});
            ++i;
            continue;
        }
        if (i + 4 > in.size()) break;
        gk::pdfparse::Word w;
        w.x0 = static_cast<unsigned char>(in[i]) * 2.5;
        w.y0 = static_cast<unsigned char>(in[i + 1]) * 3.0;
        w.x1 = w.x0 + static_cast<unsigned char>(in[i + 2]) * 0.5;
        w.y1 = w.y0 + 4 + static_cast<unsigned char>(in[i + 3]) % 32;
        i += 4;
        const std::size_t start = i;
        while (i < in.size() && static_cast<unsigned char>(in[i]) >= 0x20 && static_cast<unsigned char>(in[i]) != 0xFF) ++i;
        w.text.assign(in.substr(start, i - start));
        if (i < in.size() && static_cast<unsigned char>(in[i]) < 0x20) {
            w.space_after = (in[i] & 1) != 0;
            ++i;
        }
        pages.back().words.push_back(std::move(w));
    }
    return pages;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in = gk::fuzz::bytes(data, size);
    gk::Document d;
    d.path = "fuzz.pdf";
    if (in.starts_with("%PDF-")) {
        gk::parse_pdf(d, in);
        return 0;
    }
    const auto loci = gk::pdfparse::layout(pages_of(in), d);
    if (!d.source.empty() && loci.size() + 1 < d.lines.line_count()) std::abort(); // one locus per line
    for (const auto& b : d.blocks)
        for (std::size_t k = 0; k < b.text.origin.size(); ++k)
            if (b.text.origin[k] > d.source.size()) std::abort(); // texts map into the source
    return 0;
}
