"""Benchmark: one 1 MB item image served through the API from S3 vs from the local folder (target S3 ≤ 2×).

Run: `python -m scripts.bench_media [--requests N]`. Everything is throwaway and on loopback: a
temporary SQLite database and API_ROOT, moto's standalone S3 server (moto[server], a test
requirement) on a free port, and two `python -m serve` processes, one per backend. Each GET is a
full authenticated request for /pedidos/imagens/{id}, the URL the app reads; the two servers are
measured alternately so both see the same machine load.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PROJECT_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "bench-senha-123"
KEYS = {"S3_ACCESS_KEY_ID": "bench", "S3_SECRET_ACCESS_KEY": "bench-secret", "S3_REGION": "us-east-1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"processo terminou: {url}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"sem resposta: {url}")


def one_mb_png() -> bytes:
    """Noise does not compress: a 592×592 RGB PNG is just over 1 MB."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (592, 592), os.urandom(592 * 592 * 3)).save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench_media", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--requests", type=int, default=200, help="GETs per backend (padrão: 200)")
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="sgp-bench-media-")
    processes: list[subprocess.Popen] = []
    try:
        base = {**os.environ, "API_ROOT": root, "DATABASE_URL": f"sqlite:///{root}/shared/db/bench.db",
                "ENVIRONMENT": "development", "SECRET_KEY": "b" * 40, "FIRST_ADMIN_PASSWORD": PASSWORD,
                "LOG_LEVEL": "WARNING"}  # fmt: skip
        moto_port = free_port()
        moto = Path(sys.executable).with_name("moto_server")
        processes.append(start([str(moto), "-H", "127.0.0.1", "-p", str(moto_port)], base))
        endpoint = f"http://127.0.0.1:{moto_port}"
        wait_for(endpoint + "/moto-api/", processes[-1])
        import boto3

        boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="bench", aws_secret_access_key="bench-secret",
                     region_name="us-east-1").create_bucket(Bucket="sgp-bench")  # fmt: skip
        s3 = {"MEDIA_STORAGE": "s3", "S3_ENDPOINT_URL": endpoint, "S3_BUCKET": "sgp-bench", **KEYS}
        urls = {}
        for name, extra in (("local", {"MEDIA_STORAGE": "local"}), ("s3", s3)):
            port = free_port()
            command = [sys.executable, "-m", "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level",
                       "warning"]  # fmt: skip
            processes.append(start(command, {**base, **extra}))
            urls[name] = f"http://127.0.0.1:{port}"
            wait_for(urls[name] + "/health", processes[-1])
        figures = measure(urls, one_mb_png(), args.requests)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=15)
        shutil.rmtree(root, ignore_errors=True)
    local, remote = figures["local"], figures["s3"]
    for name, times in figures.items():
        print(f"{name:5}  mediana {statistics.median(times):6.2f} ms  p95 {percentile(times, 95):6.2f} ms  "
              f"({len(times)} GETs de 1 MB)")  # fmt: skip
    ratio = statistics.median(remote) / statistics.median(local)
    print(f"S3 / local (mediana): {ratio:.2f}×  (meta ≤ 2×: {'ok' if ratio <= 2 else 'NÃO'})")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def measure(urls: dict[str, str], image: bytes, requests: int) -> dict[str, list[float]]:
    import base64

    clients = {name: httpx.Client(base_url=url, timeout=30) for name, url in urls.items()}
    try:
        login = clients["local"].post("/auth/login", json={"username": "admin", "password": PASSWORD})
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        encoded = "data:image/png;base64," + base64.b64encode(image).decode()
        body = {"cliente": "Bench", "data_entrada": "2026-01-01", "items": [{"descricao": "arte", "imagem": encoded}]}
        paths = {}
        for name, client in clients.items():
            created = client.post("/pedidos/", json=body, headers=headers)
            created.raise_for_status()
            paths[name] = created.json()["items"][0]["imagem"]
        times: dict[str, list[float]] = {name: [] for name in clients}
        for round_ in range(requests + 10):  # the first 10 warm connections and caches up
            for name, client in clients.items():
                started = time.perf_counter()
                response = client.get(paths[name], headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200 or response.content != image:
                    raise SystemExit(f"{name}: resposta errada ({response.status_code})")
                if round_ >= 10:
                    times[name].append(elapsed)
        return times
    finally:
        for client in clients.values():
            client.close()


if __name__ == "__main__":
    main()
