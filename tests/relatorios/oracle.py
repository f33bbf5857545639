"""A plain, slow, obviously-correct model of the closing report, run over the test dataset.

It states the rules in the simplest terms (loop over orders and items) so the SQL version can be
checked against it for every report_type × freight distribution × date_mode.
"""

from __future__ import annotations

from datetime import date

from database.types import search_key

DIMS = {
    "designer": ("Designer", lambda o, i: i.get("designer"), "Sem designer"),
    "vendedor": ("Vendedor", lambda o, i: i.get("vendedor"), "Sem vendedor"),
    "cliente": ("Cliente", lambda o, i: o.get("cliente"), "Cliente não informado"),
    "tipo": ("Tipo de Produção", lambda o, i: i.get("tipo_producao"), "Sem tipo"),
    "entrega": ("Forma de Entrega", lambda o, i: o.get("forma_envio"), "Sem forma de envio"),
}
TYPES = {
    "analitico_designer_cliente": ("designer", "cliente"),
    "analitico_cliente_designer": ("cliente", "designer"),
    "analitico_cliente_painel": ("cliente", "tipo"),
    "analitico_designer_painel": ("designer", "tipo"),
    "analitico_entrega_painel": ("entrega", "tipo"),
    "analitico_vendedor_designer": ("vendedor", "designer"),
    "analitico_designer_vendedor": ("designer", "vendedor"),
    "sintetico_data": ("data", None),
    "sintetico_data_entrada": ("data_entrada", None),
    "sintetico_data_entrega": ("data_entrega", None),
    "sintetico_designer": ("designer", None),
    "sintetico_vendedor": ("vendedor", None),
    "sintetico_vendedor_designer": ("vendedor_designer", None),
    "sintetico_cliente": ("cliente", None),
    "sintetico_entrega": ("entrega", None),
}


def _in(day, start, end):
    return day is not None and start <= day <= end


def selected(orders, start, end, mode):
    for o in orders:
        entrada, entrega = o["data_entrada"], o.get("data_entrega")
        ok = {
            "entrada": _in(entrada, start, end),
            "entrega": _in(entrega, start, end),
            "qualquer": _in(entrada, start, end) or _in(entrega, start, end),
            None: _in(entrega or entrada, start, end),
        }[mode]
        if ok:
            yield o


def shares(order):
    """Cumulative rounding: floor(frete·cum/total) − floor(frete·prev/total); equal split when total is 0."""
    values = [i["valor_calculado"] for i in order["items"]]
    total, frete, out, cum = sum(values), order["valor_frete"], [], 0
    for k, v in enumerate(values):
        if total:
            out.append(frete * (cum + v) // total - frete * cum // total)
        else:
            out.append(frete * (k + 1) // len(values) - frete * k // len(values))
        cum += v
    return out


def label(dim, order, item, mode, start, end):
    if dim.startswith("data"):
        prefix = {"data": "Data", "data_entrada": "Data Entrada", "data_entrega": "Data Entrega"}[dim]
        if dim == "data_entrada":
            day = order["data_entrada"]
        elif dim == "data_entrega":
            day = order.get("data_entrega")
        elif mode == "entrada":
            day = order["data_entrada"]
        elif mode == "entrega":
            day = order.get("data_entrega")
        elif mode == "qualquer":
            day = order["data_entrada"] if _in(order["data_entrada"], start, end) else order.get("data_entrega")
        else:
            day = order.get("data_entrega") or order["data_entrada"]
        return f"{prefix}: {day:%d/%m/%Y}" if day else f"{prefix}: Sem data", (day is None, day or date.min)
    if dim == "vendedor_designer":
        v = (item.get("vendedor") or "").strip() or "Sem vendedor"
        d = (item.get("designer") or "").strip() or "Sem designer"
        return f"Vendedor/Designer: {v} / {d}", (False, search_key(f"{v} / {d}"))
    prefix, get, fallback = DIMS[dim]
    text = (get(order, item) or "").strip() or fallback
    return f"{prefix}: {text}", (False, search_key(text))


def expected(orders, report_type, *, start, end, mode, proporcional):
    """{label: (frete, servico, rows)} per group (and per subgroup for analítico) plus totals, in cents."""
    group_dim, sub_dim = TYPES[report_type]
    groups: dict = {}
    total_servico = total_frete = desconto = 0
    for o in selected(orders, start, end, mode):
        parts = shares(o)
        items_sum = sum(i["valor_calculado"] for i in o["items"])
        desconto += max(0, items_sum + o["valor_frete"] - o["valor_total"])
        total_frete += o["valor_frete"]
        for item, part in zip(o["items"], parts, strict=True):
            total_servico += item["valor_calculado"]
            g_label, g_sort = label(group_dim, o, item, mode, start, end)
            g = groups.setdefault(g_label, {"sort": g_sort, "frete": 0, "servico": 0, "ids": set(), "subs": {}, "n": 0})
            buckets = [g]
            if sub_dim:
                s_label, s_sort = label(sub_dim, o, item, mode, start, end)
                s = g["subs"].setdefault(s_label, {"sort": s_sort, "frete": 0, "servico": 0, "ids": set(), "rows": []})
                s["rows"].append((o["numero"], part if proporcional else o["valor_frete"], item["valor_calculado"]))
                buckets.append(s)
            g["n"] += 1
            for b in buckets:
                b["servico"] += item["valor_calculado"]
                if proporcional:
                    b["frete"] += part
                elif o["numero"] not in b["ids"]:
                    b["frete"] += o["valor_frete"]
                b["ids"].add(o["numero"])
    return groups, {"servico": total_servico, "frete": total_frete, "desconto": desconto}
