"""Data boundaries: ORM models and their fields (Django, SQLAlchemy, TypeORM, GORM, JPA;
Prisma schemas are read by ``drift.analysis.structure.prisma``, Mongoose schemas and Sequelize
models by ``drift.analysis.structure.js_models``).

Each model gives one row without a field and one row per field; ``sensitivity`` classifies a
field by its name (see ``sensitivity``). Rules:

- **Django** (the file imports ``django``): classes deriving from ``models.Model``, ``Model``,
  ``AbstractUser``, ``AbstractBaseUser`` or from another model class of the file, and classes
  on a base imported by name with Django fields of their own in a models module or on a base
  imported from one (``from tests.models import RESTFrameworkModel``; Django's own
  ``django.db.models`` and ``django.forms.models`` aside), or a model's own ``Meta`` (a form's
  or serializer's names a ``model``: no model). Fields are
  class-level ``name = models.XField(…)`` / ``ForeignKey`` / ``OneToOneField`` /
  ``ManyToManyField``. Table: ``Meta.db_table``, else Django's default ``<app>_<model>``
  (``<app>`` = ``Meta.app_label``, else the directory holding ``models.py`` or the ``models/``
  package, or the module's own package for a model defined elsewhere); a proxy model
  (``Meta.proxy = True``) has its parent's table (none known for another file's). An
  abstract model (``Meta.abstract = True``) has no table; a model deriving from an abstract
  model of the file has that model's fields too, as Django copies them into its table.
  Confidence 0.95.
- **SQLAlchemy** (imports ``sqlalchemy``, ``flask_sqlalchemy`` or ``sqlmodel``): classes with a
  ``__tablename__``, or deriving from a declarative base (``Base``, ``db.Model``, a name bound to
  ``declarative_base()``, or a class of the file deriving from ``DeclarativeBase``) that declare
  at least one column. Fields are ``name = Column(…)``, ``name: Mapped[…] = mapped_column(…)``
  and bare ``name: Mapped[…]``; relationships are not columns (nor a bare ``Mapped`` of a
  collection, of a quoted class or of a class of the file). Table: ``__tablename__``; a subclass
  of a model of the file without one of its own is single-table inheritance, in its parent's
  table; with Flask-SQLAlchemy, a model with a key of its own is named after its class in
  snake_case. A base with ``__abstract__ = True`` has no table and lends its columns, and so
  does a mixin of the file (a plain class declaring columns).
  Confidence 0.95 with a ``__tablename__``, else 0.8.
- **SQLModel** (imports ``sqlmodel``): a class deriving from ``SQLModel``, or from such a class
  of the file, is a table only with ``table=True`` among its class arguments; the others are
  data schemas (``HeroCreate``) and give no rows. A class with ``table=True`` is a table
  whatever its bases (``class User(UserBase, table=True)`` with ``UserBase`` another file's).
  Fields are the annotated class attributes, with or without ``= Field(…)``, including those
  of its SQLModel bases in the file (another file's base lends none);
  ``Relationship(…)``, ``ClassVar`` and ``_private`` attributes are not columns. Table:
  ``__tablename__``, else the class name in lower case (SQLModel's default). Confidence 0.95.
- **TypeORM** (imports ``typeorm``): classes decorated ``@Entity`` or ``@ChildEntity``; fields
  are the properties under ``@Column``, ``@PrimaryGeneratedColumn``, ``@PrimaryColumn``,
  ``@CreateDateColumn``, ``@UpdateDateColumn``, ``@DeleteDateColumn``, ``@VersionColumn`` or
  ``@ObjectIdColumn``, those of its bases in the file first (an abstract ``Contact`` lends its
  columns to ``Person``). Table: the ``@Entity("name")``/``@Entity({ name: "…" })`` argument,
  else the class name in snake_case (TypeORM's default naming); a ``@ChildEntity`` is in its
  parent entity's table (single-table inheritance). Confidence 0.95.
- **GORM** (a Go file mentioning ``gorm``): structs that embed ``gorm.Model`` (its ``ID``,
  ``CreatedAt``, ``UpdatedAt``, ``DeletedAt`` first) or tag a field ``gorm:"…"``; fields are the
  exported named fields, but ``gorm:"-"`` and relations (``[]Post``, a model of the file, a
  ``foreignKey``/``many2many``/``references`` tag). Table: a ``TableName()`` method's
  literal, else the name in snake_case and the plural (``UserProfile`` → ``user_profiles``),
  GORM's default naming. Confidence 0.95 with ``TableName``, else 0.85.
- **JPA** (imports ``javax.persistence`` or ``jakarta.persistence``): classes annotated
  ``@Entity``; fields are the class's own field declarations (one per line), but for
  ``static`` and ``transient`` ones, those under ``@Transient``, and the relations
  (``@OneToMany``, ``@ManyToOne``, ``@OneToOne``, ``@ManyToMany``), as for TypeORM. Table: the
  ``@Table(name = "…")`` argument, else the class name (JPA's default entity name).
  Confidence 0.95.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator

from drift.analysis.prose import ProseSpans
from drift.analysis.structure.js_models import mongoose_models, sequelize_models
from drift.analysis.structure.prisma import is_prisma_schema, prisma_boundaries
from drift.analysis.structure.sensitivity import classify_field
from drift.analysis.structure.table_names import plural, snake_case
from drift.records.analysis import BoundaryRow
from drift.scan.model import Class, ParseResult

DJANGO = "django"
SQLALCHEMY = "sqlalchemy"
SQLMODEL = "sqlmodel"
TYPEORM = "typeorm"
JPA = "jpa"
GORM = "gorm"
MONGOOSE = "mongoose"
SEQUELIZE = "sequelize"

_DJANGO_BASES = frozenset({"models.Model", "Model", "AbstractUser", "AbstractBaseUser"})
_DJANGO_FIELD = re.compile(
    r"^[ \t]+(?P<name>\w+)[ \t]*(?::[^=\n]+)?=[ \t]*(?:models\.)?"
    r"(?P<kind>\w*Field|ForeignKey|OneToOneField|ManyToManyField)\("
)
_DB_TABLE = re.compile(r"\bdb_table[ \t]*=[ \t]*['\"](?P<table>[^'\"]+)['\"]")
# A model's ``Meta`` options, and those of a ``ModelForm``'s or a serializer's ``Meta``.
_MODEL_META = re.compile(
    r"^[ \t]+(?:db_table|abstract|proxy|app_label|ordering|verbose_name(?:_plural)?|managed|"
    r"unique_together|index_together|indexes|constraints|get_latest_by|db_tablespace)[ \t]*=",
    re.M,
)
_FORM_META = re.compile(r"^[ \t]+(?:model|fields|exclude|widgets|read_only_fields)[ \t]*=", re.M)
_ABSTRACT_MODEL = re.compile(r"^[ \t]+abstract[ \t]*=[ \t]*True\b", re.M)
_PROXY_MODEL = re.compile(r"^[ \t]+proxy[ \t]*=[ \t]*True\b", re.M)
_APP_LABEL = re.compile(r"^[ \t]+app_label[ \t]*=[ \t]*['\"](?P<app>[^'\"]+)['\"]", re.M)

_SA_DECLARATIVE = frozenset({"DeclarativeBase", "DeclarativeBaseNoMeta", "orm.DeclarativeBase"})
_SA_BASES = frozenset({"Base", "db.Model", "Model"})
_SA_BASE_FACTORY = re.compile(r"^(?P<name>\w+)[ \t]*=[ \t]*(?:\w+\.)*declarative_base\(", re.M)
_SA_COLUMN = re.compile(
    r"^[ \t]+(?P<name>\w+)[ \t]*(?::[^=\n]+)?=[ \t]*(?:\w+\.)?(?:Column|mapped_column|Field)\("
)
_SA_MAPPED = re.compile(
    r"^[ \t]+(?P<name>\w+)[ \t]*:[ \t]*(?:\w+\.)?Mapped\[(?P<type>[^=\n]*)\][ \t]*$"
)
# A bare ``Mapped[…]`` of a collection, of a quoted (forward) class or of a class of the file
# is a relationship, not a column: ``members: Mapped[List["User"]]``.
_SA_COLLECTION = re.compile(r"^(?:typing\.)?(?:List|Set|Dict|list|set|dict|Sequence)\[")
_SA_ABSTRACT = re.compile(r"^[ \t]+__abstract__[ \t]*=[ \t]*True\b")
_SA_TABLENAME = re.compile(r"^[ \t]+__tablename__[ \t]*=[ \t]*['\"](?P<table>[^'\"]+)['\"]")

_SQLMODEL_BASES = frozenset({"SQLModel", "sqlmodel.SQLModel"})
_CLASS_ARGUMENTS = re.compile(r"^[ \t]*class[ \t]+\w+[ \t]*\((?P<arguments>[^)]*)\)", re.M)
_TABLE_TRUE = re.compile(r"\btable[ \t]*=[ \t]*True\b")
_ANNOTATED = re.compile(
    r"^[ \t]+(?P<name>[A-Za-z]\w*)[ \t]*:[ \t]*(?P<annotation>[^=\n]+?)[ \t]*"
    r"(?:=[ \t]*(?P<value>.*))?$"
)
_NOT_COLUMN_VALUE = re.compile(r"(?:\w+\.)?Relationship\(")

_TYPEORM_COLUMN = re.compile(
    r"@(?:Column|PrimaryGeneratedColumn|PrimaryColumn|CreateDateColumn|UpdateDateColumn"
    r"|DeleteDateColumn|VersionColumn|ObjectIdColumn)\b"
)
_TS_PROPERTY = re.compile(
    r"^[ \t]*(?:(?:public|private|protected|readonly|declare|override|static)[ \t]+)*"
    r"(?P<name>[A-Za-z_$][\w$]*)[?!]?[ \t]*[:;=]"
)
_ENTITY_NAME = re.compile(
    r"^\s*(?:['\"`](?P<plain>[^'\"`]+)['\"`]|\{[^}]*\bname\s*:\s*['\"`]"
    r"(?P<named>[^'\"`]+)['\"`])"
)


def _imports(result: ParseResult, *prefixes: str) -> bool:
    """Whether the file imports one of the modules or a submodule of one."""
    names = frozenset(prefixes)
    parents = tuple(f"{p}{separator}" for p in prefixes for separator in "./")
    return any(imp.source in names or imp.source.startswith(parents) for imp in result.imports)


def _row(
    path: str,
    framework: str,
    *,
    model: str,
    table: str | None,
    field: str | None,
    confidence: float,
) -> BoundaryRow:
    return BoundaryRow(
        id=0,
        file=path,
        framework=framework,
        model_name=model,
        table_name=table,
        field_name=field,
        sensitivity=classify_field(field) if field is not None else None,
        confidence=confidence,
        created_at=0,
    )


def _model_rows(
    path: str,
    framework: str,
    *,
    model: str,
    table: str | None,
    fields: list[str],
    confidence: float,
) -> Iterator[BoundaryRow]:
    yield _row(path, framework, model=model, table=table, field=None, confidence=confidence)
    seen: set[str] = set()
    for name in fields:
        if name not in seen:
            seen.add(name)
            yield _row(path, framework, model=model, table=table, field=name, confidence=confidence)


def _own_lines(result: ParseResult, cls: Class, lines: list[str]) -> Iterator[str]:
    """The lines of a class body outside its nested classes and methods."""
    nested: set[int] = set()
    for fn in result.functions:
        if cls.line < fn.line <= cls.end_line:
            nested.update(range(fn.line, fn.end_line + 1))
    for inner in result.classes:
        if cls.line < inner.line and inner.end_line <= cls.end_line:
            nested.update(range(inner.line, inner.end_line + 1))
    for number in range(cls.line + 1, min(cls.end_line, len(lines)) + 1):
        if number not in nested:
            yield lines[number - 1]


def _body_statements(own: Iterable[str]) -> list[str]:
    """The lines of a class body that start a statement: not the lines a bracket left open
    continues (``output_field=models.IntegerField()`` inside Django's ``GeneratedField(…)``
    is no field of the model); a statement inside ``if``/``try`` in the body is one."""
    statements = []
    depth = 0
    for line in own:
        if depth <= 0:
            depth = 0
            statements.append(line)
        code = _PY_STRING.sub("", line).split("#", 1)[0]
        depth += sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
    return statements


_PY_STRING = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")


def _imported_names(result: ParseResult) -> frozenset[str]:
    """The names a Python file imports by name (``from core.base import TimeStamped``)."""
    return frozenset(n.alias or n.name for imp in result.imports for n in imp.names)


# Django's own modules named ``models`` hold no user's models: a ``Func`` or a ``ModelForm`` with
# fields is none.
_DJANGO_OWN_MODELS = ("django.db.", "django.forms.")


def _from_models_modules(result: ParseResult) -> frozenset[str]:
    """The names a Python file imports from a models module (``from tests.models import
    RESTFrameworkModel``, ``from .models import Base``, ``from app.models.base import X``),
    Django's own ``db.models`` and ``forms.models`` aside."""
    return frozenset(
        n.alias or n.name
        for imp in result.imports
        if "models" in imp.source.lstrip(".").split(".")
        and not f"{imp.source}.".startswith(_DJANGO_OWN_MODELS)
        for n in imp.names
    )


