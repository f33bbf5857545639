"""Back up the database (and optionally the media folder), verified, compressed, with retention.

    python -m scripts.backup_database --dest DIR --retention N [--include-media]

SQLite: the online backup API copies one consistent snapshot while the server keeps writing; the
copy must pass `PRAGMA integrity_check` before it is kept. PostgreSQL: `pg_dump -Fc`, checked by
listing it with `pg_restore --list`. Only files this script names are ever pruned.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import shutil
import sqlite3
import subprocess
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from scripts._common import (
    CHUNK_SIZE,
    ScriptError,
    default_database_url,
    human_size,
    libpq_url,
    redact,
    run,
    sqlite_path,
    timestamp,
)

DB_PREFIX = "sgp-db-"
MEDIA_PREFIX = "sgp-media-"
SQLITE_SUFFIX = ".sqlite.gz"
PG_SUFFIX = ".pgdump"
MEDIA_SUFFIX = ".tar.gz"


@dataclass
class BackupResult:
    database: Path
    media: Path | None = None
    pedidos: int | None = None
    removed: list[Path] = field(default_factory=list)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("deve ser 1 ou mais")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.backup_database",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--dest", type=Path, help="pasta dos backups (padrão: shared/backups)")
    parser.add_argument("--retention", type=_positive, default=10, help="quantos backups manter (padrão: 10)")
    parser.add_argument("--include-media", action="store_true", help="também arquiva a mídia (pasta ou S3; tar.gz)")
    parser.add_argument("--database-url", help="banco a copiar (padrão: DATABASE_URL das configurações)")
    parser.add_argument("--media-root", type=Path, help="pasta de mídia (padrão: MEDIA_ROOT das configurações)")
    return parser.parse_args(argv)


def _verify_sqlite(path: Path) -> int | None:
    """integrity_check the copy; return its order count (None when there is no pedidos table)."""
    connection = sqlite3.connect(path)
    try:
        # A standalone file: no -wal beside it to lose. The server switches back to WAL on open.
        connection.execute("PRAGMA journal_mode=DELETE")
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise ScriptError(f"A cópia falhou no integrity_check: {'; '.join(problems[:5])}")
        has_pedidos = connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='pedidos'").fetchone()
        return connection.execute("SELECT count(*) FROM pedidos").fetchone()[0] if has_pedidos else None
    finally:
        connection.close()


def _gzip(source: Path, target: Path, label: str) -> None:
    with (
        source.open("rb") as raw,
        gzip.open(target, "wb", compresslevel=6) as packed,
        tqdm(total=source.stat().st_size, unit="B", unit_scale=True, desc=label, disable=None) as bar,
    ):
        while chunk := raw.read(CHUNK_SIZE):
            packed.write(chunk)
            bar.update(len(chunk))


def backup_sqlite(db_path: Path, dest: Path, stamp: str) -> tuple[Path, int | None]:
    """Copy a live SQLite database to DEST/sgp-db-STAMP.sqlite.gz and return it with its order count."""
    if not db_path.is_file():
        raise ScriptError(f"Banco SQLite não encontrado: {db_path}")
    final = dest / f"{DB_PREFIX}{stamp}{SQLITE_SUFFIX}"
    snapshot = dest / f".{final.name}.snapshot"
    part = dest / f".{final.name}.part"
    try:
        source = sqlite3.connect(db_path, timeout=60)
        target = sqlite3.connect(snapshot)
        try:
            # pages=-1: the whole copy in one step, inside one read transaction, so it is one
            # consistent snapshot; in WAL mode the server's writers are never blocked by it.
            source.backup(target, pages=-1)
        except sqlite3.DatabaseError as exc:
            raise ScriptError(f"Não foi possível copiar {db_path}: {exc}")
        finally:
            target.close()
            source.close()
        pedidos = _verify_sqlite(snapshot)
        _gzip(snapshot, part, "compactando")
        os.replace(part, final)
        return final, pedidos
    finally:
        for leftover in (snapshot, part, Path(f"{snapshot}-journal")):
            leftover.unlink(missing_ok=True)


def backup_postgres(url: str, dest: Path, stamp: str) -> Path:
    """pg_dump -Fc into DEST/sgp-db-STAMP.pgdump, listed back with pg_restore as a check."""
    final = dest / f"{DB_PREFIX}{stamp}{PG_SUFFIX}"
    part = dest / f".{final.name}.part"
    if shutil.which("pg_dump") is None:
        raise ScriptError("pg_dump não encontrado no PATH (instale o cliente do PostgreSQL)")
    try:
        dump = subprocess.run(
            ["pg_dump", "-Fc", "--no-owner", "-f", str(part), "-d", libpq_url(url)], capture_output=True, text=True
        )
        if dump.returncode != 0:
            raise ScriptError(f"pg_dump falhou: {dump.stderr.strip()[-500:]}")
        check = subprocess.run(["pg_restore", "--list", str(part)], capture_output=True, text=True)
        if check.returncode != 0:
            raise ScriptError(f"O dump não pôde ser lido por pg_restore: {check.stderr.strip()[-500:]}")
        os.replace(part, final)
        return final
    finally:
        part.unlink(missing_ok=True)


def archive_media(media, dest: Path, stamp: str) -> Path:
    """tar.gz of every media object, local folder or S3 (an empty archive when there is none yet).

    The PDF art cache (cache/) is left out: each server rebuilds it from the originals.
    """
    final = dest / f"{MEDIA_PREFIX}{stamp}{MEDIA_SUFFIX}"
    part = dest / f".{final.name}.part"
    objects = [info for info in media.list("") if not info.key.startswith("cache/")]
    try:
        with tarfile.open(part, "w:gz") as archive:
            for info in tqdm(objects, desc="mídia", unit="arq", disable=None):
                data = media.get(info.key)
                if data is None:  # removed since the listing
                    continue
                member = tarfile.TarInfo(f"media/{info.key}")
                member.size, member.mtime = len(data), int(info.modified)
                archive.addfile(member, io.BytesIO(data))
        os.replace(part, final)
        return final
    finally:
        part.unlink(missing_ok=True)


def prune(dest: Path, prefix: str, suffixes: tuple[str, ...], keep: int) -> list[Path]:
    """Delete all but the `keep` newest backups of one kind; names sort by their timestamp."""
    backups = sorted(
        (p for p in dest.iterdir() if p.is_file() and p.name.startswith(prefix) and p.name.endswith(suffixes)),
        key=lambda p: p.name,
        reverse=True,
    )
    removed = backups[keep:]
    for path in removed:
        path.unlink()
    return removed


def backup(*, url: str, dest: Path, retention: int, media=None) -> BackupResult:
    """Take one verified backup into dest, then prune to `retention` per kind."""
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScriptError(f"Não foi possível criar a pasta de destino {dest}: {exc}")
    stamp = timestamp()
    db_path = sqlite_path(url)
    if db_path is not None:
        archive, pedidos = backup_sqlite(db_path, dest, stamp)
        result = BackupResult(database=archive, pedidos=pedidos)
    else:
        result = BackupResult(database=backup_postgres(url, dest, stamp))
    if media is not None:
        result.media = archive_media(media, dest, stamp)
        result.removed += prune(dest, MEDIA_PREFIX, (MEDIA_SUFFIX,), retention)
    result.removed += prune(dest, DB_PREFIX, (SQLITE_SUFFIX, PG_SUFFIX), retention)
    return result


def _media(media_root: Path | None):
    """The configured media storage (MEDIA_STORAGE), or the folder --media-root names."""
    import storage
    from storage.local import LocalStorage

    return LocalStorage(media_root) if media_root else storage.media()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from config import settings

    url = args.database_url or default_database_url()
    dest = args.dest or settings.backup_dir
    media = _media(args.media_root) if args.include_media else None
    started = time.monotonic()
    result = backup(url=url, dest=dest, retention=args.retention, media=media)
    parts = [f"Backup OK: {result.database} ({human_size(result.database.stat().st_size)}, integridade ok"]
    if result.pedidos is not None:
        parts.append(f", {result.pedidos} pedidos")
    parts.append(")")
    if result.media:
        parts.append(f"; mídia: {result.media.name} ({human_size(result.media.stat().st_size)})")
    parts.append(f"; origem {redact(url)}; mantidos {args.retention}, removidos {len(result.removed)}")
    parts.append(f"; {time.monotonic() - started:.1f}s")
    print("".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
