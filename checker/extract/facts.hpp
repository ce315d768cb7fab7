// Facts: what the extract stage learns about a document. Checks read Facts and the Document;
// they never re-parse the source, and never derive again what is here: everything below is
// computed once per document by extract() (extract/extract.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "normalise/dates.hpp"
#include "privacy/recognise.hpp"

namespace gk {

// Facts of a published page (filled by extract/page_text.cpp).
namespace page {

// A 索引号 split into its parts (extract/index_number.hpp has the shapes recognised).
enum class PrefixKind {
    credit_code, // 18 characters: 统一社会信用代码
    org_code,    // 9 characters (8 + check), possibly written with hyphens
    digits,      // another all-digit code (e.g. 10-digit area+unit)
};

struct IndexNumber {
    std::string prefix;      // as printed (hyphens kept)
    std::string code;        // prefix without hyphens, upper-cased
    PrefixKind kind = PrefixKind::digits;
    bool org_code_hyphenated = false; // "01525761-8": unmistakably a 组织机构代码
    int year = 0;
    std::optional<int> month;
    std::string serial;
};

// The document's own 文号 printed as a line of its own in the body (e.g. 「国办发〔2018〕123号」),
// with any bracket style. Citations of other documents inside sentences are not it.
struct BodyDocNo {
    std::string text;       // normalised, as printed
    std::string canonical;  // canonical_docno(text)
    SourceOffset offset = 0;
};

// 文号 with brackets unified to 〔〕, whitespace and 第 before the number removed, for comparison.
std::string canonical_docno(std::string_view docno);

// The issuing organ's signature (落款): an organ name (ending in 人民政府/办公室/局/委员会 …)
// followed by a date, on one line or on two consecutive body lines. The first one in the document.
struct Signature {
    Date date;                    // as printed (may be invalid: check is_valid)
    SourceOffset date_offset = 0;
    SourceOffset organ_offset = 0;
    std::string organ;            // the organ name as printed (original text, spaces trimmed)
};

// A 公开属性 marking printed in the body (「（此件公开发布）」 …).
struct Marking {
    std::string attribute;   // attribute id of the catalogue's disclosure lexicon ("public" …)
    std::string text;        // as printed
    SourceOffset offset = 0;
};

} // namespace page

struct OutlineEntry {
    int level = 1;          // 1: 一、  2: (一)  3: 1.  4: (1)
    std::string number;     // as printed, normalised: "一", "(一)"→"一", "1"
    int value = 0;          // numeric value of the number (一 → 1)
    std::string title;      // heading text after the number (normalised)
    std::size_t block = 0;  // index into Document::blocks
    SourceOffset offset = 0;
    bool from_heading_block = false; // a heading element vs a numbered paragraph
};

struct MetaField {
    std::string value;      // normalised value; dates as YYYY-MM-DD
    std::string raw;        // as printed
    std::string label;      // label as printed (e.g. "索  引  号")
    SourceOffset offset = 0;
};

// One numeric cell of a template table (filled by the annual-report extractor).
struct CellValue {
    std::optional<std::string> value; // exact decimal as text ("16", "+3", "3.61"); nullopt = null
    std::string raw;                  // printed text
    std::string unit;                 // "元" / "万元" / "亿元" when printed
    bool assumed_zero = false;        // blank-like part read as 0
    bool not_stated = false;          // blank-like total
    bool recovered = false;           // split out of run-together digits
    SourceOffset offset = 0;
    Position position;                // line:column of offset (filled by the extractor)
    int grid_row = -1, grid_col = -1; // position in the source table grid, when from a grid
};

// A printed table label that matches no label of the format (report.table.label).
struct TableLabelNote {
    std::string printed;              // as printed (normalised)
    std::string expected;             // the format's label it stands for ("" if unknown)
    SourceOffset offset = 0;
};

struct TemplateTable {
    std::string id;                   // "requests" | "review" | "active"
    bool present = false;
    bool verifiable = true;           // false: found but cells could not be recovered
    std::string why_unverifiable;
    SourceOffset offset = 0;
    Position position;                // line:column of offset (filled by the extractor)
    std::size_t block = 0;
    std::string form;                 // Table::form the values came from ("html", "pipe", "runtogether")
    std::vector<TableLabelNote> label_notes;
    // row id → column id → value (ids from spec/output.md)
    std::map<std::string, std::map<std::string, CellValue>> cells;
    std::vector<std::string> assumed_zero, not_stated; // "row.col"
    // The text ends inside this table: the last row found is the document's last content and rows
    // of the format after it are absent. Where (that row's label), for Facts::truncated.
    std::optional<SourceOffset> cut_at;
};

// A metadata date field (created, published) read as a date.
struct MetaDate {
    std::optional<page::Date> printed; // the first date as printed (raw, else value); may be invalid
    std::optional<page::Date> valid;   // the valid date the field holds (value, else raw), if any;
                                       // only for a field with a non-empty value
};

// A possible level-1 section heading of an annual report, found more loosely than the outline
// entries (for report.section.*): in every block but tables, images and page furniture (hidden
// and metadata blocks included), either a Chinese numeral followed by 、 . or ．at the start of
// the block or after 。；！？ space ) ” ：, or a short (≤ 30 code points) block not starting with
// "(". Which section it names is the kind's judgement.
struct SectionHead {
    bool numbered = false;    // false: a short unnumbered block
    std::optional<int> value; // the numeral printed (一 → 1), when numbered and readable
    std::string after;        // normalised text after the number and separator (at most 150
                              // bytes); the whole block for an unnumbered one
    std::string printed;      // the heading as printed, cut at its end (for messages)
    SourceOffset offset = 0;
    std::size_t block = 0;
};

// What the 公开属性 of a page is, as printed (Catalogue::disclosure() gives the attributes).
struct Disclosure {
    std::vector<page::Marking> markings; // in the body, in document order
    std::string field;                   // attribute id the 公开方式/公开属性 field states; "" none
};

// Who the document is from (extract/agency.cpp): the organ named by the title, the metadata
// (发布机构, 来源) and the signature, normalised by the catalogue's agency lexicon.
struct AgencyEvidence {
    std::string source;       // "title" | "publisher" | "source" | "signature"
    std::string text;         // the organ name as printed there (spaces removed)
    std::string normalised;   // what the lexicon made of it
    SourceOffset offset = 0;
    bool agrees = true;       // names the chosen agency (itself, its office, or its old name)
};

struct Agency {
    std::string name;         // as printed by the best source (title, else publisher, source, signature)
    std::string normalised;   // one spelling per agency, after variants and renames
    std::string level;        // "national" | "province" | "city" | "county" | "township" | ""
    std::string kind;         // "government" | "department"
    std::vector<AgencyEvidence> evidence; // every source that named an organ, in the order above
};

// The signature of one level-1 section of an annual report, for cross.duplicate (extract/
// sections.cpp, configured by the catalogue's <data name="similarity">): MinHash of the set of
// character n-grams of its text (spaces and punctuation removed).
struct SectionPrint {
    std::string number;       // "五"
    std::string title;        // heading text after the number
    SourceOffset offset = 0;  // the heading
    std::size_t chars = 0;    // characters hashed
    std::vector<std::uint32_t> minhash;
};

struct Facts {
    std::string type = "other";       // annual-report | notice | plan | summary | guide | other
    std::optional<int> year;          // report year / document year
    std::string year_source;          // "title", "period", "opening", "text", "published", "created", ...
    // What decided the type: "title" (the title's head noun), "opening" (「本报告根据《条例》…」
    // or a statistics-period sentence), "structure" (an untitled text that opens with a section
    // heading of the annual-report form and prints a table label of a format); "" for "other".
    std::string type_evidence;
    std::string template_id;          // "2019" | "2021" | "legacy" | "" (null)
    std::string title;
    SourceOffset title_offset = 0;
    std::vector<OutlineEntry> outline;
    std::map<std::string, MetaField> metadata; // keys of spec/output.md: index_no, publisher, ...
    std::map<std::string, TemplateTable> tables;
    // Loose level-1 heading candidates for the section rules (see SectionHead), document order.
    std::vector<SectionHead> section_heads;

