import pytest
from libreoffice import LibreOffice, soffice_or_skip


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """Headless LibreOffice Calc with a profile of its own; skips (or fails in CI) without it."""
    return LibreOffice(soffice_or_skip(), tmp_path_factory.mktemp("libreoffice-profile"))
