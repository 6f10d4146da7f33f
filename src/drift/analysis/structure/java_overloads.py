"""Java's side of call resolution: overloads and the repository's class index.

A Java call names a method that several overloads may share. Which one it reaches is decided
as the compiler does, as far as the caller's text tells: by argument count first, then by the
known types of the arguments (``best_fit``: identity, widening, boxing, a repository class
passed as one of its supertypes, arrays, variable arity), the most specific of those that fit
(JLS 15.12.2.5) winning. ``java_overloads`` groups each file's methods into those sets;
``java_classes`` and ``java_fields`` index the repository's classes by package-qualified name,
which ``CallResolver`` uses to follow a qualified name or a field to its class.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from drift.analysis.structure.symbols import (
    FileScope,
)
from drift.scan.lang_java import promoted
from drift.scan.model import (
    LAMBDA,
    NUMBER,
    CallSite,
    Class,
    Function,
)

_NO_ROWS: Mapping[tuple[str, int], int] = MappingProxyType({})


class Supertypes(NamedTuple):
    """The names an argument may be passed as (``_fits``). Of a repository class: its own,
    its ancestors', and those every class, enum or record has (``Object``, ``Comparable``,
    …), when it has no library class or interface among its ancestors but those that extend
    nothing (``Comparable``, ``Serializable``). ``closed``: they are all."""

    names: frozenset[str]
    closed: bool


class Overloads(NamedTuple):
    """One set of Java overloads: the fixed-arity ones by parameter count, and the variable
    arity one (``log(String format, Object... args)``) as its fewest arguments and id."""

    fixed: dict[int, int]
    varargs: tuple[int, int] | None
    owner: tuple[str, str, str] | None = None
    """(file, class, method name): where to look on when no overload takes the call."""
    typed: Mapping[int, tuple[tuple[int, tuple[str, ...]], ...]] = {}
    """For a count several overloads share, or any count when there is a variable-arity one:
    each one's id and parameter types, the one ``fixed`` holds first."""
    rest: tuple[str, ...] = ()
    """The variable-arity one's parameter types, its last one's element type last."""

    def pick(
        self,
        arg_count: int,
        argument_types: Sequence[str] = (),
        supertypes: Sequence[Supertypes | None] = (),
        avoid: int | None = None,
    ) -> Pick | None:
        """The overload a call with ``arg_count`` arguments reaches: a fixed-arity one of that
        count first, as Java's own first phase does (of several, the one the arguments' known
        types fit best: ``print('x')`` is ``print(char)``, not ``print(Object)``; see
        ``best_fit``, which ``avoid`` is passed to), unless the known types rule out every one
        of them and fit the variable-arity one (Java's third phase: ``log("%d", id)`` with an
        ``int`` is ``log(String, Object...)``, not ``log(String, Throwable)``); else the
        variable-arity one if the count reaches it, else none: the method the call reaches is
        another class's (a library base's ``repaint()`` beside the repository's
        ``repaint(long, int, int, int, int)``). ``supertypes``: for an argument of a
        repository class whose every ancestor the repository defines, the names of all its
        supertypes (``_fits``)."""
        chosen = self.fixed.get(arg_count)
        if chosen is not None:
            several = self.typed.get(arg_count)
            if not several:
                return Pick(chosen)
            fit = best_fit(several, argument_types or [""] * arg_count, supertypes, avoid)
            if fit is None and self.varargs is not None and self._takes(argument_types, supertypes):
                return Pick(self.varargs[1])
            if fit is None:  # the types known rule out every one: a guess among them all
                return best_fit(several, [""] * arg_count, (), avoid)
            return fit
        if self.varargs is not None and arg_count >= self.varargs[0]:
            return Pick(self.varargs[1])
        return None

    def _takes(
        self, argument_types: Sequence[str], supertypes: Sequence[Supertypes | None]
    ) -> bool:
        """Whether the variable-arity overload can take arguments of these known types (its
        fixed parameters, then its last one's element type for each argument after them, or
        its array type for one array: ``invokeAll(tasks.toArray(new ForkJoinTask<?>[0]))``)."""
        if self.varargs is None or len(argument_types) < self.varargs[0] or not self.rest:
            return False
        fixed, element = self.rest[:-1], self.rest[-1]
        if not all(
            _fits(argument, fixed[at], _at(supertypes, at)) >= 0
            for at, argument in enumerate(argument_types[: len(fixed)])
        ):
            return False
        rest = argument_types[len(fixed) :]
        if len(rest) == 1 and _fits(rest[0], f"{element}[]") >= 0:
            return True
        return all(
            _fits(argument, element, _at(supertypes, at + len(fixed))) >= 0
            for at, argument in enumerate(rest)
        )


