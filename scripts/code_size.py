"""Code size and import structure of a package: the largest modules, the
longest functions and the module-level import cycles.

    python scripts/code_size.py                 # pipeline/, top 10 of each
    python scripts/code_size.py --top 3
    python scripts/code_size.py --check         # exit 1 when a limit is exceeded or a cycle exists
    python scripts/code_size.py --root some/pkg --max-module 400 --max-function 60

Lines are physical lines: a module's whole file, a function from its ``def``
line to its last line (``ast`` ``lineno``..``end_lineno``; decorators not
counted; a nested function counts inside its parent too). Methods are named
``Class.method``, nested functions ``outer.inner``.

An import is module-level when it runs when the module is imported: in the
module body, also inside module-level ``if``/``try``/``with`` and class bodies,
but not inside a function (a lazy import) and not under ``if TYPE_CHECKING``.
``tests/test_structure.py`` uses ``import_graph`` and ``cycles`` from here.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE = 400    # the project's guideline (README "Code style"): modules under ~400 lines
MAX_FUNCTION = 60   # ... and functions under ~60 lines


def module_name(path: Path, root: Path) -> str:
    """Dotted name of ``path`` inside the package folder ``root`` (``pipeline/ingest/warc.py`` -> ``pipeline.ingest.warc``)."""
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file under ``root``."""
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def module_sizes(root: Path) -> list[tuple[int, str]]:
    """``(lines, module)`` for every module, largest first."""
    out = [(len(p.read_text(encoding="utf-8").splitlines()), name) for name, p in modules(root).items()]
    return sorted(out, key=lambda x: (-x[0], x[1]))


def _functions(node: ast.AST, prefix: str):
    """``(qualified name, lines)`` of every function under ``node``, nested ones included."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = prefix + child.name
            yield name, child.end_lineno - child.lineno + 1
            yield from _functions(child, name + ".")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, prefix + child.name + ".")
        else:
            yield from _functions(child, prefix)


def function_sizes(root: Path) -> list[tuple[int, str]]:
    """``(lines, module:function)`` for every function and method, longest first."""
    out = []
    for name, p in modules(root).items():
        tree = ast.parse(p.read_text(encoding="utf-8"), filename=str(p))
        out += [(n, f"{name}:{fn}") for fn, n in _functions(tree, "")]
    return sorted(out, key=lambda x: (-x[0], x[1]))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def module_level_imports(tree: ast.Module):
    """The Import/ImportFrom nodes that run when the module is imported (see the module docstring)."""
    todo = list(tree.body)
    while todo:
        node = todo.pop(0)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend(node.orelse)
        elif isinstance(node, ast.stmt):
            todo.extend(c for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt))
            if isinstance(node, ast.Try):
                todo.extend(s for h in node.handlers for s in h.body)


def _resolve(node: ast.ImportFrom, current: str, is_pkg: bool) -> str:
    """The absolute module a ``from ... import`` names."""
    if not node.level:
        return node.module or ""
    base = current.split(".")
    if not is_pkg:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(node, current: str, is_pkg: bool, known: set[str]) -> set[str]:
    """Modules of ``known`` that the import ``node`` in module ``current`` imports directly."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in known}
    mod = _resolve(node, current, is_pkg)
    out = set()
    for a in node.names:
        sub = f"{mod}.{a.name}"
        if sub in known:          # from pkg import submodule
            out.add(sub)
        elif mod in known:        # from module import name
            out.add(mod)
    return out


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> modules of the same package that it imports at module level."""
    mods = modules(root)
    known = set(mods)
    graph: dict[str, set[str]] = {}
    for name, p in mods.items():
        tree = ast.parse(p.read_text(encoding="utf-8"), filename=str(p))
        is_pkg = p.name == "__init__.py"
        edges: set[str] = set()
        for node in module_level_imports(tree):
            edges |= _targets(node, name, is_pkg, known)
        graph[name] = edges - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph) + 100))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT / "pipeline", help="package folder (default: pipeline/)")
    ap.add_argument("--top", type=int, default=10, help="how many modules and functions to list")
    ap.add_argument("--max-module", type=int, default=MAX_MODULE)
    ap.add_argument("--max-function", type=int, default=MAX_FUNCTION)
    ap.add_argument("--check", action="store_true", help="exit 1 when a limit is exceeded or a cycle exists")
    args = ap.parse_args(argv)
    root = args.root.resolve()
    mods, funcs = module_sizes(root), function_sizes(root)
    print(f"largest modules (lines) in {root.name}/:")
    for n, name in mods[: args.top]:
        print(f"  {n:6d}  {name}")
    print("longest functions (lines):")
    for n, name in funcs[: args.top]:
        print(f"  {n:6d}  {name}")
    big_m = [m for m in mods if m[0] > args.max_module]
    big_f = [f for f in funcs if f[0] > args.max_function]
    cyc = cycles(import_graph(root))
    print(f"{len(mods)} modules, {len(big_m)} over {args.max_module} lines; "
          f"{len(funcs)} functions, {len(big_f)} over {args.max_function} lines")
    print("module-level import cycles: " + ("none" if not cyc else "; ".join(" <-> ".join(c) for c in cyc)))
    return 1 if args.check and (big_m or big_f or cyc) else 0


if __name__ == "__main__":
    sys.exit(main())
