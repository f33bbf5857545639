"""Media in an S3-compatible bucket (MinIO, Garage, Ceph, AWS...) through boto3.

Calls block; every caller already runs in the threadpool (sync handlers, StreamingResponse over a
sync iterator, scripts), so the event loop never waits on the object store.
"""

from __future__ import annotations

from collections.abc import Iterator

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError

from storage.base import ObjectInfo, OpenObject, StorageUnavailable, clean_key

S3_CHUNK_SIZE = 1024 * 1024
MISSING = {"404", "NoSuchKey", "NotFound"}
# What each failure says about the configuration: the setting to look at.
SETTING_BY_CODE = {
    "NoSuchBucket": "S3_BUCKET",
    "InvalidAccessKeyId": "S3_ACCESS_KEY_ID",
    "SignatureDoesNotMatch": "S3_SECRET_ACCESS_KEY",
    "AccessDenied": "S3_ACCESS_KEY_ID",
    "AuthorizationHeaderMalformed": "S3_REGION",
    "PermanentRedirect": "S3_REGION",
}


class S3Storage:
    name = "s3"

    def __init__(self, *, endpoint_url: str | None, bucket: str, access_key: str | None, secret_key: str | None,
                 region: str, timeout: float = 5.0):  # fmt: skip
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self.client = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url or None,
            aws_access_key_id=access_key or None,
            aws_secret_access_key=secret_key or None,
            region_name=region or None,
            config=Config(
                connect_timeout=timeout,
                read_timeout=timeout * 4,
                retries={"max_attempts": 2, "mode": "standard"},
                max_pool_connections=32,
                s3={"addressing_style": "path"},
            ),
        )

    def _unavailable(self, exc: Exception) -> StorageUnavailable:
        if isinstance(exc, ClientError):
            code = exc.response.get("Error", {}).get("Code", "")
            return StorageUnavailable(f"{code}: {exc}", setting=SETTING_BY_CODE.get(code, "S3_ENDPOINT_URL"))
        if isinstance(exc, EndpointConnectionError):
            return StorageUnavailable(str(exc), setting="S3_ENDPOINT_URL")
        return StorageUnavailable(str(exc), setting="S3_ENDPOINT_URL")

    def _key(self, key: str) -> str:
        normal = clean_key(key)
        if normal is None:
            raise ValueError(f"chave de mídia inválida: {key!r}")
        return normal

    def put(self, key: str, data: bytes, *, content_type: str | None = None) -> None:
        extra = {"ContentType": content_type} if content_type else {}
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data, **extra)
        except (BotoCoreError, ClientError) as exc:
            raise self._unavailable(exc) from None

    def stat(self, key: str) -> ObjectInfo | None:
        head = self._fetch(self.client.head_object, key)
        return (
            None
            if head is None
            else ObjectInfo(clean_key(key), head["ContentLength"], head["LastModified"].timestamp())
        )

    def open(self, key: str) -> OpenObject | None:
        answer = self._fetch(self.client.get_object, key)
        if answer is None:
            return None
        info = ObjectInfo(clean_key(key), answer["ContentLength"], answer["LastModified"].timestamp())
        return OpenObject(info, _chunks(answer["Body"]))

    def _fetch(self, call, key: str) -> dict | None:
        """`call` (head_object or get_object) on a valid key; None for a missing object or an invalid key."""
        normal = clean_key(key)
        if normal is None:
            return None
        try:
            return call(Bucket=self.bucket, Key=normal)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise self._unavailable(exc) from None
        except BotoCoreError as exc:
            raise self._unavailable(exc) from None

    def get(self, key: str) -> bytes | None:
        opened = self.open(key)
        return None if opened is None else opened.read()

    def exists(self, key: str) -> bool:
        return self.stat(key) is not None

    def delete(self, key: str) -> None:
        normal = clean_key(key)
        if normal is None:
            return
        try:
            self.client.delete_object(Bucket=self.bucket, Key=normal)
        except (BotoCoreError, ClientError) as exc:
            raise self._unavailable(exc) from None

    def delete_prefix(self, prefix: str) -> int:
        keys = [info.key for info in self.list(prefix)]
        for start in range(0, len(keys), 1000):  # DeleteObjects takes at most 1000 keys
            batch = [{"Key": key} for key in keys[start : start + 1000]]
            try:
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
            except (BotoCoreError, ClientError) as exc:
                raise self._unavailable(exc) from None
        return len(keys)

    def list(self, prefix: str = "") -> Iterator[ObjectInfo]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        try:
            for page in pages:
                for entry in page.get("Contents", []):
                    yield ObjectInfo(entry["Key"], entry["Size"], entry["LastModified"].timestamp())
        except (BotoCoreError, ClientError) as exc:
            raise self._unavailable(exc) from None

    def ping(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in MISSING:  # HEAD has no body: a 404 on the bucket is a missing bucket
                raise StorageUnavailable(f"bucket {self.bucket!r} não existe", setting="S3_BUCKET") from None
            if code == "403":
                raise StorageUnavailable("acesso negado", setting="S3_ACCESS_KEY_ID") from None
            raise self._unavailable(exc) from None
        except BotoCoreError as exc:
            raise self._unavailable(exc) from None


def _chunks(body) -> Iterator[bytes]:
    # 1 MiB reads: each chunk is one threadpool hop of the StreamingResponse, so fewer is faster.
    try:
        yield from body.iter_chunks(S3_CHUNK_SIZE)
    finally:
        body.close()
