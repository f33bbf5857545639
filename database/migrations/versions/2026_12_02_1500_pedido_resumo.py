"""pedido_resumo, pedido_resumo_envio: the dashboard's sums, kept by triggers on pedidos

Revision ID: 1500
Revises: 1400
Create Date: 2026-12-02 17:00:00

GET /pedidos/summary summed ~25 conditions over every order: 370-490 ms on SQLite and 220 ms on
PostgreSQL at 100k orders each time a write had changed the data (every write does). Each order's
contribution to those sums depends only on its own columns, so triggers add it to (and take it
out of) one row per (status, prioridade, delivery day of an open order) in the writing
transaction, whatever writes (the API, the seed's bulk path, scripts, psql); drafts count
nothing. The summary then reads ~a thousand rows (pedidos/orders/summary.py). The same expressions fill
both tables here from the orders already stored.

PostgreSQL: a plpgsql function per row; the two rows an update moves an order between are
locked in key order (two concurrent moves in opposite directions cannot deadlock), an update
that changes no sum touches nothing, and TRUNCATE empties the sums too.
SQLite (one writer at a time): plain triggers, one upsert each.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1500"
down_revision: str | None = "1400"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEM_DIA = -99_999_999  # pedidos.orders.summary.SEM_DIA: no delivery day (closed order, or none given)
STAGES = ("financeiro", "conferencia", "sublimacao", "costura", "expedicao")
SUMS = ("pedidos", *STAGES, "com_prazo", "no_prazo", "finalizados", "dias_producao")
# Columns whose change can move an order's sums (the UPDATE OF lists): not version or snapshot,
# which every write changes.
WATCHED = (
    "status",
    "prioridade",
    "data_entrada",
    "data_entrega",
    "ultima_atualizacao",
    "forma_envio",
    "rascunho",
    *STAGES,
)

# The date operations each database spells its own way (as pedidos/orders/summary.py did in its scan).
_DIALECT = {
    "sqlite": {
        "epoch_day": "CAST(julianday({d}) - 2440587.5 AS INTEGER)",
        "day_of": "date({t})",
        "days": "CAST(round(julianday({a}) - julianday({b})) AS INTEGER)",
        "flag": "{r}.{name} IS 1",
    },
    "postgresql": {
        "epoch_day": "({d} - DATE '1970-01-01')",
        "day_of": "CAST({t} AS DATE)",
        "days": "(CAST({a} AS DATE) - {b})",
        "flag": "{r}.{name}",
    },
}


def _contribution(dialect: str, r: str) -> list[str]:
    """The SUMS of one order (row alias `r`), after its key (status, prioridade, dia_entrega)."""
    d = _DIALECT[dialect]
    open_ = f"{r}.status NOT IN ('pronto', 'entregue', 'cancelado')"
    done = f"{r}.status IN ('pronto', 'entregue')"
    dated = f"{done} AND {r}.data_entrega IS NOT NULL"
    finished = f"{done} AND {r}.ultima_atualizacao IS NOT NULL AND {r}.data_entrada IS NOT NULL"
    finish_day = d["day_of"].format(t=f"{r}.ultima_atualizacao")
    delivery_day = d["epoch_day"].format(d=f"{r}.data_entrega")
    return [
        f"{r}.status",
        f"{r}.prioridade",
        f"CASE WHEN {open_} AND {r}.data_entrega IS NOT NULL THEN {delivery_day} ELSE {SEM_DIA} END",
        "1",
        *(f"CASE WHEN {d['flag'].format(r=r, name=stage)} THEN 1 ELSE 0 END" for stage in STAGES),
        f"CASE WHEN {dated} THEN 1 ELSE 0 END",
        f"CASE WHEN {dated} AND {finish_day} <= {r}.data_entrega THEN 1 ELSE 0 END",
        f"CASE WHEN {finished} THEN 1 ELSE 0 END",
        f"CASE WHEN {finished} THEN coalesce({d['days'].format(a=finish_day, b=f'{r}.data_entrada')}, 0) ELSE 0 END",
    ]


_KEY = "status, prioridade, dia_entrega"
_COLUMNS = f"{_KEY}, {', '.join(SUMS)}"
_ADD = ", ".join(f"{name} = pedido_resumo.{name} + excluded.{name}" for name in SUMS)
_ADD_ENVIO = "pedidos = pedido_resumo_envio.pedidos + excluded.pedidos"


def _fill(dialect: str) -> None:
    values = _contribution(dialect, "p")
    sums = ", ".join(f"sum({value})" for value in values[4:])
    op.execute(
        f"INSERT INTO pedido_resumo ({_COLUMNS}) SELECT {', '.join(values[:3])}, count(*), {sums} "
        "FROM pedidos AS p WHERE NOT p.rascunho GROUP BY 1, 2, 3"
    )
    op.execute(
        "INSERT INTO pedido_resumo_envio (forma_envio, pedidos) "
        "SELECT p.forma_envio, count(*) FROM pedidos AS p WHERE NOT p.rascunho GROUP BY p.forma_envio"
    )


def _sqlite_upserts(r: str, sign: int) -> str:
    values = _contribution("sqlite", r)
    signed = [*values[:3], *(f"{sign} * ({value})" for value in values[3:])]
    # A WHERE on the SELECT: SQLite's parser needs one before an upsert's ON CONFLICT.
    return (
        f"INSERT INTO pedido_resumo ({_COLUMNS}) SELECT {', '.join(signed)} WHERE NOT {r}.rascunho "
        f"ON CONFLICT ({_KEY}) DO UPDATE SET {_ADD}; "
        f"INSERT INTO pedido_resumo_envio (forma_envio, pedidos) SELECT {r}.forma_envio, {sign} "
        f"WHERE NOT {r}.rascunho ON CONFLICT (forma_envio) DO UPDATE SET {_ADD_ENVIO};"
    )


def _sqlite_triggers() -> None:
    op.execute(f"CREATE TRIGGER pedido_resumo_insert AFTER INSERT ON pedidos BEGIN {_sqlite_upserts('NEW', 1)} END")
    op.execute(f"CREATE TRIGGER pedido_resumo_delete AFTER DELETE ON pedidos BEGIN {_sqlite_upserts('OLD', -1)} END")
    op.execute(
        f"CREATE TRIGGER pedido_resumo_update AFTER UPDATE OF {', '.join(WATCHED)} ON pedidos "
        f"BEGIN {_sqlite_upserts('OLD', -1)} {_sqlite_upserts('NEW', 1)} END"
    )


_PG_FUNCTIONS = """
CREATE FUNCTION pedido_resumo_linha(p pedidos) RETURNS pedido_resumo LANGUAGE sql IMMUTABLE AS $$
    SELECT ROW({values})::pedido_resumo
