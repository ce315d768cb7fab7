// Agency identity: the lexicon of <data name="agencies"> (rulesets/agencies.xml) that turns a
// printed organ name into one normalised agency — full and short names, 管委会 vs 管理委员会,
// 人民政府 vs 政府, a bare place name for its government, OCR and spelling variants, renames and
// mergers (机构改革) — with its level (国家/省/市/县/乡) and kind (government vs department).
//
// Guarantees: compiled once when the Catalogue loads (Catalogue::agencies(); bad data throws
// std::runtime_error, reported by the loader as RulesetError with file and line); read-only and
// thread-safe afterwards; every word it knows (suffixes, places, variants, renames) is data.
// Finding the printed names in a document is the extract stage's job (extract/agency.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace gk {

// What the lexicon makes of one printed name.
struct AgencyName {
    std::string printed;      // as given (spaces removed)
    std::string normalised;   // the one spelling of this agency ("平潭综合实验区管委会")
    std::string level;        // "national" | "province" | "city" | "county" | "township" | ""
    std::string kind;         // "government" | "department"
    std::string office_of;    // for a government's office (…管委会办公室): that government, normalised
    std::string renamed_from; // when a rename/merger entry mapped the name: the name before it
};

class AgencyLexicon {
public:
    // Builds the lexicon from a <data name="agencies"> element; throws std::runtime_error on bad data.
    explicit AgencyLexicon(pugi::xml_node data);

    // The agency a printed name stands for; nullopt when the text does not look like an organ
    // name (no organ suffix and no place unit), e.g. 「中国政府网」.
    std::optional<AgencyName> identify(std::string_view printed) const;
    // The name with spaces removed and the spelling variants applied (no other change).
    std::string clean(std::string_view printed) const;
    // The level's Chinese label (国家/省/市/县/乡), "" for an unknown id.
    static std::string level_zh(std::string_view level);

private:
    struct Variant { std::string from, to; };
    struct Place { std::string text, level, government; bool whole = false; };
    struct Rename { std::string from, to; };
    std::vector<Variant> variants_;
    std::vector<std::string> government_suffixes_; // longest first
    std::string government_default_;              // canonical suffix for 政府 forms ("人民政府")
    std::vector<std::pair<std::string, std::string>> government_canonical_; // suffix → canonical
    std::vector<std::string> office_suffixes_;
    std::vector<std::string> organ_suffixes_;
    std::vector<Place> places_;                   // whole names first, then suffixes, longest first
    std::vector<std::string> national_prefixes_;
    std::vector<Rename> renames_;

    std::string level_of(const std::string& name) const;
    std::string units_level(const std::string& name) const;
    std::optional<std::string> government_form(const std::string& name) const;
};

} // namespace gk