    // The text stops inside a sentence or a table row (an excerpt, a cut-off crawl or paste): the
    // last body block is a table whose last row is shorter than the one before, a heading with
    // nothing under it, or prose without sentence-final punctuation that is not a line a text may
    // end on (a date, an organ name, a field line such as 附件：…; those only when shorter than
    // 20 code points) nor a whole sentence followed by a space and a few words of furniture
    // (「…。 附件下载」). What is absent after the cut is not "missing", it is not verifiable. The
    // reason in Chinese (truncated) and English (truncated_en); empty when the text looks whole.
    std::string truncated, truncated_en;
    SourceOffset truncated_at = 0;

    // ---- the published page (extract/page_text.cpp) ----
    // Body blocks: text blocks that are not page furniture, not hidden, not part of the metadata
    // block (flagged by the parser, or a short block holding a metadata field), in order.
    std::vector<std::size_t> body_blocks;
    std::optional<page::BodyDocNo> body_docno;
    std::optional<page::Signature> signature;
    Disclosure disclosure;
    std::map<std::string, MetaDate> dates;        // "created", "published" when present
    std::optional<page::IndexNumber> index_number; // the 索引号 field split, when it has the form
    // The agency the document is from; nullopt when no source names an organ or the catalogue
    // has no agency lexicon.
    std::optional<Agency> agency;
    // Signatures of the sections <data name="similarity"> names (annual reports only).
    std::vector<SectionPrint> sections;
    // Personal data (privacy/recognise.hpp); nullopt when the catalogue has no privacy config.
    std::optional<privacy::Scan> privacy;

    // A metadata field with a non-empty value (spaces trimmed), or nullptr.
    const MetaField* field(std::string_view key) const;
    // The valid date of a metadata date field (dates[key].valid), or nullopt.
    std::optional<page::Date> date(std::string_view key) const;
    // A 公文: it has a 文号 (metadata field or printed in the body) or an issuing-organ signature.
    bool is_official_document() const { return field("doc_no") || body_docno || signature; }
};

} // namespace gk