def _by_class_body(scope: FileScope) -> Iterator[list[Function]]:
    """A Java file's functions by qualified name, those of one name apart by the class body
    they are in: the ``ReducingSink`` of each of ReduceOps's two ``makeRef`` overloads has an
    ``accept`` of its own, which are no overloads of each other."""
    bodies: dict[str, list[Class]] | None = None
    for definitions in scope.by_qualified.values():
        if len(definitions) < 2:
            yield definitions
            continue
        if bodies is None:
            bodies = {}
            for cls in scope.result.classes:
                bodies.setdefault(cls.qualified_name, []).append(cls)
        classes = bodies.get(definitions[0].qualified_name.rpartition(".")[0], ())
        if len(classes) < 2:
            yield definitions
            continue
        apart: dict[int, list[Function]] = {}
        for fn in definitions:
            body = next((c.line for c in classes if c.line <= fn.line <= c.end_line), 0)
            apart.setdefault(body, []).append(fn)
        yield from apart.values()


def java_overloads(
    scopes: Mapping[str, FileScope], ids: Mapping[str, Mapping[tuple[str, int], int]]
) -> dict[int, Overloads]:
    """Java's methods by name: for each one's id, the set of its overloads (``Overloads``,
    one method alone too; for a count several share, ``getObject(int, Map)`` and
    ``getObject(String, Map)``, each one's parameter types, which ``Overloads.pick``
    compares with the call's arguments). Resolution finds a method by name; the call's
    argument count then picks among the overloads (``getBodyAsync(e, bs)`` and
    ``getBodyAsync(e, bs, cf)`` are two methods, and the first calling the second is no
    recursion; ``log("%s %s", a, b)`` reaches ``log(String, Object...)``), or finds none of
    that count (Swing's 118 ``repaint()`` calls had reached ``JComponent.repaint(long, int,
    int, int, int)``)."""
    overloads: dict[int, Overloads] = {}
    for path, scope in scopes.items():
        if scope.result.language != "java":
            continue
        file_ids = ids.get(path, _NO_ROWS)
        for definitions in _by_class_body(scope):
            fixed: dict[int, int] = {}
            static: set[int] = set()  # counts whose overload in ``fixed`` is static
            varargs: tuple[int, int] | None = None
            rest: tuple[str, ...] = ()
            of_count: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
            for fn in definitions:
                row = file_ids.get((fn.name, fn.line))
                if row is None:
                    continue
                count = len(fn.parameters)
                if fn.parameters and fn.parameters[-1].is_rest:
                    if varargs is None:
                        varargs = (count - 1, row)
                        rest = parameter_types(fn)
                    continue
                typed = (row, parameter_types(fn))
                if count not in fixed or (count in static and not fn.is_static):
                    # An instance overload before a static one of the count: most calls
                    # are on instances (javac's ``concat.makeConcat(tree)``).
                    fixed[count] = row
                    static.discard(count)
                    if fn.is_static:
                        static.add(count)
                    of_count.setdefault(count, []).insert(0, typed)
                else:
                    of_count.setdefault(count, []).append(typed)
            if fixed or varargs is not None:
                first = definitions[0]
                owner = (path, first.class_name, first.name) if first.class_name else None
                # With a variable-arity overload, one fixed-arity overload of a count is a
                # choice too: the arguments' types may rule it out.
                several = {
                    n: tuple(found)
                    for n, found in of_count.items()
                    if len(found) > 1 or varargs is not None
                }
                found = Overloads(fixed, varargs, owner, several, rest)
                # Every overload, not only the first of each count: one the arguments pick
                # belongs to the set the call's name resolved to (and keeps its label).
                rows = [row for group in of_count.values() for row, _ in group]
                for row in (*rows, *([varargs[1]] if varargs else [])):
                    overloads[row] = found
    return overloads


def parameter_types(fn: Function) -> tuple[str, ...]:
    """A Java method's parameter types as overloads compare them (``java_type``)."""
    return tuple(java_type(p.type) for p in fn.parameters)


