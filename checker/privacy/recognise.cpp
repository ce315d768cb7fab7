#include "privacy/recognise.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <re2/re2.h>

#include "grammar/grammar.hpp"
#include "privacy/validators.hpp"

namespace gk::privacy {

const char* kind_id(Kind k) {
    switch (k) {
    case Kind::id_number: return "id-number";
    case Kind::mobile: return "mobile";
    case Kind::bank_card: return "bank-card";
    case Kind::address: return "address";
    }
    return "id-number";
}

const char* kind_zh(Kind k) {
    switch (k) {
    case Kind::id_number: return "身份证号";
    case Kind::mobile: return "手机号";
    case Kind::bank_card: return "银行卡号";
    case Kind::address: return "家庭住址";
    }
    return "身份证号";
}

std::string Found::shown() const {
    if (masked) return value;
    switch (kind) {
    case Kind::id_number: return mask_id(value);
    case Kind::mobile: return mask_mobile(value);
    case Kind::bank_card: return mask_bank(value);
    case Kind::address: return std::string(value.size(), '*');
    }
    return std::string(value.size(), '*');
}

// ---------------------------------------------------------------------------------------------
// Configuration (rulesets/privacy.xml, <data name="privacy">)

enum class Label { none, id, not_id, bank, phone };

struct Config {
    std::unique_ptr<RE2> labels;          // (id)|(not-id)|(bank)|(phone)
    std::unique_ptr<RE2> contact_labels;  // official contact sentence labels
    std::unique_ptr<RE2> organisation;    // an organisation name
    std::unique_ptr<RE2> organisation_capture; // the same, as one capturing group
    std::unique_ptr<RE2> id18, id15, mobile, id_mask, mobile_mask, bank_mask;
    std::unique_ptr<RE2> col_name, col_id, col_phone, col_bank, col_address, col_official;
    std::unique_ptr<RE2> house_number;
    std::unique_ptr<RE2> bank_name;       // the bank itself, not an account holder
    int label_window = 16;                // code points before a number searched for its label
    int org_before = 150, org_after = 60; // code points around a contact sentence searched for an organisation
    int org_blocks = 1;                   // preceding blocks searched as well
    int bank_min = 16, bank_max = 19;
};

namespace {

std::unique_ptr<RE2> compile(const std::string& pattern, const std::string& what) {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, o);
    if (!re->ok()) throw std::runtime_error("privacy data: bad RE2 pattern for " + what + ": " + re->error());
    return re;
}

std::string trimmed(std::string_view s) { return std::string(grammar::trim(s)); }

std::string child_text(pugi::xml_node parent, const char* element, const char* attr, const char* value) {
    for (auto n : parent.children(element))
        if (std::string(n.attribute(attr).as_string()) == value) {
            std::string t = trimmed(n.text().as_string());
            if (t.empty()) throw std::runtime_error(std::string("privacy data: empty <") + element + " " + attr + "=\"" + value + "\">");
            return t;
        }
    throw std::runtime_error(std::string("privacy data: missing <") + element + " " + attr + "=\"" + value + "\">");
}

} // namespace

