"""Restore a backup made by `scripts.backup_database`, keeping the replaced database aside.

    python -m scripts.restore_database --from FILE [--force] [--media [sgp-media-....tar.gz]]

Refuses while a server answers on its port (`--port`, default $PORT or 8000): stop the service
first, or pass --force. SQLite: the file is unpacked and must pass `PRAGMA integrity_check`
before it replaces the database; the old file is renamed `<name>.replaced-<timestamp>`.
PostgreSQL: the current database is dumped to the backups folder, then `pg_restore --clean`.
--media alone takes the media backup made with that database backup (same timestamp, same
folder); every file is checked against the archive's manifest before anything is restored, and
written into the configured media storage (MEDIA_STORAGE: folder or S3).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from scripts import media_archive
from scripts._common import (
    CHUNK_SIZE,
    ScriptError,
    default_database_url,
    default_port,
    libpq_url,
    progress_bar,
    redact,
    run,
    server_answers,
    sqlite_path,
    timestamp,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
GZIP_MAGIC = b"\x1f\x8b"
SAME_BACKUP = "same"  # --media without a file: the media archive taken with --from


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.restore_database",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--from", dest="source", type=Path, required=True, help="arquivo de backup")
    parser.add_argument("--force", action="store_true", help="restaura mesmo com o servidor respondendo")
    parser.add_argument(
        "--media",
        nargs="?",
        const=SAME_BACKUP,
        help="também restaura a mídia (para MEDIA_STORAGE: pasta ou S3): sem valor, o sgp-media-*.tar.gz feito "
        "junto com --from; ou o caminho de um sgp-media-*.tar.gz",
    )
    parser.add_argument("--database-url", help="banco a substituir (padrão: DATABASE_URL das configurações)")
    parser.add_argument("--host", default="127.0.0.1", help="onde procurar o servidor (padrão: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="porta do servidor (padrão: $PORT ou 8000)")
    parser.add_argument("--quiet", action="store_true", help="sem barras de progresso")
    return parser.parse_args(argv)


def _unpack(source: Path, target: Path, quiet: bool = False) -> None:
    """Copy or gunzip the backup into target, with progress on big files."""
    with source.open("rb") as probe:
        packed = probe.read(2) == GZIP_MAGIC
    opener = gzip.open if packed else open
    try:
        with (
            opener(source, "rb") as raw,
            target.open("wb") as out,
            progress_bar(quiet, unit="B", desc="descompactando") as bar,
        ):
            while chunk := raw.read(CHUNK_SIZE):
                out.write(chunk)
                bar.update(len(chunk))
    except (OSError, EOFError) as exc:
        raise ScriptError(f"Backup ilegível ({source.name}): {exc}")


def _check_sqlite(path: Path) -> None:
    with path.open("rb") as probe:
        if probe.read(16) != SQLITE_MAGIC:
            raise ScriptError("O arquivo não é um backup SQLite (cabeçalho inválido)")
    connection = sqlite3.connect(path)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise ScriptError(f"Backup danificado: {exc}")
    finally:
        connection.close()
    if problems != ["ok"]:
        raise ScriptError(f"Backup danificado (integrity_check): {'; '.join(problems[:5])}")


def _set_aside(db_path: Path, stamp: str) -> Path | None:
    """Rename the current database (folding its WAL in first) so the restore never destroys it."""
    if not db_path.exists():
        return None
    try:
        connection = sqlite3.connect(db_path, timeout=30)
        try:
            # Fold the WAL into the file: a stale -wal beside the restored file would be replayed into it.
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        pass  # a damaged database is set aside as it is, WAL included
    aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
    os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{db_path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    return aside


def restore_sqlite(source: Path, db_path: Path, quiet: bool = False) -> Path | None:
    """Verify the backup, set the current database aside, put the backup in its place."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staging = db_path.with_name(f".{db_path.name}.restoring")
    try:
        _unpack(source, staging, quiet)
        _check_sqlite(staging)
        aside = _set_aside(db_path, timestamp())
        os.replace(staging, db_path)
        return aside
    finally:
        staging.unlink(missing_ok=True)


