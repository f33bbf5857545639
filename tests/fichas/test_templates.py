"""Templates as the desktop app reads and writes them, and the HTML template files."""

from __future__ import annotations

import copy

GERAL = {
    "title": "Ficha da Costura",
    "width": 210,
    "height": 297,
    "marginTop": 8,
    "marginBottom": 8,
    "marginLeft": 12,
    "marginRight": 12,
    "fields": [
        {
            "id": "f1",
            "type": "text",
            "label": "Pedido",
            "key": "numero",
            "x": 12.5,
            "y": 8,
            "width": 100,
            "height": 14,
            "fontSize": 22,
            "bold": True,
            "visible": True,
            "editable": False,
            "imageUrl": None,
        },
        {
            "id": "f2",
            "type": "image",
            "label": "Arte",
            "key": "imagem",
            "x": 12,
            "y": 30,
            "width": 186,
            "height": 120,
            "fontSize": 11,
            "bold": False,
            "visible": False,
            "editable": True,
            "imageUrl": "https://example.test/logo.png",
        },
    ],
}
RESUMO = {
    "title": "Etiqueta",
    "width": 70,
    "height": 99,
    "marginTop": 3,
    "marginBottom": 3,
    "marginLeft": 5,
    "marginRight": 5,
    "fields": [],
}


async def test_defaults_give_a4_geral_and_70x99_resumo_with_usable_fields(client, user_headers):
    r = await client.get("/fichas/templates", headers=user_headers)
    assert r.status_code == 200, r.text
    body = r.json()
    geral, resumo = body["geral"], body["resumo"]
    assert (geral["width"], geral["height"], geral["templateType"]) == (210, 297, "geral")
    assert [geral[k] for k in ("marginTop", "marginBottom", "marginLeft", "marginRight")] == [10, 10, 15, 15]
    assert (resumo["width"], resumo["height"], resumo["templateType"]) == (70, 99, "resumo")
    assert [resumo[k] for k in ("marginTop", "marginBottom", "marginLeft", "marginRight")] == [3, 3, 5, 5]
    keys = {f["key"] for f in geral["fields"]}
    assert {"numero", "cliente", "data_entrega", "prioridade", "dimensoes", "metro_quadrado", "tecido"} <= keys
    assert {"acabamento", "machine", "rip_maquina", "perfil_cor", "imagem"} <= keys
    assert {f["type"] for f in geral["fields"]} >= {"text", "image", "qrcode", "stages"}
    for template in (geral, resumo):
        for field in template["fields"]:
            assert field["x"] >= template["marginLeft"] and field["y"] >= template["marginTop"]
            assert field["x"] + field["width"] <= template["width"] - template["marginRight"] + 1e-6
            assert field["y"] + field["height"] <= template["height"] - template["marginBottom"] + 1e-6


async def test_templates_need_a_token(client):
    assert (await client.get("/fichas/templates")).status_code == 401


async def test_put_round_trips_and_drops_unknown_keys(client, admin_headers, user_headers):
    sent = copy.deepcopy({"geral": GERAL, "resumo": RESUMO})
    sent["geral"]["fields"][0]["corDeFundo"] = "#fff"
    sent["geral"]["desconhecido"] = 1
    sent["extra"] = {"x": 1}
    r = await client.put("/fichas/templates/", json=sent, headers=admin_headers)
    assert r.status_code == 200, r.text
    put_body = r.json()
    r = await client.get("/fichas/templates", headers=user_headers)
    body = r.json()
    assert body == put_body
    assert set(body) == {"geral", "resumo"}
    for name, original in (("geral", GERAL), ("resumo", RESUMO)):
        got = dict(body[name])
        assert got.pop("templateType") == name
        assert got.pop("updatedAt")
        assert got == original


async def test_put_of_one_template_keeps_the_other_and_null_font_size_is_11(client, admin_headers):
    await client.put("/fichas/templates", json={"geral": GERAL, "resumo": RESUMO}, headers=admin_headers)
    resumo = copy.deepcopy(RESUMO)
    resumo["fields"] = [{"id": "a", "type": "text", "label": "Cliente", "key": "cliente", "x": 5, "y": 5,
                         "width": 60, "height": 6, "fontSize": None}]  # fmt: skip
    r = await client.put("/fichas/templates", json={"resumo": resumo}, headers=admin_headers)
    assert r.status_code == 200
    assert r.json()["geral"]["title"] == "Ficha da Costura"
    field = r.json()["resumo"]["fields"][0]
    assert field["fontSize"] == 11 and field["visible"] is True and field["editable"] is True


async def test_non_admin_cannot_change_templates(client, user_headers):
    r = await client.put("/fichas/templates", json={"geral": GERAL}, headers=user_headers)
    assert r.status_code == 403
    r = await client.get("/fichas/templates", headers=user_headers)
    assert r.json()["geral"]["title"] != GERAL["title"]


async def test_invalid_template_is_422(client, admin_headers):
    r = await client.put("/fichas/templates", json={"geral": {**GERAL, "width": -1}}, headers=admin_headers)
    assert r.status_code == 422


async def test_html_templates_are_written_read_and_reported(client, admin_headers, user_headers):
    r = await client.get("/fichas/templates/html/geral/content", params={"t": 1}, headers=user_headers)
    assert r.json() == {"html": None, "exists": False}
    html = "<h1>Pedido {{numero}} — Conceição</h1>"
    r = await client.put("/fichas/templates/html", json={"geral": html, "resumo": ""}, headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["files"] == {"geral": "templates/template-geral.html"}
    r = await client.get("/fichas/templates/html/geral/content", headers=user_headers)
    assert r.json() == {"html": html, "exists": True}
    r = await client.get("/fichas/templates/html/geral", headers=admin_headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and r.text == html
    assert (await client.get("/fichas/templates/html/resumo", headers=admin_headers)).status_code == 404
    status = (await client.get("/fichas/templates/html", headers=admin_headers)).json()
    assert status["templates"]["geral"]["exists"] is True
    assert status["templates"]["geral"]["size"] == len(html.encode())
    assert status["templates"]["resumo"]["exists"] is False
    assert "templates_dir" in status


async def test_html_template_writes_and_raw_reads_are_admin_only(client, user_headers):
    r = await client.put("/fichas/templates/html", json={"geral": "<p>x</p>"}, headers=user_headers)
    assert r.status_code == 403
    assert (await client.get("/fichas/templates/html", headers=user_headers)).status_code == 403
    assert (await client.get("/fichas/templates/html/geral", headers=user_headers)).status_code == 403
    assert (await client.get("/fichas/templates/html/outro/content", headers=user_headers)).status_code == 404
