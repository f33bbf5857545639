"""The storage contract, the same on the local folder and on S3."""

from __future__ import annotations

import pytest

from storage import clean_key


def test_put_get_stat_list_delete_round_trip(backend):
    backend.put("pedidos/1/a.png", b"alpha", content_type="image/png")
    backend.put("pedidos/1/b.png", b"beta")
    backend.put("pedidos/2/c.png", b"gamma")
    assert backend.get("pedidos/1/a.png") == b"alpha"
    opened = backend.open("pedidos/1/b.png")
    assert opened.info.size == 4 and opened.read() == b"beta"
    assert backend.exists("pedidos/2/c.png") and not backend.exists("pedidos/2/none.png")
    assert backend.get("pedidos/9/none.png") is None and backend.open("pedidos/9/none.png") is None
    assert [info.key for info in backend.list("pedidos/1/")] == ["pedidos/1/a.png", "pedidos/1/b.png"]
    assert backend.delete_prefix("pedidos/1/") == 2
    backend.delete("pedidos/2/c.png")
    backend.delete("pedidos/2/c.png")  # a missing object is no error
    assert list(backend.list("pedidos/")) == []


def test_a_rewrite_replaces_the_whole_object(backend):
    backend.put("fichas/x.jpg", b"1" * 1000)
    backend.put("fichas/x.jpg", b"2" * 10)
    assert backend.get("fichas/x.jpg") == b"2" * 10
    assert [info.size for info in backend.list("fichas/")] == [10]


def test_streamed_reads_come_in_chunks(backend):
    data = bytes(range(256)) * 4096 * 3  # 3 MiB: more than one chunk on either backend
    backend.put("pedidos/3/big.bin", data)
    chunks = list(backend.open("pedidos/3/big.bin").chunks)
    assert len(chunks) > 1 and b"".join(chunks) == data


@pytest.mark.parametrize("key", ["", "/", "../x", "a/../../x", "a\x00b", "a\\b"])
def test_keys_that_leave_the_root_are_refused(backend, key):
    assert clean_key(key) is None
    assert backend.get(key) is None and not backend.exists(key)
    with pytest.raises(ValueError):
        backend.put(key, b"x")
