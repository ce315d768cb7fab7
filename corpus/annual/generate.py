#!/usr/bin/env python3
"""Generates the synthetic annual reports of corpus/annual/ (both formats, HTML and text):
clean ones and one per defect. Expected findings (*.expected.json) are produced by running
gkcheck and then checked by hand; rerun this script only when the documents must change."""
import copy

ROWS_2021 = [
    ("一、本年新收政府信息公开申请数量", None, "new"), ("二、上年结转政府信息公开申请数量", None, "carried"),
    ("（一）予以公开", "三、本年度办理结果", "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, "partial"),
    ("1.属于国家秘密", "（三）不予公开", "denied.secret"), ("2.其他法律行政法规禁止公开", None, "denied.law"),
    ("3.危及“三安全一稳定”", None, "denied.safety"), ("4.保护第三方合法权益", None, "denied.third-party"),
    ("5.属于三类内部事务信息", None, "denied.internal"), ("6.属于四类过程性信息", None, "denied.process"),
    ("7.属于行政执法案卷", None, "denied.enforcement"), ("8.属于行政查询事项", None, "denied.query"),
    ("1.本机关不掌握相关政府信息", "（四）无法提供", "unable.no-info"), ("2.没有现成信息需要另行制作", None, "unable.need-create"),
    ("3.补正后申请内容仍不明确", None, "unable.unclear"),
    ("1.信访举报投诉类申请", "（五）不予处理", "declined.complaint"), ("2.重复申请", None, "declined.repeat"),
    ("3.要求提供公开出版物", None, "declined.publication"), ("4.无正当理由大量反复申请", None, "declined.massive"),
    ("5.要求行政机关确认或重新出具已获取信息", None, "declined.confirm"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理", "other.overdue-correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None, "other.overdue-fee"),
    ("3.其他", None, "other.other"),
    ("（七）总计", None, "results-total"), ("四、结转下年度继续办理", None, "carry-next"),
]
ROWS_2019 = [r for r in ROWS_2021 if not r[2].startswith("other.")]
ROWS_2019.insert(ROWS_2019.index(("（七）总计", None, "results-total")), ("（六）其他处理", None, "other"))

def base_values(fmt):
    v = {r[2]: [0] * 6 for r in (ROWS_2021 if fmt == "2021" else ROWS_2019)}
    v["new"] = [30, 2, 0, 0, 1, 0]
    v["carried"] = [2, 0, 0, 0, 0, 0]
    v["granted"] = [15, 1, 0, 0, 1, 0]
    v["partial"] = [5, 0, 0, 0, 0, 0]
    v["denied.internal"] = [1, 0, 0, 0, 0, 0]
    v["unable.no-info"] = [8, 1, 0, 0, 0, 0]
    v["declined.repeat"] = [1, 0, 0, 0, 0, 0]
    v["results-total"] = [30, 2, 0, 0, 1, 0]
    v["carry-next"] = [2, 0, 0, 0, 0, 0]
    return v

def cells(vals, override_total=None):
    total = sum(vals) if override_total is None else override_total
    return [str(x) for x in vals] + [str(total)]

def table3_html(fmt, v, totals=None):
    totals = totals or {}
    rows = ROWS_2021 if fmt == "2021" else ROWS_2019
    out = ['<table border="1"><tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>',
           '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
           '<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>']
    groups = {"三、本年度办理结果": 0, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    for label, group, rid in rows:
        tds = "".join(f"<td>{c}</td>" for c in cells(v[rid], totals.get(rid)))
        if rid in ("new", "carried", "carry-next"):
            out.append(f'<tr><td colspan="3">{label}</td>{tds}</tr>')
        elif group == "三、本年度办理结果":
            n = len([r for r in rows if r[2] not in ("new", "carried", "carry-next")])
            out.append(f'<tr><td rowspan="{n}">{group}</td><td colspan="2">{label}</td>{tds}</tr>')
        elif group:
            out.append(f'<tr><td rowspan="{groups[group]}">{group}</td><td>{label}</td>{tds}</tr>')
        elif rid.startswith(("denied.", "unable.", "declined.")) or (fmt == "2021" and rid.startswith("other.")):
            out.append(f'<tr><td>{label}</td>{tds}</tr>')
        else:
            out.append(f'<tr><td colspan="2">{label}</td>{tds}</tr>')
    out.append("</table>")
    return "\n".join(out)

def table4_html(review):
    head = ('<table border="1"><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>'
            '<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td>'
            '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr><tr>' +
            "".join(f"<td>{h}</td>" for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + "</tr>")
    return head + "<tr>" + "".join(f"<td>{x}</td>" for x in review) + "</tr></table>"

def table2_html(fmt):
    if fmt == "2021":
        return ('<table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>'
                '<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>'
                '<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>6</td><td>2</td><td>48</td></tr>'
                '<tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>'
                '<tr><td>行政许可</td><td colspan="3">1520</td></tr>'
                '<tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>'
                '<tr><td>行政处罚</td><td colspan="3">312</td></tr><tr><td>行政强制</td><td colspan="3">4</td></tr>'
                '<tr><td colspan="4">第二十条第（八）项</td></tr><tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>'
                '<tr><td>行政事业性收费</td><td colspan="3">86.5</td></tr></table>')
    return ('<table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>'
            '<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>'
            '<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>规范性文件</td><td>4</td><td>4</td><td>37</td></tr>'
            '<tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>'
            '<tr><td>行政许可</td><td>120</td><td>+2</td><td>1320</td></tr><tr><td>其他对外管理服务事项</td><td>15</td><td>-1</td><td>40</td></tr>'
            '<tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>'
            '<tr><td>行政处罚</td><td>210</td><td>0</td><td>95</td></tr><tr><td>行政强制</td><td>8</td><td>0</td><td>2</td></tr>'
            '<tr><td colspan="4">第二十条第（八）项</td></tr><tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td></tr>'
            '<tr><td>行政事业性收费</td><td>3</td><td colspan="2">0</td></tr>'
            '<tr><td colspan="4">第二十条第（九）项</td></tr><tr><td>信息内容</td><td>采购项目数量</td><td colspan="2">采购总金额</td></tr>'
            '<tr><td>政府集中采购</td><td>12</td><td colspan="2">356.8万元</td></tr></table>')

def report(fmt, year, agency="青川县交通运输局", v=None, totals=None, review=None, published=None,
           new_claim=None, section6=None, period=None, table2=None, channels=(300, 56)):
    v = v or base_values(fmt)
    review = review or [1, 0, 0, 0, 1] + [0] * 10
    new_total = sum(v["new"])
    new_claim = new_total if new_claim is None else new_claim
    published = published or f"{year + 1}-01-20"
    period = period or f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止"
    doc = "国办公开办函〔2021〕30号" if fmt == "2021" else "国办公开办函〔2019〕60号"
    section6 = section6 or (f"{year}年，本单位未收取信息处理费。" if fmt == "2021" else "无。")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{agency}{year}年政府信息公开工作年度报告</title></head>
<body>
<h1>{agency}{year}年政府信息公开工作年度报告</h1>
<p>发布日期：{published}</p>
<p>本报告根据《中华人民共和国政府信息公开条例》和{doc}要求编制。{period}。</p>
<h2>一、总体情况</h2>
<p>{year}年，本单位共受理政府信息公开申请{new_claim}件，均按期答复。全年共主动公开政府信息356条，其中通过门户网站公开{channels[0]}条、政务新媒体公开{channels[1]}条。</p>
<h2>二、主动公开政府信息情况</h2>
{table2 if table2 is not None else table2_html(fmt)}
<h2>三、收到和处理政府信息公开申请情况</h2>
{table3_html(fmt, v, totals)}
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>
{table4_html(review)}
<h2>五、存在的主要问题及改进情况</h2>
<p>一是政策解读形式较为单一；二是依申请公开答复的规范性有待提高。下一步，将丰富解读形式，加强答复文书审核。</p>
<h2>六、其他需要报告的事项</h2>
<p>{section6}</p>
</body></html>
"""

def markdown_report(year, blanks=False):
    """A 60号 report as plain text with markdown tables (blank cells kept as blanks)."""
    v = base_values("2019")
    lines = [f"南河镇人民政府{year}年政府信息公开工作年度报告", "",
             f"本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2019〕60号要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。", "",
             "一、总体情况", "",
             f"{year}年，我镇共受理政府信息公开申请{sum(v['new'])}件。我镇将政务公开纳入年度绩效考核，开展社会评议，对公开不力的单位实行责任追究。", "",
             "二、主动公开政府信息情况", "",
             "| 第二十条第（一）项 | | | |", "| --- | --- | --- | --- |",
             "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
             "| 规章 | 0 | 0 | 0 |", "| 规范性文件 | 2 | 2 | 11 |", "",
             "三、收到和处理政府信息公开申请情况", "",
             "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for label, group, rid in ROWS_2019:
        vals = ["" if blanks and x == 0 and rid.startswith("declined.") else str(x) for x in v[rid]]
        lines.append("| " + label + " | " + " | ".join(vals + [str(sum(v[rid]))]) + " |")
    lines += ["", "四、政府信息公开行政复议、行政诉讼情况", "",
              "| 行政复议 | | | | | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
              "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
              "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "",
              "五、存在的主要问题及改进情况", "", "一是公开内容不够细化；二是解读形式单一。下一步将细化公开目录，丰富解读形式。", "",
              "六、其他需要报告的事项", "", "无。", ""]
    return "\n".join(lines)

def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)

if __name__ == "__main__":
    write("clean_2021_department.html", report("2021", 2022))
    write("clean_2019_department.html", report("2019", 2020))
    v = base_values("2021"); v["new"][0] = 31          # 31+2 ≠ 30+2 in 自然人 (and row total)
    write("defect_balance_2021.html", report("2021", 2022, v=v))
    v = base_values("2019"); v["granted"][0] = 16      # results row 予以公开/自然人 one too many
    write("defect_cell_2020.html", report("2019", 2020, v=v))
    write("defect_review_total_2021.html", report("2021", 2023, review=[1, 1, 0, 0, 1] + [0] * 10))
    write("defect_text_2021.html", report("2021", 2022, new_claim=35))
    write("defect_period_2021.html", report("2021", 2022, period="本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止"))
    write("defect_late_2021.html", report("2021", 2022, published="2023-02-15"))
    write("defect_outdated_2021.html", report("2021", 2022, table2=table2_html("2019")))
    write("defect_fee_missing_2021.html", report("2021", 2022, section6="无。"))
    write("defect_blank_total_2021.html", report("2021", 2022, totals={"granted": ""}))
    write("defect_sum_2021.html", report("2021", 2022, channels=(300, 80)))
    write("clean_2020_township.txt", markdown_report(2020))
    write("defect_blank_parts_2020.txt", markdown_report(2020, blanks=True))
