"""The media backup and its restore, on the local folder and on S3 (a real moto server)."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import tarfile
from pathlib import Path

import pytest

from scripts import backup_database, media_archive, restore_database
from scripts._common import ScriptError, run
from tests.live import free_port

FILES = {
    "pedidos/7/arte.png": b"png-bytes" * 500,
    "pedidos/8/b.jpg": b"jpg",
    "fichas/f.jpg": b"ficha",
    "templates/template-geral.html": b"<html></html>",
}


def database(tmp_path: Path, numeros: list[str]) -> str:
    """A small SQLite file with a pedidos table: what the media tests back up alongside."""
    path = tmp_path / "banco.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE IF NOT EXISTS pedidos (numero TEXT)")
    connection.execute("DELETE FROM pedidos")
    connection.executemany("INSERT INTO pedidos VALUES (?)", [(n,) for n in numeros])
    connection.commit()
    connection.close()
    return f"sqlite:///{path}"


def numeros(url: str) -> set[str]:
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return {row[0] for row in connection.execute("SELECT numero FROM pedidos")}
    finally:
        connection.close()


def take_backup(backend, tmp_path, url: str, *extra: str) -> tuple[Path, Path]:
    dest = tmp_path / "backups"
    args = ["--dest", str(dest), "--include-media", "--database-url", url, "--quiet", *extra]
    assert run(backup_database.main, args) == 0
    [db] = sorted(dest.glob("sgp-db-*.sqlite.gz"))[-1:]
    return db, dest / db.name.replace("sgp-db-", "sgp-media-").replace(".sqlite.gz", ".tar.gz")


def restore(db: Path, url: str, *extra: str) -> int:
    return run(restore_database.main, ["--from", str(db), "--database-url", url, "--port", str(free_port()),
                                       "--quiet", *extra])  # fmt: skip


def everything(backend) -> dict[str, bytes]:
    return {info.key: backend.get(info.key) for info in backend.list("")}


def test_the_media_archive_holds_every_file_with_its_checksum(backend, tmp_path, capsys):
    for key, data in FILES.items():
        backend.put(key, data)
    backend.put("cache/fichas/x.jpg", b"derived")  # rebuilt by each server: left out
    _db, archive = take_backup(backend, tmp_path, database(tmp_path, ["1"]))

    out = capsys.readouterr().out
    assert f"{len(FILES)} arquivos conferidos por sha256" in out
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}
    manifest = members.pop(media_archive.MANIFEST).decode()
    assert members == {f"media/{key}": data for key, data in FILES.items()}
    assert sorted(manifest.splitlines()) == sorted(
        f"{hashlib.sha256(data).hexdigest()}  media/{key}" for key, data in FILES.items()
    )


def test_restore_with_media_alone_brings_back_the_media_taken_with_that_backup(backend, tmp_path, capsys):
    for key, data in FILES.items():
        backend.put(key, data)
    url = database(tmp_path, ["A1"])
    db, _archive = take_backup(backend, tmp_path, url)
    backend.delete_prefix("")  # a new machine, or a lost disk / bucket
    database(tmp_path, ["A1", "A2"])

    assert restore(db, url, "--media") == 0

    assert everything(backend) == FILES
    assert numeros(url) == {"A1"}
    assert f"Mídia restaurada: {len(FILES)} arquivos" in capsys.readouterr().out


def test_a_backup_taken_without_media_is_refused_clearly_and_changes_nothing(backend, tmp_path, capsys):
    url = database(tmp_path, ["A1"])
    dest = tmp_path / "backups"
    assert run(backup_database.main, ["--dest", str(dest), "--database-url", url, "--quiet"]) == 0
    [db] = dest.glob("sgp-db-*")
    database(tmp_path, ["A1", "A2"])

    assert restore(db, url, "--media") == 1

    err = capsys.readouterr().err
    assert "Este backup não tem mídia" in err and "--include-media" in err
    assert numeros(url) == {"A1", "A2"}  # the database was not touched either


def test_an_archive_that_holds_no_media_is_refused(backend, tmp_path, capsys):
    url = database(tmp_path, ["A1"])
    db, _archive = take_backup(backend, tmp_path, url)
    foreign = tmp_path / "outro.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        info = tarfile.TarInfo("notas.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"abc"))
    for wrong in (foreign, db):  # a tar of something else; the database backup itself
        assert restore(db, url, "--media", str(wrong)) == 1
        assert "não contém mídia" in (err := capsys.readouterr().err) or "não é um backup de mídia" in err
    assert everything(backend) == {}


def test_a_damaged_media_archive_is_refused_before_anything_is_restored(backend, tmp_path, capsys):
    for key, data in FILES.items():
        backend.put(key, data)
    url = database(tmp_path, ["A1"])
    db, archive = take_backup(backend, tmp_path, url)
    backend.delete_prefix("")
    database(tmp_path, ["A1", "A2"])
    # The same members and manifest, one file's bytes changed.
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar if m.isfile()]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            data = b"X" * len(data) if member.name == "media/pedidos/8/b.jpg" else data
            tar.addfile(member, io.BytesIO(data))

    assert restore(db, url, "--media") == 1

    assert "danificado" in capsys.readouterr().err
    assert everything(backend) == {} and numeros(url) == {"A1", "A2"}


def test_an_archive_that_does_not_read_back_as_written_is_rejected(tmp_path):
    target = tmp_path / "sgp-media-x.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        info = tarfile.TarInfo("media/a.png")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"a"))
    expected = [media_archive.Entry("a.png", 1, hashlib.sha256(b"b").hexdigest())]
    with pytest.raises(ScriptError, match="não confere"):
        media_archive.verify_written(target, expected)
    with pytest.raises(ScriptError, match="incompleto"):
        media_archive.verify_written(target, [*expected, media_archive.Entry("b.png", 1, "0")])


def test_an_empty_store_gives_an_empty_archive_that_restores_nothing(backend, tmp_path, capsys):
    url = database(tmp_path, ["A1"])
    db, archive = take_backup(backend, tmp_path, url)
    assert "0 arquivos conferidos" in capsys.readouterr().out
    assert restore(db, url, "--media", str(archive)) == 0
    assert "Mídia restaurada: 0 arquivos" in capsys.readouterr().out