def takes_parameters_of(fn: Function, parameters: tuple[str, ...]) -> bool:
    """Whether a Java method of a subclass takes the parameter types of the one called, so
    overrides it: the same types, by simple name, a type variable (``""``) any."""
    return all(
        not mine or not theirs or mine.rsplit(".", 1)[-1] == theirs.rsplit(".", 1)[-1]
        for mine, theirs in zip(parameter_types(fn), parameters, strict=True)
    )


def java_fields(
    scopes: Mapping[str, FileScope],
) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """The fields of the repository's Java classes, an enum's constants among them, by (class
    simple name, field): each one's class qualified with its package
    (``jdk.internal.net.http.hpack.HPACK.Logger.Level``), its file and its declared type."""
    found: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for path, cls, name in _java_class_names(scopes):
        for field, kind in cls.fields:
            if kind:  # an enum's constant (``NORMAL`` of ``Level``) is of its enum
                found.setdefault((cls.name, field), []).append((name, path, kind))
    return found


def _java_class_names(scopes: Mapping[str, FileScope]) -> Iterator[tuple[str, Class, str]]:
    """Each Java class of the repository with its file and its name qualified with its
    package (``jdk.internal.net.http.hpack.HPACK.Logger``)."""
    for path, scope in scopes.items():
        result = scope.result
        if result.language != "java":
            continue
        for cls in result.classes:
            package = result.package
            yield path, cls, f"{package}.{cls.qualified_name}" if package else cls.qualified_name


JavaClasses = tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]
"""``CallResolver._java_classes``: the classes by qualified name, and the reverse."""


def java_classes(scopes: Mapping[str, FileScope]) -> JavaClasses:
    by_name: dict[str, tuple[str, str]] = {}
    names: dict[tuple[str, str], str] = {}
    for path, cls, name in _java_class_names(scopes):
        names[path, cls.name] = name
        by_name[name] = (path, cls.name)
    return by_name, names


JAVA_PRIMITIVES = frozenset({"byte", "short", "char", "int", "long", "float", "double", "boolean"})
# Widening primitive conversions (JLS 5.1.2): what each primitive passes to unboxed.
_JAVA_WIDER: Mapping[str, frozenset[str]] = {
    "byte": frozenset({"short", "int", "long", "float", "double"}),
    "short": frozenset({"int", "long", "float", "double"}),
    "char": frozenset({"int", "long", "float", "double"}),
    "int": frozenset({"long", "float", "double"}),
    "long": frozenset({"float", "double"}),
    "float": frozenset({"double"}),
    "double": frozenset(),
    "boolean": frozenset(),
}
_JAVA_BOXES = {
    "Character": "char", "Integer": "int", "Long": "long", "Float": "float",
    "Double": "double", "Boolean": "boolean", "Short": "short", "Byte": "byte",
}  # fmt: skip
_JAVA_BOX_OF = {primitive: box for box, primitive in _JAVA_BOXES.items()}
# What a boxed value passes to besides its own class (JLS 5.1.7, then widening reference).
_JAVA_BOXED_SUPERTYPES = frozenset({"Object", "Comparable", "Serializable", "Constable"})
_JAVA_NUMBER_BOXES = frozenset({"Byte", "Short", "Integer", "Long", "Float", "Double"})
# What arithmetic of unknown width (``NUMBER``: ``int`` or wider) may pass to.
_JAVA_NUMBER_TAKERS = frozenset(
    {"int", "long", "float", "double", "Integer", "Long", "Float", "Double", "Number"}
    | _JAVA_BOXED_SUPERTYPES
)
_JAVA_FINAL = frozenset({"String", *_JAVA_BOXES, "Class"})
_JAVA_NO_FUNCTION = frozenset({*JAVA_PRIMITIVES, *_JAVA_FINAL, "Object", "Number"})
# What well-known library methods return, for an argument that calls one: static ones by
# class, and any object's (``Object``'s own, and a ``String``'s on one).
_JAVA_STATIC_RESULTS: Mapping[tuple[str, str], str] = {
    ("String", "valueOf"): "String", ("String", "format"): "String",
    ("String", "join"): "String", ("Integer", "parseInt"): "int",
    ("Long", "parseLong"): "long", ("Integer", "valueOf"): "Integer",
    ("Long", "valueOf"): "Long", ("Integer", "toString"): "String",
    ("Long", "toString"): "String", ("Math", "toIntExact"): "int",
    ("Math", "round"): NUMBER, ("System", "currentTimeMillis"): "long",
    ("System", "nanoTime"): "long", ("Objects", "toString"): "String",
    ("Objects", "hash"): "int", ("Objects", "equals"): "boolean",
}  # fmt: skip
_JAVA_OBJECT_RESULTS: Mapping[str, str] = {
    "toString": "String", "hashCode": "int", "equals": "boolean", "getClass": "Class",
    # a box's or a ``Number``'s value (``new Character(ch).charValue()``)
    **{f"{kind}Value": kind for kind in (
        "int", "long", "double", "float", "short", "byte", "char", "boolean",
    )},
}  # fmt: skip
_JAVA_STRING_RESULTS: Mapping[str, str] = {
    **dict.fromkeys(
        ("substring", "replace", "replaceAll", "trim", "strip", "toUpperCase", "toLowerCase",
         "concat", "repeat", "intern"),
        "String",
    ),
    **dict.fromkeys(
        ("length", "indexOf", "lastIndexOf", "compareTo", "compareToIgnoreCase", "codePointAt"),
        "int",
    ),
    **dict.fromkeys(
        ("isEmpty", "isBlank", "startsWith", "endsWith", "contains", "matches",
         "equalsIgnoreCase"),
        "boolean",
    ),
    "charAt": "char",
}  # fmt: skip
# ``Math``'s methods whose result is their arguments' promoted type (``Math.abs(x)``).
_JAVA_MATH_PROMOTING = frozenset(
    {"abs", "max", "min", "addExact", "subtractExact", "multiplyExact", "negateExact",
     "incrementExact", "decrementExact", "floorDiv"}
)  # fmt: skip


