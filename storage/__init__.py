"""Where media lives: one interface (storage.base), a local folder or an S3-compatible bucket.

`media()` is the backend the settings name, built once per process and per configuration.
"""

from __future__ import annotations

from storage.base import CHUNK_SIZE, MediaStorage, ObjectInfo, OpenObject, StorageUnavailable, clean_key

__all__ = [
    "CHUNK_SIZE",
    "MediaStorage",
    "ObjectInfo",
    "OpenObject",
    "StorageUnavailable",
    "build",
    "check",
    "clean_key",
    "media",
]  # fmt: skip

_built: dict[tuple, MediaStorage] = {}


def _config(settings) -> tuple:
    if settings.MEDIA_STORAGE == "s3":
        return ("s3", settings.S3_ENDPOINT_URL, settings.S3_BUCKET, settings.S3_ACCESS_KEY_ID,
                settings.S3_SECRET_ACCESS_KEY, settings.S3_REGION)  # fmt: skip
    return ("local", str(settings.media_root))


def build(backend: str, settings=None) -> MediaStorage:
    """A backend by name ("local" or "s3") from the settings, whatever MEDIA_STORAGE says."""
    if settings is None:
        from config import settings
    if backend == "s3":
        from storage.s3 import S3Storage

        return S3Storage(
            endpoint_url=settings.S3_ENDPOINT_URL,
            bucket=settings.S3_BUCKET,
            access_key=settings.S3_ACCESS_KEY_ID,
            secret_key=settings.S3_SECRET_ACCESS_KEY,
            region=settings.S3_REGION,
        )
    from storage.local import LocalStorage

    return LocalStorage(settings.media_root)


def media() -> MediaStorage:
    """The configured backend (rebuilt when the settings change, as tests do)."""
    from config import settings

    key = _config(settings)
    backend = _built.get(key)
    if backend is None:
        backend = _built[key] = build(key[0], settings)
    return backend


def check() -> str | None:
    """None when the backend answers, else a one-line reason naming the setting to look at."""
    try:
        media().ping()
    except StorageUnavailable as exc:
        return f"{exc.setting or 'MEDIA_STORAGE'}: armazenamento de mídia inacessível ({exc.reason})"
    except Exception as exc:  # a misconfiguration boto3 refuses before any call (bad URL...)
        return f"MEDIA_STORAGE: armazenamento de mídia inacessível ({exc})"
    return None
