"""Factories and sample bodies for the pedidos tests."""

from __future__ import annotations

import base64
import io
import uuid
from typing import Any

import pytest
from PIL import Image

from tests.conftest import bearer, make_user


def png_bytes(width: int = 4, height: int = 3, color=(200, 10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def data_url(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def pedido_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "data_entrada": "2026-01-31",
        "data_entrega": "2026-02-05",
        "cliente": "João Silva",
        "telefone_cliente": "(11) 99999-9999",
        "cidade_cliente": "São Paulo",
        "valor_total": "500.00",
        "items": [panel_item()],
    }
    body.update(overrides)
    return body


def panel_item(**overrides: Any) -> dict[str, Any]:
    """A panel item as the app sends it (what pedido_body's one item is)."""
    item = {
        "tipo_producao": "painel",
        "descricao": "Painel de Fundo",
        "largura": "3.00",
        "altura": "2.50",
        "metro_quadrado": "7.50",
        "vendedor": "Maria",
        "designer": "Carlos",
        "tecido": "Banner",
        "valor_unitario": "500.00",
    }
    item.update(overrides)
    return item


@pytest.fixture
def other_user_headers(session) -> dict[str, str]:
    return bearer(make_user(session, username=f"designer-{uuid.uuid4().hex[:6]}"))
