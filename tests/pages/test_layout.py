"""The shape of pages/ (issue 12): every page of app.py's NAV is a thin router of at most
``MAX_PAGE_LINES`` lines, and every section module of a page's private package
``pages/_<page>/`` is reached from that page's router through the package's imports (no
orphan section). Read as source, not imported: importing app.py or a page runs Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "pages"
MAX_PAGE_LINES = 80


def nav_paths(source: str) -> list[str]:
    """The page files of ``NAV`` in app.py's source: the first argument of each ``NavItem``."""
    [nav] = [node.value for node in ast.walk(ast.parse(source))
             if isinstance(node, ast.Assign | ast.AnnAssign)
             and any(isinstance(t, ast.Name) and t.id == "NAV"
                     for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))]
    return [call.args[0].value for call in ast.walk(nav)
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "NavItem"]


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def imported_sections(path: Path, package: str, sections: set[str]) -> set[str]:
    """Which of ``sections`` (module names in ``pages/<package>/``) the file imports:
    ``from pages.<package> import a``, ``from pages.<package>.a import f``,
    ``import pages.<package>.a`` and the relative forms inside the package."""
    prefix = f"pages.{package}"
    inside = path.parent.name == package
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 1 and inside:
                base = prefix if node.module is None else f"{prefix}.{node.module}"
            elif node.level == 0 and node.module is not None:
                base = node.module
            else:
                continue
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            head, _, rest = name.partition(f"{prefix}.")
            if not head and rest.split(".")[0] in sections:
                found.add(rest.split(".")[0])
    return found


def unreached_sections(router: Path, package: Path) -> list[str]:
    """Sections of ``package`` that the router does not reach, directly or through sections
    it reaches."""
    modules = {p.stem: p for p in package.glob("*.py") if p.stem != "__init__"}
    reached: set[str] = set()
    todo = [router]
    while todo:
        new = imported_sections(todo.pop(), package.name, set(modules)) - reached
        reached |= new
        todo.extend(modules[name] for name in new)
    return sorted(set(modules) - reached)


PAGE_FILES = nav_paths((ROOT / "app.py").read_text(encoding="utf-8"))
PACKAGES = sorted(p for p in PAGES.glob("_*") if p.is_dir() and p.name != "__pycache__")


def test_nav_is_read_from_app_py() -> None:
    assert len(PAGE_FILES) >= 15 and len(set(PAGE_FILES)) == len(PAGE_FILES)
    assert {"pages/map.py", "pages/consultation.py", "pages/municipality.py"} <= set(PAGE_FILES)
    assert all((ROOT / path).is_file() for path in PAGE_FILES)


@pytest.mark.parametrize("path", PAGE_FILES)
def test_a_page_is_a_thin_router(path: str) -> None:
    lines = line_count(ROOT / path)
    assert lines <= MAX_PAGE_LINES, (
        f"{path} has {lines} lines (at most {MAX_PAGE_LINES}): draw its sections in "
        f"pages/_{Path(path).stem}/ and move pure work to planning/views or planning/domain")


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_every_section_is_reached_from_its_page(package: Path) -> None:
    router = PAGES / f"{package.name.removeprefix('_')}.py"
    assert f"pages/{router.name}" in PAGE_FILES, f"pages/{package.name}/ belongs to no page"
    assert unreached_sections(router, package) == [], f"orphan sections in pages/{package.name}/"


# ---------------------------------------------------------------------- the checks themselves


def test_lines_are_counted_as_an_editor_shows_them(tmp_path) -> None:
    page = tmp_path / "page.py"
    page.write_text("x = 1\n" * MAX_PAGE_LINES, encoding="utf-8")
    assert line_count(page) == MAX_PAGE_LINES
    page.write_text("x = 1\n" * MAX_PAGE_LINES + "main()", encoding="utf-8")
    assert line_count(page) == MAX_PAGE_LINES + 1


def test_nav_paths_reads_every_nav_item() -> None:
    source = ('NAV: tuple = (\n    NavItem("pages/a.py", "k", "i", "a", "s", default=True),\n'
              '    NavItem("pages/b.py", "k", "i", "b", "s"),\n)\nOTHER = NavItem("pages/c.py")\n')
    assert nav_paths(source) == ["pages/a.py", "pages/b.py"]


def test_an_orphan_section_is_found_and_imports_are_followed(tmp_path) -> None:
    package = tmp_path / "_demo"
    package.mkdir()
    router = tmp_path / "demo.py"
    router.write_text("from pages._demo import top\nfrom pages._demo.mid import f\n")
    (package / "__init__.py").write_text("")
    (package / "top.py").write_text("import pages._demo.deep\n")
    (package / "mid.py").write_text("from . import rel\nfrom .rel2 import g\n")
    for name in ("deep", "rel", "rel2"):
        (package / f"{name}.py").write_text("from pages._other import x\nimport pages._shared\n")
    (package / "orphan.py").write_text("from pages._demo import orphan2\n")
    (package / "orphan2.py").write_text("from pages._demo import orphan\n")  # a cycle alone
    assert unreached_sections(router, package) == ["orphan", "orphan2"]
