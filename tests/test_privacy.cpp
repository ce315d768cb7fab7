// Privacy recognisers: validators, recognition on hand-built documents, and the privacy.* rules.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "extract/extract.hpp"
#include "privacy/recognise.hpp"
#include "privacy/validators.hpp"
#include "support.hpp"
#include "test_privacy_support.hpp"

using namespace gk;
using namespace gk::privacy;
using gk::test::privacy_doc;
using gk::test::privacy_rules;
using gk::test::make_id;
using gk::test::rules_of;

TEST_CASE("ID check digit follows ISO 7064 MOD 11-2", "[privacy]") {
    // The worked example of GB 11643-1999.
    CHECK(id18_check_digit("11010519491231002") == 'X');
    CHECK(id18_check_digit("44052418800101001") == '4');
    CHECK(id18_check_digit("1101051949123100") == '\0');
    CHECK(id18_check_digit("1101051949123100a") == '\0');
    CHECK(analyse_id("11010519491231002X").valid());
    CHECK(analyse_id("11010519491231002x").valid());
    CHECK_FALSE(analyse_id("110105194912310021").check_digit);
    CHECK(analyse_id("110105194912310021").date);
}

TEST_CASE("ID validation needs a real date and a known province", "[privacy]") {
    CHECK(real_birth_date(2000, 2, 29));
    CHECK_FALSE(real_birth_date(1900, 2, 29));
    CHECK_FALSE(real_birth_date(1990, 2, 30));
    CHECK_FALSE(real_birth_date(1990, 13, 1));
    CHECK_FALSE(real_birth_date(2999, 1, 1));
    CHECK(province_name("35") != nullptr);
    CHECK(province_name("10") == nullptr);
    CHECK(province_name("99") == nullptr);
    const auto bad_province = analyse_id(make_id("99010519900101123"));
    CHECK(bad_province.check_digit);
    CHECK_FALSE(bad_province.province);
    CHECK_FALSE(analyse_id(make_id("11010519900230123")).valid()); // 2月30日
    auto old = analyse_id("110105900101123");
    CHECK(old.valid());
    CHECK(old.birth == "1990-01-01");
    CHECK_FALSE(analyse_id("11010590013112").shape);
}

TEST_CASE("Luhn, mobile prefixes and masks", "[privacy]") {
    CHECK(luhn_valid("4111111111111111"));
    CHECK(luhn_valid("6222020200000000008") == luhn_valid("6222020200000000008"));
    CHECK_FALSE(luhn_valid("4111111111111112"));
    CHECK_FALSE(luhn_valid("41111a1111111111"));
    CHECK(plausible_mobile("13812345678"));
    CHECK(plausible_mobile("19912345678"));
    CHECK_FALSE(plausible_mobile("15412345678"));
    CHECK_FALSE(plausible_mobile("12812345678"));
    CHECK(mask_id("110105199001011237") == "110105********1237");
    CHECK(mask_id("110105900101123") == "110105******123");
    CHECK(mask_mobile("13812345678") == "138****5678");
    CHECK(mask_bank("6222021234567890123") == "***************0123");
}

TEST_CASE("Weak masks and stitching", "[privacy]") {
    CHECK_FALSE(assess_id_mask("110105********1234").weak);
    const auto shows_date = assess_id_mask("11010519900101**34");
    CHECK(shows_date.weak);
    CHECK(shows_date.reveals_birth_date);
    const auto few = assess_id_mask("1101051990****1234");
    CHECK(few.weak);
    CHECK_FALSE(few.reveals_birth_date);
    CHECK(assess_bank_mask("622202******0123").weak == true);  // 6 hidden
    CHECK_FALSE(assess_bank_mask("************0123").weak);
    // two masks of one ID, each acceptable alone, that together reveal the birth date
    CHECK_FALSE(assess_id_mask("****05199001****34").weak);
    const auto merged = stitch("110105********1234", "****05199001****34", 4);
    REQUIRE(merged);
    CHECK(*merged == "110105199001**1234");
    CHECK(assess_id_mask(*merged).weak);
    CHECK_FALSE(stitch("110105********1234", "110105********1234", 4)); // identical: nothing new
    CHECK_FALSE(stitch("110105********1234", "****06199001****34", 4)); // disagree: other people
    CHECK(stitch("138****5678", "1381234****", 3));
}

namespace {

std::vector<Found> values_of(const Scan& s, Kind k) {
    std::vector<Found> out;
    for (const auto& f : s.values)
        if (f.kind == k) out.push_back(f);
    return out;
}

const Config& config() {
    return *test::bundled_catalogue().privacy();
}

} // namespace

