"""Accuracy regression on PolNeAR dev with the shared scorer (skipped when the data is absent).

The floors sit a little below what the extractor reached when they were set (dev F1 0.943,
speaker accuracy 0.964), so a change that costs accuracy fails here.
"""
import importlib.util
from pathlib import Path

import pytest

from extractors import extract

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "data" / "polnear" / "dev.jsonl"
SCORER = SHARED / "eval" / "score.py"

F1_FLOOR = 0.935
SPEAKER_FLOOR = 0.955


def load_scorer():
    spec = importlib.util.spec_from_file_location("polnear_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (DEV.exists() and SCORER.exists()), reason="PolNeAR dev data not present")
def test_dev_span_f1_and_speaker_accuracy_stay_above_their_floors():
    scorer = load_scorer()
    gold = scorer.load(DEV)
    predictions = [quote.to_record(doc["id"]) for doc in gold for quote in extract(doc["text"])]
    result = scorer.score(gold, predictions)
    assert result["f1"] >= F1_FLOOR, result
    assert result["speaker_accuracy"] >= SPEAKER_FLOOR, result
