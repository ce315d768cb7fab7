// The grammar of Chinese official text (checker/grammar/grammar.hpp): every reader on the whole
// input, and the positional readers at every byte (inputs are capped so that stays cheap).
#include "fuzz_common.hpp"
#include "grammar/grammar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return -1;
    gk::charset::Decoded dec;
    gk::charset::decode(gk::fuzz::bytes(data, size), "UTF-8", dec); // normalised text is UTF-8
    const std::string_view s = dec.utf8;
    namespace g = gk::grammar;
    (void)g::trim(s);
    (void)g::remove_spaces(s);
    (void)g::parse_chinese_numeral(s);
    (void)g::parse_chinese_small(s);
    (void)g::parse_arabic(s);
    if (const auto n = g::parse_number(s)) (void)n->yuan();
    if (const auto d = g::whole_date(s)) { (void)d->iso(); (void)d->valid(); }
    (void)g::first_date(s);
    (void)g::find_year(s);
    for (std::size_t from = 0; from <= s.size();) {
        const auto d = g::find_date(s, from);
        if (!d) break;
        if (d->end <= from || d->end > s.size()) __builtin_trap(); // progress and bounds
        from = d->end;
    }
    for (std::size_t at = 0; at < s.size(); ++at) {
        (void)g::date_at(s, at);
        (void)g::may_start_heading(s, at);
        for (const auto dialect : {g::HeadingDialect::normalised, g::HeadingDialect::source})
            if (const auto h = g::read_heading_number(s, at, dialect))
                if (h->end < at || h->end > s.size()) __builtin_trap();
    }
    return 0;
}
