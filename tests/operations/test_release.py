"""scripts.release: releases/ beside shared/, install, switch, health check, rollback, prune."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx

from scripts import release
from tests.live import free_port, wait_until
from tests.operations.conftest import add_orders, order_numbers
from tests.operations.release_fakes import FakeService, fake_service_options, make_source, restarts
from tests.operations.test_backup_restore import unpack


def deploy(root: Path, service: FakeService, source: Path, *extra: str) -> int:
    return release.main(
        [
            "--root",
            str(root),
            "deploy",
            "--source",
            str(source),
            "--skip-venv",
            *fake_service_options(root, service),
            *extra,
        ]
    )


def shared_files(root: Path, *, everything: bool = False) -> dict[str, bytes]:
    """The files in shared/; unless `everything`, without the live database and the backups deploy adds."""
    shared = root / "shared"
    return {
        str(p.relative_to(shared)): p.read_bytes()
        for p in shared.rglob("*")
        if p.is_file() and (everything or p.relative_to(shared).parts[0] not in ("db", "backups"))
    }


def test_failed_health_rolls_back_to_the_old_release_and_leaves_shared_untouched(root, service, tmp_path, capsys):
    assert deploy(root, service, make_source(tmp_path, "1.0.0"), "--no-backup") == 0
    (root / "shared" / "db" / "banco.db").write_bytes(b"os pedidos da loja")
    (root / "shared" / "media" / "pedidos").mkdir(parents=True)
    (root / "shared" / "media" / "pedidos" / "arte.png").write_bytes(b"\x89PNG arte")
    shared_before = shared_files(root, everything=True)

    code = deploy(root, service, make_source(tmp_path, "1.1.0", broken=True), "--no-backup")

    assert code != 0
    assert "revertido para v1.0.0" in capsys.readouterr().err
    assert restarts(root) == ["v1.0.0", "v1.1.0", "v1.0.0"]
    assert (root / "current.txt").read_text().strip() == "v1.0.0"
    assert (root / "current").resolve() == (root / "releases" / "v1.0.0").resolve()
    assert service.health() == (200, {"status": "ok", "release": "v1.0.0"})
    assert shared_files(root, everything=True) == shared_before
    assert (root / "releases" / "v1.1.0").is_dir()  # kept for diagnosis


def test_deploy_migrates_the_shared_database_and_points_the_release_at_shared(root, service, tmp_path):
    assert deploy(root, service, make_source(tmp_path, "1.0.0", real=True)) == 0

    release_dir = root / "releases" / "v1.0.0"
    assert (release_dir / "shared").resolve() == (root / "shared").resolve()
    connection = sqlite3.connect(root / "shared" / "db" / "banco.db")
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    connection.close()
    assert {"pedidos", "alembic_version"} <= tables
    assert {"db", "media", "logs", "backups"} <= {p.name for p in (root / "shared").iterdir()}


def test_successful_deploy_switches_and_rollback_command_goes_back(root, service, tmp_path, capsys):
    assert deploy(root, service, make_source(tmp_path, "1.0.0"), "--no-backup") == 0
    assert deploy(root, service, make_source(tmp_path, "1.1.0"), "--no-backup") == 0
    assert (root / "current.txt").read_text().strip() == "v1.1.0"
    assert (root / "previous.txt").read_text().strip() == "v1.0.0"

    assert release.main(["--root", str(root), "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["- v1.0.0", "* v1.1.0"]

    code = release.main(
        [
            "--root",
            str(root),
            "rollback",
            *fake_service_options(root, service),
        ]
    )
    assert code == 0
    assert (root / "current.txt").read_text().strip() == "v1.0.0"
    assert service.health()[1]["release"] == "v1.0.0"


def test_failed_migration_never_switches(root, service, tmp_path, capsys):
    assert deploy(root, service, make_source(tmp_path, "1.0.0"), "--no-backup") == 0
    source = make_source(tmp_path, "1.1.0")
    (source / "init_db.py").write_text("raise SystemExit('migração quebrada')\n")

    assert deploy(root, service, source, "--no-backup") != 0

    assert "Migração falhou" in capsys.readouterr().err
    assert (root / "current.txt").read_text().strip() == "v1.0.0"
    assert restarts(root) == ["v1.0.0"]


def install(root: Path, source: Path, *extra: str) -> int:
    return release.main(["--root", str(root), "install", "--source", str(source), "--skip-venv", *extra])


def test_prune_keeps_the_newest_and_never_the_current_or_previous(root, tmp_path):
    source = make_source(tmp_path, "1.0.0")
    for version in ("1.0.0", "1.2.0", "1.9.0", "1.10.0"):
        assert install(root, source, "--version", version) == 0
    assert release.main(["--root", str(root), "switch", "v1.0.0", "--no-restart"]) == 0

    assert release.main(["--root", str(root), "prune", "--keep", "2"]) == 0

    assert sorted(p.name for p in (root / "releases").iterdir()) == ["v1.0.0", "v1.10.0", "v1.9.0"]


def test_reinstalling_a_version_needs_force_and_never_replaces_the_current_one(root, tmp_path, capsys):
    source = make_source(tmp_path, "1.0.0")
    assert install(root, source) == 0
    assert install(root, source) != 0
    assert "já está instalada" in capsys.readouterr().err
    assert release.main(["--root", str(root), "switch", "v1.0.0", "--no-restart"]) == 0
    assert install(root, source, "--force") != 0
    assert (root / "releases" / "v1.0.0" / "init_db.py").exists()


def test_windows_mode_writes_api_root_into_the_release_env(root, tmp_path):
    (root / ".env").write_text("API_ROOT=C:/antigo\nSECRET_KEY=abc\n")
    assert install(root, make_source(tmp_path, "1.0.0", real=True), "--link-mode", "env") == 0

    release_dir = root / "releases" / "v1.0.0"
    lines = (release_dir / ".env").read_text().splitlines()
    assert lines == ["SECRET_KEY=abc", f"API_ROOT={root}"]
    assert not (release_dir / "shared").exists()
    assert release.main(["--root", str(root), "migrate", "v1.0.0"]) == 0
    assert (root / "shared" / "db" / "banco.db").is_file()


def test_switch_to_an_unknown_release_fails_clearly(root, capsys):
    assert release.main(["--root", str(root), "switch", "v9.9.9", "--no-restart"]) != 0
    assert "não está instalada" in capsys.readouterr().err
    shutil.rmtree(root)


def test_real_server_keeps_serving_the_old_release_after_a_failed_deploy(root, tmp_path):
    hook = Path(__file__).with_name("server_restart_hook.py")
    pidfile = tmp_path / "server.pid"
    port = free_port()
    options = [
        "--skip-venv",
        "--port",
        str(port),
        "--health-timeout",
        "30",
        "--restart-cmd",
        f"{sys.executable} {hook} {pidfile} {{release}} {{port}}",
    ]
    good, bad = make_source(tmp_path, "1.0.0", real=True), make_source(tmp_path, "1.1.0", real=True)
    with (bad / "main.py").open("a") as main_py:
        main_py.write("\nraise RuntimeError('release quebrada')\n")
    try:
        assert release.main(["--root", str(root), "deploy", "--source", str(good), *options]) == 0
        add_orders(root / "shared" / "db" / "banco.db", ["P-REAL"])
        (root / "shared" / "media" / "arte.png").write_bytes(b"\x89PNG arte")
        shared_before = shared_files(root)

        code = release.main(["--root", str(root), "deploy", "--source", str(bad), *options, "--health-timeout", "5"])

        assert code != 0

        def old_release_answers():
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
            except httpx.HTTPError:
                return False
            return response.status_code == 200 and response.json()["checks"]["database"] == "ok"

        wait_until(old_release_answers, timeout=30, message="v1.0.0 serving again")
        assert (root / "current.txt").read_text().strip() == "v1.0.0"
        assert order_numbers(root / "shared" / "db" / "banco.db") == {"P-REAL"}
        assert shared_files(root) == shared_before
        [backup] = (root / "shared" / "backups" / "pre-deploy").glob("sgp-db-*.sqlite.gz")  # taken before migrating
        assert order_numbers(unpack(backup, tmp_path / "pre-deploy.db")) == {"P-REAL"}
    finally:
        if pidfile.exists():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(int(pidfile.read_text()), signal.SIGKILL)


def test_install_never_copies_the_sources_runtime_data(root, tmp_path):
    source = make_source(tmp_path, "1.0.0")
    (source / "shared" / "db").mkdir(parents=True)
    (source / "shared" / "db" / "banco.db").write_bytes(b"banco de desenvolvimento")
    (source / ".env").write_text("SECRET_KEY=do-desenvolvedor\n")
    (source / "cadastros" / "shared").mkdir(parents=True)
    (source / "cadastros" / "shared" / "crud.py").write_text("# code, not data\n")

    assert install(root, source) == 0

    release_dir = root / "releases" / "v1.0.0"
    assert (release_dir / "shared").is_symlink()
    assert not (root / "shared" / "db" / "banco.db").exists()
    assert not (release_dir / ".env").exists()
    assert (release_dir / "cadastros" / "shared" / "crud.py").is_file()


def test_install_creates_the_release_venv_at_its_final_path(root, tmp_path):
    source = make_source(tmp_path, "1.0.0")  # no requirements.txt: a venv without pip, quick to make

    assert release.main(["--root", str(root), "install", "--source", str(source)]) == 0

    python = release.release_python(root / "releases" / "v1.0.0")
    prefix = subprocess.run([str(python), "-c", "import sys; print(sys.prefix)"], capture_output=True, text=True)
    assert Path(prefix.stdout.strip()) == root / "releases" / "v1.0.0" / ".venv"


def test_a_version_that_is_not_a_version_is_refused(root, tmp_path, capsys):
    assert install(root, make_source(tmp_path, "1.0.0"), "--version", "../../fora") != 0
    assert "Versão inválida" in capsys.readouterr().err
    assert not (root / "releases").exists() or not any((root / "releases").iterdir())
    assert not (tmp_path / "fora").exists()


def test_a_restart_that_fails_rolls_back_too(root, service, tmp_path, capsys):
    assert deploy(root, service, make_source(tmp_path, "1.0.0"), "--no-backup") == 0
    refuse_new = f"{sys.executable} -c \"import sys; sys.exit('v1.1.0' in sys.argv[1])\" {{release}}"

    code = deploy(root, service, make_source(tmp_path, "1.1.0"), "--no-backup", "--restart-cmd", refuse_new)

    assert code != 0
    assert "revertido para v1.0.0" in capsys.readouterr().err
    assert (root / "current.txt").read_text().strip() == "v1.0.0"
    assert service.health() == (200, {"status": "ok", "release": "v1.0.0"})


def test_one_release_operation_at_a_time(root, service, tmp_path, capsys):
    source = make_source(tmp_path, "1.0.0")
    (root / ".release.lock").write_text(str(os.getpid()))  # a live process holds it

    assert deploy(root, service, source, "--no-backup") != 0
    assert "em andamento" in capsys.readouterr().err
    assert not (root / "releases").exists()

    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (root / ".release.lock").write_text(finished.stdout.strip())  # left behind by a process that died
    assert deploy(root, service, source, "--no-backup") == 0
    assert not (root / ".release.lock").exists()
