"""Every directive medref knows, registered once (one line each, in the order AUTHORING.md lists them).

The extension builds its one block processor and its one inline-directive preprocessor from this
registry, the citation scan (medref.cited) asks it which keys a directive line cites, so each page's
reference-manager files follow, and `python -m medref directives` writes AUTHORING.md's directive list
from it. A new directive is a class (medref.render.directives.BlockDirective or InlineDirective) and one
line here.
"""

from __future__ import annotations

from medref.render.citations import ReferencesDirective
from medref.render.directives import Registry
from medref.render.glossary_render import GlossaryDirective
from medref.render.handouts import OfflineCopyDirective, PdfLinkDirective
from medref.render.literature_watch_render import LiteratureWatchDirective
from medref.render.risk_render import RiskFigure, RiskTable
from medref.render.trial_render import TrialChart, TrialFact, TrialSummary, TrialTable
from medref.render.urgent_render import UrgentCareDirective
from medref.render.option_grid import OptionGrid
from medref.render.fair_tests import FairTests
from medref.render.worksheet import Worksheet

DIRECTIVES = Registry(
    RiskFigure,
    RiskTable,
    TrialTable,
    TrialSummary,
    TrialChart,
    TrialFact,
    UrgentCareDirective,
    PdfLinkDirective,
    OfflineCopyDirective,
    ReferencesDirective,
    GlossaryDirective,
    OptionGrid,
    FairTests,
    Worksheet,
    LiteratureWatchDirective,
)
