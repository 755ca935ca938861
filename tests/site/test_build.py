"""Both engines build the site under --strict."""

from tests import sitetools


def test_strict_build(site_builds, engine):
    proc, out = site_builds(engine)
    assert proc.returncode == 0, f"{engine} strict build failed:\n{sitetools.output(proc)}"
    assert (out / "index.html").is_file()


def test_strict_build_fails_on_broken_link(tmp_path, engine):
    """A dead link in a page must stop either engine (the validation block in mkdocs.yml)."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n\n[Gone](missing.md)\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Broken\nstrict: true\nvalidation:\n  links:\n    not_found: warn\n"
        "theme:\n  name: material\n  variant: classic\n",
        encoding="utf-8",
    )
    proc = sitetools.build(engine, project / "site", project=project)  # Zensical: inside the project
    assert proc.returncode != 0, "a link to a missing page should fail the strict build"
    assert "missing.md" in sitetools.output(proc)
