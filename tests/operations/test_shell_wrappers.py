"""The PowerShell and shell scripts parse, take the documented parameters and only call scripts.release."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.live import PROJECT_DIR

tree_sitter = pytest.importorskip("tree_sitter", reason="tree-sitter (requirements.txt) is needed to parse .ps1")
tree_sitter_powershell = pytest.importorskip("tree_sitter_powershell")

SCRIPTS = PROJECT_DIR / "scripts"
PARAMETERS = {
    "deploy.ps1": {"Port", "Workers", "ProjectPath", "CreateEnvFile"},
    "update.ps1": {"ManifestUrl", "MsiArgs"},
    "update_from_share.ps1": {"WatchPath", "ApiRoot", "ServiceName", "Force"},
}
COMMON = "release_common.ps1"  # dot-sourced by each of them: Find-Python, Invoke-Release
# Cmdlets for checks, messages and locations; anything that does work must go through Python.
HARMLESS = {
    "Get-Command",
    "Write-Error",
    "Write-Host",
    "Test-Path",
    "Split-Path",
    "Join-Path",
    "Push-Location",
    "Pop-Location",
}


def parse(source: bytes):
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
    return parser.parse(source).root_node


def nodes(node, kind: str):
    if node.type == kind:
        yield node
    for child in node.children:
        yield from nodes(child, kind)


def test_the_grammar_checker_rejects_broken_powershell():
    assert parse(b"param([int]$Port = 8000)\nif ($Port -gt 1) { Write-Host 'ok' }\n").has_error is False
    assert parse(b"if ($Port -gt 1 { Write-Host 'ok' \n").has_error is True


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_powershell_script_parses_and_takes_the_documented_parameters(name):
    root = parse((SCRIPTS / name).read_bytes())
    assert not root.has_error, f"{name} has a syntax error"
    [param_block] = [n for n in root.children if n.type == "param_block"]
    declared = {
        v.text.decode().lstrip("$") for v in nodes(param_block, "variable") if v.parent.type == "script_parameter"
    }
    assert PARAMETERS[name] <= declared


@pytest.mark.parametrize("name", sorted([*PARAMETERS, COMMON]))
def test_powershell_script_is_ascii_so_windows_powershell_reads_it_right(name):
    # Windows PowerShell 5.1 reads a BOM-less file in the ANSI code page: accents would be mangled.
    assert (SCRIPTS / name).read_bytes().isascii()


def test_the_common_part_parses_and_calls_only_the_python_module():
    root = parse((SCRIPTS / COMMON).read_bytes())
    assert not root.has_error
    assert {n.text.decode() for n in nodes(root, "function_name")} == {"Find-Python", "Invoke-Release"}
    calls = [c for c in nodes(root, "command") if c.child_by_field_name("command_name").type == "command_name_expr"]
    assert [c.text.decode() for c in calls] == ["& $Python -m scripts.release @Arguments"]


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_powershell_script_does_its_work_only_through_the_python_module(name):
    root = parse((SCRIPTS / name).read_bytes())
    common = parse((SCRIPTS / COMMON).read_bytes())
    functions = {n.text.decode() for tree in (root, common) for n in nodes(tree, "function_name")}
    release_calls = []
    for command in nodes(root, "command"):
        command_name = command.child_by_field_name("command_name")
        if command_name.type == "command_name_expr":
            # The only thing run by expression is the common part, dot-sourced from beside the script.
            assert command.text.decode() == f'. (Join-Path $PSScriptRoot "{COMMON}")', command.text.decode()
        else:
            assert command_name.text.decode() in HARMLESS | functions, f"{name} runs {command.text.decode()!r}"
            if command_name.text.decode() == "Invoke-Release":
                release_calls.append(command.text.decode())
    assert release_calls, f"{name} never hands its work to scripts.release"


def test_deploy_sh_parses_and_only_calls_the_python_module():
    script = SCRIPTS / "deploy.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    helped = subprocess.run(["bash", str(script), "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "--workers" in helped.stdout
    work = [line for line in script.read_text().splitlines() if line.startswith('"$PYTHON"')]
    assert len(work) == 2 and all("-m scripts.release" in line for line in work)
    unknown = subprocess.run(["bash", str(script), "--nope"], capture_output=True, text=True)
    assert unknown.returncode != 0


def test_release_module_runs_on_a_bare_python_without_the_venv_packages():
    code = "import sys; sys.path.insert(0, '.'); import scripts.release_cli, scripts.release_setup; print('ok')"
    result = subprocess.run([sys.executable, "-S", "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
