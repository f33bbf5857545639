"""Media in a local folder (MEDIA_ROOT, shared/media/ by default): the single-machine backend."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from storage.base import CHUNK_SIZE, ObjectInfo, OpenObject, StorageUnavailable, clean_key


class LocalStorage:
    name = "local"

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, key: str) -> Path | None:
        """The file behind `key`, or None for a key that would leave the root."""
        normal = clean_key(key)
        return None if normal is None else self.root / normal

    def _require(self, key: str) -> Path:
        path = self.path(key)
        if path is None:
            raise ValueError(f"chave de mídia inválida: {key!r}")
        return path

    def put(self, key: str, data: bytes, *, content_type: str | None = None) -> None:
        target = self._require(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)

    def stat(self, key: str) -> ObjectInfo | None:
        path = self.path(key)
        try:
            if path is None or not path.is_file():
                return None
            stat = path.stat()
        except OSError:
            return None
        return ObjectInfo(clean_key(key), stat.st_size, stat.st_mtime)

    def open(self, key: str) -> OpenObject | None:
        info = self.stat(key)
        if info is None:
            return None
        path = self.root / info.key
        return OpenObject(info, _chunks(path), path=path)

    def get(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            return path.read_bytes() if path is not None and path.is_file() else None
        except FileNotFoundError:
            return None

    def exists(self, key: str) -> bool:
        return self.stat(key) is not None

    def delete(self, key: str) -> None:
        path = self.path(key)
        if path is not None:
            path.unlink(missing_ok=True)

    def delete_prefix(self, prefix: str) -> int:
        keys = [info.key for info in self.list(prefix)]
        for key in keys:
            self.delete(key)
        folder = self.path(prefix.rstrip("/")) if prefix.endswith("/") else None
        if folder is not None and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
        return len(keys)

    def list(self, prefix: str = "") -> Iterator[ObjectInfo]:
        if not self.root.is_dir():
            return
        base = prefix.rsplit("/", 1)[0] if "/" in prefix else ""
        start = self.path(base) if base else self.root
        if start is None or not start.is_dir():
            return
        for path in sorted(start.rglob("*")):
            key = path.relative_to(self.root).as_posix()
            if not key.startswith(prefix) or path.name.endswith(".part") or not path.is_file():
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            yield ObjectInfo(key, stat.st_size, stat.st_mtime)

    def ping(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageUnavailable(str(exc), setting="MEDIA_ROOT") from None
        if not os.access(self.root, os.W_OK):
            raise StorageUnavailable(f"sem permissão de escrita em {self.root}", setting="MEDIA_ROOT")


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            yield chunk
