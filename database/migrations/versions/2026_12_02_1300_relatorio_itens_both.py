"""relatorio_itens on both databases, without drafts

Revision ID: 1300
Revises: 1200
Create Date: 2026-12-02 14:00:00

Migration 1100 kept the closing reports' table on SQLite only; PostgreSQL read the base tables
with separately written, slower SQL. Now both keep the same table (same columns, primary key and
bytes, the JSON rows included) in the writing transaction, so the reports read one shape:
- SQLite: 1100's triggers again (same names), now leaving drafts out: an order with
  rascunho = true has no rows, and rascunho joins the watched order columns, so promoting a draft
  builds its rows.
- PostgreSQL: the same rows from the same SQL (written in its dialect), kept by plpgsql triggers:
  per statement for inserted and deleted items (an order's items are one INSERT: one rebuild),
  per row, only when a copied column changed, for updated items and orders; TRUNCATE empties it.
  A bulk insert can defer the item trigger for its transaction (relatorios/itens.py, the seed's
  path) and rebuild the new orders in one statement.
The covering indexes of the date ranges (0600, 0700) start with rascunho: every report filters
drafts out, so a period is still one range (rascunho = false, then the dates); after the dates,
the filter would be read from each entry (summaries +10-50% on SQLite), outside the index it
would cost a table row lookup per order.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "1300"
down_revision: str | None = "1200"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "data_ref, pedido_id, item_index, status, vendedor, designer, tipo, cliente, entrega, valor, frete, antes,"
    " posicao, frete_parte, desconto, primeiro, primeiro_designer, primeiro_vendedor, primeiro_tipo,"
    " primeiro_designer_tipo, primeiro_vendedor_designer, linha, linha_proporcional"
)
_FLAG_NAMES = ", ".join(f"{name} INTEGER NOT NULL" for name in COLUMNS.split(", ")[15:21])
TABLE = f"""
CREATE TABLE relatorio_itens (
    data_ref DATE NOT NULL, pedido_id INTEGER NOT NULL, item_index INTEGER NOT NULL, status VARCHAR(20) NOT NULL,
    vendedor VARCHAR(255), designer VARCHAR(255), tipo VARCHAR(64), cliente VARCHAR(255), entrega VARCHAR(255),
    valor BIGINT NOT NULL, frete BIGINT NOT NULL, antes BIGINT NOT NULL, posicao INTEGER NOT NULL,
    frete_parte BIGINT NOT NULL, desconto BIGINT NOT NULL, {_FLAG_NAMES},
    linha TEXT NOT NULL, linha_proporcional TEXT NOT NULL,
    PRIMARY KEY (data_ref, pedido_id, item_index)
)"""
FLAGS = {
    "primeiro_designer": ("designer",),
    "primeiro_vendedor": ("vendedor",),
    "primeiro_tipo": ("tipo_producao",),
    "primeiro_designer_tipo": ("designer", "tipo_producao"),
    "primeiro_vendedor_designer": ("vendedor", "designer"),
}
ORDER_COLUMNS = "numero, data_entrada, data_entrega, status, cliente, forma_envio, valor_frete, valor_total, rascunho"
ITEM_COLUMNS = "pedido_id, item_index, valor_calculado, descricao, tipo_producao, vendedor, designer"


def _name(column: str) -> str:
    # relatorios.queries.name_or_null: blank names group with missing ones.
    return f"nullif(trim({column}), '')"


def _same(a: str, b: str, pg: bool) -> str:
    return f"{a} IS NOT DISTINCT FROM {b}" if pg else f"{a} IS {b}"


def _int(condition: str, pg: bool) -> str:
    return f"({condition})::integer" if pg else f"({condition})"


def money_text(cents: str, pg: bool = False) -> str:
    """Cents as orjson writes cents / 100 (40.0, 13.5, 0.07, -1.25), from integers: exact to R$ 10^13."""
    whole, cents_ = f"(abs({cents}) / 100)", f"(abs({cents}) % 100)"
    if pg:
        fraction = f"CASE WHEN {cents_} % 10 <> 0 THEN lpad({cents_}::text, 2, '0') ELSE ({cents_} / 10)::text END"
        return f"(CASE WHEN {cents} < 0 THEN '-' ELSE '' END || {whole}::text || '.' || {fraction})"
    fraction = f"CASE WHEN {cents_} % 10 <> 0 THEN substr('0' || {cents_}, -2) ELSE {cents_} / 10 END"
    return f"(CASE WHEN {cents} < 0 THEN '-' ELSE '' END || {whole} || '.' || {fraction})"


def row_json(pedido_id: str, item_index: str, ficha: str, descricao: str, frete: str, valor: str, pg: bool = False):
    """The analítico row, as orjson writes the report's dict, after "<pedido_id><item_index>" (fixed width).

    json_quote and PostgreSQL's to_json escape as orjson does (quote, backslash, control characters,
    nothing else); the prefix sorts a cell's rows. tests/relatorios/test_itens.py holds them to orjson's bytes.
    """
    if pg:
        prefix = f"lpad(({pedido_id})::text, 15, '0') || lpad(({item_index})::text, 9, '0')"
        quote = "to_json(({})::text)::text".format
    else:
        prefix, quote = f"printf('%015d%09d', {pedido_id}, {item_index})", "json_quote({})".format
    return (
        f"{prefix} || '{{\"ficha\":' || {quote(ficha)} || ',\"descricao\":' || {quote(descricao)}"
        f" || ',\"valor_frete\":' || {money_text(frete, pg)} || ',\"valor_servico\":' || {money_text(valor, pg)}"
        " || '}'"
    )


def _floor_div(a: str, b: str, pg: bool) -> str:
    # Integer division truncates on both; the reports split freight with Python's floor division.
    wrong_sign = f"(({a}) % ({b})) <> 0 AND (({a}) < 0) <> (({b}) < 0)"
    return f"(({a}) / ({b}) - {_int(wrong_sign, pg)})"


def _share(pg: bool, inteiro: str = "inteiro", n_itens: str = "n_itens") -> str:
    """relatorios.analitico.freight_shares: by value, cumulative rounding; equally when the items add up to 0."""
    by_value = f"{_floor_div('frete * (antes + valor)', inteiro, pg)} - {_floor_div('frete * antes', inteiro, pg)}"
    equal = f"{_floor_div('frete * (posicao + 1)', n_itens, pg)} - {_floor_div('frete * posicao', n_itens, pg)}"
    return f"CASE WHEN {inteiro} <> 0 THEN {by_value} ELSE {equal} END"


def _discount(first: str, inteiro: str, frete: str, total: str, pg: bool) -> str:
    # The order's discount, on its first row only.
    if pg:
        return f"CASE WHEN {first} THEN greatest(0, {inteiro} + {frete} - {total}) ELSE 0 END"
    return f"({first}) * max(0, {inteiro} + {frete} - {total})"


def _first(names: tuple[str, ...], pg: bool) -> str:
    same = " AND ".join(_same(_name("e." + name), _name("i." + name), pg) for name in names)
    found = (
        "NOT EXISTS (SELECT 1 FROM pedido_itens e"
        f" WHERE e.pedido_id = i.pedido_id AND e.item_index < i.item_index AND {same})"
    )
    return _int(found, pg)


def rows_of(where: str, pg: bool = False) -> str:
    """The table's rows for the items `where` selects (their shares over all their order's items); no drafts.

    Correlated sums over the order's few items, not window functions: the insert trigger reads one
    item, and a window's sort and temporary table cost more than those lookups.
    """
    flags = ", ".join(f"{_first(names, pg)} AS {flag}" for flag, names in FLAGS.items())
    total = "sum(o.valor_calculado)::bigint" if pg else "sum(o.valor_calculado)"  # PostgreSQL: numeric

    def of_order(expression: str, where: str = "") -> str:
        return f"(SELECT {expression} FROM pedido_itens o WHERE o.pedido_id = pedido_itens.pedido_id {where})"

    earlier = "AND o.item_index < pedido_itens.item_index"
    items = f"""
        SELECT pedido_id, item_index, valor_calculado AS valor, vendedor, designer, tipo_producao, descricao,
               {of_order(total)} AS inteiro, {of_order(f"coalesce({total}, 0)", earlier)} AS antes,
               {of_order("count(*)", earlier)} AS posicao, {of_order("count(*)")} AS n_itens
        FROM pedido_itens {where} {"OFFSET 0" if pg else "LIMIT -1 OFFSET 0"}"""
    joined = f"""
        SELECT coalesce(p.data_entrega, p.data_entrada) AS data_ref, i.pedido_id, i.item_index, p.status,
               {_name("i.vendedor")} AS vendedor, {_name("i.designer")} AS designer,
               {_name("i.tipo_producao")} AS tipo, {_name("p.cliente")} AS cliente,
               {_name("p.forma_envio")} AS entrega, i.valor, p.valor_frete AS frete, i.inteiro, i.antes,
               i.posicao, i.n_itens, {_discount("i.posicao = 0", "i.inteiro", "p.valor_frete", "p.valor_total", pg)}
               AS desconto, {flags},
               coalesce(nullif(p.numero, ''), CAST(i.pedido_id AS TEXT)) AS ficha,
               coalesce(nullif(i.descricao, ''), nullif(i.tipo_producao, ''), 'Item') AS descricao
        FROM ({items}) AS i JOIN pedidos p ON p.id = i.pedido_id WHERE NOT p.rascunho"""
    shared = f"""
        SELECT *, {_share(pg)} AS frete_parte FROM ({joined}) AS j"""
    return f"""
        SELECT data_ref, pedido_id, item_index, status, vendedor, designer, tipo, cliente, entrega, valor,
               frete, antes, posicao, frete_parte, desconto, {_int("posicao = 0", pg)}, {", ".join(FLAGS)},
               {row_json("pedido_id", "item_index", "ficha", "descricao", "frete", "valor", pg)},
               {row_json("pedido_id", "item_index", "ficha", "descricao", "frete_parte", "valor", pg)}
        FROM ({shared}) AS s"""


def _data_ref(pedido_id: str) -> str:
    return f"(SELECT coalesce(data_entrega, data_entrada) FROM pedidos WHERE id = {pedido_id})"


def _rebuild(pedido_id: str, data_ref: str | None = None) -> str:
    """SQLite: delete and recompute an order's rows, found by (data_ref, pedido_id), the primary key's prefix."""
    return (
        f"DELETE FROM relatorio_itens WHERE data_ref = {data_ref or _data_ref(pedido_id)}"
        f" AND pedido_id = {pedido_id};\n"
        f"INSERT INTO relatorio_itens ({COLUMNS}) {rows_of(f'WHERE pedido_id = {pedido_id}')};"
    )


def _append() -> str:
    """SQLite: a new last item: its row, and its order's other rows' shares and discount (see 1100)."""
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
        FROM pedidos p, ({order}) AS a WHERE p.id = NEW.pedido_id AND NOT p.rascunho"""
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
        FROM (SELECT *, {_share(False)} AS frete_parte FROM ({row}))"""
    sums = """
        SELECT sum(valor_calculado) AS inteiro, count(*) AS n_itens,
               (SELECT valor_total FROM pedidos WHERE id = NEW.pedido_id) AS valor_total
        FROM pedido_itens WHERE pedido_id = NEW.pedido_id"""
    # The sibling's row with its new share: '"valor_frete":' cannot occur inside a JSON string.
    share = _share(False, "a.inteiro", "a.n_itens")
    update = f"""
        UPDATE relatorio_itens SET frete_parte = {share},
               linha_proporcional = substr(linha, 1, instr(linha, '"valor_frete":') + 13)
                   || {money_text(share)} || substr(linha, instr(linha, ',"valor_servico":')),
               desconto = (posicao = 0) * max(0, a.inteiro + frete - a.valor_total)
        FROM ({sums}) AS a
        WHERE data_ref = {_data_ref("NEW.pedido_id")} AND pedido_id = NEW.pedido_id AND item_index <> NEW.item_index
          AND (frete <> 0 OR posicao = 0)"""
    return f"{insert};\n{update};"


_LATER = "EXISTS (SELECT 1 FROM pedido_itens WHERE pedido_id = NEW.pedido_id AND item_index > NEW.item_index)"
# SQLite: 1100's names and shape, drafts left out.
TRIGGERS = {
    "tr_relatorio_itens_item_append": f"AFTER INSERT ON pedido_itens WHEN NOT {_LATER} BEGIN {_append()} END",
    "tr_relatorio_itens_item_insert": f"AFTER INSERT ON pedido_itens WHEN {_LATER} BEGIN {_rebuild('NEW.pedido_id')} END",
    "tr_relatorio_itens_item_update": (
        f"AFTER UPDATE OF {ITEM_COLUMNS} ON pedido_itens BEGIN {_rebuild('NEW.pedido_id')} END"
    ),
    "tr_relatorio_itens_item_moved": (
        "AFTER UPDATE OF pedido_id ON pedido_itens WHEN OLD.pedido_id <> NEW.pedido_id"
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


def _changed(columns: str, old: str = "OLD", new: str = "NEW") -> str:
    names = columns.split(", ")
    return f"({', '.join(f'{old}.{c}' for c in names)}) IS DISTINCT FROM ({', '.join(f'{new}.{c}' for c in names)})"


# PostgreSQL: (function name, body, trigger definition); the trigger has the function's name.
_DELETE_OLD = (
    "DELETE FROM relatorio_itens r USING antigos o"
    " WHERE r.data_ref = coalesce(o.data_entrega, o.data_entrada) AND r.pedido_id = o.id;"
)
PG_FUNCTIONS = {
    # An order's rows again (when they are filed under its current date: an order's own change
    # deletes them from its old date first).
    "relatorio_itens_rebuild": f"""(ids integer[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM relatorio_itens r USING pedidos p
        WHERE p.id = ANY(ids) AND r.data_ref = coalesce(p.data_entrega, p.data_entrada) AND r.pedido_id = p.id;
        INSERT INTO relatorio_itens ({COLUMNS}) {rows_of("WHERE pedido_id = ANY(ids)", pg=True)};
    $$""",
}
PG_TRIGGERS = {
    # sgp.relatorio_itens_adiado: a bulk insert's transaction rebuilds its orders itself, once.
    "tr_relatorio_itens_item_insert": (
        """IF coalesce(current_setting('sgp.relatorio_itens_adiado', true), '') <> 'on' THEN
            PERFORM relatorio_itens_rebuild(ARRAY(SELECT DISTINCT pedido_id FROM novos));
        END IF;""",
        "AFTER INSERT ON pedido_itens REFERENCING NEW TABLE AS novos FOR EACH STATEMENT",
    ),
    "tr_relatorio_itens_item_update": (
        "PERFORM relatorio_itens_rebuild(ARRAY[OLD.pedido_id, NEW.pedido_id]);",
        f"AFTER UPDATE OF {ITEM_COLUMNS} ON pedido_itens FOR EACH ROW WHEN ({_changed(ITEM_COLUMNS)})",
    ),
    "tr_relatorio_itens_item_delete": (
        "PERFORM relatorio_itens_rebuild(ARRAY(SELECT DISTINCT pedido_id FROM antigos));",
        "AFTER DELETE ON pedido_itens REFERENCING OLD TABLE AS antigos FOR EACH STATEMENT",
    ),
    "tr_relatorio_itens_pedido_update": (
        """DELETE FROM relatorio_itens
            WHERE data_ref = coalesce(OLD.data_entrega, OLD.data_entrada) AND pedido_id = OLD.id;
        PERFORM relatorio_itens_rebuild(ARRAY[NEW.id]);""",
        f"AFTER UPDATE OF {ORDER_COLUMNS} ON pedidos FOR EACH ROW WHEN ({_changed(ORDER_COLUMNS)})",
    ),
    "tr_relatorio_itens_pedido_delete": (
        _DELETE_OLD,
        "AFTER DELETE ON pedidos REFERENCING OLD TABLE AS antigos FOR EACH STATEMENT",
    ),
    "tr_relatorio_itens_pedido_truncate": ("TRUNCATE relatorio_itens;", "AFTER TRUNCATE ON pedidos"),
    "tr_relatorio_itens_item_truncate": ("TRUNCATE relatorio_itens;", "AFTER TRUNCATE ON pedido_itens"),
}

_ORDER_INDEX_COLUMNS = (
    "status, valor_frete, valor_total, valor_itens, cliente, forma_envio, numero, tipo_pagamento,"
    " financeiro, conferencia, sublimacao, costura, expedicao"
)
INDEXES = {
    "ix_pedidos_periodo_entrada": f"{{}}data_entrada, {_ORDER_INDEX_COLUMNS}, data_entrega",
    "ix_pedidos_periodo_entrega": f"{{}}data_entrega, {_ORDER_INDEX_COLUMNS}, data_entrada",
    "ix_pedidos_periodo_referencia": f"{{}}coalesce(data_entrega, data_entrada), {_ORDER_INDEX_COLUMNS}, data_entrada, data_entrega",
}


def _indexes(first: str) -> None:
    for name, columns in INDEXES.items():
        op.execute(f"DROP INDEX {name}")
        op.execute(f"CREATE INDEX {name} ON pedidos ({columns.format(first)})")


def upgrade() -> None:
    bind = op.get_bind()
    _indexes("rascunho, ")
    if bind.dialect.name == "postgresql":
        op.execute(TABLE)
        for name, body in PG_FUNCTIONS.items():
            op.execute(f"CREATE FUNCTION {name}{body}")
        for name, (body, when) in PG_TRIGGERS.items():
            op.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$"
            )
            op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {name}()")
        op.execute(f"INSERT INTO relatorio_itens ({COLUMNS}) {rows_of('', pg=True)}")
        op.execute("ANALYZE relatorio_itens")
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("DELETE FROM relatorio_itens WHERE pedido_id IN (SELECT id FROM pedidos WHERE rascunho)")
    analyzed = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    if bind.exec_driver_sql(analyzed).first() is not None:
        op.execute("ANALYZE pedidos")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in PG_TRIGGERS:
            table = PG_TRIGGERS[name][1].split(" ON ")[1].split()[0]
            op.execute(f"DROP TRIGGER {name} ON {table}")
            op.execute(f"DROP FUNCTION {name}()")
        op.execute("DROP FUNCTION relatorio_itens_rebuild(integer[])")
        op.execute("DROP TABLE relatorio_itens")
    else:
        # 1100's triggers (drafts included again): the table is rebuilt with them.
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DELETE FROM relatorio_itens")
        old = _migration_1100()
        for name, body in old.TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        op.execute(f"INSERT INTO relatorio_itens ({COLUMNS}) {old.rows_of('')}")
    _indexes("")


def _migration_1100():
    import importlib.util
    from pathlib import Path

    path = next(Path(__file__).parent.glob("*_1100_relatorio_itens.py"))
    spec = importlib.util.spec_from_file_location("migration_1100", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
