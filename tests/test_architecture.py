"""The package's import graph: no import cycle through the command line, and no new cycle anywhere.

Every module under ``simulator/`` is parsed with ``ast`` (nothing is imported); each
``import simulator...`` and ``from simulator... import ...`` is an edge, including imports
inside functions (they run, just later), but not those under ``if TYPE_CHECKING:`` (they
never run). ``from simulator.x import y`` points at ``simulator.x.y`` when that is a module,
else at ``simulator.x``. The parent packages an import implies are not edges (every module
would then be in a cycle with ``simulator/__init__.py``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "simulator"

KNOWN_CYCLES: tuple[frozenset[str], ...] = ()
"""Import cycles allowed for now: none. This test fails on any cycle. (The last one, policy.brief <->
policy.compare through the package's __version__, was broken by the text layer simulator.i18n, the
statistics module policy.effects and simulator.version.)"""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def is_cli(name: str) -> bool:
    """A module of the ``plpbk`` command line: simulator.cli, simulator.cli_common, */cli.py, *_cli.py."""
    last = name.rsplit(".", 1)[-1]
    return name in ("simulator.cli", "simulator.cli_common") or last == "cli" or last.endswith("_cli")


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, skipping the body of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child.test):
            for x in child.orelse:
                yield from _imports_of(x)
            continue
        yield from _imports_of(child)


def _imports_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    else:
        yield from _imports(node)


def _resolve(name: str, node: ast.ImportFrom) -> str | None:
    """The absolute module ``from ... import`` names (relative imports resolved against ``name``)."""
    if node.level == 0:
        return node.module
    is_pkg = MODULES[name].name == "__init__.py"
    base = name.split(".")
    base = base if is_pkg else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def edges(name: str) -> set[str]:
    """The ``simulator`` modules that module ``name`` imports."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"), filename=str(MODULES[name]))
    out: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            mod = _resolve(name, node)
            if mod is None:
                continue
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod for a in node.names]
        for t in targets:
            while t and t not in MODULES and "." in t:  # import simulator.x.Name -> simulator.x
                t = t.rsplit(".", 1)[0]
            if t in MODULES and t != name:
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    return {m: edges(m) for m in MODULES}


def cycles(g: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(frozenset(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_the_command_modules() -> None:
    g = graph()
    commands = {m for m in MODULES if is_cli(m)}
    assert {"simulator.cli", "simulator.cli_common", "simulator.policy.cli", "simulator.batch.cli"} <= commands
    # simulator.cli registers every other command module; they import only the shared module
    assert commands - {"simulator.cli", "simulator.cli_common"} <= g["simulator.cli"]
    for m in commands - {"simulator.cli"}:
        assert "simulator.cli" not in g[m], f"{m} imports simulator.cli"
    assert not (g["simulator.cli_common"] & commands), "the shared module imports a command module"


def test_no_import_cycle_through_the_command_line() -> None:
    bad = [sorted(c) for c in cycles(graph()) if any(is_cli(m) for m in c)]
    assert not bad, f"import cycles through the command line: {bad}"


def test_no_new_import_cycle() -> None:
    new = [sorted(c) for c in cycles(graph()) if c not in KNOWN_CYCLES]
    assert not new, f"new import cycles (break them, or name them in KNOWN_CYCLES with a reason): {new}"


def test_the_cycle_finder_finds_cycles() -> None:
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(g) == [frozenset({"a", "b", "c"})]


# --------------------------------------------------------------------------- layers

LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "simulator.errors",
        "simulator.spec",
        "simulator.params",
        "simulator.version",
        "simulator.outcomes",
        "simulator.numerics",
        "simulator.i18n",
    ),
    ("simulator.scenario", "simulator.scenario_files"),
    ("simulator.model", "simulator.results"),
    ("simulator.store",),
    ("simulator.batch",),
    ("simulator.sensitivity", "simulator.analysis", "simulator.policy"),
    ("simulator.dashboard",),
)
"""The layers of ``docs/architecture.md``, lowest first (module or package prefixes); the command
modules are the top layer. A module may import its own layer and those below it."""

UPWARD_ALLOWED = {("simulator.store", "simulator.analysis.plots")}
"""The one documented exception: ``store.write_run`` draws a run's plots (inside the function)."""


def layer(name: str) -> int:
    """The layer of a module (the command modules and the package itself: the top)."""
    if is_cli(name) or name == "simulator":
        return len(LAYERS)
    for i, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{name} is in no layer of docs/architecture.md: add it to LAYERS and to the page")


def test_no_module_imports_a_layer_above_its_own() -> None:
    g = graph()
    up = sorted(
        (m, t)
        for m, targets in g.items()
        for t in targets
        if t != "simulator" and layer(t) > layer(m) and (m, t) not in UPWARD_ALLOWED
    )
    assert not up, f"imports against the layers of docs/architecture.md: {up}"


def test_the_layer_check_sees_an_upward_import() -> None:
    assert layer("simulator.model.model") < layer("simulator.store") < layer("simulator.policy.compare")
    assert layer("simulator.policy.cli") == len(LAYERS) and layer("simulator.outcomes") == 0


# --------------------------------------------------------------------------- one home for exceptions

NOT_ERRORS = {"BatchInterrupted", "CommandExit", "UserError"}
"""Exception classes allowed outside simulator/errors.py: Ctrl-C (a KeyboardInterrupt), the command
line's control flow, and the command line's own user error (a subclass of UserInputError)."""


def test_exceptions_live_in_one_module_under_one_base() -> None:
    """No module but simulator/errors.py defines an exception class; each derives from PlpbkError."""
    import simulator.errors as errors
    from simulator.analysis.ensemble import EnsembleError
    from simulator.batch import ExperimentError, RunsFailed, SchedulerError, SizeError, WorkerCrashError
    from simulator.cli_common import UserError
    from simulator.scenario import ScenarioError
    from simulator.sensitivity.core import SensitivityError
    from simulator.store import OutputError

    elsewhere = []
    for name, path in MODULES.items():
        if name == "simulator.errors":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            is_error = isinstance(node, ast.ClassDef) and any(
                (isinstance(b, ast.Name) and (b.id.endswith(("Error", "Exception")) or b.id == "KeyboardInterrupt"))
                for b in node.bases
            )
            if is_error and isinstance(node, ast.ClassDef) and node.name not in NOT_ERRORS:
                elsewhere.append(f"{name}.{node.name}")
    assert not elsewhere, f"define exceptions in simulator/errors.py: {elsewhere}"
    for cls in (
        ScenarioError,
        ExperimentError,
        EnsembleError,
        SensitivityError,
        SizeError,
        OutputError,
        SchedulerError,
    ):
        assert issubclass(cls, errors.UserInputError) and cls.__module__ == "simulator.errors", cls
    for cls in (RunsFailed, WorkerCrashError):
        assert issubclass(cls, errors.PlpbkError) and not issubclass(cls, errors.UserInputError)
    assert issubclass(UserError, errors.UserInputError)
    # the built-in each used to be is kept, so old `except ValueError/OSError` still catch them
    assert issubclass(ScenarioError, ValueError) and issubclass(OutputError, OSError)