def _base_name(written: str) -> str:
    return written.split("[", 1)[0].split("(", 1)[0].strip()


def _meta_text(result: ParseResult, cls: Class, lines: list[str]) -> str:
    """The text of a Django model's own ``class Meta`` (empty without one): not that of a
    model a test method of the class defines."""
    own = f"{cls.qualified_name}.Meta"
    for inner in result.classes:
        if inner.qualified_name == own:
            return _class_text(inner, lines)
    return ""


def _class_text(cls: Class, lines: list[str]) -> str:
    return "\n".join(lines[cls.line - 1 : cls.end_line])


def _django_app(path: str) -> str | None:
    """The app a model's module is in, by Django's rule (the package holding ``models``, or
    the module's own package for a model defined elsewhere: ``tests/test_filters.py``)."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[-2] == "models":
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else None


def _django(path: str, result: ParseResult, lines: list[str]) -> Iterator[BoundaryRow]:
    models: set[str] = set()
    abstract: dict[str, list[str]] = {}  # the file's abstract models and their fields
    tables: dict[str, str] = {}  # the file's concrete models and their tables
    app = _django_app(path)
    imported = _imported_names(result)
    from_models = _from_models_modules(result)
    in_models = posixpath.basename(path) == "models.py" or "/models/" in f"/{path}"
    for cls in result.classes:
        if cls.qualified_name != cls.name:
            continue
        own = _body_statements(_own_lines(result, cls, lines))
        fields = [m.group("name") for line in own if (m := _DJANGO_FIELD.match(line)) is not None]
        # The options are ``Meta``'s: a field's ``db_table=`` names its join table.
        text = _meta_text(result, cls, lines)
        if not any(base in _DJANGO_BASES or base in models for base in cls.bases) and not (
            # A model on an imported base (another file's abstract model, a custom ``User``):
            # with fields of its own in a models module or on a base imported from one (DRF's
            # tests on ``tests.models``' ``RESTFrameworkModel``), or with a model's ``Meta``
            # (not a form's or serializer's; a query expression's ``output_field`` is no field).
            any(_base_name(base) in imported for base in cls.bases)
            and (
                (
                    fields
                    and "output_field" not in fields
                    and (in_models or any(_base_name(b) in from_models for b in cls.bases))
                )
                or (_MODEL_META.search(text) and not _FORM_META.search(text))
            )
        ):
            continue
        models.add(cls.name)
        inherited = [name for base in cls.bases for name in abstract.get(base, ())]
        fields = inherited + fields
        explicit = _DB_TABLE.search(text)
        label = _APP_LABEL.search(text)
        owner = label.group("app") if label is not None else app
        parent = next((tables[b] for b in cls.bases if b in tables), None)
        if _ABSTRACT_MODEL.search(text) is not None:
            abstract[cls.name] = fields
            table: str | None = None
        elif explicit is not None:
            table = explicit.group("table")
        elif _PROXY_MODEL.search(text) is not None:
            # A proxy model reads and writes its parent's table (unknown for another file's).
            table = parent
        else:
            table = f"{owner}_{cls.name.lower()}" if owner else cls.name.lower()
        if table is not None:
            tables[cls.name] = table
        yield from _model_rows(
            path, DJANGO, model=cls.name, table=table, fields=fields, confidence=0.95
        )


def _sqlalchemy(
    path: str, result: ParseResult, text: str, lines: list[str]
) -> Iterator[BoundaryRow]:
    bases = set(_SA_BASES) | {m.group("name") for m in _SA_BASE_FACTORY.finditer(text)}
    for cls in result.classes:
        if any(base in _SA_DECLARATIVE for base in cls.bases):
            bases.add(cls.name)
    sqlmodel = _sqlmodel_classes(result, lines) if _imports(result, "sqlmodel") else set()
    classes = {cls.name for cls in result.classes}
    flask = _imports(result, "flask_sqlalchemy")
    tables: dict[str, str | None] = {}  # the file's models so far, and their tables
    abstract: dict[str, list[str]] = {}  # ``__abstract__ = True`` bases and their columns
    mixins: dict[str, list[str]] = {}  # plain classes of columns (``TimestampMixin``)
    for cls in result.classes:
        if any(b in _SA_DECLARATIVE for b in cls.bases):
            continue  # the declarative base itself (a model may sit in a function: tests)
        if cls.name in sqlmodel:
            continue
        table: str | None = None
        fields: list[str] = [
            name for base in cls.bases for name in (*abstract.get(base, ()), *mixins.get(base, ()))
        ]
        is_abstract = own_key = False
        for line in _own_lines(result, cls, lines):
            if (named := _SA_TABLENAME.match(line)) is not None:
                table = named.group("table")
            elif _SA_ABSTRACT.match(line) is not None:
                is_abstract = True
            elif (column := _SA_COLUMN.match(line)) is not None:
                fields.append(column.group("name"))
                own_key = own_key or "primary_key=True" in line
            elif (mapped := _SA_MAPPED.match(line)) is not None and not _sa_relationship(
                mapped.group("type"), classes
            ):
                fields.append(mapped.group("name"))
                own_key = own_key or "primary_key=True" in line
        derives = any(base in bases or base in abstract for base in cls.bases)
        if is_abstract:
            # A base of columns for its subclasses' tables, no table itself (Django's
            # abstract models likewise).
            abstract[cls.name] = fields
            continue
        parent = next((base for base in cls.bases if base in tables), None)
        if table is None and flask and (parent is None or own_key) and (derives or parent):
            # Flask-SQLAlchemy names the table of a model with a key of its own after the
            # class, in snake_case (joined-table inheritance included).
            table = snake_case(cls.name)
        if table is None and parent is not None:
            # Single-table inheritance: a subclass of a model without a table of its own adds
            # its columns to its parent's (``class Manager(Employee)``).
            table = tables[parent]
        derives = derives or parent is not None
        if table is None and not derives and fields:
            # A mixin of columns (``class TimestampMixin: created = Column(DateTime)``): no
            # model, but its columns are its models' (SQLAlchemy copies them into each table).
            mixins[cls.name] = fields
            continue
        if table is None and not (derives and fields):
            continue
        tables[cls.name] = table
        confidence = 0.95 if table is not None else 0.8
        yield from _model_rows(
            path, SQLALCHEMY, model=cls.name, table=table, fields=fields, confidence=confidence
        )


def _sa_relationship(written: str, classes: set[str]) -> bool:
    """Whether a bare ``Mapped[written]`` annotation maps a relationship."""
    inner = written.strip()
    if _SA_COLLECTION.match(inner) or inner.startswith(("'", '"')):
        return True
    optional = inner.removeprefix("Optional[").removesuffix("]").strip()
    if optional.startswith(("'", '"')):
        return True
    return optional.split("|", 1)[0].strip() in classes


def _sqlmodel_fields(result: ParseResult, cls: Class, lines: list[str]) -> list[str]:
    fields = []
    for line in _own_lines(result, cls, lines):
        field = _ANNOTATED.match(line)
        if field is None or field.group("name") == "model_config":
            continue
        if field.group("annotation").startswith(("ClassVar", "typing.ClassVar")):
            continue
        if _NOT_COLUMN_VALUE.match(field.group("value") or ""):
            continue
        fields.append(field.group("name"))
    return fields


def _sqlmodel(path: str, result: ParseResult, lines: list[str]) -> Iterator[BoundaryRow]:
    fields_of: dict[str, list[str]] = {}  # every SQLModel class of the file, table or not
    for cls in result.classes:
        if cls.qualified_name != cls.name:
            continue
        is_table = _is_sqlmodel_table(cls, lines)
        if not is_table and not any(
            base in _SQLMODEL_BASES or base in fields_of for base in cls.bases
        ):
            continue
        inherited = [name for base in cls.bases for name in fields_of.get(base, ())]
        fields = inherited + _sqlmodel_fields(result, cls, lines)
        fields_of[cls.name] = fields
        if not is_table:
            continue  # a data schema, not a table
        table = cls.name.lower()
        for line in _own_lines(result, cls, lines):
            if (named := _SA_TABLENAME.match(line)) is not None:
                table = named.group("table")
        yield from _model_rows(
            path, SQLMODEL, model=cls.name, table=table, fields=fields, confidence=0.95
        )


def _is_sqlmodel_table(cls: Class, lines: list[str]) -> bool:
    """Whether a class says ``table=True`` among its class arguments: SQLModel's table, even
    when the base it derives from is another file's (``class User(UserBase, table=True)``)."""
    header = _CLASS_ARGUMENTS.search(_class_text(cls, lines))
    return header is not None and _TABLE_TRUE.search(header.group("arguments")) is not None


