// PDF input: the reader (parse/pdf_reader.hpp: poppler, linked in or loaded as a module on the
// first PDF) gives each page's words with their boxes; the layout (parse/pdf_layout.hpp) makes
// the Document from them.
#include "parse/pdf.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/module.hpp"
#include "parse/pdf_layout.hpp"
#include "parse/pdf_reader.hpp"

// Defined where the reader is linked in (the tests, the fuzz targets); null in the gkcheck
// binary, which loads the module instead.
extern "C" __attribute__((weak)) void gk_pdf_read(const char* data, std::size_t size, gk::pdfparse::Reading* out);

namespace gk {

namespace {

using ReadFn = void (*)(const char*, std::size_t, pdfparse::Reading*);

struct Reader {
    ReadFn read = nullptr;
    std::string error; // why there is none
};

// The linked-in reader, or the module gkcheck-pdf.so (or $GKCHECK_PDF_MODULE): loaded once, on
// the first PDF, and kept for the life of the process.
Reader load_reader() {
    if (&gk_pdf_read != nullptr) return {&gk_pdf_read, ""};
    Reader r;
    r.read = reinterpret_cast<ReadFn>(module_symbol("gkcheck-pdf.so", "GKCHECK_PDF_MODULE", "gk_pdf_read", r.error));
    return r;
}

const Reader& reader() {
    static const Reader r = load_reader();
    return r;
}

void fail(Document& doc, const char* code, std::string zh, std::string en) {
    InputError e;
    e.code = code;
    e.message = {std::move(zh), std::move(en)};
    e.fatal = true;
    doc.errors.push_back(std::move(e));
}

} // namespace

void parse_pdf(Document& doc, std::string_view bytes) {
    doc.format = "pdf";
    doc.encoding = "UTF-8";
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
        fail(doc, "input.pdf-invalid", "PDF 文件过大，无法读取", "PDF too large to read");
        return;
    }
    const Reader& r = reader();
    if (!r.read) {
        fail(doc, "input.pdf-unavailable", "无法加载 PDF 读取模块，未检查：" + r.error,
             "cannot load the PDF reader module; not checked: " + r.error);
        return;
    }
    pdfparse::Reading reading;
    r.read(bytes.data(), bytes.size(), &reading);
    if (reading.status == pdfparse::Reading::Status::invalid) {
        const std::string& said = reading.diagnostic;
        fail(doc, "input.pdf-invalid", "无法打开 PDF 文件（文件已损坏或不是 PDF）" + (said.empty() ? "" : "：" + said),
             "cannot open the PDF (damaged, or not a PDF)" + (said.empty() ? "" : ": " + said));
        return;
    }
    if (reading.status == pdfparse::Reading::Status::encrypted) {
        fail(doc, "input.pdf-encrypted", "PDF 文件已加密，需要密码才能打开，未检查；请提供未加密的文件",
             "the PDF is encrypted and needs a password; not checked: provide an unencrypted copy");
        return;
    }
    std::size_t words = 0;
    for (const auto& p : reading.pages) words += p.words.size();
    if (words == 0) {
        fail(doc, "input.pdf-no-text",
             "PDF 没有文字层（扫描件或图片），未检查；本工具不做文字识别（OCR）",
             "the PDF has no text layer (a scan or images); not checked: OCR is out of scope");
        return;
    }
    // The document-information title (a printed web page's <title>) serves as the HTML one does.
    doc.html_title = std::move(reading.title);
    for (char& c : doc.html_title)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    doc.source.clear();
    doc.blocks.clear();
    const auto loci = pdfparse::layout(reading.pages, doc);
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
