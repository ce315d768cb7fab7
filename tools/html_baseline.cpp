// The baseline of `tools/bench --html`: what libxml2 alone does with the same HTML files, with no
// checking at all. For every file named on the command line: read it whole, parse it with
// htmlCtxtReadMemory and the options parse/html.cpp uses (UTF-8 forced, recovery, no network),
// and walk the tree collecting every text node into one string, as a text extractor would.
// Prints the number of files, bytes read and text bytes collected (so nothing is optimised away).
// tools/bench compiles it itself (c++ -O2, pkg-config libxml-2.0); it is not part of the build.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    xmlInitParser();
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    unsigned long long files = 0, bytes = 0, text_bytes = 0;
    std::string text;
    std::vector<xmlNodePtr> stack;
    std::vector<std::string> paths(argv + 1, argv + argc);
    if (paths.empty())
        for (std::string line; std::getline(std::cin, line);)
            if (!line.empty()) paths.push_back(line);
    for (const std::string& path : paths) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "html_baseline: cannot read %s\n", path.c_str());
            return 2;
        }
        const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
        if (!ctxt) return 2;
        htmlDocPtr doc = htmlCtxtReadMemory(ctxt, source.data(), static_cast<int>(source.size()), nullptr,
                                            "UTF-8", options);
        text.clear();
        if (doc) {
            stack.assign(1, xmlDocGetRootElement(doc));
            while (!stack.empty()) {
                xmlNodePtr n = stack.back();
                stack.pop_back();
                for (; n; n = n->next) {
                    if (n->type == XML_TEXT_NODE && n->content) {
                        text += reinterpret_cast<const char*>(n->content);
                    } else if (n->type == XML_ELEMENT_NODE && n->children) {
                        if (n->next) stack.push_back(n->next);
                        stack.push_back(n->children);
                        break;
                    }
                }
            }
            xmlFreeDoc(doc);
        }
        htmlFreeParserCtxt(ctxt);
        ++files;
        bytes += source.size();
        text_bytes += text.size();
    }
    std::printf("%llu files, %llu bytes, %llu text bytes\n", files, bytes, text_bytes);
    return 0;
}
