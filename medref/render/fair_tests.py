"""`[[fair-tests:REVIEW]]`: the placebo-controlled ("fair") trials in one picture, the pooled result first.

REVIEW is the id of a systematic review in data/trials.yml (cochrane-2018). The picture shows:

1. the review's pooled result (its fact `pooled`), first and largest;
2. then every sham-controlled trial in data/trials.yml, the ones that found a benefit and then the
   ones that did not (`verdict`), each drawn the same way: name and year, a bar as long as the number
   of people it randomised (all bars on one scale), who took part (fact `fair-test-who`, else the
   population), what it found at its own time point (facts whose id starts `fair-test`), with
   citations, and who paid for it (medref.render.funding). Trials newer than the review are marked.

Every word and number comes from data/trials.yml; the same picture appears wherever the site answers
"does it work?" (includes/does-it-work.md).
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from markdown.util import AtomicString

from medref.data import trials
from medref.render.directives import BlockDirective, DirectiveError, OneOf, stash
from medref.render.funding import funding_line
from medref.render.text import inline, words

VERDICT_GROUPS = (("benefit", "Found a benefit"), ("no clear difference", "Found no clear difference"))
BAR_WIDTH = 200   # SVG units for the largest trial
BAR_HEIGHT = 14


def finding_markdown(trial: trials.Trial) -> str:
    """The trial's fair-test facts, each with its citation, as one paragraph."""
    return " ".join(f"{inline(f.text)} [@{f.source}]." for f in trials.fair_test_facts(trial))


def who_markdown(trial: trials.Trial) -> str:
    who = next((f for f in trial.facts if f.id == "fair-test-who"), None) or next(
        (f for f in trial.facts if f.id == "who"), None)
    return inline(f"{who.text[:1].upper()}{who.text[1:]}.") if who else ""


def bar_svg(people: int, most: int) -> str:
    """A bar as long as the trial's size, on the scale of the largest trial (decorative: the words say
    it). The track behind it is the SVG's own background (site.css)."""
    width = max(2, round(BAR_WIDTH * people / most))
    return (f'<svg class="ft-bar" viewBox="0 0 {BAR_WIDTH} {BAR_HEIGHT}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
            f'aria-hidden="true" focusable="false"><rect width="{width}" height="{BAR_HEIGHT}"/></svg>')


def problems_for(review: trials.Trial, review_id: str, shown: list[trials.Trial]) -> list[str]:
    problems = []
    if not any(f.id == "pooled" for f in review.facts):
        problems.append(f"review '{review_id}' has no fact 'pooled' (its result in plain words) in data/{trials.FILENAME}")
    for trial in shown:
        if not trial.verdict:
            problems.append(f"trial '{trial.id}' has no 'verdict' in data/{trials.FILENAME}; add benefit or "
                            "'no clear difference' so the picture can place it")
        if not finding_markdown(trial):
            problems.append(f"trial '{trial.id}' has no 'fair-test' fact in data/{trials.FILENAME}; add what it "
                            "found, in plain words, with its time point")
    return problems


def reviews(data) -> list[str]:
    return [t.id for t in data.trials.values() if t.design == "systematic review"]


class FairTests(BlockDirective):
    """`[[fair-tests:REVIEW]]`: the pooled result of a review, then every placebo-controlled trial."""

    NAMES = ("fair-tests",)
    ARGUMENT = OneOf("review", reviews, source=trials.FILENAME)
    DOCS = (("[[fair-tests:REVIEW]]", "the review's pooled result (its fact `pooled`) first, then every "
                                      "sham-controlled trial drawn the same way, grouped by `verdict`"),)

    @classmethod
    def cites(cls, data, name, value):
        """The review's pooled result and each trial's findings, in the order they are shown."""
        review = data.trials[value]
        facts = [f for f in review.facts if f.id == "pooled"] + [
            f for t in trials.fair_tests(data.trials) for f in trials.fair_test_facts(t)]
        return [f.source for f in facts]

    def render(self, parent, name, value):
        all_trials = self.data.trials
        review = all_trials[value]
        shown = trials.fair_tests(all_trials)
        problems = problems_for(review, value, shown)
        if problems:
            raise DirectiveError("; ".join(problems))
        pooled = next(f for f in review.facts if f.id == "pooled")
        figure = etree.SubElement(parent, "figure", {"class": "medref-fair-tests", "id": "fair-tests"})
        box = etree.SubElement(figure, "div", {"class": "ft-pooled"})
        etree.SubElement(box, "p", {"class": "ft-pooled-title"}).text = (
            f"**All the fair tests in the review, together** ({words(review.name)} {review.year})")
        sign = etree.SubElement(box, "p", {"class": "ft-pooled-sign"})
        sign.text = AtomicString(stash(self.md, '<span class="ft-side">Real procedure</span>'
                                                '<span class="ft-approx" aria-hidden="true">≈</span>'
                                                '<span class="ft-side">Pretend procedure</span>'))
        etree.SubElement(box, "p", {"class": "ft-pooled-text"}).text = f"{inline(pooled.text)} [@{pooled.source}]."
        most = max(t.randomised for t in shown)
        for verdict, heading in VERDICT_GROUPS:
            members = [t for t in shown if t.verdict == verdict]
            if not members:
                continue
            etree.SubElement(figure, "p", {"class": "ft-group"}).text = f"**{heading}**"
            items = etree.SubElement(figure, "ul", {"class": "ft-trials"})
            for trial in members:
                self._trial(items, trial, most, review)
        etree.SubElement(figure, "figcaption").text = (
            "Each trial compared the real procedure with a pretend one, so people did not know which they "
            "had. The bar shows how many people took part; each trial measured pain at its own time.")

    def _trial(self, items, trial: trials.Trial, most: int, review: trials.Trial) -> None:
        item = etree.SubElement(items, "li", {"class": "ft-trial", "id": f"fair-test-{trial.id}"})
        head = etree.SubElement(item, "p", {"class": "ft-head"})
        newer = ", newer than the review" if trial.year > review.year else ""
        head.text = f"**{words(trial.name)}** ({trial.year}{newer}): {trial.randomised:,} people"
        bar = etree.SubElement(item, "div", {"class": "ft-bar-wrap"})
        bar.text = AtomicString(stash(self.md, bar_svg(trial.randomised, most)))
        who = who_markdown(trial)
        if who:
            etree.SubElement(item, "p", {"class": "ft-who"}).text = who
        etree.SubElement(item, "p", {"class": "ft-finding"}).text = finding_markdown(trial)
        # Who paid, beside every trial, whatever it found (the Sources list gives it in full).
        etree.SubElement(item, "p", {"class": "ft-funding"}).text = words(
            funding_line(trial.source, self.data.references))
