"""The events app stands on its own: no module it imports, directly or through others, is part of answers."""

import ast

from tests.conftest import ROOT

FIRST_PARTY = {"answers", "config", "events", "tests"}


def source_of(module):
    """Return the file of a first-party module, or None for anything else (Django, the standard library…)."""
    if module.split(".")[0] not in FIRST_PARTY:
        return None
    path = ROOT.joinpath(*module.split("."))
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return path.with_suffix(".py") if path.with_suffix(".py").is_file() else None


def imports_in(module, path):
    """Yield every module the file imports, anywhere in it (inside functions too), and the packages above each."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base]) if base else ".".join(parts)
            # `from package import name` may import a submodule called name.
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            parts = target.split(".")
            yield from (".".join(parts[:end]) for end in range(1, len(parts) + 1))


def reachable_from(modules):
    """Return every first-party module that importing `modules` may import, transitively."""
    seen, waiting = set(), list(modules)
    while waiting:
        module = waiting.pop()
        path = source_of(module)
        if module in seen or path is None:
            continue
        seen.add(module)
        waiting.extend(imports_in(module, path))
    return seen


def events_modules():
    return [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in sorted((ROOT / "events").rglob("*.py"))
    ]


def test_no_module_of_events_imports_answers_even_indirectly():
    reached = reachable_from(events_modules())
    # The walk follows imports into other first-party packages: it reaches the shared admin base classes.
    assert {"events.admin", "events.models", "config.admin"} <= reached
    assert sorted(module for module in reached if module.split(".")[0] == "answers") == []


def test_the_walk_finds_imports_inside_functions_and_relative_ones(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.events.test_dependencies.ROOT", tmp_path)
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "__init__.py").write_text("")
    (tmp_path / "events" / "a.py").write_text("def late():\n    from . import b\n")
    (tmp_path / "events" / "b.py").write_text("import config.hooks\n")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "__init__.py").write_text("")
    (tmp_path / "config" / "hooks.py").write_text("def f():\n    from answers.models import Claim\n")
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers" / "__init__.py").write_text("")
    (tmp_path / "answers" / "models.py").write_text("")
    assert "answers.models" in reachable_from(["events.a"])
