"""SQL over JSON columns, the same expression on SQLite and PostgreSQL.

`json_text(extras, "legenda_imagem")` compiles to `json_extract(extras, '$.legenda_imagem')` on
SQLite and `(extras ->> 'legenda_imagem')` on PostgreSQL: written exactly as expression indexes
on such fields are (migration 1200), so a filter on it can use them. Nested keys go as a path.
"""

from __future__ import annotations

from sqlalchemy import Text
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
