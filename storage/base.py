"""The media storage contract: keys are relative POSIX paths ("pedidos/12/ab.jpg"), values bytes."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from errors import ServiceUnavailable

CHUNK_SIZE = 256 * 1024
UNAVAILABLE = "Armazenamento de imagens indisponível no momento; tente novamente em instantes."


class StorageUnavailable(ServiceUnavailable):
    """The backend did not answer: a 503 with a Portuguese message, never a half-done write."""

    def __init__(self, detail: str = "", *, setting: str | None = None):
        super().__init__(UNAVAILABLE)
        self.reason = detail
        self.setting = setting


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    modified: float  # seconds since the epoch


@dataclass
class OpenObject:
    """A readable object: its size and modification time, its bytes as chunks."""

    info: ObjectInfo
    chunks: Iterator[bytes]
    path: Path | None = None  # set by the local backend, so the file can be sent as a file

    def read(self) -> bytes:
        return b"".join(self.chunks)


def clean_key(key: str) -> str | None:
    """The normalised key, or None when it is empty, absolute or leaves the media root."""
    if not key or "\x00" in key or "\\" in key:
        return None
    normal = posixpath.normpath(key.lstrip("/"))
    if normal in (".", "") or normal.startswith("../") or normal == "..":
        return None
    return normal


class MediaStorage(Protocol):
    name: str

    def put(self, key: str, data: bytes, *, content_type: str | None = None) -> None:
        """Write the whole object at once: readers see the old object or the new one, never a part."""

    def open(self, key: str) -> OpenObject | None:
        """The object streamed, or None when missing."""

    def get(self, key: str) -> bytes | None:
        """All the object's bytes, or None when missing."""

    def stat(self, key: str) -> ObjectInfo | None: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Remove one object; a missing one is no error."""

    def delete_prefix(self, prefix: str) -> int:
        """Remove every object whose key starts with `prefix`; how many."""

    def list(self, prefix: str = "") -> Iterator[ObjectInfo]:
        """Every object under `prefix`, in key order."""

    def ping(self) -> None:
        """Raise StorageUnavailable when the backend does not answer."""