def library_result(call: CallSite, arguments: Sequence[str]) -> str:
    """The type a well-known library method a Java argument calls returns (``""`` for any
    other): ``String.valueOf(…)``, ``Math.max(a, b)`` of its arguments' types, ``x.toString()``,
    a ``String``'s ``s.length()``, a collection's ``c.toArray(new T[0])`` its argument's."""
    callee = call.callee
    owner = call.receiver_type or call.receiver
    if owner == "Math" and callee in _JAVA_MATH_PROMOTING:
        return promoted(*arguments) if arguments else ""
    if owner is not None and (owner, callee) in _JAVA_STATIC_RESULTS:
        return _JAVA_STATIC_RESULTS[owner, callee]
    if owner == "String" and callee in _JAVA_STRING_RESULTS:
        return _JAVA_STRING_RESULTS[callee]
    if callee == "toArray" and call.arg_count < 2:  # a collection's
        given = arguments[0] if arguments else "Object[]"
        return given if given.endswith("[]") else ""
    known = _JAVA_OBJECT_RESULTS.get(callee)
    takes = 1 if callee == "equals" else 0  # ``Object``'s, not a namesake of other arity
    return known if known is not None and call.arg_count == takes else ""


_ANNOTATION = re.compile(r"@[\w.]+(?:\([^)]*\))?\s*")


def java_type(written: str | None) -> str:
    """A parameter's type as overloads compare it: as written, arrays and qualifiers kept
    (``System.Logger.Level``), type arguments and ``final`` left out; ``""`` for none or a
    type variable (``T``)."""
    if not written:
        return ""
    kept = _ANNOTATION.sub("", written).replace("final ", "").strip()
    while "<" in kept:  # ``Map<K, List<V>>``: the outermost arguments go
        start = kept.find("<")
        depth, end = 0, start
        for end in range(start, len(kept)):
            depth += {"<": 1, ">": -1}.get(kept[end], 0)
            if depth == 0:
                break
        kept = kept[:start] + kept[end + 1 :]
    name = kept.replace(" ", "")
    simple = name.rsplit(".", 1)[-1]
    return "" if len(simple.rstrip("[]")) == 1 and simple[0].isupper() else name


