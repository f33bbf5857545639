"""The layouts served before an admin saves any: what a sewing table needs to work from one page.

A field whose value is empty for an item prints nothing (fichas/pdf/render.py), so one layout serves
every production type: a totem shows its feet, a lona its trimming, a painel its eyelets.
"""

from __future__ import annotations

from typing import Any


def _field(key: str, label: str, x: float, y: float, w: float, h: float, size: float, **extra: Any) -> dict:
    return {
        "id": extra.pop("id", key),
        "type": extra.pop("type", "text"),
        "label": label,
        "key": key,
        "x": x,
        "y": y,
        "width": w,
        "height": h,
        "fontSize": size,
        "bold": extra.pop("bold", False),
        "visible": True,
        "editable": True,
        "imageUrl": None,
    }


def _page(title: str, width: float, height: float, margin_y: float, margin_x: float, fields: list[dict]) -> dict:
    return {
        "title": title,
        "width": width,
        "height": height,
        "marginTop": margin_y,
        "marginBottom": margin_y,
        "marginLeft": margin_x,
        "marginRight": margin_x,
        "fields": fields,
    }


# A4 portrait, content from x 15 to 195 mm and y 10 to 287 mm.
GERAL_FIELDS = [
    _field("numero", "Pedido", 15, 10, 120, 16, 26, bold=True),
    _field("prioridade", "Prioridade", 137, 10, 58, 16, 13, bold=True),
    _field("cliente", "Cliente", 15, 28, 145, 9, 14, bold=True),
    _field("telefone_cliente", "Telefone", 15, 38, 70, 7, 10),
    _field("cidade_cliente", "Cidade", 87, 38, 73, 7, 10),
    _field("data_entrada", "Entrada", 15, 46, 70, 7, 11, bold=True),
    _field("data_entrega", "Entrega", 87, 46, 73, 7, 11, bold=True),
    _field("qrcode", "QR", 165, 28, 30, 30, 8, type="qrcode"),
    _field("forma_envio", "Envio", 15, 54, 88, 7, 10),
    _field("item_posicao", "Item", 105, 54, 55, 7, 10, bold=True),
    _field("descricao", "Item", 15, 63, 180, 12, 13, bold=True),
    _field("dimensoes", "Tamanho", 15, 76, 88, 8, 13, bold=True),
    _field("metro_quadrado", "Área", 105, 76, 90, 8, 13, bold=True),
    _field("tecido", "Material", 15, 85, 88, 8, 11),
    _field("tipo_producao", "Tipo", 105, 85, 44, 8, 10),
    _field("quantidade", "Quantidade", 151, 85, 44, 8, 11, bold=True),
    # Finishing gets the whole width: eyelets with count and spacing, totem feet, lona trimming...
    _field("acabamento", "Acabamento", 15, 94, 180, 9, 12, bold=True),
    _field("emenda", "Emenda", 15, 104, 60, 7, 10),
    _field("machine", "Máquina", 77, 104, 58, 7, 10),
    _field("rip_maquina", "RIP", 137, 104, 58, 7, 10),
    _field("perfil_cor", "Perfil de cor", 15, 112, 60, 7, 10),
    _field("vendedor", "Vendedor", 77, 112, 58, 7, 10),
    _field("designer", "Designer", 137, 112, 58, 7, 10),
    _field("imagem", "Arte", 15, 120, 180, 109, 10, type="image"),
    _field("item.observacao", "Obs. do item", 15, 231, 180, 18, 10),
    _field("observacao", "Observação", 15, 250, 180, 18, 10),
    _field("etapas", "Etapas", 15, 271, 180, 12, 11, type="stages", bold=True),
]

# 70 × 99 mm label, content from x 5 to 65 mm and y 3 to 96 mm.
RESUMO_FIELDS = [
    _field("numero", "", 5, 3, 41, 8, 15, bold=True),
    _field("qrcode", "QR", 47, 3, 18, 18, 6, type="qrcode"),
    _field("prioridade", "Prioridade", 5, 11.5, 41, 4.5, 7, bold=True),
    _field("cliente", "", 5, 16.5, 41, 4.5, 8, bold=True),
    _field("data_entrega", "Entrega", 5, 22, 38, 4, 7, bold=True),
    _field("quantidade", "Qtd", 44, 22, 21, 4, 7, bold=True),
    _field("descricao", "", 5, 26.5, 60, 5, 7.5, bold=True),
    _field("dimensoes", "", 5, 32, 32, 4.5, 7.5, bold=True),
    _field("metro_quadrado", "", 38, 32, 27, 4.5, 7.5),
    _field("tecido", "Material", 5, 37, 60, 4, 6.5),
    _field("acabamento", "Acab.", 5, 41.5, 60, 4, 6.5, bold=True),
    _field("machine", "Máq.", 5, 46, 30, 4, 6),
    _field("rip_maquina", "RIP", 35.5, 46, 29.5, 4, 6),
    _field("perfil_cor", "Perfil", 5, 50.5, 60, 4, 6),
    _field("imagem", "Arte", 5, 55.5, 60, 28, 7, type="image"),
    _field("etapas", "Etapas", 5, 84.5, 60, 5.5, 5, type="stages"),
    _field("observacao", "Obs.", 5, 90.5, 60, 5.5, 5.5),
]

DEFAULTS: dict[str, dict[str, Any]] = {
    "geral": _page("Ficha de Produção", 210, 297, margin_y=10, margin_x=15, fields=GERAL_FIELDS),
    "resumo": _page("Ficha Resumo", 70, 99, margin_y=3, margin_x=5, fields=RESUMO_FIELDS),
}
