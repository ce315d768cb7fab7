// Coverage of a year in the results database (`gkcheck coverage`): which agencies reported,
// which did not, which reported late, which files are copies. Reads the documents stored with
// the rules of the most recent run; agencies are the normalised names of Facts::agency.
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "store/store.hpp"

namespace gk {

struct CoverageReport {
    struct Missing {
        std::string agency, level, kind;
        bool expected = false;        // listed in --expected
        std::string last_year_path;   // the report of the year before, when there is one
    };
    struct Late {
        std::string agency, kind, path, published, deadline;
        bool kind_known = true;       // false: kind unknown, the government deadline was applied
    };
    struct Copy {
        std::string sha256;
        std::vector<std::string> paths; // the same bytes under several paths
    };
    struct SameReport {
        std::string agency;
        std::vector<std::string> paths; // different files (formats), same agency, year and table values
    };
    int year = 0;
    std::size_t reports = 0;          // annual reports of `year` (distinct contents)
    std::vector<std::string> agencies; // agencies with a report of `year`
    std::vector<Missing> missing;
    std::vector<Late> late;
    std::vector<Copy> copies;
    std::vector<SameReport> same_reports;
};

// `expected`: agency names as printed (normalised here with the catalogue's lexicon). Deadlines
// come from the catalogue's <data name="agencies"> <deadline kind= date= min-year= max-year=>.
// Throws std::runtime_error naming the database.
CoverageReport coverage(ResultStore& store, const Catalogue& catalogue, int year, const std::vector<std::string>& expected);

} // namespace gk
