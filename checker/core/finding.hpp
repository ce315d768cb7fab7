// The one Finding model every check produces and every printer consumes.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/text.hpp"

namespace gk {

enum class Severity { info, warning, error };
const char* to_string(Severity s);
std::optional<Severity> severity_from_string(std::string_view s);

// A message in both languages; printers choose by --lang. Ids never depend on the language.
struct Message {
    std::string zh;
    std::string en;
    const std::string& in(std::string_view lang) const { return lang == "en" ? en : zh; }
};

// One replacement of a mechanical fix: the bytes [begin, end) of the decoded source become `text`
// (UTF-8). `gkcheck fix` splices it into the original bytes (checker/redact/fix.hpp).
struct Edit {
    SourceOffset begin = 0, end = 0;
    std::string text;
    bool operator==(const Edit&) const = default;
};

struct Finding {
    std::string rule;           // stable dotted id, e.g. "table.requests.balance"
    Severity severity = Severity::warning;
    Message message;
    SourceOffset offset = 0;    // byte offset in the decoded source; line/column derived from it
    Position position;          // filled by the pipeline from offset (1-based, code points)
    // Table findings: table id ("requests"/"review"/"active"), row id and column id.
    std::string table, row, col;
    std::string expected, actual;  // for arithmetic and mismatch findings, as printed numbers
    std::map<std::string, std::string> extra; // additional stable keys for JSON consumers
    // The span judged, for editors: [offset, end) of the decoded source. end <= offset: a point
    // (a missing section, a table sum) — then end_position is position and excerpt is empty.
    SourceOffset end = 0;
    Position end_position;      // filled with position; exclusive (the character after the span)
    // What is judged as written (decoded from the original bytes): filled by the check stage from
    // [offset, end) unless the kind set it (privacy kinds set the masked value: a finding never
    // spells out a personal value). At most 200 bytes, cut on a code-point boundary.
    std::string excerpt;
    std::vector<Edit> fix;      // a mechanical fix, when there is one: edits in source order, disjoint
};

// A problem with the input itself (unreadable, binary, too large, invalid bytes). These are
// values on the document, never exceptions; only the CLI turns them into exit code 2.
struct InputError {
    std::string code;     // "input.binary", "input.too-large", "input.encoding", "input.empty", ...
    Message message;
    bool fatal = true;    // false: reported, but the document was still checked
};

} // namespace gk