def restore_postgres(source: Path, url: str, keep_dir: Path) -> Path:
    """Dump the current database aside, then pg_restore the backup over it in one transaction."""
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            raise ScriptError(f"{tool} não encontrado no PATH (instale o cliente do PostgreSQL)")
    listing = subprocess.run(["pg_restore", "--list", str(source)], capture_output=True, text=True)
    if listing.returncode != 0:
        raise ScriptError(f"O arquivo não é um dump do pg_dump -Fc: {listing.stderr.strip()[-300:]}")
    keep_dir.mkdir(parents=True, exist_ok=True)
    aside = keep_dir / f"sgp-db-replaced-{timestamp()}.pgdump"
    dump = subprocess.run(
        ["pg_dump", "-Fc", "--no-owner", "-f", str(aside), "-d", libpq_url(url)], capture_output=True, text=True
    )
    if dump.returncode != 0:
        aside.unlink(missing_ok=True)
        raise ScriptError(f"Não foi possível guardar o banco atual antes de restaurar: {dump.stderr.strip()[-300:]}")
    command = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        "-d",
        libpq_url(url),
        str(source),
    ]
    restored = subprocess.run(command, capture_output=True, text=True)
    if restored.returncode != 0:
        raise ScriptError(f"pg_restore falhou (nada foi alterado): {restored.stderr.strip()[-500:]}")
    return aside


def media_backup_for(source: Path, media: str) -> Path:
    """The media archive to restore: the one named, or the one taken with `source` (same timestamp)."""
    if media != SAME_BACKUP:
        return Path(media)
    name = source.name
    for suffix in (".sqlite.gz", ".pgdump"):
        if name.startswith("sgp-db-") and name.endswith(suffix):
            stamp = name.removeprefix("sgp-db-").removesuffix(suffix)
            companion = source.with_name(f"sgp-media-{stamp}.tar.gz")
            if companion.is_file():
                return companion
            raise ScriptError(
                f"Este backup não tem mídia: {companion.name} não existe em {source.parent}. Os backups com mídia "
                "são feitos com --include-media; indique outro arquivo com --media ARQUIVO."
            )
    raise ScriptError(f"{name} não tem o nome de um backup (sgp-db-…): indique a mídia com --media ARQUIVO")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from config import settings

    source: Path = args.source
    if not source.is_file():
        raise ScriptError(f"Backup não encontrado: {source}")
    port = args.port or default_port()
    if not args.force and server_answers(args.host, port):
        raise ScriptError(
            f"O servidor está respondendo em {args.host}:{port}. Pare o serviço antes de restaurar (ou use --force).",
            code=3,
        )
    media_source = checked = None
    if args.media is not None:
        # Checked before the database is touched: a missing or damaged media backup changes nothing.
        media_source = media_backup_for(source, args.media)
        checked = media_archive.check(media_source, quiet=args.quiet)
    url = args.database_url or default_database_url()
    db_path = sqlite_path(url)
    if db_path is not None:
        aside = restore_sqlite(source, db_path, args.quiet)
        kept = f"; banco anterior guardado em {aside}" if aside else ""
        print(f"Restauração OK: {source.name} -> {db_path} (integridade ok){kept}")
    else:
        aside = restore_postgres(source, url, settings.backup_dir)
        print(f"Restauração OK: {source.name} -> {redact(url)}; banco anterior guardado em {aside}")
    if media_source is not None:
        import storage

        backend = storage.media()
        count = media_archive.restore(media_source, backend, quiet=args.quiet, checked=checked)
        print(f"Mídia restaurada: {count} arquivos de {media_source.name} -> {backend.name} (sha256 conferido)")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
