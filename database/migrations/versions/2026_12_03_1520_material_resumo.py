"""material_resumo: the material statistics' sums per day, material and product type, kept by triggers

Revision ID: 1520
Revises: 1510
Create Date: 2026-12-03 09:00:00

GET /materiais/stats and /stats/evolucao grouped a year's items (~200k at 100k orders) by (day,
material, type): on SQLite the GROUP BY's sort of every item was two thirds of the 316 ms (the
join and sums alone 110 ms). An item's contribution depends only on its own columns and its
order's day and liveness (not a draft, not cancelled), so triggers add it to (and take it out of)
one row per (data_entrada, tecido, tipo_producao) in the writing transaction, whatever writes. A
year is then ~15k rows read in key order. Blank names are stored as '' (the key cannot be NULL;
the statistics treat NULL and '' alike).

The same mechanism as migration 1500 (pedido_resumo). When an order is deleted, its items are
taken out before it goes (a BEFORE DELETE trigger): the items the cascade deletes afterwards find
no order, so they take out nothing.
- SQLite (one writer): per-row triggers, one upsert each.
- PostgreSQL: per-statement insert and delete triggers over transition tables (an order's items
  are one INSERT: one upsert), per-row update triggers that run only when a counted column
  changed; each upsert touches its rows in key order, so two writers meet them in the same order;
  TRUNCATE empties the sums.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1520"
down_revision: str | None = "1510"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "data_entrada, tecido, tipo_producao"
SUMS = ("itens", "area_cm2", "overloque", "elastico", "ilhos", "emenda", "com_ilhos", "total_ilhos")
COLUMNS = f"{KEY}, {', '.join(SUMS)}"
ORDER_WATCHED = "data_entrada, status, rascunho"
ITEM_WATCHED = (
    "pedido_id, tecido, tipo_producao, area_total_cm2, tem_overloque, tem_elastico, tem_ilhos, tem_emenda, total_ilhos"
)
_ADD = ", ".join(f"{name} = material_resumo.{name} + excluded.{name}" for name in SUMS)


def _live(p: str) -> str:
    return f"NOT {p}.rascunho AND {p}.status <> 'cancelado'"


def _sums(i: str, sign: str) -> list[str]:
    """The SUMS of the items `i` (one row per item, before GROUP BY), times `sign`."""

    def flag(name: str) -> str:
        return f"CAST({i}.{name} AS INTEGER)"

    return [
        f"{sign} * count(*)",
        f"{sign} * sum({i}.area_total_cm2)",
        *(f"{sign} * sum({flag(name)})" for name in ("tem_overloque", "tem_elastico", "tem_ilhos", "tem_emenda")),
        f"{sign} * sum(CASE WHEN {i}.total_ilhos > 0 THEN 1 ELSE 0 END)",
        f"{sign} * sum({i}.total_ilhos)",
    ]


def _contribution(items: str, orders: str, where: str, sign: str) -> str:
    """SELECT (key, sums) of `items` i joined to their live orders p `where`, one row per key."""
    keys = ["p.data_entrada", "coalesce(i.tecido, '')", "coalesce(i.tipo_producao, '')"]
    named = ", ".join(
        f"{value} AS {name}" for value, name in zip(keys + _sums("i", sign), COLUMNS.split(", "), strict=True)
    )
    return f"SELECT {named} FROM {items} AS i JOIN {orders} AS p ON p.id = i.pedido_id WHERE {where} GROUP BY 1, 2, 3"


def _upsert(select: str) -> str:
    # The WHERE true: SQLite's parser needs a WHERE before an upsert's ON CONFLICT.
    return (
        f"INSERT INTO material_resumo ({COLUMNS}) SELECT * FROM ({select}) AS c WHERE true ORDER BY 1, 2, 3"
        f" ON CONFLICT ({KEY}) DO UPDATE SET {_ADD}"
    )


def _item_row(row: str, sign: str) -> str:
    """The item `row` (OLD or NEW of a row trigger) as a one-row table: its contribution, signed."""
    item = f"(SELECT {', '.join(f'{row}.{name} AS {name}' for name in ITEM_WATCHED.split(', '))})"
    return _contribution(item, "pedidos", _live("p"), sign)


def _order_row(row: str, sign: str) -> str:
    """The order's items under the order's state `row` (OLD or NEW): their contribution, signed."""
    columns = ("id", "data_entrada", "status", "rascunho")
    order = f"(SELECT {', '.join(f'{row}.{name} AS {name}' for name in columns)})"
    return _contribution("pedido_itens", order, _live("p"), sign)


def _both(old: str, new: str) -> str:
    """One upsert of `old`'s contribution taken out and `new`'s added, merged per key; keys that net to 0 skipped."""
    merged = ", ".join(f"sum({name})" for name in SUMS)
    moved = " OR ".join(f"sum({name}) <> 0" for name in SUMS)
    both = f"SELECT * FROM ({old}) AS o UNION ALL SELECT * FROM ({new}) AS n"
    return _upsert(f"SELECT {KEY}, {merged} FROM ({both}) AS d GROUP BY 1, 2, 3 HAVING {moved}")


def _item_changed(differs: str) -> str:
    return " OR ".join(f"OLD.{name} {differs} NEW.{name}" for name in ITEM_WATCHED.split(", "))


def _order_moved(differs: str) -> str:
    cancelled = f"(OLD.status = 'cancelado') {differs} (NEW.status = 'cancelado')"
    return f"OLD.data_entrada {differs} NEW.data_entrada OR OLD.rascunho {differs} NEW.rascunho OR {cancelled}"


def _sqlite_triggers() -> None:
    for statement in (
        f"CREATE TRIGGER material_resumo_item_insert AFTER INSERT ON pedido_itens"
        f" BEGIN {_upsert(_item_row('NEW', '1'))}; END",
        f"CREATE TRIGGER material_resumo_item_delete AFTER DELETE ON pedido_itens"
        f" BEGIN {_upsert(_item_row('OLD', '-1'))}; END",
        f"CREATE TRIGGER material_resumo_item_update AFTER UPDATE OF {ITEM_WATCHED} ON pedido_itens"
        f" WHEN {_item_changed('IS NOT')} BEGIN {_both(_item_row('OLD', '-1'), _item_row('NEW', '1'))}; END",
        f"CREATE TRIGGER material_resumo_pedido_update AFTER UPDATE OF {ORDER_WATCHED} ON pedidos"
        f" WHEN {_order_moved('IS NOT')} BEGIN {_both(_order_row('OLD', '-1'), _order_row('NEW', '1'))}; END",
        f"CREATE TRIGGER material_resumo_pedido_delete BEFORE DELETE ON pedidos"
        f" BEGIN {_upsert(_order_row('OLD', '-1'))}; END",
    ):
        op.execute(statement)


_PG = """
CREATE FUNCTION material_resumo_itens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {insert};
    ELSE
        {delete};
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION material_resumo_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {update};
    RETURN NULL;
