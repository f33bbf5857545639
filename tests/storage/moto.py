"""A real local S3 endpoint for tests: moto's standalone server on a free loopback port."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import httpx

from tests.live import free_port, wait_until

ACCESS_KEY, SECRET_KEY, REGION = "sgp-test", "sgp-test-secret", "us-east-1"


def _command(port: int) -> list[str]:
    beside = Path(sys.executable).with_name("moto_server")
    binary = str(beside) if beside.exists() else shutil.which("moto_server")
    return [binary, "-H", "127.0.0.1", "-p", str(port)]


class MotoServer:
    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> MotoServer:
        self.process = subprocess.Popen(
            _command(self.port),
            env={**os.environ, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

        def up():
            if self.process.poll() is not None:
                raise AssertionError("moto_server exited")
            try:
                return httpx.get(self.url + "/moto-api/", timeout=1).status_code < 500
            except httpx.HTTPError:
                return False

        wait_until(up, timeout=30, message="moto_server")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def new_bucket(self) -> str:
        name = f"sgp-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def client(self):
        return boto3.client("s3", endpoint_url=self.url, aws_access_key_id=ACCESS_KEY,
                            aws_secret_access_key=SECRET_KEY, region_name=REGION)  # fmt: skip

    def env(self, bucket: str) -> dict[str, str]:
        """The server settings that point SGP at this endpoint and bucket."""
        return {
            "MEDIA_STORAGE": "s3",
            "S3_ENDPOINT_URL": self.url,
            "S3_BUCKET": bucket,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "S3_REGION": REGION,
        }
