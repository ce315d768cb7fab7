"""Where a rule is documented — the one convention shared by tools/check-rules and
tools/gen-rules-doc. Standard library only.

The page of rule `a.b.c`:
  1. the rule's `<doc>` when it names a file under docs/ (`docs/rules/report.period.md`, an
     optional `#anchor` ignored) — several rules may share a page;
  2. otherwise docs/rules/<P>.md for the longest dotted prefix P of the id that has a page:
     docs/rules/a.b.c.md, then docs/rules/a.b.md, then docs/rules/a.md (privacy.id-number →
     privacy.md, meta.date.order → meta.md).
On its page every rule is named by a heading: a level-1 or level-2 heading that starts with a
comma-separated list of rule ids naming it — `# a.b.c`, `# a.b.c, a.b.d` (a page for a few
rules), `## a.b.c (error)` (a section per rule, the form to use on a page for many rules).
"""
import glob
import os
import re
import xml.etree.ElementTree as ET


def rulesets(root):
    """Yields (ruleset path relative to root, line of the rule, rule element) for every rule."""
    for path in sorted(glob.glob(os.path.join(root, "rulesets", "*.xml"))):
        text = open(path, encoding="utf-8").read()
        lines = {}
        for m in re.finditer(r'<rule\s[^>]*\bid="([^"]+)"', text):
            lines.setdefault(m.group(1), text.count("\n", 0, m.start()) + 1)
        for rule in ET.fromstring(text).findall("rule"):
            yield os.path.relpath(path, root), lines.get(rule.get("id"), 1), rule


def page_of(root, rule_id, doc):
    """The page (path relative to root) documenting the rule, or None."""
    doc = (doc or "").strip()
    if doc.startswith("docs/") and re.fullmatch(r"[\w./-]+(#[\w.-]*)?", doc):
        page = doc.split("#", 1)[0]
        return page if os.path.isfile(os.path.join(root, page)) else None
    parts = rule_id.split(".")
    for n in range(len(parts), 0, -1):
        page = "docs/rules/" + ".".join(parts[:n]) + ".md"
        if os.path.isfile(os.path.join(root, page)):
            return page
    return None


RULE_ID = r"[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+"
HEADING = re.compile(r"#{1,2} (" + RULE_ID + r"(?:,\s*" + RULE_ID + r")*)(?=[\s,]|$)")


def headings(root, page):
    """rule id -> line of the first heading of the page that names it."""
    out = {}
    with open(os.path.join(root, page), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = HEADING.match(line)
            if m:
                for rid in re.split(r",\s*", m.group(1)):
                    out.setdefault(rid, n)
    return out
