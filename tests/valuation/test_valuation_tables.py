"""The shipped valuation tables: strict loading, versions, and files that never change."""

import hashlib
from importlib import resources

import pytest

from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.domain.valuation_tables import TableError, read_tables, shipped_tables

# A shipped version is reference data contracts are pinned to: never edit one, add a new
# version instead (and its line here).
SHIPPED = {
    "harlingen-v1.toml": "7aa0493bb816ab415129fd31df7db1f259f67001da932871806c8e8117e2a845",
    "harlingen-v2.toml": "ee9014ea4521daab806ea3ebb63f2f9cf8582f5cfd7bbc6847720270356a73a1",
    "hilversum-v1.toml": "cb2d656a6c03d9ada12529f68fed7e7ef4e131b4a8aa74e2cd403eb415af1ae6",
    "holland-rijnland-v1.toml": "67d8f9c50ff7cc679f98af6acbc9fbe8173c112585ff47d4e9b822b25c7b8ae8",
    "oost-nederland-v5.toml": "5c97aeacfe3541f01c801a0c675a0eb9d66bfe8fedd9e6d55d9ac0502dda8838",
    "oost-nederland-v6.toml": "ad699cb453451030ccf9b2b6007c9e685766c40e48255f341c349fd134a8bbe3",
    "rijnvicus-v1.toml": "bd315cdffce5f83fd01ecefe148b61cefcc8bda7e679dd44a1bd5a95e4f694fa",
    "utrecht-v1.toml": "823a7c0f603e8db021aff80ba778f0c8950ea32a391b4ce4fdff0d23c04814ad",
    "utrecht-v2.toml": "683af74f080a767fd8dc5c7d25b1381bd533791a991d235559d79d7cb8226d0d",
    "utrecht-v3.toml": "d060b2ab7d85a16c54adf1b654afe9a25bf42dd7065ad5a1b96edd9e9ae4909e",
}

MINIMAL = """\
[table]
id = "test"
version = 1
name = "Test"
name_en = "Test"
source = "https://example.org"
fulltime_hours = 36

[[block]]
code = "pw"
label = "Participatiewet"
label_en = "Participation Act"
types = ["placement"]
per_year = 30000
"""


def folder():
    return resources.files("srtracker").joinpath("valuation_tables")


def test_no_shipped_version_has_changed():
    found = {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in folder().iterdir()
        if f.name.endswith(".toml")
    }
    assert found == SHIPPED


def test_the_shipped_tables_load_with_their_versions():
    tables = shipped_tables()
    assert tables.ids == (
        "harlingen",
        "hilversum",
        "holland-rijnland",
        "oost-nederland",
        "rijnvicus",
        "utrecht",
    )
    assert tables.versions("utrecht") == (1, 2, 3)
    assert tables.versions("harlingen") == (1, 2)
    assert tables.versions("oost-nederland") == (5, 6)
    assert tables.get("utrecht").version == 3  # the newest
    assert tables.get("utrecht", 1).name.endswith("(eerdere tabel)")
    assert tables.get("utrecht", 4) is None and tables.get("rotterdam") is None
    for table in tables.tables.values():
        assert table.source.startswith("https://")
        for block in table.blocks:
            assert set(block.types) <= set(DEFAULT_REFERENCE.types)
            assert set(block.groups) <= set(DEFAULT_REFERENCE.groups)


def test_every_shipped_table_values_purchases_and_placements():
    for table in shipped_tables().tables.values():
        kinds = {kind for block in table.blocks for kind in block.types}
        assert {"placement", "social_purchase", "apprenticeship"} <= kinds, table.id


def read(text, name="test-v1.toml"):
    return read_tables([(name, text.encode())])


def test_a_minimal_table_reads():
    table = read(MINIMAL).get("test")
    assert (table.id, table.version, table.blocks[0].per_year) == ("test", 1, 30000)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("per_year = 30000", "per_year = 30000\nper_month = 750"),
            "block[1]: give exactly one of per_year, per_month, amount_percent",
        ),
        (("per_year = 30000", "per_yaer = 30000"), "block[1].per_yaer: unknown key"),
        (
            ('types = ["placement"]', 'types = ["vrijwilligerswerk"]'),
            "block[1].types: unknown code 'vrijwilligerswerk'",
        ),
        (("per_year = 30000", "per_year = -5"), "block[1].per_year: must be above 0"),
        (
            ("per_year = 30000", "amount_percent = 150"),
            "block[1].amount_percent: must be above 0 and at most 100",
        ),
        (("fulltime_hours = 36", ""), "table.fulltime_hours: missing"),
        (("version = 1", 'version = "1"'), "table.version: must be a whole number"),
    ],
)
def test_a_table_that_breaks_the_format_is_refused_with_file_and_key(change, message):
    with pytest.raises(
        TableError,
        match="^test-v1.toml: "
        + message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[").replace("]", r"\]"),
    ):
        read(MINIMAL.replace(*change))


def test_the_file_name_must_name_id_and_version():
    with pytest.raises(TableError, match="name the file test-v1.toml"):
        read(MINIMAL, name="test.toml")
