"""Coded errors, one place for all of them (spaCy's errors.py habit).

Every error carries the stage it happened in and a sentence a person
understands; the batch writes it to the ``errors`` table and to stderr and
goes on. The CLI turns them into messages, never tracebacks.
"""
from __future__ import annotations


class EgovError(Exception):
    """Base class: ``code`` (E001...), ``stage`` and a human ``message``."""

    code = "E000"
    stage = "pipeline"

    def __init__(self, message: str, *, source_file: str = "", stage: str | None = None):
        super().__init__(message)
        self.message = message
        self.source_file = source_file
        if stage:
            self.stage = stage

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputNotFound(EgovError):
    code, stage = "E001", "ingest"


class EmptyInput(EgovError):
    code, stage = "E002", "ingest"


class BinaryInput(EgovError):
    code, stage = "E003", "ingest"


class DecodeFailed(EgovError):
    code, stage = "E004", "ingest"


class InputTooLarge(EgovError):
    code, stage = "E005", "ingest"


class BadRecord(EgovError):
    """A JSONL line / archive member that cannot be parsed."""

    code, stage = "E006", "ingest"


class MissingDependency(EgovError):
    """An input needs an optional package that is not installed; the message names the pip command."""

    code, stage = "E007", "ingest"


class NoArticleText(EgovError):
    code, stage = "E010", "clean"


class DocumentTimeout(EgovError):
    code, stage = "E020", "process"


class ModelNotFound(EgovError):
    code, stage = "E030", "nlp"


class StageFailed(EgovError):
    """An unexpected exception inside a stage, wrapped with its context."""

    code = "E099"


class UsageError(EgovError):
    code, stage = "E100", "cli"
