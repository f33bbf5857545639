"""Back up the database (and optionally the media), verified, compressed, with retention.

    python -m scripts.backup_database --dest DIR --retention N [--include-media] [--quiet]

SQLite: the online backup API copies one consistent snapshot while the server keeps writing; the
copy must pass `PRAGMA integrity_check` before it is kept. PostgreSQL: `pg_dump -Fc`, checked by
listing it with `pg_restore --list`. Media (--include-media): every file read back after writing,
count and sha256 compared. Each step shows progress on a terminal (none when piped, or --quiet).
Only files this script names are ever pruned.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts import media_archive
from scripts._common import (
    CHUNK_SIZE,
    ScriptError,
    default_database_url,
    human_size,
    libpq_url,
    progress_bar,
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
DB_SUFFIXES = (SQLITE_SUFFIX, PG_SUFFIX)
STEP_PAGES = 4096  # pages per backup step (16 MB at 4 KB): the bar moves, the steps stay cheap


@dataclass
class BackupResult:
    database: Path
    media: Path | None = None
    media_files: int = 0
    pedidos: int | None = None
    removed: list[Path] = field(default_factory=list)
    kept: int = 0  # database backups in the folder after pruning
    kept_media: int = 0


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
    parser.add_argument("--quiet", action="store_true", help="sem barras de progresso (só a linha de resumo)")
    return parser.parse_args(argv)


def _verify_sqlite(path: Path, quiet: bool = False) -> int | None:
    """integrity_check the copy; return its order count (None when there is no pedidos table)."""
    connection = sqlite3.connect(path)
    try:
        # A standalone file: no -wal beside it to lose. The server switches back to WAL on open.
        connection.execute("PRAGMA journal_mode=DELETE")
        # No total to show: a running clock, ticked by SQLite's progress handler, says it is alive.
        with progress_bar(quiet, desc="verificando integridade", bar_format="{desc}: {elapsed}") as clock:

            def tick() -> int:
                clock.update(1)
                return 0  # non-zero would interrupt the check

            connection.set_progress_handler(tick, 200_000)
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            connection.set_progress_handler(None, 0)
        if problems != ["ok"]:
            raise ScriptError(f"A cópia falhou no integrity_check: {'; '.join(problems[:5])}")
        has_pedidos = connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='pedidos'").fetchone()
        return connection.execute("SELECT count(*) FROM pedidos").fetchone()[0] if has_pedidos else None
    finally:
        connection.close()


def _gzip(source: Path, target: Path, label: str, quiet: bool = False) -> None:
    with (
        source.open("rb") as raw,
        gzip.open(target, "wb", compresslevel=6) as packed,
        progress_bar(quiet, total=source.stat().st_size, unit="B", desc=label) as bar,
    ):
        while chunk := raw.read(CHUNK_SIZE):
            packed.write(chunk)
            bar.update(len(chunk))


def _copy_snapshot(db_path: Path, snapshot: Path, quiet: bool) -> None:
    """One consistent copy, in steps that show progress.

    Every step runs inside one read transaction held on the source: all steps see the same
    snapshot, so the copy never restarts when the server commits (in WAL mode its writers are not
    blocked either). Outside such a transaction each step would begin a new one, and a commit in
    between would restart the copy from the first page.
    """
    source = sqlite3.connect(db_path, timeout=60, isolation_level=None)
    target = sqlite3.connect(snapshot)
    try:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read snapshot starts here
        with progress_bar(quiet, unit="pág", desc="copiando banco") as bar:

            def advance(_status: int, remaining: int, total: int) -> None:
                bar.total = total
                bar.update(total - remaining - bar.n)

            source.backup(target, pages=STEP_PAGES, progress=advance)
        source.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise ScriptError(f"Não foi possível copiar {db_path}: {exc}")
    finally:
        target.close()
        source.close()


def backup_sqlite(db_path: Path, dest: Path, stamp: str, quiet: bool = False) -> tuple[Path, int | None]:
    """Copy a live SQLite database to DEST/sgp-db-STAMP.sqlite.gz and return it with its order count."""
    if not db_path.is_file():
        raise ScriptError(f"Banco SQLite não encontrado: {db_path}")
    final = dest / f"{DB_PREFIX}{stamp}{SQLITE_SUFFIX}"
    snapshot = dest / f".{final.name}.snapshot"
    part = dest / f".{final.name}.part"
    try:
        _copy_snapshot(db_path, snapshot, quiet)
        pedidos = _verify_sqlite(snapshot, quiet)
        _gzip(snapshot, part, "compactando", quiet)
        os.replace(part, final)
        return final, pedidos
    finally:
        for leftover in (snapshot, part, Path(f"{snapshot}-journal")):
            leftover.unlink(missing_ok=True)


def _pg_dump(command: list[str], quiet: bool) -> subprocess.CompletedProcess:
    """pg_dump --verbose, its "dumping contents of table" lines moving a bar (messages in English: LC_ALL=C)."""
    env = {**os.environ, "LC_ALL": "C", "LC_MESSAGES": "C"}
    process = subprocess.Popen(command + ["--verbose"], stderr=subprocess.PIPE, text=True, env=env)
    messages: list[str] = []
    with progress_bar(quiet, unit="tabela", desc="pg_dump") as bar:
        for line in process.stderr:
            if "dumping contents of table" in line:
                bar.set_postfix_str(line.rsplit(" ", 1)[-1].strip().strip('"'), refresh=False)
                bar.update(1)
            elif "error" in line.lower() or "fatal" in line.lower():
                messages.append(line.strip())
    return subprocess.CompletedProcess(command, process.wait(), stderr="\n".join(messages))


def backup_postgres(url: str, dest: Path, stamp: str, quiet: bool = False) -> Path:
    """pg_dump -Fc into DEST/sgp-db-STAMP.pgdump, listed back with pg_restore as a check."""
    final = dest / f"{DB_PREFIX}{stamp}{PG_SUFFIX}"
    part = dest / f".{final.name}.part"
    if shutil.which("pg_dump") is None:
        raise ScriptError("pg_dump não encontrado no PATH (instale o cliente do PostgreSQL)")
    try:
        dump = _pg_dump(["pg_dump", "-Fc", "--no-owner", "-f", str(part), "-d", libpq_url(url)], quiet)
        if dump.returncode != 0:
            raise ScriptError(f"pg_dump falhou: {dump.stderr.strip()[-500:]}")
        check = subprocess.run(["pg_restore", "--list", str(part)], capture_output=True, text=True)
        if check.returncode != 0:
            raise ScriptError(f"O dump não pôde ser lido por pg_restore: {check.stderr.strip()[-500:]}")
        os.replace(part, final)
        return final
    finally:
        part.unlink(missing_ok=True)


def archive_media(media, dest: Path, stamp: str, quiet: bool = False) -> tuple[Path, int]:
    """DEST/sgp-media-STAMP.tar.gz of every media object, read back and checked; (path, file count)."""
    final = dest / f"{MEDIA_PREFIX}{stamp}{MEDIA_SUFFIX}"
    return final, len(media_archive.write(media, final, quiet=quiet))


def kept(dest: Path, prefix: str, suffixes: tuple[str, ...]) -> int:
    return sum(1 for p in dest.iterdir() if p.is_file() and p.name.startswith(prefix) and p.name.endswith(suffixes))


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


def backup(*, url: str, dest: Path, retention: int, media=None, quiet: bool = False) -> BackupResult:
    """Take one verified backup into dest, then prune to `retention` per kind."""
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScriptError(f"Não foi possível criar a pasta de destino {dest}: {exc}")
    stamp = timestamp()
    db_path = sqlite_path(url)
    if db_path is not None:
        archive, pedidos = backup_sqlite(db_path, dest, stamp, quiet)
        result = BackupResult(database=archive, pedidos=pedidos)
    else:
        result = BackupResult(database=backup_postgres(url, dest, stamp, quiet))
    if media is not None:
        result.media, result.media_files = archive_media(media, dest, stamp, quiet)
        result.removed += prune(dest, MEDIA_PREFIX, (MEDIA_SUFFIX,), retention)
        result.kept_media = kept(dest, MEDIA_PREFIX, (MEDIA_SUFFIX,))
    result.removed += prune(dest, DB_PREFIX, DB_SUFFIXES, retention)
    result.kept = kept(dest, DB_PREFIX, DB_SUFFIXES)
    return result


def retention_text(result: BackupResult, retention: int) -> str:
    """What is really in the folder now: "mantido 1 backup do banco" / "mantidos 3 backups do banco"."""
    text = f"mantido {result.kept} backup" if result.kept == 1 else f"mantidos {result.kept} backups"
    text += f" do banco (retenção {retention})"
    if result.media is not None:
        text += f" e {result.kept_media} de mídia"
    return f"{text}, removidos {len(result.removed)}"


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
    result = backup(url=url, dest=dest, retention=args.retention, media=media, quiet=args.quiet)
    parts = [f"Backup OK: {result.database} ({human_size(result.database.stat().st_size)}, integridade ok"]
    if result.pedidos is not None:
        parts.append(f", {result.pedidos} pedidos")
    parts.append(")")
    if result.media:
        size = human_size(result.media.stat().st_size)
        parts.append(f"; mídia: {result.media.name} ({size}, {result.media_files} arquivos conferidos por sha256)")
    parts.append(f"; origem {redact(url)}; {retention_text(result, args.retention)}")
    parts.append(f"; {time.monotonic() - started:.1f}s")
    print("".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
