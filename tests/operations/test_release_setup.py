"""scripts.release set-up and updates: .env and service definitions, manifest and share updates."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from scripts import release, releases
from tests.operations.release_fakes import fake_service_options, make_source, restart_command, restarts


def zip_source(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in source.rglob("*"):
            archive.write(path, Path(source.name) / path.relative_to(source))
    return target


def test_update_from_share_deploys_the_newest_zip_once(root, service, tmp_path, capsys):
    share = tmp_path / "share"
    share.mkdir()
    zip_source(make_source(tmp_path, "1.0.0"), share / "api-sgp-1.0.0.zip")
    zip_source(make_source(tmp_path, "1.2.0"), share / "api-sgp-1.2.0.zip")
    args = [
        "--root",
        str(root),
        "update-from-share",
        "--watch-path",
        str(share),
        "--skip-venv",
        *fake_service_options(root, service),
    ]

    assert release.main(args) == 0
    assert release.main(args) == 0

    assert restarts(root) == ["v1.2.0"]
    assert "já atualizado" in capsys.readouterr().out


def test_update_from_manifest_checks_the_sha256(root, service, tmp_path, capsys):
    package = zip_source(make_source(tmp_path, "1.3.0"), tmp_path / "sgp-1.3.0.zip")
    manifest = tmp_path / "latest.json"
    args = [
        "--root",
        str(root),
        "update",
        "--manifest-url",
        manifest.as_uri(),
        "--skip-venv",
        *fake_service_options(root, service),
    ]

    manifest.write_text(json.dumps({"version": "1.3.0", "url": package.name, "sha256": "0" * 64}))
    assert release.main(args) != 0
    assert "sha256" in capsys.readouterr().err
    assert not (root / "releases" / "v1.3.0").exists()

    digest = hashlib.sha256(package.read_bytes()).hexdigest()
    manifest.write_text(json.dumps({"version": "1.3.0", "url": package.name, "sha256": digest}))
    assert release.main(args) == 0
    assert (root / "current.txt").read_text().strip() == "v1.3.0"


def test_init_creates_shared_and_a_production_env_with_a_fresh_secret_once(root):
    assert release.main(["--root", str(root), "init", "--create-env", "--port", "8081", "--workers", "3"]) == 0
    env = dict(
        line.split("=", 1)
        for line in (root / ".env").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    assert len(env["SECRET_KEY"]) >= 32 and env["SECRET_KEY"] != "change-me"
    assert env["ENVIRONMENT"] == "production" and env["PORT"] == "8081"
    first = (root / ".env").read_text()

    assert release.main(["--root", str(root), "init", "--create-env"]) == 0
    assert (root / ".env").read_text() == first
    assert {p.name for p in (root / "shared").iterdir()} == {"db", "media", "logs", "backups"}


def test_service_definitions_run_the_server_with_the_workers(root, capsys):
    assert (
        release.main(
            ["--root", str(root), "service", "--manager", "systemd", "--port", "8081", "--workers", "3", "--print-only"]
        )
        == 0
    )
    unit = capsys.readouterr().out
    assert f"WorkingDirectory={root}/current" in unit
    assert "python -m serve --host 0.0.0.0 --port 8081 --workers 3" in unit

    assert (
        release.main(
            [
                "--root",
                str(root),
                "service",
                "--manager",
                "nssm",
                "--service",
                "SGP-API",
                "--port",
                "8081",
                "--workers",
                "3",
                "--print-only",
            ]
        )
        == 0
    )
    commands = capsys.readouterr().out
    assert "nssm install SGP-API" in commands
    assert "--workers 3" in commands and "AppStdout" in commands


@pytest.fixture
def fake_managers(tmp_path, monkeypatch) -> Path:
    """`systemctl` and `nssm` stand-ins on PATH that record their arguments (nssm: no service yet)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "manager-calls.log"
    for tool in ("systemctl", "nssm"):
        script = bin_dir / tool
        script.write_text(f'#!/bin/sh\necho "{tool} $*" >> {calls}\n[ "$1" = status ] && exit 3\nexit 0\n')
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return calls


def test_first_deploy_defines_the_systemd_service_then_restarts_it(root, service, tmp_path, fake_managers):
    units = tmp_path / "units"
    units.mkdir()
    args = [
        "--root",
        str(root),
        "deploy",
        "--source",
        str(make_source(tmp_path, "1.0.0")),
        "--skip-venv",
        "--no-backup",
        "--register-service",
        "systemd",
        "--unit-dir",
        str(units),
        "--user",
        getpass.getuser(),
        "--port",
        "8123",
        "--workers",
        "3",
        "--health-url",
        service.health_url,
        "--health-timeout",
        "1.5",
        "--restart-cmd",
        restart_command(root),
    ]

    assert release.main(args) == 0

    unit = (units / "sgp.service").read_text()
    assert f"WorkingDirectory={root}/current" in unit and "--port 8123 --workers 3" in unit
    assert fake_managers.read_text().splitlines() == ["systemctl daemon-reload", "systemctl enable sgp"]
    assert restarts(root) == ["v1.0.0"]


def test_a_new_nssm_service_runs_the_server_with_rotated_logs_in_shared(root, tmp_path, fake_managers):
    from scripts.release_setup import register_service

    register_service(releases.Layout(root), manager="nssm", service="SGP-API", port=8000, workers=2)

    calls = fake_managers.read_text().splitlines()
    assert calls[0] == "nssm status SGP-API"
    assert calls[1].startswith("nssm install SGP-API ")
    assert "nssm set SGP-API AppParameters -m serve --host 0.0.0.0 --port 8000 --workers 2" in calls
    assert f"nssm set SGP-API AppStdout {root / 'shared' / 'logs' / 'service.out.log'}" in calls
    assert "nssm set SGP-API AppRotateFiles 1" in calls
