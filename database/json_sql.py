"""SQL over JSON columns and text fields, the same expression on SQLite and PostgreSQL.

`json_text(extras, "legenda_imagem")` compiles to `json_extract(extras, '$.legenda_imagem')` on
SQLite and `(extras ->> 'legenda_imagem')` on PostgreSQL: written exactly as expression indexes
on such fields are (migration 1200), so a filter on it can use them. Nested keys go as a path.
`hundredths` never fails on text that is not a number (PostgreSQL's CAST would): it is 0.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


def _key(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"JSON key must be a plain name: {name!r}")
    return name


class json_text(FunctionElement):
    """A JSON field of a JSON column, as SQL text (SQLite: the JSON scalar as stored)."""

    type = Text()
    inherit_cache = True

    def __init__(self, column, *path: str):
        self.path = tuple(_key(name) for name in path)
        super().__init__(column)


@compiles(json_text, "sqlite")
def _json_text_sqlite(element, compiler, **kw):
    column = compiler.process(next(iter(element.clauses)), **kw)
    return f"json_extract({column}, '$.{'.'.join(element.path)}')"


@compiles(json_text, "postgresql")
def _json_text_postgresql(element, compiler, **kw):
    column = compiler.process(next(iter(element.clauses)), **kw)
    if len(element.path) == 1:
        return f"({column} ->> '{element.path[0]}')"
    return f"({column} #>> '{{{','.join(element.path)}}}')"


class hundredths(FunctionElement):
    """A decimal text ("1,50", "2.5") in hundredths, rounded (150, 250); anything else is 0."""

    type = BigInteger()
    inherit_cache = True


@compiles(hundredths, "sqlite")
def _hundredths_sqlite(element, compiler, **kw):
    value = f"replace(trim(CAST({compiler.process(element.clauses, **kw)} AS TEXT)), ',', '.')"
    return f"(CASE WHEN {value} GLOB '[0-9]*' THEN CAST(round(CAST({value} AS REAL) * 100) AS INTEGER) ELSE 0 END)"


@compiles(hundredths, "postgresql")
def _hundredths_postgresql(element, compiler, **kw):
    value = f"replace(btrim(CAST({compiler.process(element.clauses, **kw)} AS TEXT)), ',', '.')"
    return (
        f"(CASE WHEN {value} ~ '^[0-9]{{1,9}}(\\.[0-9]{{1,6}})?$' "
        f"THEN CAST(round(CAST({value} AS NUMERIC) * 100) AS BIGINT) ELSE 0 END)"
    )