def _sqlmodel_classes(result: ParseResult, lines: list[str]) -> set[str]:
    found: set[str] = set()
    for cls in result.classes:
        if any(base in _SQLMODEL_BASES or base in found for base in cls.bases) or (
            _is_sqlmodel_table(cls, lines)
        ):
            found.add(cls.name)
    return found


def _typeorm_fields(cls: Class, lines: list[str]) -> list[str]:
    """Property names declared under a column decorator inside the class body."""
    fields: list[str] = []
    pending = False
    depth = 0
    for number in range(cls.line + 1, min(cls.end_line, len(lines)) + 1):
        line = lines[number - 1]
        decorator = _TYPEORM_COLUMN.search(line)
        if decorator is not None:
            pending = True
            rest = line[decorator.end() :]
            depth = rest.count("(") - rest.count(")")
            line = rest[rest.rfind(")") + 1 :] if depth == 0 and ")" in rest else ""
        elif pending and depth > 0:
            depth += line.count("(") - line.count(")")
            line = line[line.rfind(")") + 1 :] if depth <= 0 else ""
            depth = max(depth, 0)
        if not pending or depth > 0:
            continue
        code = line.strip()
        if not code or code.startswith("@"):
            continue
        prop = _TS_PROPERTY.match(line)
        if prop is not None:
            fields.append(prop.group("name"))
        pending = False
    return fields