TEST_CASE("IDs are found in prose with spaces and hyphens, at the right offset", "[privacy]") {
    const std::string id = make_id("11010519900101123");
    const std::string spaced = id.substr(0, 4) + " " + id.substr(4, 4) + " " + id.substr(8, 4) + " " + id.substr(12, 4) + " " + id.substr(16);
    const std::string hyph = id.substr(0, 6) + "-" + id.substr(6, 8) + "-" + id.substr(14);
    auto doc = privacy_doc({"申请人张三，身份证号：" + id + "。", "另一人 " + spaced + " 已登记", "证件:" + hyph});
    const auto s = scan_document(doc, config());
    const auto ids = values_of(s, Kind::id_number);
    REQUIRE(ids.size() == 3);
    CHECK(ids[0].value == id);
    CHECK(ids[0].confident);
    CHECK(ids[0].offset == doc.source.find(id));
    CHECK(doc.position(ids[0].offset).column == 12);
    CHECK(ids[1].value == id);
    CHECK(ids[1].offset == doc.source.find(spaced));
    CHECK(ids[2].value == id);
    CHECK(ids[0].shown() == id.substr(0, 6) + "********" + id.substr(14));
    CHECK(ids[0].why_zh.find("校验位正确") != std::string::npos);
    // every character of the value is mapped, skipping the separators
    CHECK(ids[1].chars.size() == 18);
    CHECK(doc.source.substr(ids[1].chars[4], 1) == id.substr(4, 1));
}

TEST_CASE("Codes that look like numbers are not IDs", "[privacy]") {
    const std::string id = make_id("37098319850612001");
    auto doc = privacy_doc({
        "索  引  号 11370983K21344588M/2020-04825 公开方式 主动公开",
        "索引号：" + id,                                // labelled as an index number
        "统一社会信用代码：91370983MA3C1X2Y4K",
        "文号：鲁政办字〔2020〕12号 编号 " + id,
        "总金额 " + id + ".50 元",                    // part of a decimal
        "代码ABC" + id,                                 // glued to letters
        "电话：0534-7365386，传真：0534-7365386",
        "本年新收640020470件，其中39573802895.90元",
    });
    const auto s = scan_document(doc, config());
    CHECK(s.values.empty());
}

TEST_CASE("A wrong check digit is only a warning, and only when labelled", "[privacy]") {
    std::string id = make_id("11010519900101123");
    id[17] = id[17] == '1' ? '2' : '1';
    auto doc = privacy_doc({"身份证号码：" + id, "编码 " + id + " 项"});
    const auto s = scan_document(doc, config());
    const auto ids = values_of(s, Kind::id_number);
    REQUIRE(ids.size() == 1);
    CHECK_FALSE(ids[0].confident);
    CHECK(ids[0].why_zh.find("校验位不符") != std::string::npos);
}

TEST_CASE("Mobiles: flagged in person records, allowed in official contact sentences", "[privacy]") {
    auto doc = privacy_doc({
        "如对本报告有任何疑问，请与禹城市人民政府办公室政务公开室联系。(联系人:昝兴宝,电话:0534-7365386,手机:13905341234,电子邮箱:ycszfbzwgkk@dz.shandong.cn)",
        "咨询电话：0591-23165370，监督电话：13859012345（平潭综合实验区行政审批局）",
        "获奖人员：王五 13712345678",
        "联系电话：+86 138-1234-5678",
        "李四，身份证号" + make_id("35012819800101123") + "，联系电话13612345678，某某局登记。",
    });
    const auto s = scan_document(doc, config());
    const auto m = values_of(s, Kind::mobile);
    REQUIRE(m.size() == 3);
    CHECK(m[0].value == "13712345678");
    CHECK(m[1].value == "13812345678");                       // +86, hyphens
    CHECK(doc.source.substr(m[1].offset, 3) == "138");
    CHECK(m[1].shown() == "138****5678");
    CHECK(m[2].value == "13612345678");                       // personal record: ID in the sentence
}

TEST_CASE("Bank cards need a bank label; Luhn raises confidence", "[privacy]") {
    auto doc = privacy_doc({
        "代发账号：6222 0212 3456 7890 128",
        "银行卡号 6217000010001234561",
        "批次号 6217000010001234561 合计",
    });
    const auto s = scan_document(doc, config());
    const auto b = values_of(s, Kind::bank_card);
    REQUIRE(b.size() == 2);
    CHECK(b[0].value == "6222021234567890128");
    CHECK(b[0].confident == luhn_valid("6222021234567890128"));
    CHECK(b[1].value == "6217000010001234561");
    CHECK(b[1].confident == luhn_valid("6217000010001234561"));
    CHECK(b[1].shown() == "***************4561");
}

