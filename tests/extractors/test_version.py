"""The extractor version moves when a lexicon or rule table changes."""
from extractors import version


def test_version_hash_changes_with_lexicon_contents(tmp_path, monkeypatch):
    (tmp_path / "speech_verbs.txt").write_text("say said says saying\n")
    monkeypatch.setattr(version, "LEXICON_DIR", tmp_path)
    before = version.lexicon_digest()
    (tmp_path / "speech_verbs.txt").write_text("say said says saying\nmutter muttered\n")
    assert version.lexicon_digest() != before


def test_version_names_the_rules_version():
    assert version.EXTRACTOR_VERSION.startswith(version.RULES_VERSION + "+")