def _typeorm(path: str, result: ParseResult, lines: list[str]) -> Iterator[BoundaryRow]:
    classes = {cls.name: cls for cls in result.classes if cls.qualified_name == cls.name}
    own: dict[str, list[str]] = {}  # the column fields each class of the file declares
    tables: dict[str, str] = {}  # the file's entities and their tables

    def fields_of(cls: Class, seen: frozenset[str]) -> list[str]:
        """The class's columns after those of its bases in the file (an abstract base's
        ``@Column``s are the entity's: TypeORM's concrete table inheritance)."""
        if cls.name not in own:
            own[cls.name] = _typeorm_fields(cls, lines)
        inherited = [
            name
            for base in cls.bases
            if (parent := classes.get(base)) is not None and base not in seen
            for name in fields_of(parent, seen | {base})
        ]
        return inherited + own[cls.name]

    for cls in result.classes:
        entity = next((d for d in cls.decorators if d.name in _TYPEORM_ENTITIES), None)
        if entity is None:
            continue
        if entity.name == "ChildEntity":
            # Single-table inheritance: the child's columns go to its parent entity's table.
            parent = next((tables[base] for base in cls.bases if base in tables), None)
            table = parent if parent is not None else snake_case(cls.name)
        else:
            named = _ENTITY_NAME.match(entity.arguments or "")
            table = (
                (named.group("plain") or named.group("named")) if named else snake_case(cls.name)
            )
        tables[cls.name] = table
        fields = fields_of(cls, frozenset({cls.name}))
        yield from _model_rows(
            path, TYPEORM, model=cls.name, table=table, fields=fields, confidence=0.95
        )


