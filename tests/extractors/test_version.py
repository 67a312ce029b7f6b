"""The extractor version moves when a lexicon, a rule table or the rule code changes."""
from extractors import version


def test_version_hash_changes_with_lexicon_contents(tmp_path, monkeypatch):
    (tmp_path / "speech_verbs.txt").write_text("say said says saying\n")
    monkeypatch.setattr(version, "LEXICON_DIR", tmp_path)
    before = version.lexicon_digest()
    (tmp_path / "speech_verbs.txt").write_text("say said says saying\nmutter muttered\n")
    assert version.lexicon_digest() != before


def test_version_names_the_rules_version():
    assert version.EXTRACTOR_VERSION.startswith(version.RULES_VERSION + "+")


def test_version_hash_changes_with_rule_code(tmp_path, monkeypatch):
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "attribution.py").write_text("MAX_CUE_DISTANCE = 32\n")
    monkeypatch.setattr(version, "EXTRACTOR_DIR", tmp_path)
    monkeypatch.setattr(version, "LEXICON_DIR", tmp_path / "lexicons")
    before = version.source_digest()
    (tmp_path / "version.py").write_text("RULES_VERSION = 'x'\n")  # not part of the hash
    assert version.source_digest() == before
    (tmp_path / "attribution.py").write_text("MAX_CUE_DISTANCE = 40\n")
    assert version.source_digest() != before


def test_version_hash_changes_with_a_rule_module_in_a_subpackage(tmp_path, monkeypatch):
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "dash_signature.py").write_text("DASHES = '—'\n")
    monkeypatch.setattr(version, "EXTRACTOR_DIR", tmp_path)
    monkeypatch.setattr(version, "LEXICON_DIR", tmp_path / "lexicons")
    before = version.source_digest()
    (tmp_path / "rules" / "dash_signature.py").write_text("DASHES = '—–'\n")
    assert version.source_digest() != before
