"""Code rules the README states, enforced: one writer per state change, no postponed
annotations in tool modules, and small modules."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.import_graph import PACKAGES, ROOT, module_name
from tests.test_architecture import write

MAX_LINES = 300  # the house style's "about 300 lines or fewer", for every module we write


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
    assert writers(ROOT, "ending") == {"workflows.lifecycle.ending"}


def test_only_the_events_module_changes_a_legs_status_and_outcome():
    assert callers(ROOT, "set_status") == {"workflows.lifecycle.events"}
    assert writers(ROOT, "status") <= {"workflows.call.legs"}  # Leg.set_status itself
    # DialFailed.outcome (telephony) is the exception's own field, not a leg's.
    assert writers(ROOT, "outcome") <= {
        "workflows.lifecycle.events",
        "workflows.call.legs",
        "workflows.telephony.protocol",
    }
    assert writers(ROOT, "failure") <= {"workflows.lifecycle.events"}


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


# ------------------------------------------------------------------------- small modules
def long_modules(root: Path, limit: int = MAX_LINES) -> dict[str, int]:
    """Python files over `limit` lines, product code and tests alike."""
    found = {}
    for path in sorted(
        [*root.glob("*.py"), *(p for d in (*PACKAGES, "tests") for p in (root / d).rglob("*.py"))]
    ):
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > limit:
            found[str(path.relative_to(root))] = lines
    return found


def test_every_module_is_small():
    assert long_modules(ROOT) == {}


def test_the_size_check_counts_lines(tmp_path):
    write(tmp_path, {"tools/a.py": "x = 1\n" * 301, "tools/b.py": "x = 1\n" * 300})
    assert long_modules(tmp_path) == {"tools/a.py": 301}
