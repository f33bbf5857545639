"""CORS: configured origins plus the original's Tauri and private-LAN origins."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from config import settings

ORIGINAL_ORIGINS = [
    "http://localhost:1420",
    "http://127.0.0.1:1420",
    "http://localhost:3000",
    "http://localhost",
    "http://127.0.0.1",
    "http://tauri.localhost",
    "tauri://localhost",
]
# tauri://*, http://*.localhost[:port], and the shop's private LAN (192.168.x.x, 10.x.x.x).
ORIGIN_REGEX = (
    r"^(tauri://[A-Za-z0-9.-]+"
    r"|https?://([A-Za-z0-9-]+\.)*localhost(:\d+)?"
    r"|https?://192\.168\.\d{1,3}\.\d{1,3}(:\d+)?"
    r"|https?://10\.\d{1,3}\.\d{1,3}\.\d{1,3}(:\d+)?)$"
)
ALLOWED_HEADERS = [
    "Authorization",
    "Content-Type",
    "Accept",
    "Accept-Language",
    "X-Silent-Request",
    "X-Requested-With",
    "X-Request-ID",
    "If-Match",
    "Cache-Control",
]
EXPOSED_HEADERS = ["X-Total-Count", "X-Process-Time", "X-Request-ID", "ETag", "Retry-After", "Content-Disposition"]


def add_cors(app: FastAPI) -> None:
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(dict.fromkeys(ORIGINAL_ORIGINS + settings.cors_origins)),
        allow_origin_regex=ORIGIN_REGEX,
        allow_credentials=True,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"],
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        max_age=600,
    )
