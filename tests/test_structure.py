"""Package structure: no module-level import cycle in pipeline/, and the
import-graph reader (scripts/code_size.py) finds the cycles it should."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("code_size", ROOT / "scripts" / "code_size.py")
code_size = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(code_size)


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for rel, src in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(src)
    return root


def test_no_module_level_import_cycle_in_pipeline():
    graph = code_size.import_graph(ROOT / "pipeline")
    assert "pipeline.runner" in graph and "pipeline.ingest.reading" in graph
    assert code_size.cycles(graph) == []


def test_graph_holds_the_real_module_level_edges():
    graph = code_size.import_graph(ROOT / "pipeline")
    assert "pipeline.ingest" in graph["pipeline.runner"]          # from . import ..., ingest, ...
    assert "pipeline.errors" in graph["pipeline.ingest.reading"]   # from ..errors import ...
    assert "pipeline.ingest.registry" in graph["pipeline.ingest.reading"]
    assert "pipeline.text.tokens" in graph["pipeline.text.patternset"]  # from . import tokens


def test_a_cycle_through_packages_and_relative_imports_is_found(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "",
        "a.py": "from .sub import b\n",
        "sub/__init__.py": "",
        "sub/b.py": "try:\n    from ..c import X\nexcept ImportError:\n    X = None\n",
        "c.py": "import pkg.a\nX = 1\n",
        "d.py": "from . import c\n",
    })
    assert code_size.cycles(code_size.import_graph(root)) == [["pkg.a", "pkg.c", "pkg.sub.b"]]


def test_lazy_and_type_checking_imports_are_not_module_level(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "",
        "runner.py": "def go():\n    from .engine import run\n    return run\n",
        "engine.py": "from typing import TYPE_CHECKING\nfrom . import runner\n"
                     "if TYPE_CHECKING:\n    from .model import M\n",
        "model.py": "from .engine import runner\n",
    })
    graph = code_size.import_graph(root)
    assert graph["pkg.runner"] == set() and graph["pkg.engine"] == {"pkg.runner"}
    assert code_size.cycles(graph) == []


def test_sizes_count_lines_of_modules_and_functions(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "",
        "m.py": "class K:\n    def f(self):\n        x = 1\n        return x\n\n\ndef g():\n    def h():\n"
                "        pass\n    return h\n",
    })
    assert code_size.module_sizes(root)[0] == (10, "pkg.m")
    assert code_size.function_sizes(root) == [(4, "pkg.m:g"), (3, "pkg.m:K.f"), (2, "pkg.m:g.h")]
