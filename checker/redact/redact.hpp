// `gkcheck redact`: writes de-identified copies of documents.
//
// What it guarantees:
//  - The personal values privacy.* recognises are masked in place, character for character:
//    ID numbers keep their first 6 and last 4 characters (15-digit: first 6 and last 3, so the
//    whole birth date is hidden), mobiles keep 3 + 4 (138****5678), bank cards keep the last 4,
//    house numbers in address columns of 公示 tables lose their digits, and masks already in the
//    document are brought up to the same standard (so weak or stitchable masks are fixed; this
//    only ever hides more). An ASCII digit or X becomes
//    '*', a full-width digit or Ｘ becomes full-width '＊' (same width, and the same number of bytes
//    in UTF-8, GB18030 and Big5), a numeric character reference for a digit (&#49;) becomes '*'.
//    A value of which a character to hide is none of these in the source is left unmasked and
//    counted as "could not be masked safely"; the rest of the file is still masked and written.
//  - Nothing else changes: the masked characters are spliced into the ORIGINAL bytes (located
//    through an ICU decode with offsets: redact/splice.hpp, shared with `gkcheck fix`), so markup, line endings, unrelated characters and even
//    invalid bytes elsewhere are kept byte for byte, and the output is in the input's encoding.
//    A file that cannot be handled that way is refused, never written approximately.
//  - The input is never modified; an existing output is not replaced without `force`; every
//    output is written to a temporary file in the target directory and renamed into place.
//  - `-` as the single input reads standard input; `-` as output writes the redacted bytes to
//    the `out` stream (the listing then goes to `err`).
//  - A directory input mirrors its tree of checkable files (.html .htm .shtml .xhtml .txt;
//    hidden entries and earlier outputs inside the tree skipped) under the output directory.
//  - Exit code: 2 for usage errors and for any file not redacted (unreadable, refused input,
//    refused as above, existing output without `force`, output = input, unwritable); otherwise
//    1 when an error-level privacy.* finding remains in what was (or, with dry_run, would be)
//    written — re-checked with the privacy.* rules of the same rules directory — or a value could
//    not be masked safely, and 0 when the output is clean.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "document/document.hpp"
#include "privacy/recognise.hpp"

namespace gk {

struct RedactOptions {
    std::vector<std::string> inputs;
    std::string output;
    bool force = false;
    bool dry_run = false;
    std::string lang = "zh";
    std::size_t max_bytes = 64u << 20;
};

namespace privacy { struct Config; }

// The catalogue gives the privacy configuration and the privacy.* rules the output is
// re-checked with (the caller loads it from --rules, like `gkcheck check`).
int run_redact(const RedactOptions& options, const Catalogue& catalogue, std::ostream& out, std::ostream& err);

// The engine behind run_redact, for one document already read: exposed for tests.
struct RedactEdit {
    std::string kind;          // "id-number" | "mobile" | "bank-card" | "address" | "weak-mask"
    SourceOffset offset = 0;   // first character of the value in the decoded source
    std::string masked;        // the value as it will read afterwards
};
struct RedactResult {
    bool ok = false;
    std::string error;                 // when !ok
    std::string bytes;                 // the redacted file, in the input's encoding
    std::vector<RedactEdit> edits;     // one per value
    std::size_t characters = 0;        // characters replaced
    std::size_t unredactable = 0;      // values whose characters could not be located safely
};
// `original` are the file's bytes; `doc` is the analysed document made from them; `scan` its
// privacy scan (Facts::privacy, computed once by extract).
RedactResult redact_document(std::string_view original, const Document& doc, const privacy::Scan& scan);
// The same, scanning `doc` with `config` first (for callers without Facts).
RedactResult redact_document(std::string_view original, const Document& doc, const privacy::Config& config);

} // namespace gk
