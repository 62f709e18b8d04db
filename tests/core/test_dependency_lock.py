"""The lock files hold every package with its hashes, at the versions pyproject.toml pins
(issue "Hardening", dependencies): a pin changed without running scripts/lock fails here."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;]+)")


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(group, groups):
    found = {}
    for entry in groups[group]:
        if isinstance(entry, dict):
            found |= pins(entry["include-group"], groups)
        else:
            name, version = PIN.match(entry).groups()
            found[canonical(name)] = version
    return found


def locked(path):
    """Each package of a lock file with its version and how many hashes it carries."""
    packages = {}
    current = None
    for line in path.read_text().splitlines():
        if match := PIN.match(line):
            current = canonical(match.group(1))
            packages[current] = {"version": match.group(2), "hashes": 0}
        elif current and line.strip().startswith("--hash=sha256:"):
            packages[current]["hashes"] += 1
    return packages


@pytest.mark.parametrize("group", ["app", "test"])
def test_it_locks_every_pin_at_its_version(group):
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]
    lock = locked(ROOT / "requirements" / f"{group}.txt")
    wanted = pins(group, groups)
    assert {name: lock.get(name, {}).get("version") for name in wanted} == wanted


@pytest.mark.parametrize("group", ["app", "test"])
def test_it_gives_every_locked_package_a_hash(group):
    lock = locked(ROOT / "requirements" / f"{group}.txt")
    assert len(lock) > 20
    assert [name for name, package in lock.items() if not package["hashes"]] == []


def test_it_installs_only_from_the_lock_with_hashes():
    install = (ROOT / "scripts" / "install").read_text()
    assert "--require-hashes" in install
    assert "-r requirements/test.txt" in install
    assert "--group" not in install
