"""relatorio_itens: one row per order item, ready for the closing reports (SQLite)

Revision ID: 0900
Revises: 0800
Create Date: 2026-11-29 06:30:00

A year of analítico rows joined items to orders, summed each order's items twice per row (whole
value, value before the item: the freight split) and sorted by trimmed names: ~0.5 s of SQLite
before Python saw a row. This table keeps, per item, what those reports read, already computed:
the reference date (the primary key's first column, so a period is one range), the trimmed
group names, the freight share, "first item of its order with these names" flags (freight once
per order and group without a per-row lookup), the order's discount and the row's JSON.

Triggers keep it in the writing transaction, whatever writes (the API, the seed's bulk path,
scripts, raw SQL): any change to an order's items, or to the order columns it copies, rebuilds
that order's rows. SQLite only: PostgreSQL's reports keep reading the base tables (relatorios/itens.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0900"
down_revision: str | None = "0800"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = """
CREATE TABLE relatorio_itens (
    data_ref DATE NOT NULL,
    pedido_id INTEGER NOT NULL,
    item_index INTEGER NOT NULL,
    status VARCHAR(20) NOT NULL,
    vendedor VARCHAR(255),
    designer VARCHAR(255),
    tipo VARCHAR(64),
    cliente VARCHAR(255),
    entrega VARCHAR(255),
    valor BIGINT NOT NULL,
    frete BIGINT NOT NULL,
    frete_parte BIGINT NOT NULL,
    desconto BIGINT NOT NULL,
    primeiro INTEGER NOT NULL,
    primeiro_designer INTEGER NOT NULL,
    primeiro_vendedor INTEGER NOT NULL,
    primeiro_tipo INTEGER NOT NULL,
    primeiro_designer_tipo INTEGER NOT NULL,
    primeiro_vendedor_designer INTEGER NOT NULL,
    ordem TEXT NOT NULL,
    linha TEXT NOT NULL,
    linha_proporcional TEXT NOT NULL,
    PRIMARY KEY (data_ref, pedido_id, item_index)
) WITHOUT ROWID
"""
INDEX = "CREATE INDEX ix_relatorio_itens_pedido ON relatorio_itens (pedido_id)"
COLUMNS = (
    "data_ref, pedido_id, item_index, status, vendedor, designer, tipo, cliente, entrega, valor, frete,"
    " frete_parte, desconto, primeiro, primeiro_designer, primeiro_vendedor, primeiro_tipo,"
    " primeiro_designer_tipo, primeiro_vendedor_designer, ordem, linha, linha_proporcional"
)
# Which item names make "the same group" for each flag (the order-level names never differ in an order).
FLAGS = {
    "primeiro_designer": ("designer",),
    "primeiro_vendedor": ("vendedor",),
    "primeiro_tipo": ("tipo_producao",),
    "primeiro_designer_tipo": ("designer", "tipo_producao"),
    "primeiro_vendedor_designer": ("vendedor", "designer"),
}


def _name(column: str) -> str:
    # relatorios.queries.name_or_null: blank names group with missing ones.
    return f"nullif(trim({column}), '')"


def _floor_div(a: str, b: str) -> str:
    # SQLite's integer division truncates; the reports split freight with Python's floor division.
    return f"(({a}) / ({b}) - ((({a}) % ({b})) <> 0 AND (({a}) < 0) <> (({b}) < 0)))"


def _share() -> str:
    """relatorios.analitico.freight_shares: by value, cumulative rounding; equally when the items add up to 0."""
    by_value = f"{_floor_div('frete * (antes + valor)', 'inteiro')} - {_floor_div('frete * antes', 'inteiro')}"
    equal = f"{_floor_div('frete * (posicao + 1)', 'n_itens')} - {_floor_div('frete * posicao', 'n_itens')}"
    return f"CASE WHEN inteiro <> 0 THEN {by_value} ELSE {equal} END"


def _first(names: tuple[str, ...]) -> str:
    same = " AND ".join(f"{_name('e.' + name)} IS {_name('i.' + name)}" for name in names)
    return (
        "NOT EXISTS (SELECT 1 FROM pedido_itens e"
        f" WHERE e.pedido_id = i.pedido_id AND e.item_index < i.item_index AND {same})"
    )


def rows_of(where: str) -> str:
    """The table's rows for the items `where` selects (with all their order's items)."""
    flags = ", ".join(f"{_first(names)} AS {flag}" for flag, names in FLAGS.items())
    items = f"""
        SELECT pedido_id, item_index, valor_calculado AS valor, vendedor, designer, tipo_producao, descricao,
               sum(valor_calculado) OVER pedido AS inteiro,
               sum(valor_calculado) OVER (pedido ORDER BY item_index ROWS UNBOUNDED PRECEDING) - valor_calculado
                   AS antes,
               row_number() OVER (pedido ORDER BY item_index) - 1 AS posicao,
               count(*) OVER pedido AS n_itens
        FROM pedido_itens {where} WINDOW pedido AS (PARTITION BY pedido_id)"""
    joined = f"""
        SELECT coalesce(p.data_entrega, p.data_entrada) AS data_ref, i.pedido_id, i.item_index, p.status,
               {_name("i.vendedor")} AS vendedor, {_name("i.designer")} AS designer,
               {_name("i.tipo_producao")} AS tipo, {_name("p.cliente")} AS cliente,
               {_name("p.forma_envio")} AS entrega, i.valor, p.valor_frete AS frete, i.inteiro, i.antes,
               i.posicao, i.n_itens, max(0, i.inteiro + p.valor_frete - p.valor_total) AS desconto, {flags},
               coalesce(nullif(p.numero, ''), CAST(i.pedido_id AS TEXT)) AS ficha,
               coalesce(nullif(i.descricao, ''), nullif(i.tipo_producao, ''), 'Item') AS descricao
        FROM ({items}) AS i JOIN pedidos p ON p.id = i.pedido_id"""
    shared = f"""
        SELECT *, {_share()} AS frete_parte FROM ({joined})"""
    flag_columns = ", ".join(FLAGS)
    return f"""
        SELECT data_ref, pedido_id, item_index, status, vendedor, designer, tipo, cliente, entrega, valor,
               frete, frete_parte, desconto, posicao = 0, {flag_columns},
               printf('%015d%09d', pedido_id, item_index),
               json_object('ficha', ficha, 'descricao', descricao, 'valor_frete', frete / 100.0,
                           'valor_servico', valor / 100.0),
               json_object('ficha', ficha, 'descricao', descricao, 'valor_frete', frete_parte / 100.0,
                           'valor_servico', valor / 100.0)
        FROM ({shared})"""


def _rebuild(pedido_id: str) -> str:
    return (
        f"DELETE FROM relatorio_itens WHERE pedido_id = {pedido_id};\n"
        f"INSERT INTO relatorio_itens ({COLUMNS}) {rows_of(f'WHERE pedido_id = {pedido_id}')};"
    )


# The order columns the table copies: other updates (snapshot, version, flags) fire nothing.
ORDER_COLUMNS = "numero, data_entrada, data_entrega, status, cliente, forma_envio, valor_frete, valor_total"
ITEM_COLUMNS = "pedido_id, item_index, valor_calculado, descricao, tipo_producao, vendedor, designer"
TRIGGERS = {
    "tr_relatorio_itens_item_insert": f"AFTER INSERT ON pedido_itens BEGIN {_rebuild('NEW.pedido_id')} END",
    "tr_relatorio_itens_item_update": (
        f"AFTER UPDATE OF {ITEM_COLUMNS} ON pedido_itens BEGIN {_rebuild('NEW.pedido_id')} END"
    ),
    "tr_relatorio_itens_item_moved": (
        f"AFTER UPDATE OF pedido_id ON pedido_itens WHEN OLD.pedido_id <> NEW.pedido_id"
        f" BEGIN {_rebuild('OLD.pedido_id')} END"
    ),
    "tr_relatorio_itens_item_delete": f"AFTER DELETE ON pedido_itens BEGIN {_rebuild('OLD.pedido_id')} END",
    "tr_relatorio_itens_pedido_update": (f"AFTER UPDATE OF {ORDER_COLUMNS} ON pedidos BEGIN {_rebuild('NEW.id')} END"),
    "tr_relatorio_itens_pedido_delete": (
        "AFTER DELETE ON pedidos BEGIN DELETE FROM relatorio_itens WHERE pedido_id = OLD.id; END"
    ),
}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    op.execute(TABLE)
    op.execute(INDEX)
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(f"INSERT INTO relatorio_itens ({COLUMNS}) {rows_of('')}")
    analyzed = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    if bind.exec_driver_sql(analyzed).first() is not None:
        op.execute("ANALYZE relatorio_itens")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE relatorio_itens")
