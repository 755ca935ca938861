"""The GitHub workflows: zizmor (offline) finds nothing, and the shape issue 2 asks for holds:
every action pinned by commit SHA with a version comment, no permissions at the top, only
what each job needs, no token left on disk, Pages published from configure-pages' URL."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests import sitetools

GITHUB = sitetools.ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FIXTURES = Path(__file__).parent / "fixtures" / "workflows"
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(?:\.\d+)*\s*$")


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(sitetools.BIN / "zizmor"), "--offline", "--color", "never", str(path)],
                          capture_output=True, text=True, cwd=sitetools.ROOT)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_zizmor_finds_nothing():
    proc = zizmor(GITHUB)
    assert proc.returncode == 0, f"zizmor found problems in .github/; fix each one:\n{proc.stdout}{proc.stderr}"
    assert "No findings" in proc.stdout + proc.stderr


def test_zizmor_reports_unpinned_actions_in_fixture():
    proc = zizmor(FIXTURES / "unpinned.yml")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "unpinned-uses" in out and "unpinned.yml:16" in out, out
    assert "persist-credentials: false" in out, out


def loose_uses(workflow: Path) -> list[str]:
    """`uses:` lines not pinned to a 40-hex commit with a '# vX.Y.Z' comment, as 'file:line: text'."""
    lines = workflow.read_text(encoding="utf-8").splitlines()
    return [f"{workflow.name}:{n}: {line.strip()}" for n, line in enumerate(lines, 1)
            if re.match(r"^\s*(-\s*)?uses:", line) and not PINNED.match(line)]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_pinned_by_sha_with_version_comment(workflow):
    loose = loose_uses(workflow)
    assert not loose, "pin each action to its full commit SHA with '# vX.Y.Z' after it:\n" + "\n".join(loose)


def test_pin_check_reports_tags_in_fixture():
    assert loose_uses(FIXTURES / "unpinned.yml") == [
        "unpinned.yml:16: - uses: actions/checkout@v7",
        "unpinned.yml:17: - uses: actions/upload-pages-artifact@v5",
        "unpinned.yml:20: - uses: actions/deploy-pages@v5",
    ]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_per_job_and_checkout_keeps_no_token(workflow):
    data = load(workflow)
    assert data.get("permissions") == {}, f"{workflow.name}: set 'permissions: {{}}' at the top"
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"{workflow.name}: job '{name}' must list the permissions it needs"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, (
                    f"{workflow.name}: job '{name}' checks out without 'persist-credentials: false'")


def test_ci_runs_the_checks_on_push_and_pull_request():
    data = load(GITHUB / "workflows" / "ci.yml")
    assert {"push", "pull_request"} <= set(data["on"]), "ci.yml must run on push and pull_request"
    runs = [step.get("run", "") for job in data["jobs"].values() for step in job["steps"]]
    assert any(".ci/run" in run or "make test" in run for run in runs), "ci.yml must run .ci/run or make test"


def test_pages_publishes_from_main_with_the_pages_url():
    data = load(GITHUB / "workflows" / "pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    steps = [step for job in data["jobs"].values() for step in job["steps"]]
    used = {str(step.get("uses", "")).split("@")[0] for step in steps}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    build = next(step for step in steps if "make build" in step.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    deploy = data["jobs"]["deploy"]["permissions"]
    assert deploy == {"pages": "write", "id-token": "write"}, deploy


def test_dependabot_covers_pip_and_actions_with_cooldown_and_holds_mkdocs_1():
    updates = {u["package-ecosystem"]: u for u in yaml.safe_load((GITHUB / "dependabot.yml").read_text())["updates"]}
    assert {"pip", "github-actions"} <= set(updates)
    assert all(update.get("cooldown", {}).get("default-days", 0) >= 1 for update in updates.values())
    assert {"dependency-name": "mkdocs", "versions": [">=2"]} in updates["pip"]["ignore"]


def deploy_gate_problems(data: dict) -> list[str]:
    """Why a Pages workflow could publish a push whose checks failed ([] when it cannot)."""
    jobs = data["jobs"]
    checks = [name for name, job in jobs.items()
              if any(".ci/run" in step.get("run", "") for step in job.get("steps", []))]
    if not checks:
        return ["no job runs `bash .ci/run` (the checks)"]
    needs = jobs.get("deploy", {}).get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    # The deploy job must wait for the checks, directly or through a job that waits for them.
    waited = set(needs)
    for name in needs:
        more = jobs.get(name, {}).get("needs", [])
        waited |= {more} if isinstance(more, str) else set(more)
    return [] if waited & set(checks) else [f"deploy needs {sorted(needs)}, not the checks job {checks}"]


def test_pages_deploys_only_what_passed_the_checks():
    problems = deploy_gate_problems(load(GITHUB / "workflows" / "pages.yml"))
    assert not problems, "pages.yml: " + "; ".join(problems)


def test_deploy_gate_check_fails_on_a_deploy_that_does_not_wait(tmp_path):
    data = load(GITHUB / "workflows" / "pages.yml")
    data["jobs"]["deploy"]["needs"] = "build"
    assert deploy_gate_problems(data) == ["deploy needs ['build'], not the checks job ['checks']"]
    del data["jobs"]["checks"]
    assert deploy_gate_problems(data) == ["no job runs `bash .ci/run` (the checks)"]


def test_dependabot_holds_mkdocs_redirects_below_the_properdocs_release():
    updates = {u["package-ecosystem"]: u for u in yaml.safe_load((GITHUB / "dependabot.yml").read_text())["updates"]}
    assert {"dependency-name": "mkdocs-redirects", "versions": [">=1.2.3"]} in updates["pip"]["ignore"]


def review_date_gaps(data: dict) -> list[str]:
    """What stops a workflow from being the weekly review-date check on main, in words."""
    gaps = []
    crons = [entry.get("cron", "") for entry in (data.get("on") or {}).get("schedule") or []]
    # weekly: a fixed day-of-week field, and day-of-month and month left open
    if not any(len(c.split()) == 5 and c.split()[2:4] == ["*", "*"] and c.split()[4] != "*" for c in crons):
        gaps.append("no weekly 'schedule: - cron' (e.g. \"17 6 * * 1\")")
    steps = [step for job in data.get("jobs", {}).values() for step in job.get("steps", [])]
    if not any("medref review-report" in step.get("run", "") for step in steps):
        gaps.append("no step runs 'python -m medref review-report docs'")
    jobs = list(data.get("jobs", {}).values())
    runs = lambda job: " ".join(step.get("run", "") for step in job.get("steps", []))  # noqa: E731
    # The issue (readers of the repository hear of an overdue page) and the keep-alive (GitHub switches a
    # quiet repository's schedules off after 60 days), each with only its own write permission.
    if not any((job.get("permissions") or {}).get("issues") == "write" and "gh issue" in runs(job) for job in jobs):
        gaps.append("no job with 'issues: write' opens or updates an issue ('gh issue')")
    if not any((job.get("permissions") or {}).get("actions") == "write" and "gh workflow enable" in runs(job)
               for job in jobs):
        gaps.append("no job with 'actions: write' keeps the schedule on ('gh workflow enable')")
    for job in jobs:
        writes = [k for k, v in (job.get("permissions") or {}).items() if v == "write"]
        if len(writes) > 1:
            gaps.append(f"a job may write {', '.join(writes)}: give each write permission its own job")
    checkouts = [step for step in steps if str(step.get("uses", "")).startswith("actions/checkout@")]
    if not any(step.get("with", {}).get("ref") == "main" for step in checkouts):
        gaps.append("does not check out main ('with: ref: main')")
    return gaps


def test_review_dates_are_checked_weekly_on_main_without_a_push():
    gaps = review_date_gaps(load(GITHUB / "workflows" / "review-dates.yml"))
    assert not gaps, ".github/workflows/review-dates.yml: " + "; ".join(gaps)


def test_review_date_check_reports_a_push_only_workflow():
    gaps = review_date_gaps(load(GITHUB / "workflows" / "ci.yml"))
    assert "no weekly 'schedule: - cron' (e.g. \"17 6 * * 1\")" in gaps
    assert "no step runs 'python -m medref review-report docs'" in gaps
    assert "no job with 'issues: write' opens or updates an issue ('gh issue')" in gaps