_JAVA_ARRAY_SUPERTYPES = frozenset({"Object", "Cloneable", "Serializable"})
# The JDK's interfaces that extend none: a class implementing one is no library class's
# subclass, nor of another type but these (``ZoneOffset implements Comparable<ZoneOffset>``).
JAVA_LEAF_INTERFACES = frozenset(
    {"Comparable", "Serializable", "Cloneable", "Runnable", "AutoCloseable", "CharSequence",
     "Iterable", "Appendable", "Readable", "RandomAccess", "EventListener", "Remote",
     "Constable"}
)  # fmt: skip
# The JDK's functional interfaces a lambda or method reference is most often given as.
JAVA_FUNCTIONAL = frozenset(
    {"Runnable", "Callable", "Comparator", "Supplier", "Consumer", "BiConsumer", "Function",
     "BiFunction", "Predicate", "BiPredicate", "UnaryOperator", "BinaryOperator",
     "IntFunction", "IntUnaryOperator", "IntBinaryOperator", "IntPredicate", "IntConsumer",
     "IntSupplier", "LongFunction", "LongUnaryOperator", "LongBinaryOperator", "LongSupplier",
     "ToIntFunction", "ToLongFunction", "ToDoubleFunction", "DoubleUnaryOperator",
     "DoubleBinaryOperator", "BooleanSupplier", "ObjIntConsumer", "ToIntBiFunction",
     "ToLongBiFunction", "ToDoubleBiFunction", "DoubleFunction", "IntToLongFunction"}
)  # fmt: skip
# What any class, enum or record may be passed as besides its declared ancestors.
JAVA_IMPLICIT_SUPERTYPES = frozenset(
    {"Object", "Enum", "Record", "Comparable", "Serializable", "Constable"}
)


def _fits(argument: str, parameter: str, supertypes: Supertypes | None = None) -> int:
    """How well an argument's known type fits a parameter's: 2 the same, 1 by widening,
    boxing or a supertype Java names, 0 unknown, -1 never (``"x"`` for an ``int``).
    ``supertypes``: the names the argument's class is known to be passed as (its repository
    ancestry's), all of them when the repository knows its whole ancestry; an argument of
    another class may be of any subclass of a library's class (a ``Conn`` that ``extends
    IOException``), so no parameter rules it out."""
    if not argument or not parameter:
        return 0
    if argument == parameter:
        return 2
    if "." in argument or "." in parameter:
        # ``HPACK.Logger.Level`` is a ``Level`` parameter's type, not ``System.Logger.Level``'s
        same = same_qualified(argument, parameter)
        if same is not None:
            return 2 if same else -1
        argument, parameter = argument.rsplit(".", 1)[-1], parameter.rsplit(".", 1)[-1]
    if argument == NUMBER:
        return 0 if parameter in _JAVA_NUMBER_TAKERS else -1
    if argument == LAMBDA:  # a functional interface only
        if parameter in _JAVA_NO_FUNCTION or parameter.endswith("[]"):
            return -1
        return 1 if supertypes is not None and parameter in supertypes.names else 0
    if argument.endswith("[]") or parameter.endswith("[]"):
        return _fits_array(argument, parameter, supertypes)
    primitive = parameter in JAVA_PRIMITIVES
    if argument == "null":
        return -1 if primitive else 1
    unboxed = _JAVA_BOXES.get(argument)
    if argument in JAVA_PRIMITIVES or unboxed is not None:
        return 1 if _converts(argument, parameter) else -1
    if primitive:
        return -1
    if parameter == "Object":
        return 1
    if argument == "Object":
        return -1  # ``(Object) e``: no type but ``Object`` (or a type variable) takes it
    if argument == "String" and parameter in ("CharSequence", "Comparable", "Serializable"):
        return 1
    if argument in _JAVA_FINAL or parameter in _JAVA_FINAL:
        return -1
    if supertypes is not None and parameter in supertypes.names:
        return 1
    if supertypes is not None and supertypes.closed:
        return -1  # ``Decoder``, of no library base, is no ``Throwable``
    return 0


def _converts(argument: str, parameter: str) -> bool:
    """Whether a primitive or boxed argument passes to another type: by widening (a ``short``
    to an ``int``: JLS 5.1.2), boxing (an ``int`` to an ``Integer``, a ``Number``, an
    ``Object``), or unboxing and then widening (an ``Integer`` to a ``long``)."""
    unboxed = _JAVA_BOXES.get(argument, argument)
    if parameter in JAVA_PRIMITIVES:
        return parameter == unboxed or parameter in _JAVA_WIDER[unboxed]
    box = _JAVA_BOX_OF[unboxed]
    return (
        parameter == box
        or parameter in _JAVA_BOXED_SUPERTYPES
        or (parameter == "Number" and box in _JAVA_NUMBER_BOXES)
    )


