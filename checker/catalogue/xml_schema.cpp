#include "catalogue/xml_schema.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

namespace gk {

namespace fs = std::filesystem;

namespace {

struct SchemaErrors {
    std::string file;
    std::vector<std::string> messages;
};

void collect_error(void* ctx, const xmlError* err) {
    auto* sink = static_cast<SchemaErrors*>(ctx);
    std::string msg = err->message ? err->message : "invalid";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    const std::string file = err->file ? err->file : sink->file;
    sink->messages.push_back(file + ":" + std::to_string(err->line) + ": " + msg);
}

std::string trimmed(std::string m) {
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
}
// The first xs:import / xs:include / xs:redefine / xs:override element under `n`.
const xmlNode* find_reference(const xmlNode* n) {
    static const char* const kXsd = "http://www.w3.org/2001/XMLSchema";
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (n->ns && n->ns->href && std::string_view(reinterpret_cast<const char*>(n->ns->href)) == kXsd) {
            const std::string_view name = reinterpret_cast<const char*>(n->name);
            if (name == "import" || name == "include" || name == "redefine" || name == "override") return n;
        }
        if (const xmlNode* found = find_reference(n->children)) return found;
    }
    return nullptr;
}

const xmlNode* find_xinclude(const xmlNode* n) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (n->ns && n->ns->href) {
            const std::string_view ns = reinterpret_cast<const char*>(n->ns->href);
            if (ns == "http://www.w3.org/2001/XInclude" || ns == "http://www.w3.org/2003/XInclude") return n;
        }
        if (const xmlNode* found = find_xinclude(n->children)) return found;
    }
    return nullptr;
}


} // namespace

XmlSchema::XmlSchema(const std::string& xsd_path, What what) : what_(what), xsd_name_(std::filesystem::path(xsd_path).filename().string()) {
    const std::string noun = what == ruleset ? "ruleset" : "scoring scheme";
    std::error_code ec;
    if (!fs::is_regular_file(xsd_path, ec)) throw RulesetError(xsd_path + ": " + noun + " schema not found");
    SchemaErrors errors{xsd_path, {}};
    // The schema is read like the rulesets (no network, no DTD, no entities) and must be one
    // self-contained file: xs:import, xs:include, xs:redefine and xs:override would make
    // libxml2 read other files or URLs (a --rules directory is not trusted to do that).
    doc_ = xmlReadFile(xsd_path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc_) {
        const xmlError* e = xmlGetLastError();
        throw RulesetError(xsd_path + ":" + std::to_string(e ? e->line : 0) + ": invalid " + noun + " schema: not well-formed XML" +
                           (e && e->message ? std::string(": ") + trimmed(e->message) : std::string()));
    }
    if (doc_->intSubset || doc_->extSubset) {
        xmlFreeDoc(doc_);
        throw RulesetError(xsd_path + ": invalid " + noun + " schema: a DOCTYPE is not allowed");
    }
    if (const xmlNode* ref = find_reference(xmlDocGetRootElement(doc_))) {
        const std::string what = reinterpret_cast<const char*>(ref->name);
        const long line = xmlGetLineNo(ref);
        xmlFreeDoc(doc_);
        throw RulesetError(xsd_path + ":" + std::to_string(line) + ": invalid " + noun + " schema: xs:" + what +
                           " is not allowed (the schema must be one self-contained file)");
    }
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewDocParserCtxt(doc_);
    if (!pctx) { xmlFreeDoc(doc_); throw RulesetError(xsd_path + ": cannot open ruleset schema"); }
    xmlSchemaSetParserStructuredErrors(pctx, reinterpret_cast<xmlStructuredErrorFunc>(collect_error), &errors);
    schema_ = xmlSchemaParse(pctx);
    xmlSchemaFreeParserCtxt(pctx);
    if (!schema_) {
        xmlFreeDoc(doc_);
        throw RulesetError(errors.messages.empty() ? xsd_path + ": invalid " + noun + " schema"
                                                   : "invalid " + noun + " schema: " + errors.messages.front());
    }
}
XmlSchema::~XmlSchema() {
    xmlSchemaFree(schema_);
    xmlFreeDoc(doc_);
}

void XmlSchema::validate(const std::string& file, const std::string& text) const {
    const std::string noun = what_ == ruleset ? "a ruleset" : "a scoring scheme";
    SchemaErrors errors{file, {}};
    xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), file.c_str(), nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError* e = xmlGetLastError();
        throw RulesetError(file + ":" + std::to_string(e ? e->line : 0) + ": not well-formed XML" +
                           (e && e->message ? std::string(": ") + trimmed(e->message) : std::string()));
    }
    // No DTD: entities are never expanded nor external subsets loaded, and a declared one
    // would otherwise pass as literal text ("&x;").
    if (doc->intSubset || doc->extSubset) {
        const long line = doc->intSubset ? xmlGetLineNo(reinterpret_cast<xmlNodePtr>(doc->intSubset)) : 0;
        xmlFreeDoc(doc);
        throw RulesetError(file + ":" + std::to_string(line > 0 ? line : 1) + ": a DOCTYPE is not allowed in " + noun + " (no DTD, no entities)");
    }
    // XInclude is never processed; an <xi:include> would silently read as an empty element
    // (an empty pattern, a missing term), so it is refused outright.
    if (const xmlNode* xi = find_xinclude(xmlDocGetRootElement(doc))) {
        const long line = xmlGetLineNo(xi);
        xmlFreeDoc(doc);
        throw RulesetError(file + ":" + std::to_string(line) + ": XInclude is not allowed in " + noun);
    }
    xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema_);
    xmlSchemaSetValidStructuredErrors(vctx, reinterpret_cast<xmlStructuredErrorFunc>(collect_error), &errors);
    const int rc = xmlSchemaValidateDoc(vctx, doc);
    xmlSchemaFreeValidCtxt(vctx);
    xmlFreeDoc(doc);
    if (rc != 0) {
        std::string msg = errors.messages.empty() ? file + ": does not match " + xsd_name_ : errors.messages.front();
        while (!msg.empty() && msg.back() == '\n') msg.pop_back();
        throw RulesetError(msg);
    }
}


} // namespace gk
