"""quotewire's quote extractor: text in, direct quotations with their speakers out."""
from extractors.model import Cue, Quote, Speaker
from extractors.pipeline import extract, sentence_span
from extractors.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "Cue", "Quote", "Speaker", "extract", "sentence_span"]
