"""Typed business errors; one handler in main.py renders them as {"detail": ...}."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class AppError(Exception):
    status_code = 400

    def __init__(self, detail: Any, status_code: int | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        if status_code is not None:
            self.status_code = status_code
        self.headers = headers


class BadRequest(AppError):
    status_code = 400


class Unauthorized(AppError):
    status_code = 401

    def __init__(self, detail: Any = "Não autenticado", status_code: int | None = None, headers=None):
        super().__init__(detail, status_code, headers or {"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status_code = 403


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class PayloadTooLarge(AppError):
    status_code = 413


class UnsupportedMediaType(AppError):
    status_code = 415


class Unprocessable(AppError):
    status_code = 422


class TooManyRequests(AppError):
    status_code = 429


class ServiceUnavailable(AppError):
    status_code = 503


class ErrorResponse(BaseModel):
    """The one error shape: a message (or the list of validation problems)."""

    detail: Any


_DESCRIPTIONS = {
    400: "Requisição inválida",
    401: "Não autenticado ou token inválido",
    403: "Sem permissão",
    404: "Não encontrado",
    409: "Conflito com o estado atual",
    413: "Conteúdo grande demais",
    415: "Tipo de conteúdo não suportado",
    422: "Dados inválidos",
    429: "Muitas tentativas",
    503: "Serviço indisponível",
}
# Declared on every router so the OpenAPI document tells the truth about errors.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    # application/json named explicitly: routes answering PDF/HTML/files still send errors as JSON.
    code: {"model": ErrorResponse, "description": text, "content": {"application/json": {}}}
    for code, text in _DESCRIPTIONS.items()
}
