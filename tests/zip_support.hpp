// ZIP archives built in memory with libzip, for the docx tests and the bad-input matrix.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gk::test {

// The bytes of a ZIP archive holding `entries` (name, content), deflated, in order.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries);

// A minimal .docx: [Content_Types].xml, _rels/.rels and word/document.xml with `body` (the
// content of <w:body>, WordprocessingML with the usual w:, mc:, wps:, v: prefixes declared),
// plus word/styles.xml, word/numbering.xml and word/footnotes.xml when not empty.
std::string make_docx(const std::string& body, const std::string& styles = "", const std::string& numbering = "",
                      const std::string& footnotes = "");

} // namespace gk::test
