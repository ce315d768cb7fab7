// Ingest: bytes → a Document with its source decoded to UTF-8.
//
// Guarantees: never throws on bad input and never crashes; every problem becomes an InputError
// on the returned Document (fatal ones mean the document was not parsed). Encoding: --encoding
// (IngestOptions::forced_encoding) when given, else a BOM, else the bytes and any <meta charset>/
// XML declaration weighed together (a declared UTF-16/32 is read as UTF-8): valid UTF-8 stays
// UTF-8 unless the declared charset also decodes it cleanly and it holds fewer than 4 multi-byte
// sequences; otherwise a declared GB18030/Big5 that decodes cleanly wins, and else the declared
// charset competes with the bytes' own guess (mostly-UTF-8 bytes as UTF-8, others as GB18030 or
// Big5): fewer invalid sequences wins, and a non-Chinese declaration also loses to a clean guess
// that reads as Chinese; with no declaration the guess is taken.
// GB18030 against Big5: fewer invalid sequences, then chinese_score(); ICU's charset detector
// only breaks a tie. GBK and GB2312 are decoded as GB18030 (a superset). Empty or whitespace-only
// input, binary input (NUL bytes, unless a BOM or --encoding says UTF-16/32; image magic, an
// unreadable ZIP) and inputs over the size limit are refused.
//
// Formats by magic, before any decoding (the "derived-text" formats: see Locus in
// document/document.hpp). `%PDF-` → format "pdf", a ZIP holding word/document.xml → format
// "docx": the Document has format, path, sha256 (of the original bytes) and `binary` (those
// bytes), an empty `source` and no encoding; parse_document reads them (parse_docx, parse_pdf),
// and the parser may add fatal errors. Refused as `input.unsupported`, with what to convert to:
// OLE compound files (.doc, .wps, .xls, .ppt: D0 CF 11 E0 A1 B1 1A E1), other ZIPs (.xlsx, .pptx,
// OpenDocument, plain archives, archives of over 10,000 entries). These interfaces are shared by
// the docx and pdf parsers: keep them stable.
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

// "html" or "text" (never "docx"/"pdf": those are told by their bytes): by extension first (.html .htm .shtml .xhtml / .txt), then by content.
std::string sniff_format(std::string_view path, std::string_view utf8_head);

std::string sha256_hex(std::string_view bytes);

// Converts UTF-8 back to a named encoding (for writing redacted copies in the input's encoding).
// Returns false when a character cannot be represented.
bool encode_from_utf8(std::string_view utf8, const std::string& encoding, std::string& out);

} // namespace gk