def _boxes(argument: str, parameter: str) -> bool:
    """Whether passing the argument needs boxing or unboxing: Java's first phase of overload
    resolution takes only the overloads that need none (``m(long)`` before ``m(Integer)`` for
    an ``int``)."""
    argument, parameter = argument.rsplit(".", 1)[-1], parameter.rsplit(".", 1)[-1]
    if argument in JAVA_PRIMITIVES:
        return bool(parameter) and parameter not in JAVA_PRIMITIVES
    return argument in _JAVA_BOXES and parameter in JAVA_PRIMITIVES


def _fits_array(argument: str, parameter: str, supertypes: Supertypes | None) -> int:
    """``_fits`` where the argument or the parameter is an array. An array fits an array of
    its element's type, or of a supertype of it unless primitive (an ``int[]`` is no
    ``long[]``), and of the classes beside ``Object`` every array is; nothing else is an
    array but ``null`` and what a class of unknown ancestry may be (a type variable)."""
    if argument == "null":
        return 1
    if argument.endswith("[]") and parameter.endswith("[]"):
        element, taking = argument[:-2], parameter[:-2]
        if element in JAVA_PRIMITIVES or taking in JAVA_PRIMITIVES:
            return 2 if element == taking else -1
        return min(_fits(element, taking), 1)
    if argument.endswith("[]"):
        return 1 if parameter in _JAVA_ARRAY_SUPERTYPES else -1
    closed = supertypes is not None and supertypes.closed
    return -1 if argument in JAVA_PRIMITIVES or argument in _JAVA_FINAL or closed else 0


def same_qualified(argument: str, parameter: str) -> bool | None:
    """Whether two types of one simple name, one of them qualified, are the same type: the
    shorter name a qualified ending of the longer; None when their simple names differ."""
    left, right = argument.split("."), parameter.split(".")
    if left[-1] != right[-1]:
        return None
    shorter, longer = sorted((left, right), key=len)
    return longer[len(longer) - len(shorter) :] == shorter


def _at(supertypes: Sequence[Supertypes | None], at: int) -> Supertypes | None:
    return supertypes[at] if at < len(supertypes) else None


class Pick(NamedTuple):
    """The overload a call reaches, and those it ties with: the arguments' known types fit
    them as well (an argument of unknown type would tell them apart), so the pick is a
    guess."""

    row: int
    ties: tuple[int, ...] = ()


def best_fit(
    candidates: Sequence[tuple[int, tuple[str, ...]]],
    argument_types: Sequence[str],
    supertypes: Sequence[Supertypes | None] = (),
    avoid: int | None = None,
) -> Pick | None:
    """Of one arity's overloads, the one the arguments fit best, or None when none can take
    them. As Java does, those needing no boxing come first, and of several that fit as well
    the most specific (``m(int)`` before ``m(long)`` for a ``short``) when every argument's
    type is known; else they tie: the first of them is taken, but never ``avoid`` (the caller:
    ``now(Clock.system(zone))`` in ``now(ZoneId)`` is no recursion while ``now(Clock)`` fits as
    well)."""
    fitting: list[tuple[int, bool, int, tuple[str, ...]]] = []
    for row, parameters in candidates:
        pairs = list(zip(argument_types, parameters, strict=False))
        scores = [_fits(a, p, _at(supertypes, at)) for at, (a, p) in enumerate(pairs)]
        if all(score >= 0 for score in scores):
            boxing = any(_boxes(a, p) for a, p in pairs)
            fitting.append((sum(scores), boxing, row, parameters))
    if not fitting:
        return None
    if not all(boxing for _, boxing, _, _ in fitting):
        fitting = [fit for fit in fitting if not fit[1]]
    top = max(total for total, _, _, _ in fitting)
    best = [(row, parameters) for total, _, row, parameters in fitting if total == top]
    if len(best) == 1:
        return Pick(best[0][0])
    if all(kind and kind != NUMBER for kind in argument_types):
        specific = _most_specific(best)
        if specific is not None:
            return Pick(specific)
    rows = [row for row, _ in best]
    chosen = next((row for row in rows if row != avoid), rows[0])
    return Pick(chosen, tuple(row for row in rows if row != chosen))


def _most_specific(candidates: Sequence[tuple[int, tuple[str, ...]]]) -> int | None:
    """The overload each of whose parameters passes to the others' (JLS 15.12.2.5), if one."""
    for row, parameters in candidates:
        if all(
            other == row
            or all(_fits(mine, theirs) > 0 for mine, theirs in zip(parameters, types, strict=True))
            for other, types in candidates
        ):
            return row
    return None