_TYPEORM_ENTITIES = frozenset({"Entity", "ChildEntity"})

_GORM_MODEL_FIELDS = ("ID", "CreatedAt", "UpdatedAt", "DeletedAt")
_GORM_FIELD = re.compile(
    r"^\s*(?P<names>[A-Z]\w*(?:\s*,\s*[A-Z]\w*)*)\s+(?P<type>[^\s`]+)(?:\s+`(?P<tag>[^`]*)`)?"
)
_GORM_TABLE_NAME = re.compile(
    r"func\s*\(\s*(?:\w+\s+)?\*?(?P<model>\w+)\s*\)\s*TableName\(\)\s*string\s*\{\s*"
    r"return\s*\"(?P<table>[^\"]+)\""
)
_GORM_RELATION_TAG = re.compile(r"gorm:\"[^\"]*(?:foreignKey|many2many|references)")


def _gorm(path: str, result: ParseResult, text: str, lines: list[str]) -> Iterator[BoundaryRow]:
    structs = [cls for cls in result.classes if cls.kind == "struct"]
    names = {cls.name for cls in structs}
    tables = {m.group("model"): m.group("table") for m in _GORM_TABLE_NAME.finditer(text)}
    for cls in structs:
        body = lines[cls.line : max(cls.line, cls.end_line - 1)]
        embeds_model = any(base.lstrip("*") in {"gorm.Model", "Model"} for base in cls.bases)
        if not embeds_model and not any('gorm:"' in line for line in body):
            continue
        fields: list[str] = list(_GORM_MODEL_FIELDS) if embeds_model else []
        for line in body:
            found = _GORM_FIELD.match(line)
            if found is None:
                continue
            tag = found.group("tag") or ""
            kind = found.group("type").lstrip("*")
            if 'gorm:"-' in tag or _GORM_RELATION_TAG.search(tag):
                continue  # not a column (``gorm:"-"``) or a relation's
            if kind.startswith("[]") or kind in names:
                continue  # has-many and belongs-to relations: another model's rows
            fields.extend(name.strip() for name in found.group("names").split(","))
        table = tables.get(cls.name) or plural(snake_case(cls.name))
        confidence = 0.95 if cls.name in tables else 0.85
        yield from _model_rows(
            path, GORM, model=cls.name, table=table, fields=fields, confidence=confidence
        )


