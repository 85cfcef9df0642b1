"""Checks every section of ``data/norms.toml`` shares: required keys, numbers >= 0, known
target groups and a source for every number, each naming the section (and column) in its
message."""

from __future__ import annotations

from typing import Any

from planning.domain.errors import CatalogueError


def require(body: dict[str, Any], names: tuple[str, ...], where: str, source_name: str) -> None:
    missing = [n for n in names if n not in body]
    if missing:
        raise CatalogueError(f"{where} lacks {', '.join(missing)}", file=source_name)


def number(body: dict[str, Any], norm: str, where: str, source_name: str) -> None:
    value = body[norm]
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise CatalogueError(f"{where} {norm} must be a number >= 0 ({value!r})",
                             file=source_name, column=norm, value=value)


def known_groups(ids: list[str], groups: Any, where: str, source_name: str) -> None:
    for gid in ids:
        if gid not in groups:
            raise CatalogueError(f"{where} names unknown target group {gid!r}; known: "
                                 f"{', '.join(groups)}", file=source_name, column="groups",
                                 value=gid)


def sourced(body: dict[str, Any], numbers: tuple[str, ...], where: str, section: str,
             source_name: str) -> None:
    sources = body.get("sources", {})
    unsourced = [n for n in numbers if not str(sources.get(n, "")).strip()]
    if unsourced:
        raise CatalogueError(f"{where} has no source for {', '.join(unsourced)}; add it under "
                             f"[{section}.sources] (or say 'illustrative: ...')",
                             file=source_name)
