// gk-script-bench: converts a UTF-8 file traditional → simplified (or, with --s2t, the other way)
// with gkcheck's converter (core/script.hpp) and writes the result, like
// `opencc -c t2s.json -i IN -o OUT`, so that tools/bench --t2s can time both on the same bytes.
// Usage: gk-script-bench [--s2t] IN OUT
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/script.hpp"

int main(int argc, char** argv) {
    bool s2t = false;
    int k = 1;
    if (k < argc && std::string(argv[k]) == "--s2t") { s2t = true; ++k; }
    if (argc - k != 2) {
        std::cerr << "usage: gk-script-bench [--s2t] IN OUT\n";
        return 2;
    }
    std::ifstream in(argv[k], std::ios::binary);
    if (!in) { std::cerr << "gk-script-bench: cannot read " << argv[k] << "\n"; return 2; }
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const std::string out = s2t ? gk::script::to_traditional(text) : gk::script::to_simplified(text);
    std::ofstream o(argv[k + 1], std::ios::binary);
    o.write(out.data(), static_cast<std::streamsize>(out.size()));
    return o ? 0 : 2;
}
