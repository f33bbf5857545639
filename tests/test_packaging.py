"""pyproject.toml agrees with requirements.txt, and `pip install -e .` gives a working `sgp` command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib

import pytest

from tests.live import PROJECT_DIR

PYPROJECT = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+(?:\[[^\]]+\])?)\s*(==|>=)\s*([^\s;#]+)$")


def _pins(block: str) -> dict[str, str]:
    pins = {}
    for line in block.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, operator, version = REQUIREMENT.match(line).groups()
            assert operator == "==", f"requirements.txt pins exactly: {line}"
            pins[name.lower()] = version
    return pins


def _lower_bounds(requirements: list[str]) -> dict[str, str]:
    bounds = {}
    for requirement in requirements:
        name, operator, version = REQUIREMENT.match(requirement).groups()
        assert operator == ">=", requirement
        bounds[name.lower()] = version
    return bounds


def test_pyproject_dependencies_are_the_pinned_runtime_list():
    # requirements.txt: the runtime pins, then "# Tests" and what the suite needs (the Dockerfile
    # installs the part above that line).
    runtime, tests = (PROJECT_DIR / "requirements.txt").read_text(encoding="utf-8").split("# Tests\n")
    project = PYPROJECT["project"]
    assert _lower_bounds(project["dependencies"]) == _pins(runtime)
    assert _lower_bounds(project["optional-dependencies"]["test"]) == _pins(tests)


def test_every_top_level_module_is_packaged():
    modules = {path.stem for path in PROJECT_DIR.glob("*.py")}
    assert set(PYPROJECT["tool"]["setuptools"]["py-modules"]) == modules
    assert PYPROJECT["project"]["scripts"] == {"sgp": "cli:main"}


@pytest.mark.slow
def test_editable_install_gives_the_sgp_command(tmp_path):
    """A throwaway venv without the dependencies: `sgp --help` works, a command names what is missing."""
    source = tmp_path / "sgp"
    shutil.copytree(
        PROJECT_DIR,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "shared", "releases", "tests", "__pycache__", "*.egg-info"),
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "-e", str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if installed.returncode != 0 and re.search(
        r"No matching distribution|Could not find a version|connection", installed.stderr
    ):
        pytest.skip(f"pip could not fetch the build backend (setuptools): {installed.stderr.strip().splitlines()[-1]}")
    assert installed.returncode == 0, installed.stderr
    sgp = venv / "bin" / "sgp"
    listed = subprocess.run([str(sgp), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "media-migrate" in listed.stdout
    migrate = subprocess.run([str(sgp), "migrate"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert migrate.returncode == 1
    assert "falta o pacote Python" in migrate.stderr and "pip install -r requirements.txt" in migrate.stderr
