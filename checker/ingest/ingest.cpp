#include "ingest/ingest.hpp"
#include <fstream>
#include <sstream>
namespace gk {
// STUB: UTF-8 only
Document ingest_bytes(std::string_view bytes, const std::string& path, const IngestOptions&) {
    Document d; d.path = path; d.encoding = "UTF-8"; d.source = std::string(bytes);
    d.lines = LineIndex(d.source); d.format = sniff_format(path, d.source.substr(0, 512)); return d;
}
Document ingest_file(const std::string& path, const IngestOptions& o) {
    std::ifstream in(path, std::ios::binary); std::stringstream ss; ss << in.rdbuf();
    return ingest_bytes(ss.str(), path, o);
}
std::string sniff_format(std::string_view path, std::string_view) {
    return path.ends_with(".html") || path.ends_with(".htm") ? "html" : "text";
}
std::string sha256_hex(std::string_view) { return ""; }
bool encode_from_utf8(std::string_view utf8, const std::string&, std::string& out) { out = utf8; return true; }
} // namespace gk
