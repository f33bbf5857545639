"""Brazilian document, state and e-mail checks used by the clientes schemas."""

from __future__ import annotations

import re

UFS = frozenset(
    [
        "AC",
        "AL",
        "AP",
        "AM",
        "BA",
        "CE",
        "DF",
        "ES",
        "GO",
        "MA",
        "MT",
        "MS",
        "MG",
        "PA",
        "PB",
        "PR",
        "PE",
        "PI",
        "RJ",
        "RN",
        "RS",
        "RO",
        "RR",
        "SC",
        "SP",
        "SE",
        "TO",
    ]
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check_digit(digits: list[int], weights: list[int]) -> int:
    rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if rest < 2 else 11 - rest


def is_valid_cpf(digits: str) -> bool:
    if len(digits) != 11 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    numbers = [int(d) for d in digits]
    first = _check_digit(numbers[:9], list(range(10, 1, -1)))
    second = _check_digit(numbers[:10], list(range(11, 1, -1)))
    return numbers[9] == first and numbers[10] == second


def is_valid_cnpj(digits: str) -> bool:
    if len(digits) != 14 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    numbers = [int(d) for d in digits]
    weights = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    first = _check_digit(numbers[:12], weights)
    second = _check_digit(numbers[:13], [6, *weights])
    return numbers[12] == first and numbers[13] == second


def normalize_uf(value: str) -> str:
    uf = value.strip().upper()
    if uf not in UFS:
        raise ValueError(f"estado inválido: {value!r}; use a sigla da UF (ex.: SP, RJ, MG)")
    return uf


def normalize_documento(value: str | None) -> str | None:
    """Digits only; a CPF (11) or CNPJ (14) with valid check digits, or None when blank."""
    if value is None or not value.strip():
        return None
    digits = re.sub(r"[.\-/\s]", "", value)
    if len(digits) == 11 and is_valid_cpf(digits):
        return digits
    if len(digits) == 14 and is_valid_cnpj(digits):
        return digits
    raise ValueError("documento inválido: informe um CPF (11 dígitos) ou CNPJ (14 dígitos) válido")


def normalize_email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    email = value.strip()
    if not _EMAIL.match(email) or len(email) > 255:
        raise ValueError("e-mail inválido")
    return email
