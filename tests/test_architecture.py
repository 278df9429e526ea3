"""The layers import one way (docs/architecture.md), checked over the project's import graph.

- Every module belongs to a layer (by its folder) or to a leaf, and imports only from its own
  layer or the ones below it, type-only imports included.
- No cycles among project modules, type-only imports included.
- No function-level import of a project module, except where the worker's entrypoint and its
  pipeline choose a leaf (rehearsal, offline speech) at run time.
- Leaves (rehearsal, offline speech, provisioning) are imported by no production module.
- The data layer needs no LiveKit.
"""

from __future__ import annotations

import re

from tests.support.import_graph import ROOT, Graph, build_graph, cycles, reaches

# Lowest first: a module may import from its own layer and the ones before it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("data and rules", ("prompts", "workflows.call")),
    ("telephony", ("workflows.telephony",)),
    ("lifecycle", ("workflows.lifecycle",)),
    ("tools", ("tools",)),
    ("agents", ("agents",)),
    ("worker", ("workflows.main", "workflows.worker")),
]
# Leaves may import any layer; no layer imports them (but the choosers, at run time).
LEAVES: dict[str, tuple[str, ...]] = {
    "rehearsal": ("workflows.rehearsal",),
    "offline speech": ("workflows.speech",),
    "provisioning": ("workflows.provision", "workflows.provisioning"),
}
CHOOSERS = {"workflows.main", "workflows.worker.pipeline"}


def _in(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def place(module: str) -> tuple[str, int]:
    """(layer or leaf name, rank): leaves rank above every layer. The top-level package
    files are empty and rank lowest."""
    if "." not in module:
        return "package", 0
    for name, prefixes in LEAVES.items():
        if _in(module, prefixes):
            return name, len(LAYERS)
    for rank, (name, prefixes) in enumerate(LAYERS):
        if _in(module, prefixes):
            return name, rank
    raise AssertionError(f"{module} is in no layer: add its folder to LAYERS or LEAVES")


def upward_imports(graph: Graph) -> list[str]:
    bad = []
    for a, b in sorted(graph.runtime | graph.type_only):
        (layer_a, rank_a), (layer_b, rank_b) = place(a), place(b)
        if rank_b == len(LAYERS) and rank_a < len(LAYERS):
            if not (a in CHOOSERS and (a, b) in graph.function_level):
                bad.append(f"{a} ({layer_a}) imports the leaf {b} ({layer_b})")
        elif rank_b > rank_a:
            bad.append(f"{a} ({layer_a}) imports {b} ({layer_b}), a layer above it")
    return bad


# ----------------------------------------------------------------- the project's own graph
def test_the_graph_sees_the_project():
    graph = build_graph(ROOT)
    assert {"agents.receptionist", "workflows.main", "prompts.loader"} <= graph.modules
    assert ("agents.receptionist", "agents.conference_host") in graph.runtime
    assert ("workflows.main", "agents.receptionist") in graph.runtime


def test_every_module_has_a_layer():
    graph = build_graph(ROOT)
    assert {m: place(m)[0] for m in graph.modules}  # raises naming a module with no layer


def test_layers_import_one_way_and_leaves_are_not_imported():
    assert upward_imports(build_graph(ROOT)) == []


def test_no_import_cycles_not_even_type_only_ones():
    graph = build_graph(ROOT)
    assert cycles(graph.modules, graph.runtime | graph.type_only) == []


def test_function_level_imports_only_where_the_worker_chooses_a_leaf():
    graph = build_graph(ROOT)
    dodged = sorted(
        f"{a} -> {b}"
        for a, b in graph.function_level
        if not (a in CHOOSERS and place(b)[1] == len(LAYERS))
    )
    assert dodged == []


def test_the_data_layer_needs_no_livekit():
    """The call's data and rules (prompts, settings, numbers, dial policy, directory, the yes
    rule, the call log) load at start-up, in the provisioning CLI and in tests without the
    framework."""
    graph = build_graph(ROOT)
    data = sorted(m for m in graph.modules if place(m)[0] == "data and rules")
    assert len(data) > 8
    assert {m: reaches(graph, m, "livekit") for m in data} == dict.fromkeys(data, [])


def test_production_never_loads_rehearsal_code_when_it_starts_a_worker():
    """`dev` and `start` import the entrypoint: nothing it imports at module level is a leaf."""
    graph = build_graph(ROOT)
    module_level = graph.runtime - graph.function_level
    seen, todo = {"workflows.main"}, ["workflows.main"]
    while todo:
        for a, b in module_level:
            if a == todo[-1] and b not in seen:
                seen.add(b)
                todo.insert(0, b)
        todo.pop()
    assert sorted(m for m in seen if place(m)[1] == len(LAYERS)) == []


# -------------------------------------------------------- docs/architecture.md is the tree
DOC = ROOT / "docs" / "architecture.md"


def test_the_architecture_page_names_every_folder_and_only_real_paths():
    text = DOC.read_text(encoding="utf-8")
    folders = sorted(
        str(p.parent.relative_to(ROOT))
        for package in ("agents", "tools", "workflows", "prompts")
        for p in (ROOT / package).rglob("__init__.py")
    )
    assert [f for f in folders if f"{f}/" not in text] == []
    named = set(re.findall(r"\b((?:agents|tools|workflows|prompts)/[\w/]+\.(?:py|yaml))", text))
    assert sorted(p for p in named if not (ROOT / p).exists()) == []


def test_the_layer_table_matches_the_page():
    text = DOC.read_text(encoding="utf-8")
    for _, prefixes in LAYERS[:-1]:
        for prefix in prefixes:
            assert prefix.replace(".", "/") + "/" in text
    for prefixes in LEAVES.values():
        assert any(p.replace(".", "/") in text for p in prefixes)


# ------------------------------------------------------------- the checker on a small tree
def write(root, files: dict[str, str]) -> None:
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


def test_the_checker_finds_a_type_only_cycle(tmp_path):
    write(
        tmp_path,
        {
            "tools/a.py": "from tools.b import thing\n",
            "tools/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from tools.a import x\n",
        },
    )
    graph = build_graph(tmp_path, ("tools",))
    assert cycles(graph.modules, graph.runtime) == []
    assert cycles(graph.modules, graph.runtime | graph.type_only) == [["tools.a", "tools.b"]]


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


def test_the_checker_finds_upward_and_leaf_imports(tmp_path):
    write(
        tmp_path,
        {
            "workflows/call/state.py": "from workflows.lifecycle.events import CallEvents\n",
            "workflows/lifecycle/events.py": "",
            "workflows/rehearsal/nlu.py": "",
            "workflows/worker/pipeline.py": "def f():\n    from workflows.rehearsal import nlu\n",
            "tools/sip.py": "from workflows.rehearsal.nlu import yes\n",
        },
    )
    graph = build_graph(tmp_path, ("tools", "workflows"))
    assert upward_imports(graph) == [
        "tools.sip (tools) imports the leaf workflows.rehearsal.nlu (rehearsal)",
        "workflows.call.state (data and rules) imports workflows.lifecycle.events "
        "(lifecycle), a layer above it",
    ]
