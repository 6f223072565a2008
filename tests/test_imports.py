"""The house's shape (DESIGN.md, "Layout"): imports run one way, no module imports another that
imports it back, and no module grows past about 400 lines.

Read from the sources with ``ast``, imports inside functions included: a circle that closes
only when a function runs is still a circle to whoever reads the code.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The packages from the lowest floor up: each may import only those before it (and itself).
FLOORS = ["casework", "permissions", "workflows", "api", "config"]
MAX_LINES = 400


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    _name(path): path
    for floor in FLOORS
    for path in sorted((ROOT / floor).rglob("*.py"))
    if "migrations" not in path.parts
}


def _imports(module: str) -> list[tuple[str, bool]]:
    """(module imported, whether at import time) for every import in the module's source; an
    import inside a function (or lambda) runs only when it is called."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []

    def visit(node, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((alias.name, not in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:  # relative: from the package, up level - 1
                    up = package[: len(package) - (child.level - 1)]
                    base = ".".join([*up, base] if base else up)
                for alias in child.names:
                    submodule = f"{base}.{alias.name}"
                    found.append((submodule if submodule in MODULES else base, not in_function))
            nested = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, in_function or nested)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _imported(module: str, *, at_import_time_only: bool = False) -> set[str]:
    return {name for name, at_import in _imports(module) if at_import or not at_import_time_only}


def _imports_of(module: str, target: str, **kwargs) -> set[str]:
    """What ``module`` imports of ``target`` (the package or module, or anything in it)."""
    return {
        name
        for name in _imported(module, **kwargs)
        if name == target or name.startswith(f"{target}.")
    }


def _circles(*, at_import_time_only: bool) -> list[set[str]]:
    """The sets of modules that import one another, round (Tarjan's strongly connected
    components over the import graph of the project's packages)."""
    graph = {
        module: {
            name
            for name in _imported(module, at_import_time_only=at_import_time_only)
            if name in MODULES
        }
        for module in MODULES
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = set()
            while True:
                other = stack.pop()
                component.add(other)
                if other == module:
                    break
            if len(component) > 1:
                circles.append(component)

    for module in graph:
        if module not in index:
            visit(module)
    return circles


def test_the_sources_are_found():
    assert {"workflows.services.cases", "permissions.roles", "config.security"} <= MODULES.keys()
    assert ("workflows.tasks", True) not in _imports("workflows.services.cases")
    assert ("workflows.tasks", False) in _imports("workflows.services.cases")


@pytest.mark.parametrize("floor", FLOORS)
def test_imports_run_one_way(floor):
    above = FLOORS[FLOORS.index(floor) + 1 :]
    reaching_up = {
        module: sorted(name for upper in above for name in _imports_of(module, upper))
        for module in MODULES
        if module.split(".")[0] == floor
    }
    assert not {m: names for m, names in reaching_up.items() if names}


def test_no_lower_floor_imports_config():
    lower = [m for m in MODULES if m.split(".")[0] != "config"]
    assert not {m: _imports_of(m, "config") for m in lower if _imports_of(m, "config")}


def test_services_import_the_tasks_only_when_they_enqueue():
    # The tasks call the services; a service imports the tasks inside the function that
    # enqueues, never when it is imported.
    services = [m for m in MODULES if m.startswith("workflows.services.")]
    assert not {
        m: _imports_of(m, "workflows.tasks", at_import_time_only=True)
        for m in services
        if _imports_of(m, "workflows.tasks", at_import_time_only=True)
    }


def test_the_case_page_does_not_import_the_upload_view():
    # The upload view shows the case page again; the case page's attachments section is
    # apart, so the case page never imports the view back, not even inside a function.
    assert _imports_of("workflows.pages.attachments", "workflows.pages.cases")
    for module in ("workflows.pages.cases", "workflows.pages.attachment_section"):
        assert not _imports_of(module, "workflows.pages.attachments")


def test_the_roles_do_not_import_the_grants():
    assert _imports_of("permissions.grants", "permissions.roles")
    assert not _imports_of("permissions.roles", "permissions.grants")


def test_no_import_circle_at_import_time():
    assert _circles(at_import_time_only=True) == []


def test_the_only_circle_is_the_tasks_with_the_services_they_call():
    # Counting imports inside functions too: the tasks run the services, and the services
    # enqueue the tasks after their commit. Any other circle is a tangle to cut.
    for circle in _circles(at_import_time_only=False):
        assert circle <= {"workflows.tasks"} | {
            m for m in MODULES if m.startswith("workflows.services.")
        }, circle


def test_modules_stay_under_400_lines():
    lines = {
        module: len(path.read_text(encoding="utf-8").splitlines())
        for module, path in MODULES.items()
    }
    assert not {module: n for module, n in lines.items() if n > MAX_LINES}