_JPA_NOT_COLUMNS = frozenset({"Transient", "OneToMany", "ManyToOne", "OneToOne", "ManyToMany"})
_JAVA_ANNOTATION = re.compile(r"@(?:[\w.]+\.)?(?P<name>\w+)(?:\s*\([^()]*\))?")
_JAVA_FIELD = re.compile(
    r"^(?P<modifiers>(?:(?:public|protected|private|static|final|transient|volatile)\s+)*)"
    r"[\w.$]+(?:\s*<[^;=()]*>)?(?:\s*\[\s*\])*\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?:=[^;]*)?;"
)
_TABLE_NAME = re.compile(r"\bname\s*=\s*\"(?P<name>[^\"]+)\"")


def _jpa_fields(cls: Class, lines: list[str]) -> list[str]:
    """The entity's column fields: declarations directly in the class body (not in a method or
    a nested class), with their annotations on the lines above or in front of them."""
    fields: list[str] = []
    annotations: set[str] = set()
    depth = 0
    for number in range(cls.line, min(cls.end_line, len(lines)) + 1):
        line = lines[number - 1]
        code = line.split("//", 1)[0].strip()
        at_top = depth == 1
        depth += code.count("{") - code.count("}")
        if not at_top or not code:
            continue
        annotations.update(m.group("name") for m in _JAVA_ANNOTATION.finditer(code))
        declaration = _JAVA_ANNOTATION.sub("", code).strip()
        if not declaration:
            continue  # annotations alone: they belong to the next declaration
        field = _JAVA_FIELD.match(declaration)
        modifiers = field.group("modifiers").split() if field else []
        if (
            field is not None
            and "static" not in modifiers
            and "transient" not in modifiers
            and not annotations & _JPA_NOT_COLUMNS
        ):
            fields.append(field.group("name"))
        annotations = set()
    return fields


