"""media_migrate, backups and restore carry media between the folder and S3, verified."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from pedidos.orders.models import PedidoImagem
from scripts import backup_database, media_migrate, restore_database
from scripts._common import run
from storage import build
from tests.fichas.conftest import make_pedido
from tests.live import PROJECT_DIR
from tests.storage.conftest import use_s3


def _files(pedido_id: int) -> dict[str, bytes]:
    return {
        f"pedidos/{pedido_id}/a.png": b"a" * 5000,
        f"pedidos/{pedido_id}/b.jpg": b"b" * 10,
        "fichas/f.jpg": b"ficha",
        "templates/template-geral.html": b"<html></html>",
        "cache/fichas/x.jpg": b"derived",
    }


def test_help_works():
    result = subprocess.run([sys.executable, "-m", "scripts.media_migrate", "--help"], cwd=PROJECT_DIR,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0 and "--to" in result.stdout and "sha256" in result.stdout


def test_to_s3_copies_verifies_resumes_and_back(session, monkeypatch, moto_server, capsys):
    local = build("local")
    pedido = make_pedido(session)
    files = _files(pedido.id)
    for key, data in files.items():
        local.put(key, data)
    session.add(PedidoImagem(pedido_id=pedido.id, item_index=0, path=f"pedidos/{pedido.id}/a.png", mime="image/png",
                             size=5000, sha256=hashlib.sha256(b"a" * 5000).hexdigest()))  # fmt: skip
    session.commit()
    use_s3(monkeypatch, moto_server)
    s3 = build("s3")
    s3.put(f"pedidos/{pedido.id}/b.jpg", b"b" * 10)  # already copied by an interrupted run

    assert run(media_migrate.main, ["--to", "s3"]) == 0
    out = capsys.readouterr().out
    assert "3 copiados e verificados, 1 já estavam no destino" in out and "0 ignorados" in out
    assert {info.key: s3.get(info.key) for info in s3.list("")} == {k: v for k, v in files.items() if "cache" not in k}

    assert run(media_migrate.main, ["--to", "s3"]) == 0  # resumable: nothing left to copy
    assert "0 copiados e verificados, 4 já estavam no destino" in capsys.readouterr().out

    for key in files:
        local.delete(key)
    assert run(media_migrate.main, ["--to", "local"]) == 0
    assert "4 copiados e verificados" in capsys.readouterr().out
    assert local.get(f"pedidos/{pedido.id}/a.png") == files[f"pedidos/{pedido.id}/a.png"]


def test_a_file_that_no_longer_matches_its_checksum_is_reported_not_copied(session, monkeypatch, moto_server,
                                                                          capsys):  # fmt: skip
    local = build("local")
    pedido = make_pedido(session)
    key = f"pedidos/{pedido.id}/x.png"
    local.put(key, b"corrompido")
    session.add(PedidoImagem(pedido_id=pedido.id, item_index=0, path=key, mime="image/png", size=10,
                             sha256=hashlib.sha256(b"original").hexdigest()))  # fmt: skip
    session.commit()
    use_s3(monkeypatch, moto_server)
    assert run(media_migrate.main, ["--to", "s3"]) == 1
    out = capsys.readouterr().out
    assert "1 ignorados" in out and f"ignorado: {key}: na origem não confere" in out
    assert not build("s3").exists(key)


def test_backup_with_media_from_s3_restores_into_a_new_bucket(tmp_path, monkeypatch, moto_server):
    use_s3(monkeypatch, moto_server)
    s3 = build("s3")
    s3.put("pedidos/7/arte.png", b"png-bytes")
    s3.put("fichas/f.jpg", b"jpg-bytes")
    dest = tmp_path / "backups"
    db = tmp_path / "copy.db"
    import sqlite3

    sqlite3.connect(db).close()
    args = ["--dest", str(dest), "--include-media", "--database-url", f"sqlite:///{db}"]
    assert run(backup_database.main, args) == 0
    [archive] = dest.glob("sgp-media-*.tar.gz")

    use_s3(monkeypatch, moto_server)  # a new machine: an empty bucket
    assert not build("s3").exists("pedidos/7/arte.png")
    [database_backup] = [p for p in dest.iterdir() if p.name.startswith("sgp-db-")]
    restore = ["--from", str(database_backup), "--force", "--database-url", f"sqlite:///{tmp_path / 'r.db'}",
               "--media", str(archive)]  # fmt: skip
    assert run(restore_database.main, restore) == 0
    fresh = build("s3")
    assert fresh.get("pedidos/7/arte.png") == b"png-bytes" and fresh.get("fichas/f.jpg") == b"jpg-bytes"