END
$$;

CREATE FUNCTION material_resumo_pedido() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        {order_delete};
        RETURN OLD;
    END IF;
    {order_update};
    RETURN NULL;
END
$$;

CREATE FUNCTION material_resumo_zerar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM material_resumo;
    RETURN NULL;
END
$$;

CREATE TRIGGER material_resumo_item_insert AFTER INSERT ON pedido_itens REFERENCING NEW TABLE AS novos
    FOR EACH STATEMENT EXECUTE FUNCTION material_resumo_itens();
CREATE TRIGGER material_resumo_item_delete AFTER DELETE ON pedido_itens REFERENCING OLD TABLE AS velhos
    FOR EACH STATEMENT EXECUTE FUNCTION material_resumo_itens();
CREATE TRIGGER material_resumo_item_update AFTER UPDATE OF {item_watched} ON pedido_itens
    FOR EACH ROW WHEN ({item_changed}) EXECUTE FUNCTION material_resumo_item();
CREATE TRIGGER material_resumo_pedido_update AFTER UPDATE OF {order_watched} ON pedidos
    FOR EACH ROW WHEN ({order_moved}) EXECUTE FUNCTION material_resumo_pedido();
CREATE TRIGGER material_resumo_pedido_delete BEFORE DELETE ON pedidos
    FOR EACH ROW EXECUTE FUNCTION material_resumo_pedido();
CREATE TRIGGER material_resumo_itens_truncate AFTER TRUNCATE ON pedido_itens
    FOR EACH STATEMENT EXECUTE FUNCTION material_resumo_zerar();
CREATE TRIGGER material_resumo_pedidos_truncate AFTER TRUNCATE ON pedidos
    FOR EACH STATEMENT EXECUTE FUNCTION material_resumo_zerar();
"""


def _postgresql_triggers() -> None:
    live = _live("p")
    added = _contribution("novos", "pedidos", live, "1")
    taken = _contribution("velhos", "pedidos", live, "-1")
    op.execute(
        _PG.format(
            insert=_upsert(added),
            delete=_upsert(taken),
            update=_both(_item_row("OLD", "-1"), _item_row("NEW", "1")),
            order_delete=_upsert(_order_row("OLD", "-1")),
            order_update=_both(_order_row("OLD", "-1"), _order_row("NEW", "1")),
            item_watched=ITEM_WATCHED,
            item_changed=_item_changed("IS DISTINCT FROM"),
            order_watched=ORDER_WATCHED,
            order_moved=_order_moved("IS DISTINCT FROM"),
        )
    )


def upgrade() -> None:
    op.create_table(
        "material_resumo",
        sa.Column("data_entrada", sa.Date(), nullable=False),
        sa.Column("tecido", sa.String(255), nullable=False),
        sa.Column("tipo_producao", sa.String(64), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in SUMS),
        sa.PrimaryKeyConstraint("data_entrada", "tecido", "tipo_producao"),
    )
    op.execute(_upsert(_contribution("pedido_itens", "pedidos", _live("p"), "1")))
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table in (
            ("material_resumo_item_insert", "pedido_itens"),
            ("material_resumo_item_delete", "pedido_itens"),
            ("material_resumo_item_update", "pedido_itens"),
            ("material_resumo_itens_truncate", "pedido_itens"),
            ("material_resumo_pedido_update", "pedidos"),
            ("material_resumo_pedido_delete", "pedidos"),
            ("material_resumo_pedidos_truncate", "pedidos"),
        ):
            op.execute(f"DROP TRIGGER {name} ON {table}")
        for function in ("itens()", "item()", "pedido()", "zerar()"):
            op.execute(f"DROP FUNCTION material_resumo_{function}")
    else:
        for name in ("item_insert", "item_delete", "item_update", "pedido_update", "pedido_delete"):
            op.execute(f"DROP TRIGGER material_resumo_{name}")
    op.drop_table("material_resumo")
