"""Moved pages keep their old address (redirects map in mkdocs.yml) and the section anchors that
clinicians link to (data/stable-anchors.yml) stay on their pages, in both builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from medref.pages import url_for
from tests import sitetools
from tests.site.page_facts import PageFacts

FIXTURES = Path(__file__).parent / "fixtures" / "reader"


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving !ENV (only the redirects map is needed here)."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def redirect_map() -> dict[str, str]:
    config = yaml.load((sitetools.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    plugins = config["plugins"]
    if isinstance(plugins, list):  # tolerate the list form too
        plugins = {k: v for item in plugins if isinstance(item, dict) for k, v in item.items()}
    return dict(plugins["redirects"]["redirect_maps"])


def landing_problem(browser, base_url: str, old_path: str, new_path: str) -> str | None:
    """Open an old address; None if the browser ends on the new page, else what went wrong."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + old_path, wait_until="load")
        page.wait_for_url(re.compile(re.escape(new_path) + r"(#.*)?$"), timeout=10_000)
        heading = page.locator("h1").first.inner_text()
        if "404" in heading:
            return f"{old_path} landed on {page.url}, which is the not-found page"
        return None
    except Exception:
        return (f"{old_path} did not land on {new_path}; add `{old_path.strip('/')}.md: "
                f"<new source path>` under plugins.redirects.redirect_maps in mkdocs.yml")
    finally:
        context.close()


def test_redirect_map_has_real_moves():
    moves = redirect_map()
    assert moves.get("procedures.md") == "treatment/procedures.md"
    docs = sitetools.ROOT / "docs"
    for old, new in moves.items():
        assert (docs / new).is_file(), f"mkdocs.yml redirect {old} -> {new}: docs/{new} does not exist"
        assert not (docs / old).exists(), f"mkdocs.yml redirect {old}: docs/{old} exists, so it is not a move"


def test_old_urls_land_on_the_new_pages(browser, base_url, engine):
    problems = []
    for old, new in redirect_map().items():
        problem = landing_problem(browser, base_url, "/" + url_for(old), "/" + url_for(new))
        if problem:
            problems.append(f"{engine}: {problem}")
    assert not problems, "\n".join(problems)


def anchor_problems(site_dir: Path, anchors: dict[str, list[str]], source: str) -> list[str]:
    problems = []
    for rel, ids in anchors.items():
        built = site_dir / url_for(rel) / "index.html"
        if not built.is_file():
            problems.append(f"{source}: {rel} was not built ({built.name} missing); if the page moved, "
                            "add a redirect in mkdocs.yml and move its entry here")
            continue
        present = PageFacts(built.read_text(encoding="utf-8")).ids
        for anchor in ids:
            if anchor not in present:
                problems.append(f"{source}: docs/{rel} has no heading with id '{anchor}'; clinicians link to "
                                f"it: put `{{#{anchor}}}` back on the section's heading")
    return problems


def test_stable_anchors_exist(site_dir, engine):
    path = sitetools.ROOT / "data" / "stable-anchors.yml"
    anchors = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert anchors, "data/stable-anchors.yml lists no anchors"
    problems = anchor_problems(site_dir, anchors, f"{engine}: data/stable-anchors.yml")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ the checks can fail

def test_redirect_check_fails_on_an_unmapped_address(browser, base_url, engine):
    problem = landing_problem(browser, base_url, "/not-a-moved-page/", "/treatment/procedures/")
    assert problem and "did not land" in problem and "redirect_maps in mkdocs.yml" in problem


def test_anchor_check_fails_on_missing_ids(site_dir, engine):
    anchors = yaml.safe_load((FIXTURES / "stable-anchors-broken.yml").read_text(encoding="utf-8"))
    problems = anchor_problems(site_dir, anchors, "broken.yml")
    assert any("treatment/risks.md has no heading with id 'no-such-section'" in p for p in problems), problems
    assert any("treatment/removed-page.md was not built" in p for p in problems), problems
    assert not any("'cement-leak'" in p for p in problems), problems