$$;

CREATE FUNCTION pedido_resumo_somar(c pedido_resumo, sinal integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO pedido_resumo ({columns}) VALUES (c.status, c.prioridade, c.dia_entrega, {signed})
    ON CONFLICT ({key}) DO UPDATE SET {add}
$$;

CREATE FUNCTION pedido_resumo_envio_somar(forma varchar, sinal integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO pedido_resumo_envio (forma_envio, pedidos) VALUES (forma, sinal)
    ON CONFLICT (forma_envio) DO UPDATE SET {add_envio}
$$;

CREATE FUNCTION pedido_resumo_gatilho() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    antes pedido_resumo;
    depois pedido_resumo;
    envio_antes varchar;
    envio_depois varchar;
BEGIN
    IF TG_OP <> 'INSERT' AND NOT OLD.rascunho THEN
        antes := pedido_resumo_linha(OLD);
        envio_antes := OLD.forma_envio;
    END IF;
    IF TG_OP <> 'DELETE' AND NOT NEW.rascunho THEN
        depois := pedido_resumo_linha(NEW);
        envio_depois := NEW.forma_envio;
    END IF;
    -- Rows locked in key order: the smaller key first.
    IF antes IS DISTINCT FROM depois THEN
        IF antes.status IS NOT NULL AND depois.status IS NOT NULL
                AND (antes.status, antes.prioridade, antes.dia_entrega)
                    > (depois.status, depois.prioridade, depois.dia_entrega) THEN
            PERFORM pedido_resumo_somar(depois, 1);
            PERFORM pedido_resumo_somar(antes, -1);
        ELSE
            IF antes.status IS NOT NULL THEN PERFORM pedido_resumo_somar(antes, -1); END IF;
            IF depois.status IS NOT NULL THEN PERFORM pedido_resumo_somar(depois, 1); END IF;
        END IF;
    END IF;
    IF envio_antes IS DISTINCT FROM envio_depois OR (antes.status IS NULL) <> (depois.status IS NULL) THEN
        IF antes.status IS NOT NULL AND depois.status IS NOT NULL AND envio_antes > envio_depois THEN
            PERFORM pedido_resumo_envio_somar(envio_depois, 1);
            PERFORM pedido_resumo_envio_somar(envio_antes, -1);
        ELSE
            IF antes.status IS NOT NULL THEN PERFORM pedido_resumo_envio_somar(envio_antes, -1); END IF;
            IF depois.status IS NOT NULL THEN PERFORM pedido_resumo_envio_somar(envio_depois, 1); END IF;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION pedido_resumo_zerar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM pedido_resumo;
    DELETE FROM pedido_resumo_envio;
    RETURN NULL;
END
$$;

CREATE TRIGGER pedido_resumo AFTER INSERT OR DELETE OR UPDATE OF {watched} ON pedidos
    FOR EACH ROW EXECUTE FUNCTION pedido_resumo_gatilho();
CREATE TRIGGER pedido_resumo_truncate AFTER TRUNCATE ON pedidos
    FOR EACH STATEMENT EXECUTE FUNCTION pedido_resumo_zerar();
"""


def _postgresql_triggers() -> None:
    values = _contribution("postgresql", "p")
    op.execute(
        _PG_FUNCTIONS.format(
            values=", ".join(values),
            columns=_COLUMNS,
            signed=", ".join(f"sinal * c.{name}" for name in SUMS),
            key=_KEY,
            add=_ADD,
            add_envio=_ADD_ENVIO,
            watched=", ".join(WATCHED),
        )
    )


def upgrade() -> None:
    op.create_table(
        "pedido_resumo",
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("prioridade", sa.String(10), nullable=False),
        sa.Column("dia_entrega", sa.Integer(), nullable=False, autoincrement=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in SUMS[:-1]),
        sa.Column("dias_producao", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("status", "prioridade", "dia_entrega"),
    )
    op.create_table(
        "pedido_resumo_envio",
        sa.Column("forma_envio", sa.String(255), nullable=False),
        sa.Column("pedidos", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("forma_envio"),
    )
    dialect = op.get_bind().dialect.name
    _fill(dialect)
    if dialect == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER pedido_resumo ON pedidos")
        op.execute("DROP TRIGGER pedido_resumo_truncate ON pedidos")
        for function in (
            "pedido_resumo_gatilho()",
            "pedido_resumo_zerar()",
            "pedido_resumo_envio_somar(varchar, integer)",
            "pedido_resumo_somar(pedido_resumo, integer)",
            "pedido_resumo_linha(pedidos)",
        ):
            op.execute(f"DROP FUNCTION {function}")
    else:
        for operation in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER pedido_resumo_{operation}")
    op.drop_table("pedido_resumo_envio")
    op.drop_table("pedido_resumo")
