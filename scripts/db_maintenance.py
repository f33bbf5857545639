"""Check and tidy the database: integrity, foreign keys, WAL checkpoint, VACUUM, ANALYZE, optimize.

    python -m scripts.db_maintenance [--analyze] [--optimize] [--no-vacuum]

SQLite: `PRAGMA integrity_check` and `foreign_key_check` first; a damaged database is reported
and left alone (exit code 1). Then a WAL checkpoint, VACUUM (unless --no-vacuum), ANALYZE
(--analyze) and `PRAGMA optimize` (--optimize), with the size before and after.
PostgreSQL: `VACUUM` / `VACUUM (ANALYZE)` / `ANALYZE`, with the database size before and after.
Run it while the service is quiet: VACUUM holds the write lock while it rebuilds the file.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from tqdm import tqdm

from scripts._common import (
    ScriptError,
    default_database_url,
    human_size,
    libpq_url,
    redact,
    run,
    sqlite_files_size,
    sqlite_path,
)

DAMAGED = 1


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.db_maintenance",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--analyze", action="store_true", help="atualiza as estatísticas (ANALYZE)")
    parser.add_argument("--optimize", action="store_true", help="PRAGMA optimize (SQLite)")
    parser.add_argument("--no-vacuum", action="store_true", help="só verifica; não reconstrói o arquivo")
    parser.add_argument("--database-url", help="banco a manter (padrão: DATABASE_URL das configurações)")
    return parser.parse_args(argv)


def check_sqlite(connection: sqlite3.Connection) -> list[str]:
    """Every problem integrity_check and foreign_key_check find; empty when healthy."""
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    problems = [] if problems == ["ok"] else problems
    for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
        problems.append(f"chave estrangeira quebrada: {table} rowid {rowid} -> {parent}")
    return problems


def maintain_sqlite(path: Path, *, vacuum: bool, analyze: bool, optimize: bool) -> tuple[int, int, list[str]]:
    """Run the checks and the chosen steps; return (size before, size after, problems)."""
    if not path.is_file():
        raise ScriptError(f"Banco SQLite não encontrado: {path}")
    before = sqlite_files_size(path)
    steps = ["integridade"] + ["checkpoint"] + (["vacuum"] if vacuum else [])
    steps += (["analyze"] if analyze else []) + (["optimize"] if optimize else [])
    connection = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        with tqdm(steps, desc="manutenção", disable=None) as bar:
            for step in bar:
                bar.set_postfix_str(step)
                if step == "integridade":
                    problems = check_sqlite(connection)
                    if problems:
                        return before, before, problems
                elif step == "checkpoint":
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                elif step == "vacuum":
                    connection.execute("VACUUM")
                elif step == "analyze":
                    connection.execute("ANALYZE")
                else:
                    connection.execute("PRAGMA optimize")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError as exc:
        # "file is not a database", "database disk image is malformed": damaged, say so.
        return before, before, [str(exc)]
    finally:
        connection.close()
    return before, sqlite_files_size(path), []


def maintain_postgres(url: str, *, vacuum: bool, analyze: bool) -> tuple[int, int]:
    """VACUUM [ANALYZE] or ANALYZE outside a transaction, as PostgreSQL requires."""
    import psycopg

    statement = "VACUUM (ANALYZE)" if vacuum and analyze else "VACUUM" if vacuum else "ANALYZE" if analyze else None
    try:
        with psycopg.connect(libpq_url(url), autocommit=True) as connection:
            size = "SELECT pg_database_size(current_database())"
            before = connection.execute(size).fetchone()[0]
            if statement:
                print(f"{statement}...", flush=True)
                connection.execute(statement)
            after = connection.execute(size).fetchone()[0]
    except psycopg.Error as exc:
        raise ScriptError(f"Falha no PostgreSQL ({redact(url)}): {exc}")
    return before, after


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = args.database_url or default_database_url()
    path = sqlite_path(url)
    vacuum = not args.no_vacuum
    if path is None:
        before, after = maintain_postgres(url, vacuum=vacuum, analyze=args.analyze)
        print(f"Manutenção OK ({redact(url)}): {human_size(before)} -> {human_size(after)}")
        return 0
    before, after, problems = maintain_sqlite(path, vacuum=vacuum, analyze=args.analyze, optimize=args.optimize)
    if problems:
        for problem in problems[:20]:
            print(f"  - {problem}")
        raise ScriptError(
            f"Banco DANIFICADO: {path} ({len(problems)} problema(s)). Nada foi alterado; restaure o último "
            "backup com `python -m scripts.restore_database --from ARQUIVO`.",
            code=DAMAGED,
        )
    done = ["integridade ok", "chaves estrangeiras ok", "checkpoint"]
    done += (["VACUUM"] if vacuum else []) + (["ANALYZE"] if args.analyze else [])
    done += ["optimize"] if args.optimize else []
    print(f"Manutenção OK: {path} ({', '.join(done)}): {human_size(before)} -> {human_size(after)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
