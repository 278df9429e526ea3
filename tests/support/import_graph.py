"""The project's own import graph, built with `ast` from the source files.

It sees every import without running any: module level and function level, with
`if TYPE_CHECKING:` imports kept apart (they never run, but they count as edges too: a
type-only cycle is still a cycle in the design).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("agents", "tools", "workflows", "prompts")


@dataclass
class Graph:
    modules: set[str] = field(default_factory=set)
    runtime: set[tuple[str, str]] = field(default_factory=set)  # every import that runs
    function_level: set[tuple[str, str]] = field(default_factory=set)  # subset of runtime
    type_only: set[tuple[str, str]] = field(default_factory=set)  # under `if TYPE_CHECKING:`
    external: dict[str, set[str]] = field(default_factory=dict)  # module -> top-level names


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module):
    """(node, in a function?, under TYPE_CHECKING?) for every import statement."""

    def visit(node: ast.AST, in_function: bool, type_only: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child, in_function, type_only
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                yield from visit(child, True, type_only)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    yield from visit(ast.Module(body=[stmt], type_ignores=[]), in_function, True)
                for stmt in child.orelse:
                    yield from visit(
                        ast.Module(body=[stmt], type_ignores=[]), in_function, type_only
                    )
            else:
                yield from visit(child, in_function, type_only)

    yield from visit(tree, False, False)


def _targets(node: ast.Import | ast.ImportFrom, importer: str, modules: set[str]) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in modules}
    base = node.module or ""
    if node.level:  # relative: from the importer's package
        package = importer.split(".")[: -node.level]
        base = ".".join([*package, base] if base else package)
    found = {f"{base}.{alias.name}" for alias in node.names} & modules  # `from pkg import mod`
    if base in modules and len(found) < len(node.names):
        found.add(base)
    return found


def _top_level_names(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name.split(".")[0] for alias in node.names}
    return set() if node.level or not node.module else {node.module.split(".")[0]}


def build_graph(root: Path, packages=PACKAGES) -> Graph:
    graph = Graph()
    files = sorted(p for package in packages for p in (root / package).rglob("*.py"))
    graph.modules = {module_name(root, p) for p in files}
    for path in files:
        importer = module_name(root, path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph.external[importer] = set()
        for node, in_function, type_only in _imports(tree):
            if not type_only:
                graph.external[importer] |= _top_level_names(node)
            for target in _targets(node, importer, graph.modules):
                if target == importer:
                    continue
                edge = (importer, target)
                if type_only:
                    graph.type_only.add(edge)
                    continue
                graph.runtime.add(edge)
                if in_function:
                    graph.function_level.add(edge)
    return graph


def cycles(modules: set[str], edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    successors: dict[str, list[str]] = {m: [] for m in modules}
    for a, b in edges:
        successors[a].append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in successors[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            connect(module)
    return sorted(found)


def reaches(graph: Graph, start: str, name: str) -> list[str]:
    """A chain of runtime imports from `start` to a module importing `name`, or []."""
    successors: dict[str, list[str]] = {}
    for a, b in sorted(graph.runtime):
        successors.setdefault(a, []).append(b)
    seen, queue = {start}, [[start]]
    while queue:
        path = queue.pop(0)
        if name in graph.external.get(path[-1], set()):
            return path
        for nxt in successors.get(path[-1], []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append([*path, nxt])
    return []
