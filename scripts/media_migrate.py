"""Copy every media file between the local folder and S3, each verified by size and sha256.

    python -m scripts.media_migrate --to s3      # shared/media/ -> the S3_* bucket
    python -m scripts.media_migrate --to local   # the S3_* bucket -> shared/media/

Both ends come from the settings (MEDIA_ROOT and S3_*), whatever MEDIA_STORAGE says: migrate
first, then switch MEDIA_STORAGE and restart the servers. Resumable: a file already at the
destination with the right size and checksum is skipped, so an interrupted run is simply run
again. The checksum is the one pedido_imagens recorded at upload where there is one; a source
file that no longer matches it is reported and not copied. The PDF art cache (cache/) stays behind.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass, field

from tqdm import tqdm

from scripts._common import ScriptError, run

SKIPPED_PREFIXES = ("cache/",)


@dataclass
class Report:
    copied: int = 0
    verified: int = 0  # already at the destination, same size and checksum
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (key, why)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.media_migrate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--to", choices=("s3", "local"), required=True, help="para onde copiar a mídia")
    return parser.parse_args(argv)


def recorded_checksums() -> dict[str, str]:
    """path -> sha256 of every order image the database knows."""
    from sqlalchemy import select

    from database.session import session_scope
    from pedidos.orders.models import PedidoImagem

    with session_scope(write=False) as session:
        rows = session.execute(select(PedidoImagem.path, PedidoImagem.sha256)).all()
    return {path: sha for path, sha in rows if sha}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def copy_one(source, dest, info, expected: str | None, report: Report) -> None:
    target = dest.stat(info.key)
    if target is not None and target.size == info.size:
        if expected is None:
            data = source.get(info.key)
            expected = _sha(data) if data is not None else None
        present = dest.get(info.key)
        if expected is not None and present is not None and _sha(present) == expected:
            report.verified += 1
            return
    data = source.get(info.key)
    if data is None:
        report.skipped.append((info.key, "sumiu da origem durante a cópia"))
        return
    if expected is not None and _sha(data) != expected:
        report.skipped.append((info.key, "na origem não confere com o sha256 do banco (arquivo corrompido?)"))
        return
    dest.put(info.key, data)
    copied = dest.get(info.key)
    if copied is None or len(copied) != len(data) or _sha(copied) != _sha(data):
        report.skipped.append((info.key, "a cópia no destino não confere (tamanho/sha256)"))
        return
    report.copied += 1


def migrate(source, dest, checksums: dict[str, str]) -> Report:
    """Copy and verify every object of `source` into `dest`."""
    report = Report()
    objects = [info for info in source.list("") if not info.key.startswith(SKIPPED_PREFIXES)]
    for info in tqdm(objects, desc=f"{source.name} -> {dest.name}", unit="arq", disable=None):
        copy_one(source, dest, info, checksums.get(info.key), report)
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import storage
    from config import settings

    if not settings.S3_BUCKET.strip():
        raise ScriptError("Defina S3_BUCKET (e S3_ENDPOINT_URL, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) no .env")
    source = storage.build("local" if args.to == "s3" else "s3")
    dest = storage.build(args.to)
    for end in (source, dest):
        try:
            end.ping()
        except storage.StorageUnavailable as exc:
            raise ScriptError(f"{exc.setting}: armazenamento {end.name} inacessível ({exc.reason})") from None
    report = migrate(source, dest, recorded_checksums())
    print(
        f"Migração {source.name} -> {dest.name}: {report.copied} copiados e verificados, "
        f"{report.verified} já estavam no destino (verificados), {len(report.skipped)} ignorados"
    )
    for key, why in report.skipped:
        print(f"  ignorado: {key}: {why}")
    return 1 if report.skipped else 0


if __name__ == "__main__":
    raise SystemExit(run(main))
