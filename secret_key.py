"""The key that signs the API's tokens when SECRET_KEY is not set: generated once into shared/secret_key.

The file is written whole to a private temporary name (mode 600) and then linked into place, which
fails if the file already exists: of several processes starting at once (the workers of one server,
a migration beside a server) exactly one creates it and all of them read the same key.
Standard library only: config.py builds on it.
"""

from __future__ import annotations

import os
import secrets
import stat
import time
from pathlib import Path

DEFAULT_SECRET_KEY = "change-me"
MIN_SECRET_KEY_LENGTH = 32


class SecretKeyError(ValueError):
    """The key file cannot be read or created; the message names the setting and the file."""


def weak(key: str) -> bool:
    """The placeholder of old .env files, or too short to resist guessing."""
    return key == DEFAULT_SECRET_KEY or len(key) < MIN_SECRET_KEY_LENGTH


def stored(path: Path) -> str:
    """The key kept in `path`, created (64 random characters, mode 600) when the file is absent."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise SecretKeyError(f"SECRET_KEY vazio e {path} ilegível ({exc.strerror or exc})") from None
    try:
        _create(path, secrets.token_urlsafe(48))
        return _read(path)
    except OSError as exc:
        raise SecretKeyError(
            f"SECRET_KEY vazio e {path} não pôde ser criado ({exc.strerror or exc}): "
            "defina SECRET_KEY no .env ou dê permissão de escrita em shared/"
        ) from None


def _create(path: Path, key: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(key + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)  # whatever the umask left
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process was first: its key is the one
        except OSError:
            _create_in_place(path, key)  # a file system without hard links
    finally:
        temporary.unlink(missing_ok=True)


def _create_in_place(path: Path, key: str) -> None:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(key + "\n")
        out.flush()
        os.fsync(out.fileno())


def _read(path: Path) -> str:
    key = path.read_text(encoding="utf-8").strip()
    # Only _create_in_place can expose an empty file, for the instant before its write.
    for _ in range(20):
        if key:
            break
        time.sleep(0.05)
        key = path.read_text(encoding="utf-8").strip()
    if weak(key):
        raise SecretKeyError(
            f"{path} não contém uma chave válida (mínimo {MIN_SECRET_KEY_LENGTH} caracteres): "
            "apague o arquivo para gerar outra (todas as sessões terminam) ou defina SECRET_KEY no .env"
        )
    _keep_private(path)
    return key


def _keep_private(path: Path) -> None:
    """A copy restored with looser permissions is tightened back to 600 (POSIX; Windows has ACLs)."""
    if os.name != "posix":
        return
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        pass  # not ours to change: still readable, so usable