std::shared_ptr<const Config> load_config(pugi::xml_node data) {
    if (!data) throw std::runtime_error("privacy data: <data name=\"privacy\"> not found");
    auto c = std::make_shared<Config>();
    const auto labels = data.child("labels");
    if (!labels) throw std::runtime_error("privacy data: missing <labels>");
    c->labels = compile("(" + child_text(labels, "label", "class", "id") + ")|(" +
                            child_text(labels, "label", "class", "not-id") + ")|(" +
                            child_text(labels, "label", "class", "bank") + ")|(" +
                            child_text(labels, "label", "class", "phone") + ")",
                        "labels");
    if (auto w = labels.attribute("window")) c->label_window = std::max(1, w.as_int(16));
    const auto contact = data.child("contact");
    if (!contact) throw std::runtime_error("privacy data: missing <contact> allow-list");
    c->contact_labels = compile(trimmed(contact.child("labels").text().as_string()), "contact labels");
    c->organisation = compile(trimmed(contact.child("organisation").text().as_string()), "contact organisation");
    c->organisation_capture = compile("(" + c->organisation->pattern() + ")", "contact organisation");
    if (c->contact_labels->pattern().empty() || c->organisation->pattern().empty())
        throw std::runtime_error("privacy data: <contact> needs <labels> and <organisation>");
    if (auto w = contact.child("window")) {
        c->org_before = w.attribute("before").as_int(c->org_before);
        c->org_after = w.attribute("after").as_int(c->org_after);
        c->org_blocks = w.attribute("blocks").as_int(c->org_blocks);
    }
    c->id18 = compile(child_text(data, "pattern", "name", "id18"), "id18");
    c->id15 = compile(child_text(data, "pattern", "name", "id15"), "id15");
    c->mobile = compile(child_text(data, "pattern", "name", "mobile"), "mobile");
    if (c->mobile->NumberOfCapturingGroups() != 1)
        throw std::runtime_error("privacy data: pattern mobile must capture the 11-digit number in one group");
    c->id_mask = compile(child_text(data, "pattern", "name", "id-mask"), "id-mask");
    c->mobile_mask = compile(child_text(data, "pattern", "name", "mobile-mask"), "mobile-mask");
    c->bank_mask = compile(child_text(data, "pattern", "name", "bank-mask"), "bank-mask");
    c->house_number = compile("(" + child_text(data, "pattern", "name", "house-number") + ")", "house-number");
    c->bank_name = compile(child_text(data, "pattern", "name", "bank-name"), "bank-name");
    if (auto b = data.child("bank-length")) {
        c->bank_min = b.attribute("min").as_int(16);
        c->bank_max = b.attribute("max").as_int(19);
    }
    const auto cols = data.child("columns");
    if (!cols) throw std::runtime_error("privacy data: missing <columns>");
    c->col_name = compile(child_text(cols, "column", "class", "name"), "column name");
    c->col_id = compile(child_text(cols, "column", "class", "id-number"), "column id-number");
    c->col_phone = compile(child_text(cols, "column", "class", "mobile"), "column mobile");
    c->col_bank = compile(child_text(cols, "column", "class", "bank-card"), "column bank-card");
    c->col_address = compile(child_text(cols, "column", "class", "address"), "column address");
    c->col_official = compile(child_text(cols, "column", "class", "official"), "column official");
    return c;
}

// ---------------------------------------------------------------------------------------------
// Tokens: digit groups separated by one space or hyphen.

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Length of one separator code point at s[i] (space, hyphen, NBSP, U+3000, U+2010–U+2015), else 0.
std::size_t separator_at(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    if (s[i] == ' ' || s[i] == '-' || s[i] == '\t') return 1;
    if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80) {
        const auto c = static_cast<unsigned char>(s[i + 2]);
        if (c >= 0x90 && c <= 0x95) return 3;
    }
    return 0;
}

struct Group {
    std::string chars;              // digits, 'X', '*'
    std::vector<std::size_t> pos;   // byte position of each char in the scanned text
};

struct Token {
    std::size_t begin = 0, end = 0;
    bool glued = false;             // part of an alphanumeric code or a decimal number
    std::vector<Group> groups;
};

std::vector<Token> tokenise(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_digit(s[i]) && s[i] != '*') { ++i; continue; }
        Token t;
        t.begin = i;
        if (i > 0) {
            const char p = s[i - 1];
            if (is_alpha(p) || p == '_' || (p == '.' && i >= 2 && is_digit(s[i - 2]))) t.glued = true;
        }
        std::size_t j = i;
        for (;;) {
            Group g;
            while (j < s.size()) {
                const char c = s[j];
                const bool x = (c == 'X' || c == 'x') && !g.chars.empty();
                if (!is_digit(c) && c != '*' && !x) break;
                g.chars.push_back(c == 'x' ? 'X' : c);
                g.pos.push_back(j);
                ++j;
                if (x) break; // X only ends a group (the ID check character)
            }
            t.groups.push_back(std::move(g));
            const std::size_t sep = separator_at(s, j);
            if (sep && j + sep < s.size() && (is_digit(s[j + sep]) || s[j + sep] == '*')) {
                j += sep;
                continue;
            }
            break;
        }
        if (j < s.size()) {
            const char n = s[j];
            if (is_alpha(n) || n == '_' || (n == '.' && j + 1 < s.size() && is_digit(s[j + 1]))) t.glued = true;
        }
        t.end = j;
        out.push_back(std::move(t));
        i = j;
    }
    return out;
}