def _jpa(path: str, result: ParseResult, lines: list[str]) -> Iterator[BoundaryRow]:
    for cls in result.classes:
        names = {d.name.rsplit(".", 1)[-1]: d for d in cls.decorators}
        if "Entity" not in names:
            continue
        table_annotation = names.get("Table")
        named = _TABLE_NAME.search(table_annotation.arguments or "") if table_annotation else None
        table = named.group("name") if named else cls.name
        yield from _model_rows(
            path, JPA, model=cls.name, table=table, fields=_jpa_fields(cls, lines), confidence=0.95
        )


def _js_literal_models(path: str, result: ParseResult, text: str) -> Iterator[BoundaryRow]:
    found: list[tuple[str, tuple[str, str | None, list[str]]]] = []
    if _imports(result, "mongoose"):
        found.extend((MONGOOSE, model) for model in mongoose_models(text))
    if _imports(result, "sequelize"):
        found.extend((SEQUELIZE, model) for model in sequelize_models(text))
    for framework, (model, table, fields) in found:
        yield from _model_rows(
            path, framework, model=model, table=table, fields=fields, confidence=0.9
        )


def _code_lines(text: str, language: str) -> list[str]:
    """The text's lines, with those inside a string blanked: a docstring's example model
    (``class User(Base): email = Column(…)``, SQLAlchemy-Utils' types) declares nothing."""
    lines = text.split("\n")
    if '"""' not in text and "'''" not in text and "`" not in text:
        return lines  # no string spans lines (a quoted one ends with its line)
    spans = ProseSpans(text, language)
    offset = 0
    for number, line in enumerate(lines):
        start = offset + len(line) - len(line.lstrip())
        if line.strip() and spans.comment_at(start) is False and spans.covers(start):
            lines[number] = ""
        offset += len(line) + 1
    return lines


