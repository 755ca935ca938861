"""Keyboard users meet no invisible stops (WCAG 2.4.7 focus visible, 2.4.3 focus order).

Tab is pressed through every page of each build, from the top to the last stop, at 640 CSS px
wide (200% zoom on a 1280 px laptop, where the side menu folds away) and 390 px (a phone), and
every element that takes focus must be on screen: not off-canvas, not transparent, not clipped or
covered, not zero-sized. Before issue 25 each page had 27 such stops at 640 px: the hidden search
box and every link of the closed side menu (now out of the tab order while hidden:
docs/assets/stylesheets/site.css, "Closed menu and search").

Transitions are switched off in the test, so each stop is judged as it ends up (the skip link
fades in over a quarter of a second), not half-way.
"""

from __future__ import annotations


from tests import sitetools

WIDTHS = {  # name: (width, height) in CSS px
    "200% zoom": (640, 450),
    "phone": (390, 844),
}
MAX_STOPS = 600  # a page with more stops than this is a problem in itself
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# Returns null when nothing is focused (Tab has left the page), else [description, problem or ""].
FOCUS_PROBLEM_JS = r"""
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cls = typeof el.className === "string" && el.className.trim()
    ? "." + el.className.trim().split(/\s+/).filter(c => c !== "focus-visible").join(".") : "";
  const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("href") || "")
    .trim().replace(/\s+/g, " ").slice(0, 50);
  const desc = `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls}> "${text}"`;
  // A visually hidden radio or checkbox (the theme's light/dark switch) shows its focus on the
  // label drawn next to it.
  let target = el;
  if (el.getBoundingClientRect().width < 1) {
    if (el.nextElementSibling && el.nextElementSibling.tagName === "LABEL") target = el.nextElementSibling;
    else if (el.labels && el.labels.length) target = el.labels[0];
  }
  const rects = [...target.getClientRects()].filter(r => r.width >= 1 && r.height >= 1);
  if (!rects.length) return [desc, "has no size"];
  const w = innerWidth, h = innerHeight;
  const shown = rects.map(r => ({left: Math.max(r.left, 0), right: Math.min(r.right, w),
                                 top: Math.max(r.top, 0), bottom: Math.min(r.bottom, h)}))
                     .filter(r => r.right - r.left >= 1 && r.bottom - r.top >= 1);
  if (!shown.length) {
    const r = target.getBoundingClientRect();
    return [desc, `is outside the window (x ${Math.round(r.left)} to ${Math.round(r.right)}, ` +
                  `y ${Math.round(r.top)} to ${Math.round(r.bottom)}; the window is ${w} x ${h})`];
  }
  for (let a = target; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (parseFloat(style.opacity) < 0.1) {
      return [desc, `is transparent (opacity ${style.opacity} on <${a.tagName.toLowerCase()}` +
                    `${typeof a.className === "string" && a.className ? "." + a.className.split(" ")[0] : ""}>)`];
    }
  }
  const mine = hit => hit && (hit === target || target.contains(hit) || hit === el || hit.control === el);
  for (const r of shown) {
    for (const [fx, fy] of [[0.5, 0.5], [0.2, 0.5], [0.8, 0.5], [0.5, 0.25], [0.5, 0.75]]) {
      if (mine(document.elementFromPoint(r.left + (r.right - r.left) * fx, r.top + (r.bottom - r.top) * fy))) {
        return [desc, ""];
      }
    }
  }
  const r = shown[0];
  const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
  const seen = hit ? hit.tagName.toLowerCase() + (typeof hit.className === "string" && hit.className
    ? "." + hit.className.split(" ")[0] : "") : "nothing";
  return [desc, `is covered or clipped (at its centre the reader sees <${seen}>)`];
}
"""


def invisible_stops(page) -> list[str]:
    """Press Tab from the top of the loaded page until focus leaves it (or comes back to the first
    stop); one line per stop the reader could not see."""
    page.add_style_tag(content=NO_TRANSITIONS)
    problems, first = [], None
    for press in range(1, MAX_STOPS + 1):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS_PROBLEM_JS)
        if found is None:
            return problems
        desc, problem = found
        if first is None:
            first = desc
        elif desc == first and press > 2:
            return problems
        if problem:
            problems.append(f"Tab {press}: {desc} {problem}")
    return problems + [f"more than {MAX_STOPS} Tab stops"]


def check_widths(browser, base_url: str, paths: list[str]) -> list[str]:
    problems = []
    for name, (width, height) in WIDTHS.items():
        # bypass_csp: the style that switches transitions off would be refused by the page's policy.
        context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block",
                                      bypass_csp=True)
        try:
            for path in paths:
                page = sitetools.open_page(context, base_url + path)
                found = invisible_stops(page)
                if found:
                    problems.append(f"{path} ({sitetools.source_hint(path)}) at {width} px ({name}): "
                                    f"{len(found)} invisible stop(s):\n    " + "\n    ".join(found[:8]))
        finally:
            context.close()
    return problems


def test_every_tab_stop_is_visible(browser, base_url, page_paths, engine):
    problems = check_widths(browser, base_url, page_paths)
    assert not problems, (
        f"{engine}: a keyboard user tabbing through these pages lands on things they cannot see. Keep a "
        "hidden element out of the tab order while it is hidden (visibility: hidden, or inert), as "
        "docs/assets/stylesheets/site.css does for the closed menu and search:\n" + "\n".join(problems))


BROKEN = """<!doctype html><html lang="en"><head><title>t</title></head><body>
<a href="#a">Seen</a>
<nav style="position: fixed; left: -300px; top: 0; width: 250px"><a href="#b">Off-canvas</a></nav>
<div style="opacity: 0"><input aria-label="Faded search"></div>
<p style="overflow: hidden; height: 0"><a href="#c">Clipped</a></p>
<a href="#d">Also seen</a>
</body></html>"""


def test_the_tab_check_finds_invisible_stops(browser):
    """The check can fail: an off-canvas link, a transparent input and a clipped link are caught."""
    context = browser.new_context(viewport={"width": 640, "height": 450})
    try:
        page = context.new_page()
        page.set_content(BROKEN)
        problems = invisible_stops(page)
    finally:
        context.close()
    assert len(problems) == 3, problems
    assert "Off-canvas" in problems[0] and "outside the window" in problems[0]
    assert "Faded search" in problems[1] and "transparent" in problems[1]
    assert "Clipped" in problems[2]
