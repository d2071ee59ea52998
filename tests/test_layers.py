"""The layers of README "What is where", asserted on the source.

Only the data layer (srtracker/store/) writes models; only it and the service layer
(srtracker/services/) open write transactions; the domain imports neither Flask nor
peewee nor a workbook library.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "srtracker"
WRITES = {
    "create",
    "insert",
    "insert_many",
    "insert_from",
    "update",
    "delete",
    "replace",
    "replace_many",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "delete_by_id",
    "set_by_id",
}
# Where models are defined and the schema is made: not views, commands or jobs.
SCHEMA = {"models.py", "migrate.py", "db.py"}


def modules(under=PACKAGE):
    return sorted(p for p in under.rglob("*.py"))


def outside(*layers):
    return [
        p
        for p in modules()
        if p.relative_to(PACKAGE).parts[0] not in layers and p.name not in SCHEMA
    ]


def model_names(tree) -> set[str]:
    """Names imported from a models module: the model classes a module could write."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("models"):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def model_writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    names = model_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr in WRITES and isinstance(func.value, ast.Name) and func.value.id in names:
                found.append(f"{path.name}:{node.lineno} {func.value.id}.{func.attr}")
            if func.attr == "delete_instance":
                found.append(f"{path.name}:{node.lineno} delete_instance")
        if isinstance(func, ast.Name) and func.id == "bulk_insert":
            found.append(f"{path.name}:{node.lineno} bulk_insert")
    return found


def transactions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        f"{path.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "write_transaction")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "atomic")
        )
    ]


@pytest.mark.parametrize("path", outside("store"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_data_layer_writes_models(path):
    assert model_writes(path) == []


@pytest.mark.parametrize(
    "path", outside("store", "services"), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_views_commands_and_jobs_open_no_write_transaction(path):
    assert transactions(path) == []


FORBIDDEN_IN_DOMAIN = {"flask", "flask_babel", "flask_login", "peewee", "playhouse", "openpyxl"}
FORBIDDEN_IN_DOMAIN |= {"python_calamine", "werkzeug", "jinja2"}


def imported_modules(tree) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module or "")
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize("path", modules(PACKAGE / "domain"), ids=lambda p: p.name)
def test_the_domain_imports_no_framework_database_or_workbook_library(path):
    for module in imported_modules(ast.parse(path.read_text())):
        top = module.split(".")[0]
        assert top not in FORBIDDEN_IN_DOMAIN, module
        assert top != "srtracker" or module.startswith("srtracker.domain"), module


def test_the_writes_test_sees_a_write():
    sample = PACKAGE / "store" / "flags.py"
    assert model_writes(sample)
