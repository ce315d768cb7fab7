#include "zip_support.hpp"

#include <zip.h>

#include <stdexcept>

namespace gk::test {

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!out) throw std::runtime_error("zip_source_buffer_create");
    zip_source_keep(out);
    zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &error);
    if (!za) throw std::runtime_error("zip_open_from_source");
    for (const auto& e : entries) {
        zip_source_t* s = zip_source_buffer(za, e.second.data(), e.second.size(), 0);
        if (!s || zip_file_add(za, e.first.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) throw std::runtime_error("zip_file_add");
    }
    if (zip_close(za) < 0) throw std::runtime_error("zip_close");
    std::string bytes;
    if (zip_source_open(out) == 0) {
        zip_source_seek(out, 0, SEEK_END);
        const zip_int64_t size = zip_source_tell(out);
        zip_source_seek(out, 0, SEEK_SET);
        bytes.resize(static_cast<std::size_t>(size));
        if (size > 0) zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
        zip_source_close(out);
    }
    zip_source_free(out);
    zip_error_fini(&error);
    return bytes;
}

namespace {
const char* kNs =
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
    " xmlns:v=\"urn:schemas-microsoft-com:vml\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
}

std::string make_docx(const std::string& body, const std::string& styles, const std::string& numbering,
                      const std::string& footnotes) {
    std::vector<std::pair<std::string, std::string>> entries = {
        {"[Content_Types].xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
         "Target=\"word/document.xml\"/></Relationships>"},
        {"word/document.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document") + kNs + "><w:body>" + body +
                                  "</w:body></w:document>"},
    };
    if (!styles.empty())
        entries.push_back({"word/styles.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles") + kNs + ">" + styles + "</w:styles>"});
    if (!numbering.empty())
        entries.push_back({"word/numbering.xml",
                           std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering") + kNs + ">" + numbering + "</w:numbering>"});
    if (!footnotes.empty())
        entries.push_back({"word/footnotes.xml",
                           std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes") + kNs + ">" + footnotes + "</w:footnotes>"});
    return make_zip(entries);
}

} // namespace gk::test
