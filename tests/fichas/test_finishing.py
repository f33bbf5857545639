"""The ficha of each production type prints its finishing (eyelets with count and spacing, totem
feet, lona trimming...) and leaves out the labels of fields the item does not fill."""

from __future__ import annotations

import pytest

from tests.fichas import pdfs

BASE = {"vendedor": "Márcia", "designer": "João", "largura": "2,00", "altura": "1,00", "metro_quadrado": "2,00"}
# (tipo_producao, tecido, extras as the app sends them, what the sheet must say)
TYPES = [
    ("painel", "Oxford",
     {"acabamento": {"overloque": True, "elastico": False, "ilhos": True}, "tipo_acabamento": "ilhos",
      "quantidade_ilhos": "8", "espaco_ilhos": "50", "emenda": "vertical", "emenda_qtd": "2",
      "quantidade_paineis": "3"},
     ["Overloque", "Ilhós (8 un, a cada 50 cm)", "Emenda: Vertical (2)", "Material: Oxford", "Painel"]),
    ("totem", "PVC",
     {"acabamento_totem": "com_pe", "quantidade_totem": "2"},
     ["Acabamento: Com pé", "Totem", "Material: PVC"]),
    ("totem", "PVC",
     {"acabamento_totem": "outro", "acabamento_totem_outro": "Base de madeira"},
     ["Acabamento: Base de madeira"]),
    ("lona", "Frontlight",
     {"acabamento_lona": "nao_refilar", "tipo_acabamento": "ilhos", "quantidade_ilhos": "12", "espaco_ilhos": "30",
      "terceirizado": True, "emenda": "sem-emenda"},
     ["Não refilar", "Terceirizado", "Ilhós (12 un, a cada 30 cm)", "Sem emenda"]),
    ("adesivo", "",
     {"tipo_adesivo": "Vinil fosco", "quantidade_adesivo": "10"},
     ["Material: Vinil fosco", "Adesivo"]),
    ("generica", "Tactel",
     {"tipo_acabamento": "cordinha", "quantidade_cordinha": "2", "espaco_cordinha": "30", "ziper": True,
      "alcinha": True, "toalha_pronta": False},
     ["Cordinha (2 un, a cada 30 cm)", "Zíper", "Alcinha", "Genérica"]),
    ("canga", "Helanca", {"baininha": True, "quantidade_canga": 4}, ["Acabamento: Baininha", "Canga"]),
    ("impressao_3d", "PLA", {"material_gasto": "120g", "quantidade_impressao_3d": 1},
     ["Material gasto: 120g", "Impressão 3D"]),
]  # fmt: skip


async def create(client, headers, item: dict, **order) -> int:
    """An order through POST /pedidos, as the app sends it (the item row built by the API)."""
    body = {"cliente": "José Conceição Ateliê", "data_entrada": "2026-03-09", "data_entrega": "2026-03-20",
            "cidade_cliente": "Colatina", "forma_envio": "PAC", "items": [item], **order}  # fmt: skip
    r = await client.post("/pedidos", json=body, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["id"]


async def sheet_text(client, headers, pedido_id: int, template: str = "geral") -> str:
    r = await client.get(f"/pedidos/{pedido_id}/fichas.pdf", params={"template": template}, headers=headers)
    assert r.status_code == 200, r.text
    return pdfs.page_text(pdfs.read(r.content).pages[0])


@pytest.mark.parametrize(("tipo", "tecido", "extras", "expected"), TYPES, ids=[f"{t[0]}-{i}" for i, t in
                                                                               enumerate(TYPES)])  # fmt: skip
@pytest.mark.parametrize("template", ["geral", "resumo"])
async def test_each_type_prints_its_finishing(client, admin_headers, tipo, tecido, extras, expected, template):
    item = {**BASE, "tipo_producao": tipo, "tecido": tecido or None, "descricao": f"{tipo} de teste", **extras}
    pedido_id = await create(client, admin_headers, item)
    text = " ".join((await sheet_text(client, admin_headers, pedido_id, template)).split())
    for needle in expected:
        if template == "resumo":  # the 70 × 99 label: short labels, no type or emenda field
            needle = needle.replace("Material: ", "").replace("Acabamento: ", "")
            if needle in ("Painel", "Totem", "Adesivo", "Genérica", "Canga", "Impressão 3D", "Sem emenda") or (
                needle.startswith("Emenda")
            ):
                continue
        assert needle in text, (needle, text)


async def test_labels_of_fields_the_item_leaves_empty_are_not_printed(client, admin_headers):
    item = {"tipo_producao": "totem", "descricao": "Totem simples", "acabamento_totem": "sem_pe"}
    pedido_id = await create(client, admin_headers, item, forma_envio="", cidade_cliente="")
    text = await sheet_text(client, admin_headers, pedido_id)
    assert "Sem pé" in text
    for label in ("Material", "Emenda", "Máquina", "RIP", "Perfil de cor", "Vendedor", "Designer", "Telefone",
                  "Observação", "Obs. do item", "Envio", "Cidade", "Tamanho", "Área", "Nenhum"):  # fmt: skip
        assert label not in text, label
    for label in ("Pedido", "Cliente", "Entrada", "Entrega", "Acabamento", "Quantidade"):
        assert label in text, label


async def test_a_stale_eyelet_count_is_not_printed_when_the_form_says_no_eyelets(client, admin_headers):
    # The app keeps the old count when the checkbox is unticked, and sets acabamento.ilhos from it.
    item = {"tipo_producao": "painel", "descricao": "Painel", "acabamento": {"overloque": True, "ilhos": True},
            "tipo_acabamento": "nenhum", "quantidade_ilhos": "8", "espaco_ilhos": "50"}  # fmt: skip
    text = await sheet_text(client, admin_headers, await create(client, admin_headers, item))
    assert "Overloque" in text and "Ilhós" not in text and "50 cm" not in text


async def test_custom_templates_get_the_apps_finishing_keys(client, admin_headers):
    keys = ["quantidade_ilhos", "espaco_ilhos", "acabamento_lona_display", "acabamento_totem", "item_name",
            "cidade_estado", "legenda_imagem"]  # fmt: skip
    fields = [{"id": k, "type": "text", "label": k.upper(), "key": k, "x": 10, "y": 10 + 12 * n, "width": 190,
               "height": 10, "fontSize": 10} for n, k in enumerate(keys)]  # fmt: skip
    layout = {"title": "t", "width": 210, "height": 297, "fields": fields}
    assert (await client.put("/fichas/templates", json={"geral": layout}, headers=admin_headers)).status_code == 200
    item = {"tipo_producao": "lona", "descricao": "Lona fachada", "tipo_acabamento": "ilhos", "quantidade_ilhos": "6",
            "espaco_ilhos": "40", "acabamento_lona": "refilar", "legenda_imagem": "LONA 440G 3X1"}  # fmt: skip
    pedido_id = await create(client, admin_headers, item, estado_cliente="ES")
    text = " ".join((await sheet_text(client, admin_headers, pedido_id)).split())
    for expected in ("QUANTIDADE_ILHOS: 6", "ESPACO_ILHOS: 40 cm", "ACABAMENTO_LONA_DISPLAY: Refilar",
                     "ITEM_NAME: Lona fachada", "CIDADE_ESTADO: Colatina / ES", "LONA 440G 3X1"):  # fmt: skip
        assert expected in text, expected
    assert "ACABAMENTO_TOTEM" not in text  # a lona has no totem finishing: no bare label