def boundaries(path: str, result: ParseResult | None, text: str) -> tuple[BoundaryRow, ...]:
    """The data boundaries (models and fields) one file declares, in source order."""
    if is_prisma_schema(path):
        return prisma_boundaries(path, text)
    if result is None:
        return ()
    rows: list[BoundaryRow] = []
    if result.language in {"typescript", "javascript"}:
        # Declared in object literals, often in a file without a class.
        rows.extend(_js_literal_models(path, result, text))
    if not result.classes:
        return tuple(rows)
    # Blanking strings costs a pass over the text: only a file that uses an ORM pays it.
    if result.language == "python":
        django = _imports(result, "django")
        alchemy = _imports(result, "sqlalchemy", "flask_sqlalchemy", "sqlmodel")
        sqlmodel = _imports(result, "sqlmodel")
        if django or alchemy or sqlmodel:
            lines = _code_lines(text, result.language)
            if django:
                rows.extend(_django(path, result, lines))
            if alchemy:
                rows.extend(_sqlalchemy(path, result, "\n".join(lines), lines))
            if sqlmodel:
                rows.extend(_sqlmodel(path, result, lines))
    elif result.language in {"typescript", "javascript"} and _imports(result, "typeorm"):
        rows.extend(_typeorm(path, result, _code_lines(text, result.language)))
    elif result.language == "java" and _imports(result, "javax.persistence", "jakarta.persistence"):
        rows.extend(_jpa(path, result, _code_lines(text, result.language)))
    elif result.language == "go" and ("gorm" in text):
        rows.extend(_gorm(path, result, text, _code_lines(text, result.language)))
    return tuple(rows)
