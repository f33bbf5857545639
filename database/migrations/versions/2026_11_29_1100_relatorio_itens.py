"""relatorio_itens: one row per order item, ready for the closing reports (SQLite)

Revision ID: 1100
Revises: 1000
Create Date: 2026-11-29 06:30:00

A year of analítico rows joined items to orders, summed each order's items twice per row (whole
value, value before the item: the freight split) and sorted by trimmed names: ~0.5 s of SQLite
before Python saw a row. This table keeps, per item, what those reports read, already computed:
the reference date (the primary key's first column, so a period is one range), the trimmed
group names, the freight share, "first item of its order with these names" flags (freight once
per order and group without a per-row lookup), the order's discount and the row's JSON (after its order id and item index, fixed width, to sort by).

Triggers keep it in the writing transaction, whatever writes (the API, the seed's bulk path,
scripts, raw SQL): any change to an order's items, or to the order columns it copies, rebuilds
that order's rows. SQLite only: PostgreSQL's reports keep reading the base tables (relatorios/itens.py).
A later batch migration of pedidos or pedido_itens recreates that table and drops its triggers:
it must create TRIGGERS again (tests/relatorios/test_itens.py checks they exist at head).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "1100"
down_revision: str | None = "1000"
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
    antes BIGINT NOT NULL,
    posicao INTEGER NOT NULL,
    frete_parte BIGINT NOT NULL,
    desconto BIGINT NOT NULL,  -- the order's, on its first row (posicao 0); 0 on the others
    primeiro INTEGER NOT NULL,
    primeiro_designer INTEGER NOT NULL,
    primeiro_vendedor INTEGER NOT NULL,
    primeiro_tipo INTEGER NOT NULL,
    primeiro_designer_tipo INTEGER NOT NULL,
    primeiro_vendedor_designer INTEGER NOT NULL,
    linha TEXT NOT NULL,
    linha_proporcional TEXT NOT NULL,
    PRIMARY KEY (data_ref, pedido_id, item_index)
) WITHOUT ROWID
"""
COLUMNS = (
    "data_ref, pedido_id, item_index, status, vendedor, designer, tipo, cliente, entrega, valor, frete, antes,"
    " posicao, frete_parte, desconto, primeiro, primeiro_designer, primeiro_vendedor, primeiro_tipo,"
    " primeiro_designer_tipo, primeiro_vendedor_designer, linha, linha_proporcional"
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


def money_text(cents: str) -> str:
    """Cents as orjson writes cents / 100 (40.0, 13.5, 0.07, -1.25), from integers: exact to R$ 10^13."""
    whole, cents_ = f"(abs({cents}) / 100)", f"(abs({cents}) % 100)"
    fraction = f"CASE WHEN {cents_} % 10 <> 0 THEN substr('0' || {cents_}, -2) ELSE {cents_} / 10 END"
    return f"(CASE WHEN {cents} < 0 THEN '-' ELSE '' END || {whole} || '.' || {fraction})"


def row_json(pedido_id: str, item_index: str, ficha: str, descricao: str, frete: str, valor: str) -> str:
    """The analítico row, as orjson writes the report's dict, after "<pedido_id><item_index>" (fixed width).

    json_quote escapes as orjson does (quote, backslash, control characters); the prefix sorts a
    cell's rows. tests/relatorios/test_itens.py holds both to orjson's bytes.
    """
    return (
        f"printf('%015d%09d', {pedido_id}, {item_index}) || '{{\"ficha\":' || json_quote({ficha})"
        f" || ',\"descricao\":' || json_quote({descricao}) || ',\"valor_frete\":' || {money_text(frete)}"
        f" || ',\"valor_servico\":' || {money_text(valor)} || '}}'"
    )


def _floor_div(a: str, b: str) -> str:
    # SQLite's integer division truncates; the reports split freight with Python's floor division.
    return f"(({a}) / ({b}) - ((({a}) % ({b})) <> 0 AND (({a}) < 0) <> (({b}) < 0)))"


def _share(inteiro: str = "inteiro", n_itens: str = "n_itens") -> str:
    """relatorios.analitico.freight_shares: by value, cumulative rounding; equally when the items add up to 0."""
    by_value = f"{_floor_div('frete * (antes + valor)', inteiro)} - {_floor_div('frete * antes', inteiro)}"
    equal = f"{_floor_div('frete * (posicao + 1)', n_itens)} - {_floor_div('frete * posicao', n_itens)}"
    return f"CASE WHEN {inteiro} <> 0 THEN {by_value} ELSE {equal} END"


def _first(names: tuple[str, ...]) -> str:
    same = " AND ".join(f"{_name('e.' + name)} IS {_name('i.' + name)}" for name in names)
    return (
        "NOT EXISTS (SELECT 1 FROM pedido_itens e"
        f" WHERE e.pedido_id = i.pedido_id AND e.item_index < i.item_index AND {same})"
    )


def rows_of(where: str) -> str:
    """The table's rows for the items `where` selects (their shares over all their order's items).

    Correlated sums over the order's few items, not window functions: the insert trigger reads one
    item, and a window's sort and temporary table cost more than those lookups.
    """
    flags = ", ".join(f"{_first(names)} AS {flag}" for flag, names in FLAGS.items())

    def of_order(expression: str, where: str = "") -> str:
        return f"(SELECT {expression} FROM pedido_itens o WHERE o.pedido_id = pedido_itens.pedido_id {where})"

    earlier = "AND o.item_index < pedido_itens.item_index"
    items = f"""
        SELECT pedido_id, item_index, valor_calculado AS valor, vendedor, designer, tipo_producao, descricao,
               {of_order("sum(o.valor_calculado)")} AS inteiro,
               {of_order("coalesce(sum(o.valor_calculado), 0)", earlier)} AS antes,
               {of_order("count(*)", earlier)} AS posicao,
               {of_order("count(*)")} AS n_itens
        FROM pedido_itens {where} LIMIT -1 OFFSET 0"""
    joined = f"""
        SELECT coalesce(p.data_entrega, p.data_entrada) AS data_ref, i.pedido_id, i.item_index, p.status,
               {_name("i.vendedor")} AS vendedor, {_name("i.designer")} AS designer,
               {_name("i.tipo_producao")} AS tipo, {_name("p.cliente")} AS cliente,
               {_name("p.forma_envio")} AS entrega, i.valor, p.valor_frete AS frete, i.inteiro, i.antes,
               i.posicao, i.n_itens,
               (i.posicao = 0) * max(0, i.inteiro + p.valor_frete - p.valor_total) AS desconto, {flags},
               coalesce(nullif(p.numero, ''), CAST(i.pedido_id AS TEXT)) AS ficha,
               coalesce(nullif(i.descricao, ''), nullif(i.tipo_producao, ''), 'Item') AS descricao
        FROM ({items}) AS i JOIN pedidos p ON p.id = i.pedido_id"""
    shared = f"""
        SELECT *, {_share()} AS frete_parte FROM ({joined})"""
    flag_columns = ", ".join(FLAGS)
    return f"""
        SELECT data_ref, pedido_id, item_index, status, vendedor, designer, tipo, cliente, entrega, valor,
               frete, antes, posicao, frete_parte, desconto, posicao = 0, {flag_columns},
               {row_json("pedido_id", "item_index", "ficha", "descricao", "frete", "valor")},
               {row_json("pedido_id", "item_index", "ficha", "descricao", "frete_parte", "valor")}
        FROM ({shared})"""


def _data_ref(pedido_id: str) -> str:
    return f"(SELECT coalesce(data_entrega, data_entrada) FROM pedidos WHERE id = {pedido_id})"


def _rebuild(pedido_id: str, data_ref: str | None = None) -> str:
    """Delete and recompute an order's rows; found by (data_ref, pedido_id), the primary key's prefix.

    Every row of an order has its order's current reference date: a change of date rebuilds the
    order (from the old date), so no second index by pedido_id is needed (one B-tree less per write).
    """
    return (
        f"DELETE FROM relatorio_itens WHERE data_ref = {data_ref or _data_ref(pedido_id)}"
        f" AND pedido_id = {pedido_id};\n"
        f"INSERT INTO relatorio_itens ({COLUMNS}) {rows_of(f'WHERE pedido_id = {pedido_id}')};"
    )


def _append() -> str:
    """A new last item: its row, and its order's other rows' shares and discount (the item total moved).

    Earlier items keep their position, value before and flags, so creating an order's n items
    writes n rows and updates integers, instead of rebuilding the order n times. One pass over
    the order's items gives the sums and, for the earlier ones, whether one has the same names.
    Only rows with something to change are updated: shares of a freight (and the row that shows
    them), the discount (kept on the order's first row only).
    """
    seen = ", ".join(
        "max(e.item_index < NEW.item_index AND "
        + " AND ".join(f"{_name('e.' + name)} IS {_name('NEW.' + name)}" for name in names)
        + f") AS {flag}"
        for flag, names in FLAGS.items()
    )
    order = f"""
        SELECT sum(e.valor_calculado) AS inteiro, count(*) AS n_itens, {seen}
        FROM pedido_itens e WHERE e.pedido_id = NEW.pedido_id"""
    row = f"""
        SELECT coalesce(p.data_entrega, p.data_entrada) AS data_ref, p.status, p.valor_frete AS frete,
               p.valor_total, p.numero, p.cliente, p.forma_envio, a.*,
               a.inteiro - NEW.valor_calculado AS antes, a.n_itens - 1 AS posicao, NEW.valor_calculado AS valor
        FROM pedidos p, ({order}) AS a WHERE p.id = NEW.pedido_id"""
    flags = ", ".join(f"NOT coalesce({flag}, 0)" for flag in FLAGS)
    ficha = "coalesce(nullif(numero, ''), CAST(NEW.pedido_id AS TEXT))"
    descricao = "coalesce(nullif(NEW.descricao, ''), nullif(NEW.tipo_producao, ''), 'Item')"
    insert = f"""
        INSERT INTO relatorio_itens ({COLUMNS})
        SELECT data_ref, NEW.pedido_id, NEW.item_index, status, {_name("NEW.vendedor")}, {_name("NEW.designer")},
               {_name("NEW.tipo_producao")}, {_name("cliente")}, {_name("forma_envio")}, valor, frete, antes,
               posicao, frete_parte, (posicao = 0) * max(0, inteiro + frete - valor_total), posicao = 0, {flags},
               {row_json("NEW.pedido_id", "NEW.item_index", ficha, descricao, "frete", "valor")},
               {row_json("NEW.pedido_id", "NEW.item_index", ficha, descricao, "frete_parte", "valor")}
        FROM (SELECT *, {_share()} AS frete_parte FROM ({row}))"""
    sums = """
        SELECT sum(valor_calculado) AS inteiro, count(*) AS n_itens,
               (SELECT valor_total FROM pedidos WHERE id = NEW.pedido_id) AS valor_total
        FROM pedido_itens WHERE pedido_id = NEW.pedido_id"""
    # The sibling's row with its new share: '"valor_frete":' cannot occur inside a JSON string.
    share = _share("a.inteiro", "a.n_itens")
    update = f"""
        UPDATE relatorio_itens SET frete_parte = {share},
               linha_proporcional = substr(linha, 1, instr(linha, '"valor_frete":') + 13)
                   || {money_text(share)} || substr(linha, instr(linha, ',"valor_servico":')),
               desconto = (posicao = 0) * max(0, a.inteiro + frete - a.valor_total)
        FROM ({sums}) AS a
        WHERE data_ref = {_data_ref("NEW.pedido_id")} AND pedido_id = NEW.pedido_id AND item_index <> NEW.item_index
          AND (frete <> 0 OR posicao = 0)"""
    return f"{insert};\n{update};"


# The order columns the table copies: other updates (snapshot, version, flags) fire nothing.
ORDER_COLUMNS = "numero, data_entrada, data_entrega, status, cliente, forma_envio, valor_frete, valor_total"
ITEM_COLUMNS = "pedido_id, item_index, valor_calculado, descricao, tipo_producao, vendedor, designer"
_LATER = "EXISTS (SELECT 1 FROM pedido_itens WHERE pedido_id = NEW.pedido_id AND item_index > NEW.item_index)"
TRIGGERS = {
    "tr_relatorio_itens_item_append": f"AFTER INSERT ON pedido_itens WHEN NOT {_LATER} BEGIN {_append()} END",
    "tr_relatorio_itens_item_insert": (
        f"AFTER INSERT ON pedido_itens WHEN {_LATER} BEGIN {_rebuild('NEW.pedido_id')} END"
    ),
    "tr_relatorio_itens_item_update": (
        f"AFTER UPDATE OF {ITEM_COLUMNS} ON pedido_itens BEGIN {_rebuild('NEW.pedido_id')} END"
    ),
    "tr_relatorio_itens_item_moved": (
        f"AFTER UPDATE OF pedido_id ON pedido_itens WHEN OLD.pedido_id <> NEW.pedido_id"
        f" BEGIN {_rebuild('OLD.pedido_id')} END"
    ),
    "tr_relatorio_itens_item_delete": f"AFTER DELETE ON pedido_itens BEGIN {_rebuild('OLD.pedido_id')} END",
    "tr_relatorio_itens_pedido_update": (
        f"AFTER UPDATE OF {ORDER_COLUMNS} ON pedidos"
        f" BEGIN {_rebuild('NEW.id', 'coalesce(OLD.data_entrega, OLD.data_entrada)')} END"
    ),
    "tr_relatorio_itens_pedido_delete": (
        "AFTER DELETE ON pedidos BEGIN DELETE FROM relatorio_itens"
        " WHERE data_ref = coalesce(OLD.data_entrega, OLD.data_entrada) AND pedido_id = OLD.id; END"
    ),
}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    op.execute(TABLE)
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
