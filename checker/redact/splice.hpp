// Splicing replacements into a document's ORIGINAL bytes — the byte-exact machinery shared by
// `gkcheck redact` (masks) and `gkcheck fix` (mechanical fixes).
//
// What it guarantees:
// - The input is decoded again exactly as ingest decodes it, with the original byte offset of
//   every UTF-8 byte; it must reproduce Document::source byte for byte, or nothing is spliced.
// - Each Edit's decoded-source span [begin, end) is replaced by its text encoded in the
//   document's encoding; every other byte (markup, line endings, invalid bytes elsewhere) is kept.
// - The result is decoded again and must read as the source with the edits applied (`decoded`);
//   otherwise ok is false and nothing should be written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "document/document.hpp"

namespace gk {

// Decodes `bytes` as ingest does, recording for every UTF-8 byte the offset of the original byte
// sequence it came from (a BOM is skipped; invalid UTF-8 bytes become U+FFFD).
bool decode_with_offsets(std::string_view bytes, const std::string& encoding, std::string& utf8,
                         std::vector<std::uint32_t>& map);
// `text` in `encoding`, without the BOM that encoding UTF-16/32 would put first.
bool encode_piece(const std::string& text, const std::string& encoding, std::string& out);

struct SpliceResult {
    bool ok = false;
    std::string error;    // when !ok
    std::string bytes;    // the new file, in the input's encoding
    std::string decoded;  // what it decodes to (UTF-8)
};
// `edits` sorted by begin and disjoint; `original` the bytes `doc` was made from.
SpliceResult splice_edits(std::string_view original, const Document& doc, const std::vector<Edit>& edits);

} // namespace gk
