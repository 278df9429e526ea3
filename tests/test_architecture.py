"""The project's own import graph: layers import one way.

Built with `ast` from the source files, so it sees every import without running any:
module level and function level, with `if TYPE_CHECKING:` imports kept apart (they never run).

- No cycles among project modules, counting every import that runs.
- No function-level import of a project module (a cycle dodged that way is still a cycle),
  except where the entrypoint and the model factory choose the rehearsal model at run time.
- Rehearsal code (offline model, NLU, console glue) and provisioning are leaves: no
  production module imports them, only the entrypoint and the model factory.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("agents", "tools", "workflows", "prompts")

# Where a module is picked at run time: the worker entrypoint and the model factory.
CHOOSERS = {"workflows.main", "workflows.models"}
REHEARSAL = {"workflows.offline_llm", "workflows.nlu", "workflows.console"}
PROVISIONING = {"workflows.provision", "workflows.provision_config", "workflows.sip_resources"}


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


def leaf_violations(graph: Graph) -> list[str]:
    """Imports of rehearsal or provisioning code from anything but its own group or a
    chooser (type-only imports included: production code should not even name them)."""
    bad = []
    for group in (REHEARSAL, PROVISIONING):
        for a, b in sorted(graph.runtime | graph.type_only):
            if b in group and a not in group | CHOOSERS:
                bad.append(f"{a} imports {b}")
    return bad


# ----------------------------------------------------------------- the project's own graph
def test_the_graph_sees_the_project():
    graph = build_graph(ROOT)
    assert {"agents.receptionist", "workflows.main", "prompts.loader"} <= graph.modules
    assert ("agents.receptionist", "agents.conference_host") in graph.runtime
    assert ("workflows.main", "agents.receptionist") in graph.runtime


def test_no_import_cycles():
    graph = build_graph(ROOT)
    assert cycles(graph.modules, graph.runtime) == []


def test_no_function_level_imports_of_project_modules():
    graph = build_graph(ROOT)
    dodged = sorted(f"{a} -> {b}" for a, b in graph.function_level if a not in CHOOSERS)
    assert dodged == []


def test_prompts_and_the_data_they_load_need_no_livekit():
    """The prompt files, dial policy and directory are data: loading them (at start-up, in
    the provisioning CLI, in tests) pulls in no framework and no function tool."""
    graph = build_graph(ROOT)
    prompt_modules = sorted(m for m in graph.modules if m.split(".")[0] == "prompts")
    assert prompt_modules
    assert {m: reaches(graph, m, "livekit") for m in prompt_modules} == dict.fromkeys(
        prompt_modules, []
    )


def test_rehearsal_and_provisioning_are_leaves():
    assert leaf_violations(build_graph(ROOT)) == []


# ------------------------------------------------------------- the checker on a small tree
def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_the_checker_finds_a_cycle_dodged_with_a_function_level_import(tmp_path):
    write(
        tmp_path,
        {
            "tools/__init__.py": "",
            "tools/a.py": "from tools.b import thing\n",
            "tools/b.py": "def thing():\n    from tools import a\n",
            "tools/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from tools.a import thing\n",
        },
    )
    graph = build_graph(tmp_path, ("tools",))
    assert graph.function_level == {("tools.b", "tools.a")}
    assert graph.type_only == {("tools.c", "tools.a")}
    assert cycles(graph.modules, graph.runtime) == [["tools.a", "tools.b"]]


def test_the_checker_follows_imports_to_the_framework(tmp_path):
    write(
        tmp_path,
        {
            "prompts/loader.py": "from tools.directory import Directory\n",
            "tools/directory.py": "import json\nfrom tools.sip import x\n",
            "tools/sip.py": "from livekit.agents import function_tool\n",
            "tools/phone.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    import livekit\n",
        },
    )
    graph = build_graph(tmp_path, ("prompts", "tools"))
    assert reaches(graph, "prompts.loader", "livekit") == [
        "prompts.loader",
        "tools.directory",
        "tools.sip",
    ]
    assert reaches(graph, "tools.phone", "livekit") == []


def test_the_checker_finds_production_code_importing_rehearsal_code(tmp_path):
    write(
        tmp_path,
        {
            "workflows/nlu.py": "",
            "workflows/offline_llm.py": "from workflows import nlu\n",
            "workflows/models.py": "def build():\n    from workflows.offline_llm import X\n",
            "tools/sip.py": "from workflows.nlu import yes\n",
        },
    )
    graph = build_graph(tmp_path, ("tools", "workflows"))
    assert leaf_violations(graph) == ["tools.sip imports workflows.nlu"]
    assert cycles(graph.modules, graph.runtime) == []


# ------------------------------------------------------------ one writer per state change
def writers(root: Path, attribute: str) -> set[str]:
    """Modules that assign `<anything>.<attribute> = ...`."""
    found = set()
    for path in sorted(p for package in PACKAGES for p in (root / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, (ast.AugAssign, ast.AnnAssign))
                else []
            )
            if any(isinstance(t, ast.Attribute) and t.attr == attribute for t in targets):
                found.add(module_name(root, path))
    return found


def callers(root: Path, method: str) -> set[str]:
    """Modules that call `<anything>.<method>(...)`."""
    found = set()
    for path in sorted(p for package in PACKAGES for p in (root / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == method
            ):
                found.add(module_name(root, path))
    return found


def test_only_the_ending_module_marks_the_call_as_ending():
    assert writers(ROOT, "ending") == {"workflows.ending"}


def test_only_call_events_changes_a_legs_status():
    assert callers(ROOT, "set_status") == {"workflows.call_events"}
    assert writers(ROOT, "status") <= {"workflows.call_state"}  # Leg.set_status itself


def test_the_writer_checks_see_assignments_and_calls(tmp_path):
    write(
        tmp_path,
        {
            "tools/a.py": "state.ending = True\nleg.set_status('hangup')\n",
            "tools/b.py": "x: int = 1\nself.ending: bool = False\n",
        },
    )
    assert writers(tmp_path, "ending") == {"tools.a", "tools.b"}
    assert callers(tmp_path, "set_status") == {"tools.a"}


# ------------------------------------------- tool modules and `from __future__ import annotations`
def _defines_function_tools(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = (
                    target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                )
                if name == "function_tool":
                    return True
    return False


def _postpones_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )


def future_annotations_in_tool_modules(root: Path) -> list[str]:
    """Modules defining @function_tool methods that postpone annotations: the framework then
    resolves every tool's type hints from strings on each call, about ten times slower."""
    found = []
    for path in sorted(p for package in PACKAGES for p in (root / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if _defines_function_tools(tree) and _postpones_annotations(tree):
            found.append(module_name(root, path))
    return found


def test_no_future_annotations_in_modules_defining_function_tools():
    assert future_annotations_in_tool_modules(ROOT) == []


def test_the_future_annotations_check_finds_a_tool_module(tmp_path):
    write(
        tmp_path,
        {
            "tools/a.py": "from __future__ import annotations\nfrom livekit.agents import llm\n"
            "class T:\n    @llm.function_tool(name='x')\n    async def x(self): ...\n",
            "tools/b.py": "from __future__ import annotations\n\ndef helper(): ...\n",
            "tools/c.py": "from livekit.agents import function_tool\n"
            "class T:\n    @function_tool\n    async def y(self): ...\n",
        },
    )
    assert future_annotations_in_tool_modules(tmp_path) == ["tools.a"]
