"""Typed business errors; one handler in main.py renders them as {"detail": ...}."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class AppError(Exception):
    """A refusal the staff can read; each subclass names its HTTP status (`class X(AppError, status_code=N)`)."""

    status_code = 400

    def __init_subclass__(cls, status_code: int | None = None, **kwargs: Any):
        super().__init_subclass__(**kwargs)
        if status_code is not None:
            cls.status_code = status_code

    def __init__(self, detail: Any, status_code: int | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        if status_code is not None:
            self.status_code = status_code
        self.headers = headers


class BadRequest(AppError, status_code=400): ...


class Unauthorized(AppError, status_code=401):
    def __init__(self, detail: Any = "Não autenticado", status_code: int | None = None, headers=None):
        super().__init__(detail, status_code, headers or {"WWW-Authenticate": "Bearer"})


class Forbidden(AppError, status_code=403): ...


class NotFound(AppError, status_code=404): ...


class Conflict(AppError, status_code=409): ...


class PayloadTooLarge(AppError, status_code=413): ...


class UnsupportedMediaType(AppError, status_code=415): ...


class Unprocessable(AppError, status_code=422): ...


class TooManyRequests(AppError, status_code=429): ...


class ServiceUnavailable(AppError, status_code=503): ...


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


# --- validation problems, in the staff's words -----------------------------------------------------

# Pydantic's English messages by error type; {name} is filled from the error's ctx.
_VALIDATION_TEXTS = {
    "missing": "campo obrigatório",
    "string_type": "deve ser um texto",
    "string_too_short": "deve ter ao menos {min_length} caractere(s)",
    "string_too_long": "deve ter no máximo {max_length} caracteres",
    "string_pattern_mismatch": "formato inválido",
    "int_type": "deve ser um número inteiro",
    "int_parsing": "deve ser um número inteiro",
    "int_from_float": "deve ser um número inteiro",
    "int_parsing_size": "número grande demais",
    "float_type": "deve ser um número",
    "float_parsing": "deve ser um número",
    "decimal_type": "deve ser um número",
    "decimal_parsing": "deve ser um número",
    "finite_number": "deve ser um número finito",
    "bool_type": "deve ser verdadeiro ou falso (true/false)",
    "bool_parsing": "deve ser verdadeiro ou falso (true/false)",
    "greater_than": "deve ser maior que {gt}",
    "greater_than_equal": "deve ser maior ou igual a {ge}",
    "less_than": "deve ser menor que {lt}",
    "less_than_equal": "deve ser menor ou igual a {le}",
    "multiple_of": "deve ser múltiplo de {multiple_of}",
    "literal_error": "valor inválido; use {expected}",
    "enum": "valor inválido; use {expected}",
    "list_type": "deve ser uma lista",
    "tuple_type": "deve ser uma lista",
    "set_type": "deve ser uma lista",
    "too_short": "deve ter ao menos {min_length} item(ns)",
    "too_long": "deve ter no máximo {max_length} itens",
    "dict_type": "deve ser um objeto JSON",
    "model_type": "deve ser um objeto JSON",
    "model_attributes_type": "deve ser um objeto JSON",
    "json_invalid": "JSON inválido",
    "json_type": "JSON inválido",
    "date_type": "data inválida: use o formato AAAA-MM-DD",
    "date_parsing": "data inválida: use o formato AAAA-MM-DD",
    "date_from_datetime_parsing": "data inválida: use o formato AAAA-MM-DD",
    "date_from_datetime_inexact": "data inválida: use o formato AAAA-MM-DD",
    "datetime_type": "data e hora inválidas: use o formato AAAA-MM-DDTHH:MM:SS",
    "datetime_parsing": "data e hora inválidas: use o formato AAAA-MM-DDTHH:MM:SS",
    "datetime_from_date_parsing": "data e hora inválidas: use o formato AAAA-MM-DDTHH:MM:SS",
    "uuid_type": "identificador inválido",
    "uuid_parsing": "identificador inválido",
    "extra_forbidden": "campo não permitido",
    "union_tag_invalid": "valor inválido",
    "union_tag_not_found": "valor inválido",
    "bytes_type": "deve ser um arquivo ou texto",
}
_OWN_MESSAGE_TYPES = ("value_error", "assertion_error")  # raised by our validators: their text as written
_SOURCES = ("body", "query", "path", "header", "cookie")


def _field_label(loc: tuple | list) -> str:
    """The field the problem is about: `cliente`, `valor_unitario (item 2)`, `status (valor 1)`."""
    parts = list(loc[1:] if loc and loc[0] in _SOURCES else loc)
    names = [index for index, part in enumerate(parts) if isinstance(part, str)]
    if not names:
        return ""
    last = names[-1]
    label = str(parts[last])
    positions = [part for part in parts if isinstance(part, int)]
    if any(isinstance(part, int) for part in parts[last + 1 :]):
        return f"{label} (valor {positions[-1] + 1})"
    if positions:
        return f"{label} (item {positions[0] + 1})"
    return label


def _text(error: dict[str, Any]) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in _OWN_MESSAGE_TYPES and "error" in ctx:
        return str(ctx["error"])  # without pydantic's "Value error, " prefix
    template = _VALIDATION_TEXTS.get(kind)
    if template is None:
        return "valor inválido"
    values = {key: str(value) for key, value in ctx.items()}
    if "expected" in values:
        head, _, tail = values["expected"].rpartition(" or ")
        values["expected"] = f"{head} ou {tail}" if head else tail
    try:
        return template.format(**values)
    except KeyError:
        return template.split("{")[0].rstrip(" ;") or "valor inválido"


def validation_detail(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The 422 body's `detail`: the original's [{"loc","msg","type"}], each msg in Portuguese naming its
    field (the app shows the msgs joined), never echoing the input back (passwords)."""
    detail = []
    for error in errors:
        loc = list(error.get("loc", ()))
        label, text = _field_label(loc), _text(error)
        # Our own messages often start with their field already ("documento inválido: ...").
        names_itself = error.get("type") in _OWN_MESSAGE_TYPES and text.lower().startswith(label.split(" ")[0].lower())
        if label and not names_itself:
            text = f"{label}: {text}"
        detail.append({"loc": loc, "msg": text, "type": error.get("type", "")})
    return detail