// Byte position `n` code points before `pos` (not before `floor`).
std::size_t back_cp(std::string_view s, std::size_t pos, int n, std::size_t floor = 0) {
    while (n > 0 && pos > floor) {
        --pos;
        while (pos > floor && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
        --n;
    }
    return pos;
}

std::size_t forward_cp(std::string_view s, std::size_t pos, int n) {
    while (n > 0 && pos < s.size()) {
        ++pos;
        while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
        --n;
    }
    return pos;
}

struct LabelHit {
    Label cls = Label::none;
    std::string text;
};

// The last label in `window` (the closest one before the number).
LabelHit last_label(const Config& cfg, std::string_view window) {
    LabelHit hit;
    re2::StringPiece sub[5];
    std::size_t pos = 0;
    while (pos <= window.size() &&
           cfg.labels->Match(window, pos, window.size(), RE2::UNANCHORED, sub, 5)) {
        for (int g = 1; g <= 4; ++g)
            if (sub[g].data()) {
                hit.cls = static_cast<Label>(g);
                hit.text = std::string(sub[g].data(), sub[g].size());
            }
        const std::size_t end = static_cast<std::size_t>(sub[0].data() - window.data()) + sub[0].size();
        pos = end > pos ? end : pos + 1;
    }
    return hit;
}

bool contains(const RE2& re, std::string_view s) { return RE2::PartialMatch(s, re); }

bool is_sentence_end(std::string_view s, std::size_t i) {
    if (s[i] == '\n' || s[i] == ';' || s[i] == '!' || s[i] == '?') return true;
    return s.compare(i, 3, "。") == 0 || s.compare(i, 3, "；") == 0 || s.compare(i, 3, "！") == 0 ||
           s.compare(i, 3, "？") == 0;
}

// Sentence bounds around `pos`, looking at most kSentenceReach code points either way (a
// "sentence" without punctuation in a huge block must not make scanning quadratic).
constexpr int kSentenceReach = 400;

std::size_t sentence_start(std::string_view s, std::size_t pos) {
    std::size_t i = pos;
    for (int n = 0; i > 0 && n < kSentenceReach; ++n) {
        const std::size_t b = back_cp(s, i, 1);
        if (is_sentence_end(s, b)) return i;
        i = b;
    }
    return i;
}

std::size_t sentence_end(std::string_view s, std::size_t pos) {
    std::size_t i = pos;
    for (int n = 0; i < s.size() && n < kSentenceReach; ++n, i = forward_cp(s, i, 1))
        if (is_sentence_end(s, i)) return i;
    return i;
}

struct TextCtx {
    std::string prefix;            // label context before the text (column header / row label)
    std::string column_header;     // header as printed, for messages
    bool in_table = false;
    bool personal_table = false;   // the table has a name column
    bool officials_table = false;  // the table has a 职务 column: officials' contact list
    bool row_names_org = false;    // another cell of the row names an organisation
    bool strict = false;           // run-together table region: IDs, and labelled numbers only
    std::string around;            // text of the preceding blocks (organisation context)
    std::size_t block = 0;
    int row = -1, col = -1;
};

struct Cand {
    Kind kind;
    bool masked = false;
    bool confident = true;
    std::size_t skip = 0;          // characters of the digit string before the value (+86 prefix)
    std::size_t len = 0;
    std::string why_zh, why_en;
};

std::optional<Cand> classify(const Config& cfg, const std::string& d, const LabelHit& label, const TextCtx& ctx) {
    const bool has_star = d.find('*') != std::string::npos;
    const auto x_at = d.find('X');
    if (x_at != std::string::npos && (x_at != 17 || d.size() != 18)) return std::nullopt;
    if (label.cls == Label::not_id) return std::nullopt; // 索引号, 文号, 统一社会信用代码 ...
    const std::string where_zh = label.text.empty() ? "" : "，位于「" + label.text + "」之后";
    const std::string where_en = label.text.empty() ? "" : ", after \"" + label.text + "\"";

    if (has_star) {
        int visible = 0;
        for (char c : d) visible += c != '*';
        if (visible < 3) return std::nullopt;
        Cand c{Kind::id_number, true, true, 0, d.size(), "", ""};
        if (label.cls == Label::bank && RE2::FullMatch(d, *cfg.bank_mask)) c.kind = Kind::bank_card;
        else if (RE2::FullMatch(d, *cfg.id_mask)) c.kind = Kind::id_number;
        else if (RE2::FullMatch(d, *cfg.mobile_mask)) c.kind = Kind::mobile;
        else if (RE2::FullMatch(d, *cfg.bank_mask) && label.cls == Label::bank) c.kind = Kind::bank_card;
        else return std::nullopt;
        return c;
    }

    const int n = static_cast<int>(d.size());
    const bool bank_label = label.cls == Label::bank;
    auto bank = [&]() -> std::optional<Cand> {
        if (!bank_label || n < cfg.bank_min || n > cfg.bank_max || x_at != std::string::npos) return std::nullopt;
        Cand c{Kind::bank_card, false, luhn_valid(d), 0, d.size(), "", ""};
        c.why_zh = std::to_string(n) + "位号码" + where_zh + (c.confident ? "，通过Luhn校验" : "，未通过Luhn校验（可能是账号）");
        c.why_en = std::to_string(n) + " digits" + where_en + (c.confident ? ", Luhn check passes" : ", Luhn check fails (an account number?)");
        return c;
    };

    if ((n == 18 && RE2::FullMatch(d, *cfg.id18)) || (n == 15 && RE2::FullMatch(d, *cfg.id15))) {
        if (bank_label) return bank();
        const IdAnalysis a = analyse_id(d);
        const std::string code = d.substr(0, 6);
        if (a.valid()) {
            Cand c{Kind::id_number, false, true, 0, d.size(), "", ""};
            if (n == 18) {
                // The birth date is what a mask hides: never spell it out (with the shown part it gives the whole ID).
                c.why_zh = "18位号码：地区码" + code + "（" + a.province_zh + "）、出生日期有效、校验位正确" + where_zh;
                c.why_en = "18 characters: area code " + code + ", a real birth date, valid check digit" + where_en;
            } else {
                // The old form has no check character: without an ID label it is a weaker match.
                c.confident = label.cls == Label::id;
                c.why_zh = "15位旧式身份证号：地区码" + code + "（" + a.province_zh + "）、出生日期有效" + where_zh;
                c.why_en = "15-digit old-form ID: area code " + code + ", a real birth date" + where_en;
            }
            return c;
        }
        if (n == 18 && a.province && a.date && !a.check_digit && label.cls == Label::id) {
            Cand c{Kind::id_number, false, false, 0, d.size(), "", ""};
            const char expected = id18_check_digit(d.substr(0, 17));
            c.why_zh = std::string("标为「") + label.text + "」的18位号码，地区码和出生日期有效但校验位不符（应为" + expected + "），可能是录错的身份证号";
            c.why_en = "18 characters labelled \"" + label.text + "\": area code and birth date are real but the check digit is wrong (expected " + expected + "), probably a mistyped ID number";
            return c;
        }
        return std::nullopt;
    }

    std::string mobile11;
    if (RE2::FullMatch(d, *cfg.mobile, &mobile11) && plausible_mobile(mobile11)) {
        if (ctx.strict && label.cls != Label::phone) return std::nullopt;
        Cand c{Kind::mobile, false, true, d.size() - 11, 11, "", ""};
        c.why_zh = "11位手机号码（" + mobile11.substr(0, 3) + "号段）" + where_zh + "，不在单位联系方式语句中";
        c.why_en = "an 11-digit mobile number (prefix " + mobile11.substr(0, 3) + ")" + where_en + ", not in an official contact sentence";
        return c;
    }
    if (auto b = bank()) return b;
    return std::nullopt;
}

// Whether an unmasked value of `kind` starts within [from, to). `found` is in text order.
bool has_value_in(const std::vector<std::pair<Found, std::size_t>>& found, std::size_t from, std::size_t to, Kind kind) {
    auto it = std::lower_bound(found.begin(), found.end(), from,
                               [](const std::pair<Found, std::size_t>& f, std::size_t v) { return f.second < v; });
    for (; it != found.end() && it->second < to; ++it)
        if (!it->first.masked && it->first.kind == kind) return true;
    return false;
}

// A corporate account: the sentence before the number names an organisation that is not the
// bank (收款单位：某某公司 开户行：… 账号：…), and the sentence carries no ID number. In a table:
// the row names an organisation and the table has no name column.
bool names_account_holder_org(const Config& cfg, std::string_view s, std::size_t at, const TextCtx& ctx,
                              const std::vector<std::pair<Found, std::size_t>>& found) {
    if (ctx.in_table) return !ctx.personal_table && ctx.row_names_org;
    const std::size_t ss = sentence_start(s, at), se = sentence_end(s, at);
    if (has_value_in(found, ss, se, Kind::id_number)) return false;
    re2::StringPiece in(s.data() + ss, at - ss), m;
    while (RE2::FindAndConsume(&in, *cfg.organisation_capture, &m)) {
        if (m.empty()) break;
        if (!contains(*cfg.bank_name, std::string_view(m.data(), m.size()))) return true;
    }
    return false;
}

void scan_text(const Config& cfg, const MappedText& t, const TextCtx& ctx, Scan& out) {
    const std::string_view s = t.text;
    if (s.empty()) return;
    const auto tokens = tokenise(s);
    std::size_t previous_end = 0;   // labels are searched between the previous number and this one
    std::vector<std::pair<Found, std::size_t>> found; // value + byte position in s
    for (const auto& tok : tokens) {
        const std::size_t label_floor = previous_end;
        previous_end = tok.end;
        if (tok.glued) continue;
        const auto& g = tok.groups;
        std::size_t s0 = 0;
        while (s0 < g.size()) {
            if (g[s0].chars.size() < 2) { ++s0; continue; }
            // candidate ends: groups s0..e, every group at least 2 characters, at most 22 characters
            std::vector<std::size_t> ends;
            std::size_t total = 0;
            for (std::size_t e = s0; e < g.size() && e < s0 + 8; ++e) {
                if (g[e].chars.size() < 2) break;
                total += g[e].chars.size();
                if (total > 22) break;
                ends.push_back(e);
            }
            // the label window: text before the candidate, after the previous number
            const std::size_t start_byte = g[s0].pos.front();
            const std::size_t floor = s0 == 0 ? label_floor : g[s0 - 1].pos.back() + 1;
            const std::size_t wstart = back_cp(s, start_byte, cfg.label_window, floor);
            std::string window(s.substr(wstart, start_byte - wstart));
            if (wstart == 0 && s0 == 0 && label_floor == 0 && !ctx.prefix.empty()) {
                // Nothing before the number in its cell: the column header / row label is its label.
                std::size_t pre = back_cp(ctx.prefix, ctx.prefix.size(), cfg.label_window);
                window = ctx.prefix.substr(pre) + window;
            }
            const LabelHit label = last_label(cfg, window);
            bool taken = false;
            for (auto it = ends.rbegin(); it != ends.rend() && !taken; ++it) {
                std::string d;
                std::vector<std::size_t> pos;
                for (std::size_t e = s0; e <= *it; ++e) {
                    d += g[e].chars;
                    pos.insert(pos.end(), g[e].pos.begin(), g[e].pos.end());
                }
                auto c = classify(cfg, d, label, ctx);
                if (!c) continue;
                Found f;
                f.kind = c->kind;
                f.masked = c->masked;
                f.confident = c->confident;
                f.value = d.substr(c->skip, c->len);
                for (std::size_t k = c->skip; k < c->skip + c->len; ++k) f.chars.push_back(t.source_at(pos[k]));
                f.offset = f.chars.front();
                f.label = label.text.empty() ? ctx.column_header : label.text;
                f.why_zh = c->why_zh;
                f.why_en = c->why_en;
                if (ctx.in_table && !ctx.column_header.empty()) {
                    f.why_zh += "（表格列「" + ctx.column_header + "」）";
                    f.why_en += " (table column \"" + ctx.column_header + "\")";
                }
                f.block = ctx.block;
                f.row = ctx.row;
                f.col = ctx.col;
                found.emplace_back(std::move(f), pos[c->skip]);
                s0 = *it + 1;
                taken = true;
            }
            if (!taken) ++s0;
        }
    }

    // Official contact sentences: a mobile after 联系人/联系电话/咨询电话/… with an organisation
    // nearby is a published contact, not a leak — unless the same sentence also carries an ID
    // or bank number (then it is a person's record).
    for (auto& [f, at] : found) {
        if (f.masked) { out.masks.push_back(f); continue; }
        if (f.kind == Kind::bank_card && names_account_holder_org(cfg, s, at, ctx, found)) continue;
        if (f.kind == Kind::mobile) {
            bool allowed = false;
            if (ctx.in_table) {
                allowed = ctx.officials_table || (!ctx.personal_table && ctx.row_names_org);
            } else {
                const std::size_t ss = sentence_start(s, at), se = sentence_end(s, at);
                if (contains(*cfg.contact_labels, s.substr(ss, at - ss))) {
                    const std::size_t ob = back_cp(s, at, cfg.org_before), oe = forward_cp(s, at, cfg.org_after);
                    bool org = contains(*cfg.organisation, s.substr(ob, oe - ob)) ||
                               contains(*cfg.organisation, ctx.around);
                    const bool personal = has_value_in(found, ss, se, Kind::id_number) ||
                                          has_value_in(found, ss, se, Kind::bank_card);
                    allowed = org && !personal;
                }
            }
            if (allowed) continue;
        }
        out.values.push_back(f);
    }
}

bool cell_matches(const RE2& re, const Cell& c) { return !c.norm.text.empty() && contains(re, c.norm.text); }

enum class Col { other, name, id, phone, bank, address, official };

Col column_class(const Config& cfg, const Cell& c) {
    if (c.norm.text.empty() || c.norm.text.size() > 60) return Col::other;
    if (cell_matches(*cfg.col_id, c)) return Col::id;
    if (cell_matches(*cfg.col_bank, c)) return Col::bank;
    if (cell_matches(*cfg.col_phone, c)) return Col::phone;
    if (cell_matches(*cfg.col_address, c)) return Col::address;
    if (cell_matches(*cfg.col_name, c)) return Col::name;
    if (cell_matches(*cfg.col_official, c)) return Col::official;
    return Col::other;
}

Kind col_kind(Col c) {
    switch (c) {
    case Col::id: return Kind::id_number;
    case Col::phone: return Kind::mobile;
    case Col::bank: return Kind::bank_card;
    default: return Kind::address;
    }
}

void scan_table(const Config& cfg, const Table& table, std::size_t bi, const std::string& around, Scan& out) {
    const auto& rows = table.rows;
    // The header row: the first of the first four rows that names a name column; else a <th> row.
    int header = -1;
    for (std::size_t r = 0; r < rows.size() && r < 4 && header < 0; ++r)
        for (const auto& c : rows[r])
            if (column_class(cfg, c) == Col::name) { header = static_cast<int>(r); break; }
    for (std::size_t r = 0; r < rows.size() && r < 4 && header < 0; ++r)
        for (const auto& c : rows[r])
            if (c.header) { header = static_cast<int>(r); break; }

    std::vector<Col> cls;
    bool has_name = false, officials = false;
    if (header >= 0) {
        for (const auto& c : rows[static_cast<std::size_t>(header)]) {
            cls.push_back(column_class(cfg, c));
            has_name |= cls.back() == Col::name;
            officials |= cls.back() == Col::official;
        }
    }
    struct Hit { int rows = 0; std::string example; };
    std::map<std::size_t, Hit> hits; // column → rows with unmasked values

    for (std::size_t r = static_cast<std::size_t>(header + 1); r < rows.size(); ++r) {
        const auto& row = rows[r];
        bool row_org = false;
        for (const auto& c : row)
            if (!c.norm.text.empty() && contains(*cfg.organisation, c.norm.text)) row_org = true;
        std::map<std::size_t, bool> row_hit;
        for (std::size_t ci = 0; ci < row.size(); ++ci) {
            const Cell& cell = row[ci];
            if (cell.span_copy || cell.norm.text.empty()) continue;
            TextCtx ctx;
            ctx.in_table = true;
            ctx.personal_table = has_name;
            ctx.officials_table = officials;
            ctx.row_names_org = row_org;
            ctx.block = bi;
            ctx.row = static_cast<int>(r);
            ctx.col = static_cast<int>(ci);
            ctx.around = around;
            if (header >= 0 && ci < rows[static_cast<std::size_t>(header)].size()) {
                const Cell& h = rows[static_cast<std::size_t>(header)][ci];
                ctx.prefix = h.norm.text + "：";
                ctx.column_header = h.text.text;
            }
            if (ci > 0 && !row[0].norm.text.empty() && row[0].norm.text.size() < 60) ctx.prefix += row[0].norm.text + "：";
            const std::size_t before = out.values.size();
            scan_text(cfg, cell.norm, ctx, out);
            const Col c = ci < cls.size() ? cls[ci] : Col::other;
            if (!has_name) continue;
            if (c == Col::id || c == Col::phone || c == Col::bank) {
                for (std::size_t k = before; k < out.values.size(); ++k)
                    if (out.values[k].kind == col_kind(c) && !row_hit[ci]) {
                        row_hit[ci] = true;
                        auto& h = hits[ci];
                        ++h.rows;
                        if (h.example.empty()) h.example = out.values[k].shown();
                    }
            } else if (c == Col::address) {
                // Only a house number makes an address identifying (a village name alone does not).
                re2::StringPiece in(cell.norm.text), m;
                bool any = false;
                while (RE2::FindAndConsume(&in, *cfg.house_number, &m)) {
                    if (m.empty()) break;
                    Found f;
                    f.kind = Kind::address;
                    const std::size_t at = static_cast<std::size_t>(m.data() - cell.norm.text.data());
                    for (std::size_t k = 0; k < m.size(); ++k)
                        if (is_digit(m[k])) {
                            f.value.push_back(m[k]);
                            f.chars.push_back(cell.norm.source_at(at + k));
                        }
                    if (f.chars.empty()) continue;
                    f.offset = f.chars.front();
                    f.block = bi;
                    f.row = static_cast<int>(r);
                    f.col = static_cast<int>(ci);
                    f.label = ctx.column_header;
                    out.addresses.push_back(f);
                    any = true;
                }
                if (any) {
                    auto& h = hits[ci];
                    ++h.rows;
                    if (h.example.empty()) {
                        std::string ex;
                        for (char ch : cell.norm.text) ex.push_back(is_digit(ch) ? '*' : ch);
                        h.example = ex;
                    }
                }
            }
        }
    }
    for (const auto& [ci, h] : hits) {
        const Cell& hc = rows[static_cast<std::size_t>(header)][ci];
        const Col c = cls[ci];
        if (c == Col::phone && officials) continue;
        ColumnHit hit;
        hit.kind = col_kind(c);
        hit.header = hc.text.text.empty() ? hc.norm.text : hc.text.text;
        hit.offset = hc.norm.empty() ? hc.text.source_at(0) : hc.norm.source_at(0);
        hit.rows = h.rows;
        hit.example = h.example;
        hit.block = bi;
        out.columns.push_back(hit);
    }
}

} // namespace

Scan scan_document(const Document& doc, const Config& cfg) {
    Scan out;
    for (std::size_t bi = 0; bi < doc.blocks.size(); ++bi) {
        const Block& b = doc.blocks[bi];
        std::string around;
        for (std::size_t k = bi >= static_cast<std::size_t>(cfg.org_blocks) ? bi - static_cast<std::size_t>(cfg.org_blocks) : 0; k < bi; ++k)
            if (!doc.blocks[k].table && doc.blocks[k].norm.text.size() < 2000) around += doc.blocks[k].norm.text + "\n";
        if (b.table && !b.table->rows.empty() && b.table->form != "runtogether") {
            scan_table(cfg, *b.table, bi, around, out);
            continue;
        }
        TextCtx ctx;
        ctx.block = bi;
        ctx.around = around;
        ctx.strict = b.table && b.table->form == "runtogether";
        scan_text(cfg, b.norm.empty() && b.table ? b.table->raw : b.norm, ctx, out);
    }
    return out;
}

} // namespace gk::privacy
