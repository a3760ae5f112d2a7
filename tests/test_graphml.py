"""kg.export.graphml writes the bytes networkx's GraphML writer writes, faster."""

import io

import networkx as nx
import pytest

from kg.export import graphml


def _networkx(view) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(view, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _view() -> nx.MultiDiGraph:
    view = nx.MultiDiGraph()
    view.add_node("https://example.org/kg/resource/person/ada-lind", label="Ada Lind", kind="Person",
                  aliases="Lind | A. Lind", mentions=3, roles='chair of "Port & Harbour" <board>')
    view.add_node("https://example.org/kg/resource/organization/port-&-harbour", label="Port & Harbour",
                  kind="Organization", aliases="", mentions=1, roles="")
    view.add_node("https://example.org/kg/resource/place/åre", label="Åre\nvalley\ttown", kind="Place",
                  aliases="", mentions=12, roles="")
    view.add_node("bare")
    view.add_edge("https://example.org/kg/resource/person/ada-lind",
                  "https://example.org/kg/resource/organization/port-&-harbour",
                  key="memberOf:memberOf", label="memberOf", predicate="memberOf")
    view.add_edge("https://example.org/kg/resource/person/ada-lind", "https://example.org/kg/resource/place/åre",
                  key='relatedTo:say "hi"', label='say "hi"', predicate="relatedTo")
    view.add_edge("bare", "bare", key="self")
    return view


def test_the_same_bytes_as_networkx_on_a_view_with_awkward_text():
    view = _view()
    assert graphml.serialize(view) == _networkx(view)


def test_the_same_bytes_on_an_empty_view():
    assert graphml.serialize(nx.MultiDiGraph()) == _networkx(nx.MultiDiGraph())


@pytest.mark.parametrize("value", [1.5, True])
def test_numbers_and_flags_as_networkx_types_them(value):
    view = _view()
    nx.set_node_attributes(view, value, "score")
    assert graphml.serialize(view) == _networkx(view)


def test_an_attribute_of_two_types_is_left_to_networkx():
    view = _view()
    view.nodes["bare"]["mentions"] = "many"
    assert b'attr.name="mentions"' in graphml.serialize(view)
    assert graphml.serialize(view) == _networkx(view)


def test_control_characters_xml_cannot_hold_are_dropped():
    view = nx.MultiDiGraph()
    view.add_node("a", label="form\x0cfeed")
    assert b"<data key=\"d0\">formfeed</data>" in graphml.serialize(view)
