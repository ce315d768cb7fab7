// Ingest: bytes → a Document with its source decoded to UTF-8.
//
// Guarantees: never throws on bad input and never crashes; every problem becomes an InputError
// on the returned Document (fatal ones mean the document was not parsed). Encoding is chosen
// in this order: BOM, <meta charset>/XML declaration, valid UTF-8, ICU's charset detector.
// GBK and GB2312 are decoded as GB18030 (a superset). Binary input (NUL bytes, PDF/ZIP/image
// magic) and inputs over the size limit are refused.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "document/document.hpp"

namespace gk {

struct IngestOptions {
    std::size_t max_bytes = 64u * 1024u * 1024u;
    std::string forced_encoding; // --encoding: skip detection
};

// `path` names the input in findings ("-" is reported as `display_name`).
Document ingest_bytes(std::string_view bytes, const std::string& path, const IngestOptions& opts);
// Reads a file ("-": standard input), never more than max_bytes + 1 bytes, so a caller can tell
// an input over the limit without reading it all. nullopt (with `error` set) when unreadable.
std::optional<std::string> read_input(const std::string& path, std::size_t max_bytes, std::string& error);
// read_input then ingest_bytes. Unreadable → InputError.
Document ingest_file(const std::string& path, const IngestOptions& opts);

// "html" or "text": by extension first (.html .htm .shtml .xhtml / .txt), then by content.
std::string sniff_format(std::string_view path, std::string_view utf8_head);

std::string sha256_hex(std::string_view bytes);

// Converts UTF-8 back to a named encoding (for writing redacted copies in the input's encoding).
// Returns false when a character cannot be represented.
bool encode_from_utf8(std::string_view utf8, const std::string& encoding, std::string& out);

} // namespace gk
