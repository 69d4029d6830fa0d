"""Crisis resources by region, from data files: always available, offline (SAFETY.md S5)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from holdspace.errors import InvalidSetting

__all__ = ["CrisisResources", "Resource", "load_resources", "regions", "render_text"]


@dataclass(frozen=True, slots=True)
class Resource:
    """One service: who, how to reach it, and when to."""

    id: str
    name: str
    contact: str
    when: str


@dataclass(frozen=True, slots=True)
class CrisisResources:
    """The resources of one region and the plain statement that holdspace is not monitored."""

    region: str
    version: int
    heading: str
    not_monitored: str
    resources: tuple[Resource, ...]


def _data_dir() -> Any:
    return resources.files("holdspace.assess").joinpath("data", "crisis")


def regions() -> tuple[str, ...]:
    """Every region with a resources file, sorted."""
    return tuple(
        sorted(
            e.name.removesuffix(".yaml").upper()
            for e in _data_dir().iterdir()
            if e.name.endswith(".yaml")
        )
    )


@cache
def load_resources(region: str = "US") -> CrisisResources:
    """The crisis resources of ``region``; :class:`InvalidSetting` for a region with no file."""
    known = regions()
    if region.upper() not in known:
        raise InvalidSetting(
            f"no crisis resources for region {region!r}; available: {', '.join(known)}. "
            "Set HOLDSPACE_REGION to one of them, or add a file to holdspace/assess/data/crisis/."
        )
    raw = yaml.safe_load(_data_dir().joinpath(f"{region.lower()}.yaml").read_text(encoding="utf-8"))
    return CrisisResources(
        region=str(raw["region"]),
        version=int(raw["version"]),
        heading=str(raw["heading"]),
        not_monitored=" ".join(str(raw["not_monitored"]).split()),
        resources=tuple(
            Resource(
                id=str(r["id"]), name=str(r["name"]), contact=str(r["contact"]), when=str(r["when"])
            )
            for r in raw["resources"]
        ),
    )


def render_text(crisis: CrisisResources) -> str:
    """The resources as plain text lines, ready for a terminal."""
    lines = [crisis.heading, ""]
    for resource in crisis.resources:
        lines.append(f"  {resource.name}: {resource.contact}")
        lines.append(f"    {resource.when}")
    lines += ["", crisis.not_monitored]
    return "\n".join(lines)
