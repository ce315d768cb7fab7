// SHA-256 (FIPS 180-4) by nettle, which uses the CPU's SHA extensions where it has them: inputs
// are fingerprinted by it (batch runs and the results database are keyed by it), and so are the
// bundled rulesets at every start.
#include "ingest/ingest.hpp"

#include <cstdint>

#include <nettle/sha2.h>

namespace gk {

std::string sha256_hex(std::string_view bytes) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * SHA256_DIGEST_SIZE);
    for (const std::uint8_t v : digest) {
        out.push_back(hex[v >> 4]);
        out.push_back(hex[v & 0xF]);
    }
    return out;
}

} // namespace gk
