// Placeholder until the PDF reader lands (parse/pdf.hpp): every PDF is refused with one clear error.
#include "parse/pdf.hpp"

namespace gk {

void parse_pdf(Document& doc, std::string_view) {
    InputError e;
    e.code = "input.unsupported";
    e.message = {"暂不支持 PDF 文件", "PDF input is not supported yet"};
    e.fatal = true;
    doc.errors.push_back(std::move(e));
}

} // namespace gk
