"""Write docs/rules/: one Markdown page a built-in rule, and an index.

    python scripts/render_rule_pages.py           # rewrite the pages
    python scripts/render_rule_pages.py --check   # exit 1 if a page is out of date

The pages are what SARIF's `helpUri` links to, rendered from the rule files in rules/ by
linter.rulebook.docs.rule_pages; tests/test_rule_pages.py fails when they differ from it, so
a change to a rule's docs comes with its page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from linter.rulebook.book import builtin_rules_dir, load_rule_file  # noqa: E402
from linter.rulebook.docs import rule_pages  # noqa: E402

PAGES = REPO / "docs" / "rules"


def expected() -> dict[str, str]:
    return rule_pages(load_rule_file(path) for path in sorted(builtin_rules_dir().glob("*.yaml")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report pages out of date")
    check = parser.parse_args().check
    pages = expected()
    present = {p.name for p in PAGES.glob("*.md")} if PAGES.is_dir() else set()
    stale = sorted(name for name, text in pages.items()
                   if not (PAGES / name).is_file()
                   or (PAGES / name).read_text(encoding="utf-8") != text)
    extra = sorted(present - set(pages))
    if check:
        for name in stale:
            print(f"docs/rules/{name}: out of date")
        for name in extra:
            print(f"docs/rules/{name}: no such rule")
        return 1 if stale or extra else 0
    PAGES.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (PAGES / name).write_text(pages[name], encoding="utf-8")
    for name in extra:
        (PAGES / name).unlink()
    print(f"docs/rules: {len(stale)} written, {len(extra)} removed, {len(pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
