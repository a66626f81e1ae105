"""Settings: flag over environment over default."""

from pathlib import Path

from kg.config import DEFAULT_MODEL, DEFAULT_STORE, load_settings


def test_defaults(monkeypatch):
    monkeypatch.delenv("KG_MODEL", raising=False)
    monkeypatch.delenv("KG_STORE", raising=False)
    settings = load_settings()
    assert (settings.model, settings.store) == (DEFAULT_MODEL, Path(DEFAULT_STORE))


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("KG_MODEL", "en_core_web_lg")
    monkeypatch.setenv("KG_STORE", "/data/news-store")
    settings = load_settings()
    assert (settings.model, settings.store) == ("en_core_web_lg", Path("/data/news-store"))


def test_flags_override_environment(monkeypatch):
    monkeypatch.setenv("KG_MODEL", "en_core_web_lg")
    monkeypatch.setenv("KG_STORE", "/data/news-store")
    settings = load_settings(model="en_core_web_trf", store="here")
    assert (settings.model, settings.store) == ("en_core_web_trf", Path("here"))
