"""Every refusal in review/ is a named message: `said("name", **values)`, whose template is in
review/texts/ and translated, so the window can show it in the interface's language.

The test reads the source (the AST of every module of review/) and looks at each message a
person may read: the message of every `raise SomeError(message)`, and the message of every
`Problem(file, line, column, message)` (what an ImportFailed lists). A message is refused when
it is an f-string, a str literal, a `.format()` or `.join()` call, `str()`/`repr()` of
something (which loses a message's name), or a concatenation; a `said(...)` call, an attribute,
a parameter or anything else it cannot see through is let pass. It looks through:

- a variable, to every value assigned to it in the same function (or the module);
- a call of a function of review/ (by name in its module, through `from . import x` names and
  module aliases, or a method whose name is unique in review/), to every value it returns;
- a function whose parameter ends up as such a message (`refuse(file, message)`), to the
  argument each caller passes for it (for a method of an object, `collector.report(...)`, the
  parameters of every method of review/ of that name).

A named message's values are words and data (a path, a count, "the export"), but a value a
function of review/ returns may be a sentence of its own ("holds a damaged character"): such a
value must be a named message too, so that the window translates it inside the other. So the
values of every said(...) are looked through (as above) to the functions that make them, and
what those return may not be an English sentence (two words or more in a literal).

Raising with an English text is allowed only where ALLOWED says so: internal programming errors
and control flow (a ValueError for an impossible state, or one caught at once and turned into a
named message), which no person reads.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REVIEW = Path(__file__).resolve().parents[2] / "review"

# (module, function, exception class) -> why its English text is no refusal.
ALLOWED = {
    ("review/queue.py", "queue_rowids", "ValueError"):
        "the window's own sort keys; another is a programming error",
    ("review/hints/language.py", "language_checks", "ValueError"):
        "`which` comes from the program, never from a person",
    ("review/workflow.py", "fold", "ValueError"):
        "a log without its import cannot be stored (the store and the merge check it first)",
    ("review/replay.py", "_replay", "ValueError"):
        "a log without its import cannot be stored (the store and the merge check it first)",
    ("review/replay.py", "_details_updated", "ValueError"):
        "event_rules refuses such an event before it is stored",
    ("review/replay.py", "_approved", "ValueError"):
        "event_rules refuses such an event before it is stored",
    ("review/formats/batchfile.py", "_check_rows", "ValueError"):
        "the export builds its rows itself; a missing column is a programming error",
    ("review/formats/rows.py", "_offset", "ValueError"):
        "caught by normalise_scheduled_at and refused as said('bad-date')",
    ("review/hints/langdata.py", "_months", "ValueError"):
        "caught by language_data, which names the file in a LanguageDataError",
    ("review/formats/regular.py", "_require_regular", "IsADirectoryError"):
        "an OSError like open()'s own; callers say what is wrong with said()",
    ("review/formats/regular.py", "_require_regular", "NotRegularFile"):
        "an OSError like open()'s own; callers say what is wrong with said()",
}
# Exceptions that make their named message themselves from a word (Cancelled("the export")).
MESSAGE_MADE_INSIDE = {"Cancelled"}
# Functions that hand on a message made elsewhere (checked where it was made).
PASSING_ON = {"message_of"}
SENTENCE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")
STRING_METHODS = {"format", "join", "replace", "strip", "lower", "upper", "capitalize", "title"}


@dataclass
class Module:
    path: Path
    tree: ast.Module
    dotted: str
    functions: dict[str, list[ast.FunctionDef]] = field(default_factory=dict)
    imported: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # name -> (module, attr)
    parents: dict[ast.AST, ast.AST] = field(default_factory=dict)
    nodes: list[ast.AST] = field(default_factory=list)  # every node, walked once

    @property
    def calls(self) -> list[ast.Call]:
        return [node for node in self.nodes if isinstance(node, ast.Call)]

    @property
    def relative(self) -> str:
        return self.path.relative_to(REVIEW.parent).as_posix()


def load_modules() -> dict[str, Module]:
    modules = {}
    for path in sorted(REVIEW.rglob("*.py")):
        parts = path.relative_to(REVIEW.parent).with_suffix("").parts
        dotted = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        module = Module(path, ast.parse(path.read_text(encoding="utf-8")), dotted)
        module.nodes = list(ast.walk(module.tree))
        for node in module.nodes:
            for child in ast.iter_child_nodes(node):
                module.parents[child] = node
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                module.functions.setdefault(node.name, []).append(node)
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(module, path, node)
                for alias in node.names:
                    module.imported[alias.asname or alias.name] = (base, alias.name)
        modules[dotted] = module
    return modules


def _absolute(module: Module, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.dotted.split(".") if path.name == "__init__.py" else module.dotted.split(".")[:-1]
    package = package[:len(package) - node.level + 1]
    return ".".join(package + ([node.module] if node.module else []))


class Checker:
    def __init__(self, modules: dict[str, Module]):
        self.modules = modules
        self.methods: dict[str, list] = {}
        for module in modules.values():
            for name, defs in module.functions.items():
                self.methods.setdefault(name, []).extend((module, d) for d in defs)
        self.sink_params: set[tuple[int, str]] = set()  # (id of the function node, parameter)

    # -- where a name or a call leads ------------------------------------------------------

    def enclosing(self, module: Module, node: ast.AST) -> ast.AST:
        while node in module.parents:
            node = module.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node
        return module.tree

    def callee(self, module: Module, func: ast.expr) -> tuple[Module, ast.FunctionDef] | None:
        """The function of review/ a call runs, when it can be told from the source."""
        found = self.candidates(module, func)
        return found[0] if len(found) == 1 else None

    def candidates(self, module: Module, func: ast.expr) -> list[tuple[Module, ast.FunctionDef]]:
        """The functions of review/ a call may run: the one it names, or for a method of an
        object (`collector.report`), every method of review/ with that name."""
        if isinstance(func, ast.Name):
            if func.id in module.functions and len(module.functions[func.id]) == 1:
                return [(module, module.functions[func.id][0])]
            if func.id in module.imported:
                base, attr = module.imported[func.id]
                return self._function_in(base, attr)
            return []
        if isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and func.value.id in module.imported:
                base, attr = module.imported[func.value.id]
                found = self._function_in(f"{base}.{attr}", func.attr)
                if found:
                    return found
            return self.methods.get(func.attr, [])
        return []

    def _function_in(self, dotted: str, name: str):
        target = self.modules.get(dotted)
        if target and len(target.functions.get(name, ())) == 1:
            return [(target, target.functions[name][0])]
        return []

    @staticmethod
    def assigned(scope: ast.AST, name: str) -> list[tuple[ast.expr, int | None]]:
        """Every value assigned to `name` directly in `scope` (not in nested functions), with
        the position in a tuple it is unpacked from."""
        found = []
        for node in _own_nodes(scope):
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and node.value:
                targets, value = [node.target], node.value
            else:
                continue
            for target in targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found.append((value, None))
                elif isinstance(target, ast.Tuple):
                    for index, element in enumerate(target.elts):
                        if isinstance(element, ast.Name) and element.id == name:
                            found.append((value, index))
        return found

    # -- the verdict -----------------------------------------------------------------------

    def why_not_named(self, module: Module, node: ast.expr, index: int | None = None,
                      seen: frozenset = frozenset()) -> str | None:
        """None when the message is (or may be) a named message; else what it is instead."""
        if (id(node), index) in seen:
            return None
        seen = seen | {(id(node), index)}
        if isinstance(node, ast.Tuple) and index is not None:
            return self.why_not_named(module, node.elts[index], None, seen) \
                if index < len(node.elts) else None
        if isinstance(node, ast.JoinedStr):
            return "an f-string"
        if isinstance(node, ast.Constant):
            return "a str literal" if isinstance(node.value, str) else None
        if isinstance(node, ast.BinOp):
            return "a concatenation" if self.why_not_named(module, node.left, None, seen) or \
                self.why_not_named(module, node.right, None, seen) else None
        if isinstance(node, ast.IfExp):
            return self.why_not_named(module, node.body, index, seen) or \
                self.why_not_named(module, node.orelse, index, seen)
        if isinstance(node, ast.BoolOp):
            return next(filter(None, (self.why_not_named(module, v, index, seen)
                                      for v in node.values)), None)
        if isinstance(node, ast.Name):
            return self._through_name(module, node, index, seen)
        if isinstance(node, ast.Call):
            return self._through_call(module, node, index, seen)
        return None

    def _through_name(self, module, node, index, seen):
        scope = self.enclosing(module, node)
        values = self.assigned(scope, node.id) or \
            (self.assigned(module.tree, node.id) if scope is not module.tree and
             not _is_parameter(scope, node.id) else [])
        for value, position in values:
            why = self.why_not_named(module, value, position if index is None else index, seen)
            if why:
                return f"{why} (assigned to {node.id!r} on line {value.lineno})"
        return None

    def _through_call(self, module, node, index, seen):
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"said"} | PASSING_ON:
            return None
        if isinstance(func, ast.Name) and func.id in ("str", "repr"):
            return f"{func.id}() of a value (a named message loses its name: use message_of)"
        if isinstance(func, ast.Attribute) and func.attr in STRING_METHODS:
            return f"a .{func.attr}() call"
        found = self.callee(module, func)
        if found is None:
            return None
        target, function = found
        for returned in _own_nodes(function):
            if isinstance(returned, ast.Return) and returned.value is not None:
                why = self.why_not_named(target, returned.value, index, seen)
                if why:
                    return f"{why}, returned by {function.name}() on line {returned.lineno} " \
                           f"of {target.relative}"
        return None

    # -- what a person reads ---------------------------------------------------------------

    def messages(self, module: Module):
        """(node, message expression, label, allowed?) for each raise and Problem of `module`."""
        for node in module.nodes:
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                name = _called_name(node.exc.func)
                if name in MESSAGE_MADE_INSIDE:
                    continue
                scope = self.enclosing(module, node)
                where = (module.relative, getattr(scope, "name", "<module>"), name)
                yield node, node.exc.args[0], f"raise {name}", where in ALLOWED
            elif isinstance(node, ast.Call) and _called_name(node.func) == "Problem":
                message = node.args[3] if len(node.args) > 3 else \
                    next((k.value for k in node.keywords if k.arg == "message"), None)
                if message is not None:
                    yield node, message, "Problem", False

    def sentence_made(self, module: Module, node: ast.expr, seen: frozenset = frozenset()) -> str | None:
        """Where a said() value comes from a function of review/ that returns an English
        sentence (a value written in the call itself is a word or data, and passes)."""
        if id(node) in seen:
            return None
        seen = seen | {id(node)}
        if isinstance(node, (ast.IfExp, ast.BoolOp)):
            parts = [node.body, node.orelse] if isinstance(node, ast.IfExp) else node.values
            return next(filter(None, (self.sentence_made(module, p, seen) for p in parts)), None)
        if isinstance(node, ast.Name):
            scope = self.enclosing(module, node)
            return next(filter(None, (self.sentence_made(module, value, seen)
                                      for value, _ in self.assigned(scope, node.id))), None)
        if not isinstance(node, ast.Call) or _called_name(node.func) in {"said"} | PASSING_ON:
            return None
        found = self.callee(module, node.func)
        if found is None:
            return None
        target, function = found
        for returned in _own_nodes(function):
            if isinstance(returned, ast.Return) and returned.value is not None:
                if _sentence(returned.value):
                    return f"{function.name}() returns English on line {returned.lineno} of " \
                           f"{target.relative}"
                why = self.sentence_made(target, returned.value, seen)
                if why:
                    return why
        return None

    def said_values(self, module: Module):
        for node in module.nodes:
            if isinstance(node, ast.Call) and _called_name(node.func) == "said":
                for keyword in node.keywords:
                    yield node, keyword

    def find_sink_params(self) -> None:
        """Parameters that end up as a message as they are (to a fixed point)."""
        changed = True
        while changed:
            changed = False
            for module in self.modules.values():
                for node, message, _, allowed in self.messages(module):
                    changed |= not allowed and self._mark(module, node, message)
                for call in module.calls:
                    for argument in self.sink_arguments(module, call):
                        changed |= self._mark(module, call, argument)

    def _mark(self, module, node, message) -> bool:
        if not isinstance(message, ast.Name):
            return False
        scope = self.enclosing(module, node)
        if not _is_parameter(scope, message.id) or self.assigned(scope, message.id):
            return False
        key = (id(scope), message.id)
        if key in self.sink_params:
            return False
        self.sink_params.add(key)
        return True

    def sink_arguments(self, module: Module, call: ast.Call) -> list[ast.expr]:
        """The arguments of `call` that any function it may run makes a message as they are."""
        arguments = []
        for _, function in self.candidates(module, call.func):
            params = [a.arg for a in function.args.posonlyargs + function.args.args]
            if params and params[0] in ("self", "cls") and isinstance(call.func, ast.Attribute):
                params = params[1:]
            arguments += [a for p, a in zip(params, call.args)
                          if (id(function), p) in self.sink_params]
            arguments += [k.value for k in call.keywords
                          if (id(function), k.arg) in self.sink_params]
        return list({id(a): a for a in arguments}.values())


def _sentence(node: ast.expr) -> bool:
    """An English literal of two words or more (not a separator, a suffix or a word)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(SENTENCE.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_sentence(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _sentence(node.left) or _sentence(node.right)
    if isinstance(node, ast.IfExp):
        return _sentence(node.body) or _sentence(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(_sentence(value) for value in node.values)
    return False


def _own_nodes(scope: ast.AST):
    """The nodes of a function or module, without those of the functions defined inside it."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _is_parameter(scope: ast.AST, name: str) -> bool:
    if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    args = scope.args
    return name in {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def english_refusals() -> list[str]:
    checker = Checker(load_modules())
    checker.find_sink_params()
    found = []
    for module in checker.modules.values():
        for node, message, label, allowed in checker.messages(module):
            why = None if allowed else checker.why_not_named(module, message)
            if why:
                found.append(f"{module.relative}:{node.lineno}: {label} with {why}")
        for call in module.calls:
            for argument in checker.sink_arguments(module, call):
                why = checker.why_not_named(module, argument)
                if why:
                    found.append(f"{module.relative}:{call.lineno}: "
                                 f"{ast.unparse(call.func)}() given a message: {why}")
        for call, keyword in checker.said_values(module):
            why = checker.sentence_made(module, keyword.value)
            if why:
                found.append(f"{module.relative}:{call.lineno}: said() value {keyword.arg}: {why}")
    return sorted(set(found))


def test_every_refusal_in_review_is_a_named_message():
    found = english_refusals()
    assert not found, f"{len(found)} messages are not said(...):\n" + "\n".join(found)


def test_every_allowed_english_raise_still_exists():
    """An entry of ALLOWED whose raise is gone would let a new one through unseen."""
    checker = Checker(load_modules())
    raised = {(m.relative, getattr(checker.enclosing(m, node), "name", "<module>"), label[6:])
              for m in checker.modules.values() for node, _, label, _ in checker.messages(m)
              if label.startswith("raise ")}
    assert set(ALLOWED) <= raised, set(ALLOWED) - raised


# -- the checker itself catches what it should ---------------------------------------------

SAMPLE = '''
from .texts import said

def helper(detail):
    return f"a bad value: {detail}"

def refuse(file, message):
    raise ImportFailed([Problem(file, None, None, message)])

def named():
    return said("no-posts")

def sites(x):
    raise InvalidInput(f"no post {x}")                       # 14: f-string
    raise InvalidInput("plain")                              # 15: literal
    raise InvalidInput("a {}".format(x))                     # 16: .format
    raise InvalidInput("a " + x)                             # 17: concatenation
    why = helper(x)
    raise ValueError(why)                                    # 19: through a helper
    raise InvalidInput(said("no-posts"))
    raise InvalidInput(named())
    refuse("f", f"line {x}")                                 # 22: through a parameter
    refuse("f", said("no-posts"))
    raise InvalidInput(str(x))                               # 24: str()
    raise Cancelled("the export")
    raise InvalidInput(said("no-posts", what=helper(x)))     # 26: a sentence as a value
    raise InvalidInput(said("no-posts", what="the export", sep=", "))


class Collector:
    def report(self, line, message):
        self.problems.append(Problem("f", line, None, message))


class Other:
    def report(self, line, message):
        return None


def more(collector, error):
    collector.report(1, str(error))                          # 41: str() through a method
    collector.report(1, message_of(error))
'''


@pytest.fixture
def sample_module(tmp_path, monkeypatch):
    package = tmp_path / "review"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "sample.py").write_text(SAMPLE)
    monkeypatch.setattr(__import__(__name__, fromlist=["REVIEW"]), "REVIEW", package)
    return package


def test_the_checker_finds_each_kind_of_english_message(sample_module):
    lines = sorted(int(line.split(":")[1]) for line in english_refusals())
    assert lines == [14, 15, 16, 17, 19, 22, 24, 26, 41], english_refusals()
