"""Core statements for the hottest writes, run on SQLite's own driver with SQLAlchemy's type processing.

SQLAlchemy's execution machinery (execution context, events, result objects) costs 40–70 µs per
statement: several times what SQLite needs for a small indexed INSERT, and a created order runs
six of them. A `Prepared` statement is compiled once per dialect (and, for an INSERT, per set of
columns given); on SQLite it runs on the session's own driver connection, inside the same
transaction, with the bind and result processors SQLAlchemy itself would apply, the Python-side
column defaults it would fill in, and its exception classes. On PostgreSQL it is plain
`connection.execute`: there the statement's round trip dwarfs the machinery.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, InvalidRequestError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable, Insert

_FROM_CALLER = object()
Parameters = Mapping[str, Any] | list[Mapping[str, Any]] | None


@dataclass(frozen=True, slots=True)
class _Slot:
    """One `?` of the compiled SQL: where its value comes from and how it is converted."""

    name: str
    constant: Any  # the statement's own literal value, or _FROM_CALLER
    default: Callable[[], Any] | None  # the column's Python-side default, when the caller may omit it
    process: Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    slots: tuple[_Slot, ...]
    row_type: type | None  # None: rows come as the driver's tuples (text() declares no columns)
    row_processors: tuple[Callable[[Any], Any] | None, ...]

    def parameters(self, values: Mapping[str, Any]) -> list[Any]:
        out = []
        for slot in self.slots:
            if slot.constant is not _FROM_CALLER:
                value = slot.constant
            elif slot.name in values:
                value = values[slot.name]
            elif slot.default is not None:
                value = slot.default()
            else:
                raise InvalidRequestError(f"A value is required for bind parameter {slot.name!r}")
            out.append(slot.process(value) if slot.process is not None else value)
        return out

    def row(self, raw: tuple) -> tuple:
        if self.row_type is None:
            return raw
        return self.row_type(*(p(v) if p is not None else v for p, v in zip(self.row_processors, raw, strict=True)))


def _column_default(column: Any, *, update: bool) -> Callable[[], Any]:
    default = column.onupdate if update else column.default
    if default is None or not (default.is_scalar or default.is_callable):
        raise TypeError(f"{column}: only scalar or plain callable defaults can be prepared")
    if default.is_scalar:
        value = default.arg
        return lambda: value
    # SQLAlchemy wraps a zero-argument callable to take (and ignore) the execution context.
    return lambda: default.arg(None)


def _compile(statement: Executable, dialect: Dialect, keys: tuple[str, ...] | None) -> _Compiled:
    compiled = statement.compile(dialect=dialect, column_keys=list(keys) if keys is not None else None)
    defaults = {column.key: _column_default(column, update=False) for column in compiled.insert_prefetch}
    defaults.update({column.key: _column_default(column, update=True) for column in compiled.update_prefetch})
    slots = []
    for name in compiled.positiontup:
        bind = compiled.binds[name]
        if bind.expanding or bind.callable is not None:
            raise TypeError(f"{name}: expanding or callable parameters cannot be prepared")
        constant = _FROM_CALLER if bind.required or name in defaults or (keys and name in keys) else bind.value
        process = bind.type._cached_bind_processor(dialect)
        slots.append(_Slot(name, constant, defaults.get(name), process))
    columns = list(getattr(statement, "exported_columns", ()))
    row_type = namedtuple("Row", [column.name for column in columns], rename=True) if columns else None
    processors = tuple(column.type._cached_result_processor(dialect, None) for column in columns)
    return _Compiled(compiled.string, tuple(slots), row_type, processors)


class Prepared:
    """A Core statement run as SQLAlchemy would run it, minus its per-statement machinery on SQLite.

    `fetch` returns its rows (RETURNING or SELECT; attribute access as on SQLAlchemy's rows), `run`
    the number of rows it changed. Parameters are passed by name, one set or a list of them (run
    once each, or as one executemany when no rows come back); an INSERT takes the columns given
    (its other columns get their Python-side defaults, as with SQLAlchemy).
    """

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._by_columns = isinstance(statement, Insert)
        self._compiled: WeakKeyDictionary[Dialect, dict[Any, _Compiled]] = WeakKeyDictionary()

    def fetch(self, target: Session | Connection, values: Parameters = None) -> list[Any]:
        """Its rows; with a list of parameter sets, the rows of every execution in order (an INSERT's
        RETURNING needs sort_by_parameter_order=True for that order elsewhere than on SQLite)."""
        connection = _connection(target)
        if connection.dialect.name != "sqlite":
            return list(connection.execute(self.statement, _plain(values))) if values != [] else []
        rows = []
        for one in values if isinstance(values, list) else [values or {}]:
            compiled, cursor = self._execute(connection, one)
            rows.extend(compiled.row(raw) for raw in cursor.fetchall())
        return rows

    def run(self, target: Session | Connection, values: Parameters = None) -> int:
        """The number of rows it changed (with a list of parameter sets: in all)."""
        connection = _connection(target)
        if connection.dialect.name != "sqlite":
            return connection.execute(self.statement, _plain(values)).rowcount if values != [] else 0
        sets = values if isinstance(values, list) else [values or {}]
        if not sets:
            return 0
        compiled = self._compiled_for(connection.dialect, tuple(sets[0]) if self._by_columns else None)
        if compiled.row_type is None and len(sets) > 1:
            # No rows to read back: the driver's executemany (parameter sets share their keys, as with SQLAlchemy).
            return self._call(connection, compiled, "executemany", [compiled.parameters(one) for one in sets]).rowcount
        changed = 0
        for one in sets:
            _compiled, cursor = self._execute(connection, one)
            cursor.fetchall()  # a RETURNING statement completes only when its rows are read
            changed += cursor.rowcount
        return changed

    def _execute(self, connection: Connection, values: Mapping[str, Any]) -> tuple[_Compiled, Any]:
        compiled = self._compiled_for(connection.dialect, tuple(values) if self._by_columns else None)
        return compiled, self._call(connection, compiled, "execute", compiled.parameters(values))

    @staticmethod
    def _call(connection: Connection, compiled: _Compiled, method: str, parameters: list) -> Any:
        dialect = connection.dialect
        try:
            return getattr(connection.connection.driver_connection, method)(compiled.sql, parameters)
        except dialect.loaded_dbapi.Error as error:
            # The same exception classes as connection.execute (IntegrityError, DataError, ...).
            raise DBAPIError.instance(
                compiled.sql, parameters, error, dialect.loaded_dbapi.Error, dialect=dialect
            ) from error

    def _compiled_for(self, dialect: Dialect, keys: tuple[str, ...] | None) -> _Compiled:
        by_keys = self._compiled.get(dialect)
        if by_keys is None:
            by_keys = self._compiled.setdefault(dialect, {})
        compiled = by_keys.get(keys)
        if compiled is None:
            compiled = by_keys[keys] = _compile(self.statement, dialect, keys)
        return compiled


def _plain(values: Parameters) -> dict[str, Any] | list[dict[str, Any]]:
    if isinstance(values, list):
        return [dict(one) for one in values]
    return dict(values or {})


def _connection(target: Session | Connection) -> Connection:
    if isinstance(target, Session):
        # As Session.execute would: pending ORM changes reach the database before the statement.
        target.flush()
        return target.connection()
    return target