TEST_CASE("A 公示 table with names and IDs is a column finding; a 低保 list is not", "[privacy]") {
    const std::string id1 = make_id("35012819800101123"), id2 = make_id("35012819751224002");
    auto doc = privacy_doc({}, {
        {{"序号", "姓名", "身份证号", "手机", "家庭住址", "金额"},
         {"1", "张三", id1, "13812345678", "城关镇东街12号", "500"},
         {"2", "李四", id2, "139****5678", "北厝镇前村", "600"}},
        {{"序号", "户主姓名", "家庭人口", "保障金额(元)"},
         {"1", "王五", "3", "1260"},
         {"2", "赵六", "2", "840"}},
        {{"姓名", "职务", "手机"},
         {"林某", "河长", "13512345678"}},
    });
    const auto s = scan_document(doc, config());
    CHECK(values_of(s, Kind::id_number).size() == 2);
    CHECK(values_of(s, Kind::mobile).size() == 1); // the officials' table is not flagged
    CHECK(s.masks.size() == 1);
    REQUIRE(s.columns.size() == 3);
    std::vector<std::string> headers;
    for (const auto& c : s.columns) headers.push_back(c.header);
    std::sort(headers.begin(), headers.end());
    CHECK(headers == std::vector<std::string>{"家庭住址", "手机", "身份证号"});
    for (const auto& c : s.columns) {
        if (c.kind == Kind::id_number) CHECK(c.rows == 2);
        if (c.kind == Kind::mobile) CHECK(c.rows == 1);
        if (c.kind == Kind::address) CHECK(c.example == "城关镇东街**号");
    }
    REQUIRE(s.addresses.size() == 1);
    CHECK(s.addresses[0].value == "12");
}

TEST_CASE("privacy rules load and emit masked findings", "[privacy]") {
    const auto& rules = privacy_rules();
    const std::string id = make_id("11010519900101123");
    // line 2 hides too little; line 3 is fine alone but stitches with line 2; line 4 hides too little
    auto doc = privacy_doc({"身份证号：" + id, "身份证号：" + id.substr(0, 12) + "****" + id.substr(16),
                            "同一人：110105********" + id.substr(14), "另见 110105" + id.substr(6, 4) + "****" + id.substr(14)});
    const auto findings = rules.run(doc, extract(doc, rules.catalogue()));
    const auto ids = rules_of(findings);
    CHECK(std::count(ids.begin(), ids.end(), "privacy.id-number") == 1);
    CHECK(std::count(ids.begin(), ids.end(), "privacy.mask.weak") == 3);
    for (const auto& f : findings) {
        CHECK(f.message.zh.find(id) == std::string::npos); // never the full value
        CHECK(f.message.en.find(id) == std::string::npos);
        // nor the part a mask hides (shown + hidden part would give the whole number back)
        for (const std::string& hidden : {id.substr(6, 8), std::string("1990-01-01"), std::string("19900101")})
            for (const auto* text : {&f.message.zh, &f.message.en, &f.actual}) {
                INFO(*text);
                CHECK(text->find(hidden) == std::string::npos);
            }
        for (const auto& [k, v] : f.extra) {
            INFO(k << "=" << v);
            CHECK(v.find(id.substr(6, 8)) == std::string::npos);
            CHECK(v.find("1990-01-01") == std::string::npos);
        }
        if (f.rule == "privacy.id-number") {
            CHECK(f.severity == Severity::error);
            CHECK(f.position.line == 1);
            CHECK(f.position.column == 6);
        }
    }
}


TEST_CASE("Corporate accounts are not personal bank cards", "[privacy]") {
    auto doc = privacy_doc({
        "收款单位：平潭综合实验区财政金融局，开户行：中国工商银行股份有限公司平潭支行，账号：1406 0202 0920 0123 456。",
        "户名：张三，开户行：中国农业银行平潭支行，账号：6228480123456789012。",
    }, {
        {{"单位名称", "开户银行", "账号"}, {"平潭县自然资源局", "农业银行", "13650101040001234"}},
    });
    const auto s = scan_document(doc, config());
    const auto b = values_of(s, Kind::bank_card);
    REQUIRE(b.size() == 1);
    CHECK(b[0].value == "6228480123456789012");
}

TEST_CASE("a stitched mask is reported without showing the stitched value", "[privacy]") {
    auto doc = privacy_doc({"中奖人 138****5678", "复核 1381234****", "另一人 139****0000"});
    const auto findings = privacy_rules().run(doc, extract(doc, privacy_rules().catalogue()));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "privacy.mask.weak");
    CHECK(findings[0].position.line == 2);
    CHECK(findings[0].message.zh.find("13812345678") == std::string::npos);
    CHECK(findings[0].message.zh.find("第1行") != std::string::npos);
}

TEST_CASE("bad and pathological input never crashes the recognisers", "[privacy]") {
    std::string noise;
    unsigned x = 12345;
    const char alphabet[] = "0123456789Xx*- .+：号身份证手机账号\xff\xfe";
    for (int i = 0; i < 20000; ++i) {
        x = x * 1103515245u + 12345u;
        noise.push_back(alphabet[(x >> 16) % (sizeof alphabet - 1)]);
    }
    std::string many;
    for (int i = 0; i < 5000; ++i) many += "联系电话13812345678，";
    auto doc = privacy_doc({noise, many, std::string(5000, '1'), "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9"});
    const auto s = scan_document(doc, config());
    for (const auto& f : s.values) {
        CHECK(f.chars.size() == f.value.size());
        for (auto c : f.chars) CHECK(c < doc.source.size());
    }
    CHECK(values_of(s, Kind::mobile).size() >= 5000);
    CHECK(privacy_rules().run(doc, extract(doc, privacy_rules().catalogue())).size() >= 5000);
}
